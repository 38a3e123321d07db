import { TEST_LIMITS } from '../../../test/limits.js';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type DatabasePool } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { importFlowFile } from '../../application/import-flow-file.js';
import type { RecordedEvent } from '../../domain/event-store/event-store.js';
import type { Database } from '../../infrastructure/db/database.js';
import type { PostgresEventStore } from '../../infrastructure/event-store/postgres/postgres-event-store.js';
import { openFlowFile } from '../../infrastructure/files/flow-file.js';
import { eventStoreOn, TEST_DATABASES } from '../../../test/databases.js';
import { ArrayEventStore } from '../../../test/array-event-store.js';
import { EXPECTED, samplePath } from '../../../test/samples.js';
import { ProjectionRunner, ProjectionStoppedError, RebuildRunningError } from '../runner.js';
import { findReadings, getFile, getMeter, getMeterPoint, listFiles, readingVersions } from './read-model.queries.js';
import { applyReadModelEvents } from './read-model.projection.js';
import {
  createReadModelTables,
  physicalName,
  READ_MODEL_TABLES,
  READ_MODEL_VERSION,
  tableOf,
} from './read-model.schema.js';
import { eventsTableSource } from '../../infrastructure/event-store/postgres/postgres-event-store.js';
import { storeEventSource } from '../event-source.js';

const work = mkdtempSync(join(tmpdir(), 'nem-projection-'));

/** Every row of every read-model table of a generation, in a stable order, as JSON text. */
async function snapshot(pool: DatabasePool, generation: number): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of READ_MODEL_TABLES) {
    out[table] = [
      ...(await pool.anyFirst(sql.type(z.object({ row: z.string() }))`
        SELECT row_to_json(t)::text AS row FROM ${tableOf(table, generation)} t ORDER BY row_to_json(t)::text`)),
    ];
  }
  return out;
}

async function allEvents(store: PostgresEventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const last = events.at(-1);
    const batch = await store.readAll({ ...(last === undefined ? {} : { after: last.position }), maxCount: 1000 });
    if (batch.length === 0) return events;
    events.push(...batch);
  }
}

/** The challenge sample with one read sent again: another current read and quality, a later UpdateDateTime. */
function correctedChallenge(): string {
  const original = readFileSync(samplePath('challenge-sample.csv'), 'utf8').split('\n');
  const fields = (original[1] ?? '').split(',');
  fields[13] = '56320.0';
  fields[15] = 'S61';
  fields[16] = '45';
  fields[18] = '427.0';
  fields[21] = '20040201120000';
  const path = join(work, 'challenge-corrected.csv');
  writeFileSync(path, [original[0], fields.join(','), '900'].join('\n'));
  return path;
}

describe.each(TEST_DATABASES)('the read model on $name', (target) => {
  let database: Database;
  let store: PostgresEventStore;
  let runner: ProjectionRunner;
  const importPath = (path: string) => importFlowFile(store, () => openFlowFile(path, TEST_LIMITS), { channel: 'cli' });

  beforeAll(async () => {
    database = await target.open();
    store = eventStoreOn(database);
    runner = new ProjectionRunner(database.pool, store, eventsTableSource());
    for (const expected of EXPECTED) await importPath(samplePath(expected.file));
    await importPath(samplePath('malformed/handcopied-spec-example-nem13-meter-change.csv'));
    await runner.catchUp();
  });
  afterAll(async () => {
    await store.close();
    await database.close();
  });

  it('finds the challenge sample readings by NMI with exact values and +10:00 times', async () => {
    const challenge = EXPECTED.find((f) => f.file === 'challenge-sample.csv');
    for (const record of challenge?.records ?? []) {
      const page = await findReadings(database.pool, { nmi: record.nmi, limit: 50 });
      const found = page.items.find((r) => r.registerId === record.register_id && r.meterSerial === record.serial);
      expect(found).toMatchObject({
        currentRead: record.cur_read,
        previousRead: record.prev_read,
        quantity: record.quantity,
        uom: 'kWh',
        fileName: 'challenge-sample.csv',
        superseded: false,
      });
      const digits = record.cur_dt;
      expect(found?.currentReadAt).toBe(
        `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}T${digits.slice(8, 10)}:${digits.slice(10, 12)}:${digits.slice(12, 14)}+10:00`,
      );
    }
  });

  it('finds a meter with two registers by serial, and its meter point', async () => {
    const page = await findReadings(database.pool, { serial: 'PSMIL89KM79J', limit: 50 });
    expect(page.items.map((r) => [r.registerId, r.nmiSuffix, r.currentRead]).sort()).toEqual([
      ['1', '41', '182615.0'],
      ['2', '11', '131113.0'],
    ]);
    const point = await getMeterPoint(database.pool, '5787326565');
    expect(point).toMatchObject({ nmiConfiguration: '1141', meterSerials: ['PSMIL89KM79J'] });
    expect(point?.registers.map((r) => r.registerId)).toEqual(['2', '1']);
    expect(point?.latestReadings).toHaveLength(2);
    const meter = await getMeter(database.pool, 'PSMIL89KM79J');
    expect(meter?.nmis).toEqual(['5787326565']);
  });

  it('pages newest first with a keyset cursor, and filters by date range and prefix', async () => {
    const all = await findReadings(database.pool, { nmi: 'NEM1316101', limit: 10 });
    expect(all.items.map((r) => r.currentReadAt)).toEqual([
      '2004-09-23T00:00:01+10:00',
      '2004-08-24T00:00:01+10:00',
      '2004-07-23T00:00:01+10:00',
    ]);
    const first = await findReadings(database.pool, { nmi: 'NEM1316101', limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await findReadings(database.pool, { nmi: 'NEM1316101', limit: 2, cursor: first.nextCursor ?? '' });
    expect(second.items.map((r) => r.currentReadAt)).toEqual(['2004-07-23T00:00:01+10:00']);
    expect(second.nextCursor).toBeNull();
    const august = await findReadings(database.pool, {
      nmi: 'NEM1316101',
      from: new Date('2004-08-01T00:00:00+10:00'),
      to: new Date('2004-09-01T00:00:00+10:00'),
      limit: 10,
    });
    expect(august.items.map((r) => r.currentReadAt)).toEqual(['2004-08-24T00:00:01+10:00']);
    const prefix = await findReadings(database.pool, { nmi: 'NEM13161', prefix: true, limit: 100 });
    expect(new Set(prefix.items.map((r) => r.nmi))).toEqual(
      new Set(['NEM1316101', 'NEM1316102', 'NEM1316103', 'NEM1316107', 'NEM1316109', 'NEM1316111']),
    );
    // A prefix search comes by NMI, then newest first (the index's order), and pages through all of it.
    const byKey = prefix.items.map((r) => [r.nmi, r.currentReadAt, r.importPosition, r.line]);
    expect(byKey).toEqual(
      [...byKey].sort((a, b) =>
        a[0] !== b[0] ? String(a[0]).localeCompare(String(b[0])) : Date.parse(String(b[1])) - Date.parse(String(a[1])),
      ),
    );
    const paged: unknown[] = [];
    let cursor: string | undefined;
    do {
      const page = await findReadings(database.pool, {
        nmi: 'NEM13161',
        prefix: true,
        limit: 4,
        ...(cursor === undefined ? {} : { cursor }),
      });
      paged.push(...page.items.map((r) => [r.nmi, r.currentReadAt, r.importPosition, r.line]));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(paged).toEqual(byKey);
  });

  it('lists files with status, counts and errors; a rejected file has its error lines and no readings', async () => {
    const rejected = await listFiles(database.pool, { status: 'rejected', limit: 10 });
    expect(rejected.items.map((f) => f.fileName)).toEqual(['handcopied-spec-example-nem13-meter-change.csv']);
    const file = await getFile(database.pool, 'handcopied-spec-example-nem13-meter-change.csv');
    expect(file?.errors).toEqual([expect.objectContaining({ line: 4, field: 'Quantity', code: 'NEM13_BAD_NUMBER' })]);
    expect(file?.warningCount).toBe(12);
    expect(file?.lines).toBe(10);
    expect((await findReadings(database.pool, { nmi: 'NABC001492', limit: 10 })).items).toEqual([]);
    const imported = await listFiles(database.pool, { status: 'imported', limit: 100 });
    expect(imported.items).toHaveLength(EXPECTED.length);
    const byId = await getFile(database.pool, file?.fileId.slice(0, 10) ?? '');
    expect(byId?.fileName).toBe(file?.fileName);
  });

  it('shows readings only once their file is imported', async () => {
    const path = join(work, `half-${target.name}.csv`);
    writeFileSync(
      path,
      readFileSync(samplePath('aemo-spec-example-nem13-consumption-data.csv'), 'utf8').replace(
        'VABC005890',
        'VABC005891',
      ),
    );
    const report = await importFlowFile(store, () => openFlowFile(path, TEST_LIMITS), { channel: 'cli' });
    // Remove the closing event: the state of an import that died before FileImported.
    await database.pool.query(
      sql.unsafe`DELETE FROM nem_events WHERE stream_id = (SELECT stream_id FROM nem_streams WHERE stream_name = ${`nem13File-${report.sha256}`}) AND event_type = 'FileImported'`,
    );
    await runner.catchUp();
    expect((await findReadings(database.pool, { nmi: 'VABC005891', limit: 10 })).items).toEqual([]);
    expect((await getFile(database.pool, report.sha256 ?? ''))?.status).toBe('receiving');
    await importPath(path);
    await runner.catchUp();
    expect((await findReadings(database.pool, { nmi: 'VABC005891', limit: 10 })).items).toHaveLength(1);
  });

  it('lets a corrected read supersede the earlier one, which stays visible as superseded', async () => {
    await importPath(correctedChallenge());
    await runner.catchUp();
    const current = await findReadings(database.pool, { nmi: '2291137510', limit: 10 });
    expect(current.items.map((r) => [r.currentRead, r.currentQuality, r.fileName])).toEqual([
      ['56320.0', 'S61', 'challenge-corrected.csv'],
    ]);
    const withHistory = await findReadings(database.pool, { nmi: '2291137510', includeSuperseded: true, limit: 10 });
    expect(withHistory.items.map((r) => [r.currentRead, r.superseded, r.corrected, r.fileName])).toEqual([
      ['56320.0', false, true, 'challenge-corrected.csv'],
      ['56311.0', true, true, 'challenge-sample.csv'],
    ]);
    // A read sent once is not marked corrected.
    const other = await findReadings(database.pool, { nmi: '5787326565', limit: 10 });
    expect(other.items.every((r) => !r.corrected)).toBe(true);
    const versions = await readingVersions(database.pool, {
      nmi: '2291137510',
      nmiSuffix: '11',
      registerId: '1',
      meterSerial: 'R4ZFLS6ZY1UV',
      currentReadAt: '2004-01-07T10:03:33+10:00',
    });
    expect(versions.map((v) => v.currentRead)).toEqual(['56320.0', '56311.0']);
  });

  it("sets work_mem for the projection's transaction only", async () => {
    const show = () => database.pool.oneFirst(sql.type(z.object({ work_mem: z.string() }))`SHOW work_mem`);
    const before = await show();
    const status = await runner.status();
    const events = await allEvents(store);
    await database.pool.transaction(async (tx) => {
      await applyReadModelEvents(tx, events, {
        generation: status.generation,
        events: eventsTableSource(),
      });
      expect(await tx.oneFirst(sql.type(z.object({ work_mem: z.string() }))`SHOW work_mem`)).toBe('64MB');
    });
    expect(await show()).toBe(before);
    expect(before).not.toBe('64MB');
  });

  it('gives the same rows when the same events are applied twice', async () => {
    const status = await runner.status();
    const before = await snapshot(database.pool, status.generation);
    const events = await allEvents(store);
    await database.pool.transaction(async (tx) => {
      await applyReadModelEvents(tx, events, { generation: status.generation, events: eventsTableSource() });
    });
    expect(await snapshot(database.pool, status.generation)).toEqual(before);
  });

  it('builds the same rows from events read through a store elsewhere (as with EventStoreDB)', async () => {
    // The events, copied into a store that is not this database: the path EventStoreDB takes.
    const elsewhere = new ArrayEventStore(await allEvents(store));
    await createReadModelTables(database.pool, 90);
    const events = await elsewhere.readAll({ maxCount: 1_000_000 });
    await database.pool.transaction(async (tx) => {
      await applyReadModelEvents(tx, events, { generation: 90, events: storeEventSource(elsewhere) });
    });
    const live = await snapshot(database.pool, (await runner.status()).generation);
    expect(await snapshot(database.pool, 90)).toEqual(live);
  });

  it('rebuilds into new tables identical to the live ones, then switches to them', async () => {
    const before = await runner.status();
    const live = await snapshot(database.pool, before.generation);
    const rebuilt = await runner.rebuild({ batchSize: 37 });
    expect(rebuilt.generation).toBe(before.generation + 1);
    expect(rebuilt.checkpoint).toBe(before.checkpoint);
    expect(await snapshot(database.pool, rebuilt.generation)).toEqual(live);
    const oldTable = await database.pool.maybeOneFirst(sql.type(z.object({ name: z.string().nullable() }))`
      SELECT to_regclass(${physicalName('register_reads', before.generation)})::text AS name`);
    expect(oldTable).toBeNull();
    expect((await findReadings(database.pool, { nmi: '2291137510', limit: 10 })).items).toHaveLength(1);
  });

  it('resumes a rebuild whose process died where it stopped, and refuses one while another process rebuilds', async () => {
    const before = await runner.status();
    const live = await snapshot(database.pool, before.generation);
    // A rebuild stopped at a batch boundary after its first batch...
    const stop = new AbortController();
    let first: number | null = null;
    await expect(
      runner.rebuild({
        batchSize: 3,
        signal: stop.signal,
        onStart: (start) => (first = start.generation),
        onProgress: () => stop.abort(),
      }),
    ).rejects.toBeInstanceOf(ProjectionStoppedError);
    expect(first).toBe(before.generation + 1);
    // ... and whose process is then gone (a pid that no longer runs on this host).
    const gone = `${hostname().replace(/[^A-Za-z0-9-]/g, '_')}.${spawnSync(process.execPath, ['-e', '0']).pid}.0badc0de`;
    await database.pool.query(sql.unsafe`UPDATE projection_state SET builder = ${gone} WHERE NOT active`);
    const interrupted = await runner.interruptedRebuild();
    expect(interrupted).toMatchObject({ generation: first, builder: gone });
    expect(interrupted?.position).not.toBeNull();
    expect((await runner.status()).generation).toBe(before.generation);

    // Another live process rebuilding: refused, not doubled.
    const alive = `${hostname().replace(/[^A-Za-z0-9-]/g, '_')}.${process.ppid}.0badc0de`;
    await database.pool.query(sql.unsafe`UPDATE projection_state SET builder = ${alive} WHERE NOT active`);
    expect(await runner.rebuildElsewhere()).toEqual({ generation: first, builder: alive });
    await expect(runner.rebuild()).rejects.toBeInstanceOf(RebuildRunningError);

    await database.pool.query(sql.unsafe`UPDATE projection_state SET builder = ${gone} WHERE NOT active`);
    let resumed: unknown = null;
    const rebuilt = await runner.rebuild({ onStart: (start) => (resumed = start.resumed) });
    expect(resumed).toEqual({ builder: gone, position: interrupted?.position });
    expect(rebuilt.generation).toBe(first);
    expect(await snapshot(database.pool, rebuilt.generation)).toEqual(live);
    // The serial search index, left out while the generation filled, is there once it serves.
    const serialIndex = await database.pool.oneFirst(sql.type(z.object({ name: z.string().nullable() }))`
      SELECT to_regclass(${`reads_serial_v${READ_MODEL_VERSION}_g${rebuilt.generation}`})::text AS name`);
    expect(serialIndex).not.toBeNull();
    expect(await runner.interruptedRebuild()).toBeNull();
    const states = await database.pool.any(
      sql.type(z.object({ generation: z.number(), active: z.boolean(), builder: z.string().nullable() }))`
        SELECT generation, active, builder FROM projection_state ORDER BY generation`,
    );
    expect(states).toEqual([{ generation: first, active: true, builder: null }]);
  });
});
