import { sql, type DatabasePool } from 'slonik';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eventStoreOn, TEST_DATABASES } from '../../../test/databases.js';
import { TEST_LIMITS } from '../../../test/limits.js';
import { nem12SamplePath, samplePath } from '../../../test/samples.js';
import { importFlowFile } from '../../application/import-flow-file.js';
import type { EventStore, RecordedEvent } from '../../domain/event-store/event-store.js';
import { ProjectionRunner } from '../../projections/runner.js';
import { READ_MODEL_TABLES, tableOf } from '../../projections/read-model/read-model.schema.js';
import { openFlowFile } from '../files/flow-file.js';
import { migrate } from './migrations.js';
import { verifyAudit } from '../../application/audit-verify.js';
import { FILE_STREAM_CATEGORIES } from '../../domain/events/file-events.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventsTableSource } from '../event-store/postgres/postgres-event-store.js';

const BEFORE_STREAM_IDS = '010-events-file-level-index';

/** An accepted NEM13 file, an accepted NEM12 file and a rejected one: every kind of stream. */
const FILES = [
  samplePath('challenge-sample.csv'),
  nem12SamplePath('examples/Example_NEM12_multiple_quality.csv'),
  samplePath('malformed/handcopied-spec-example-nem13-meter-change.csv'),
];

async function importAll(store: EventStore, paths: readonly string[]): Promise<void> {
  for (const path of paths) await importFlowFile(store, () => openFlowFile(path, TEST_LIMITS), { channel: 'cli' });
}

async function allEvents(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const last = events.at(-1);
    const batch = await store.readAll({ ...(last === undefined ? {} : { after: last.position }), maxCount: 7 });
    if (batch.length === 0) return events;
    events.push(...batch);
  }
}

/** Every row of the live read model, in a stable order. */
async function readModelRows(pool: DatabasePool, runner: ProjectionRunner): Promise<Record<string, string[]>> {
  const { generation } = await runner.status();
  const rows: Record<string, string[]> = {};
  for (const table of READ_MODEL_TABLES) {
    rows[table] = [
      ...(await pool.anyFirst(sql.type(z.object({ row: z.string() }))`
        SELECT row_to_json(t)::text AS row FROM ${tableOf(table, generation)} t ORDER BY 1`)),
    ];
  }
  return rows;
}

describe.each(TEST_DATABASES)('migration 011, stream ids ($name)', (target) => {
  it('keeps every event of a database written before it (streams, revisions, positions, ids, data, times), and appends and projections go on from them', async () => {
    const reference = await target.open();
    const before = await target.open({ schemaThrough: BEFORE_STREAM_IDS });
    try {
      const referenceStore = eventStoreOn(reference);
      await importAll(referenceStore, FILES);
      const events = await allEvents(referenceStore);
      expect(new Set(events.map((event) => event.streamName)).size).toBe(FILES.length);

      // The same events as the schema before migration 011 stored them, each with its stream's name.
      const rows = events.map((event) => ({
        p: event.position.toString(),
        s: event.streamName,
        r: event.revision,
        i: event.id,
        t: event.type,
        d: event.data,
        m: event.metadata,
        at: event.recordedAt,
      }));
      await before.pool.query(sql.unsafe`
        INSERT INTO nem_events (position, stream_name, stream_revision, event_id, event_type, data, metadata, recorded_at)
        SELECT p, s, r, i, t, d, m, at
        FROM json_to_recordset(${JSON.stringify(rows)}::json)
          AS x(p int8, s text, r int4, i uuid, t text, d jsonb, m jsonb, at timestamptz)`);
      await before.pool.query(
        sql.unsafe`SELECT setval('nem_events_position_seq', (SELECT max(position) FROM nem_events))`,
      );

      expect(await migrate(before.pool)).toEqual(['011-stream-ids', '012-nem12-stream-names']);
      expect(await migrate(before.pool)).toEqual([]);
      const migratedStore = eventStoreOn(before);
      expect(await allEvents(migratedStore)).toEqual(events);
      for (const name of new Set(events.map((event) => event.streamName))) {
        const stream: RecordedEvent[] = [];
        for await (const event of migratedStore.readStream(name)) stream.push(event);
        expect(stream).toEqual(events.filter((event) => event.streamName === name));
        expect(await migratedStore.lastEvent(name)).toEqual(stream.at(-1));
      }
      const streamIds = await before.pool.anyFirst(sql.type(z.object({ name: z.string() }))`
        SELECT stream_name AS name FROM nem_streams ORDER BY stream_id`);
      expect(streamIds).toEqual([...new Set(events.map((event) => event.streamName))]);

      // The read model built from the migrated events is the one built from the events as written.
      const referenceRunner = new ProjectionRunner(reference.pool, referenceStore, eventsTableSource());
      const migratedRunner = new ProjectionRunner(before.pool, migratedStore, eventsTableSource());
      await referenceRunner.catchUp();
      await migratedRunner.catchUp();
      expect((await migratedRunner.status()).lag).toBe(0);
      const migratedRows = await readModelRows(before.pool, migratedRunner);
      expect(migratedRows.register_reads?.length).toBeGreaterThan(0);
      expect(migratedRows.interval_days?.length).toBeGreaterThan(0);
      expect(migratedRows).toEqual(await readModelRows(reference.pool, referenceRunner));

      // Appends go on: the next file's stream gets an id of its own and its positions follow the
      // migrated ones; a file already there is a duplicate; a revision is still written once.
      const next = samplePath('aemo-spec-example-nem13-consumption-data.csv');
      await importAll(referenceStore, [next, FILES[0] ?? '']);
      await importAll(migratedStore, [next, FILES[0] ?? '']);
      const shape = (event: RecordedEvent) => [event.streamName, event.revision, event.position, event.type];
      const after = await allEvents(migratedStore);
      expect(after.length).toBeGreaterThan(events.length);
      expect(after.map(shape)).toEqual((await allEvents(referenceStore)).map(shape));
      expect(
        await before.pool.oneFirst(sql.type(z.object({ count: z.number() }))`
        SELECT count(*)::int AS count FROM nem_streams`),
      ).toBe(FILES.length + 1);
      const first = events[0];
      if (first === undefined) throw new Error('no events');
      await expect(
        migratedStore.append(
          first.streamName,
          [{ id: crypto.randomUUID(), type: 'FileReceived', data: {}, metadata: {} }],
          0,
        ),
      ).rejects.toThrow(/revision/i);
    } finally {
      await reference.close();
      await before.close();
    }
  });
});

describe.each(TEST_DATABASES)('migration 012, NEM12 stream names ($name)', (target) => {
  it('renames the streams of NEM12 files, accepted or rejected, to nem12File-; audits pass and imports go on', async () => {
    const database = await target.open({ schemaThrough: '011-stream-ids' });
    try {
      const store = eventStoreOn(database);
      // A NEM12 file whose 100 is not valid: only its rejection's codes say the NEM12 reader read it.
      const badHeader = join(mkdtempSync(join(tmpdir(), 'nem-migration-012-')), 'bad-header.csv');
      writeFileSync(badHeader, '100,NEM12,2004130,MDA1,RET1\n900\n');
      await importAll(store, [...FILES, badHeader]);
      // As nem wrote them before: every file's stream under nem13File-.
      await database.pool.query(sql.unsafe`
        UPDATE nem_streams SET stream_name = replace(stream_name, ${`${FILE_STREAM_CATEGORIES.NEM12}-`}, ${`${FILE_STREAM_CATEGORIES.NEM13}-`})`);
      const categories = async () =>
        database.pool.anyFirst(sql.type(z.object({ name: z.string() }))`
          SELECT split_part(stream_name, '-', 1) AS name FROM nem_streams ORDER BY stream_id`);
      expect(await categories()).toEqual(['nem13File', 'nem13File', 'nem13File', 'nem13File']);

      expect(await migrate(database.pool)).toEqual(['012-nem12-stream-names']);
      // In import order: the NEM13 sample, the NEM12 one, the rejected NEM13 one, the NEM12 one with a bad 100.
      expect(await categories()).toEqual(['nem13File', 'nem12File', 'nem13File', 'nem12File']);
      const report = await verifyAudit({ store, originals: null });
      expect(report).toMatchObject({ streams: 4, broken: 0 });

      // The same files again are duplicates, found under their new names; the read model has all four.
      for (const path of [...FILES, badHeader]) {
        const again = await importFlowFile(store, () => openFlowFile(path, TEST_LIMITS), { channel: 'cli' });
        expect(again.status).toBe('duplicate');
      }
      const runner = new ProjectionRunner(database.pool, store, eventsTableSource());
      await runner.catchUp();
      expect(
        await database.pool.anyFirst(sql.type(z.object({ status: z.string() }))`
          SELECT status FROM files ORDER BY received_position`),
      ).toEqual(['imported', 'imported', 'rejected', 'rejected']);
    } finally {
      await database.close();
    }
  });
});
