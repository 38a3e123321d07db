/**
 * The read model written by the import itself (inline.ts): current when the import answers, the same
 * rows a rebuild makes from the events, and nothing of a file that failed part-way.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type FragmentSqlToken } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { writeNem12File, writeNem13File } from '../../bench/generate.js';
import { createTestPostgres, TEST_DATABASE_URL, TEST_DATABASES } from '../../test/databases.js';
import { TEST_LIMITS } from '../../test/limits.js';
import { samplePath } from '../../test/samples.js';
import { FileChangedError, importFlowFile } from '../application/import-flow-file.js';
import { UnknownEventVersionError } from '../domain/events/file-events.js';
import { openDatabase, type Database } from '../infrastructure/db/database.js';
import { eventsTableSource, PostgresEventStore } from '../infrastructure/event-store/postgres/postgres-event-store.js';
import { openFlowFile } from '../infrastructure/files/flow-file.js';
import { inlineReadModel } from './inline.js';
import { ProjectionRunner } from './runner.js';

const work = mkdtempSync(join(tmpdir(), 'nem-inline-'));

/** Every row of the read model's views, as JSON, in a fixed order. */
interface ReadModelRows {
  readonly files: readonly unknown[];
  readonly register_reads: readonly unknown[];
  readonly interval_days: readonly unknown[];
  readonly meter_points: readonly unknown[];
  readonly registers: readonly unknown[];
}

async function readModel(database: Database): Promise<ReadModelRows> {
  const dump = async (view: string, order: FragmentSqlToken) =>
    database.pool.anyFirst(
      sql.type(z.object({ row: z.unknown() }))`
        SELECT to_jsonb(t) AS row FROM ${sql.identifier([view])} t ORDER BY ${order}`,
    );
  return {
    files: await dump('files', sql.fragment`file_id`),
    register_reads: await dump('register_reads', sql.fragment`import_position, line`),
    interval_days: await dump('interval_days', sql.fragment`file_id, line`),
    meter_points: await dump('meter_points', sql.fragment`nmi`),
    registers: await dump('registers', sql.fragment`nmi, meter_serial_number, nmi_suffix, register_id`),
  };
}

describe.each(TEST_DATABASES)('the read model written by the import on $name', (target) => {
  let database: Database;
  let inline: PostgresEventStore;
  let plain: PostgresEventStore;
  let runner: ProjectionRunner;
  const importWith = (store: PostgresEventStore, path: string) =>
    importFlowFile(store, () => openFlowFile(path, TEST_LIMITS), { channel: 'cli', chunkSize: 7 });

  beforeAll(async () => {
    database = await target.open();
    const events = eventsTableSource();
    inline = new PostgresEventStore(database.pool, database.kind, {
      copyUrl: database.url,
      inline: inlineReadModel(events),
    });
    plain = new PostgresEventStore(database.pool, database.kind, { copyUrl: database.url });
    runner = new ProjectionRunner(database.pool, inline, events);
    await runner.ensureReadModel();
  });
  afterAll(async () => {
    await Promise.all([inline.close(), plain.close()]);
    await database.close();
  });

  it('is current when each import answers, and holds what a rebuild from the events holds', async () => {
    const nem13 = join(work, `inline-${target.name}.csv`);
    await writeNem13File(nem13, 40, { seed: 31 });
    // The same register reads sent again (another file: CRLF line ends): the later import's version wins.
    const corrected = join(work, `inline-corrected-${target.name}.csv`);
    await writeNem13File(corrected, 40, { seed: 31, eol: '\r\n' });
    const nem12 = join(work, `inline-${target.name}-nem12.csv`);
    await writeNem12File(nem12, { nmis: 2, days: 3, channels: 2, seed: 31 });
    const files = [
      { path: nem13, status: 'imported', records: 40 },
      { path: corrected, status: 'imported', records: 40 },
      { path: nem12, status: 'imported', records: 12 },
      { path: samplePath('malformed/handcopied-spec-example-nem13-meter-change.csv'), status: 'rejected', records: 0 },
      { path: nem13, status: 'duplicate', records: 40 },
    ];
    for (const file of files) {
      const result = await importWith(inline, file.path);
      expect(result).toMatchObject({ status: file.status, records: file.records });
      const status = await runner.status();
      expect(status, `after ${file.path}`).toMatchObject({ upToDate: true, lag: 0, checkpoint: status.head });
    }
    const written = await readModel(database);
    expect(written.register_reads).toHaveLength(80);
    expect(written.interval_days).toHaveLength(12);
    expect(written.files.map((file) => (file as { status: string }).status).sort()).toEqual([
      'imported',
      'imported',
      'imported',
      'rejected',
    ]);
    expect(written.register_reads.filter((row) => (row as { superseded: boolean }).superseded)).toHaveLength(40);

    await runner.rebuild();
    expect(await readModel(database)).toEqual(written);
  });

  it('leaves a file to the catch-up when the read model is behind, and projects it once', async () => {
    const behind = join(work, `behind-${target.name}.csv`);
    await writeNem13File(behind, 12, { seed: 32 });
    const next = join(work, `next-${target.name}.csv`);
    await writeNem13File(next, 9, { seed: 33 });
    const before = (await runner.status()).checkpoint;
    // A file whose events no projection saw yet: the read model is behind the store.
    expect(await importWith(plain, behind)).toMatchObject({ status: 'imported' });
    expect(await importWith(inline, next)).toMatchObject({ status: 'imported' });
    const status = await runner.status();
    expect(status.checkpoint).toBe(before);
    expect(status.lag).toBeGreaterThan(0);
    const caughtUp = await runner.catchUp();
    expect(caughtUp).toMatchObject({ upToDate: true, lag: 0 });
    const written = await readModel(database);
    await runner.rebuild();
    expect(await readModel(database)).toEqual(written);
  });

  it('keeps nothing of a file that changed while it was read again, and the checkpoint where it was', async () => {
    const path = join(work, `changing-${target.name}.csv`);
    await writeNem13File(path, 30, { seed: 34 });
    const before = await runner.status();
    const rowsBefore = (await readModel(database)).register_reads.length;
    let opened = 0;
    const result = importFlowFile(
      inline,
      async () => {
        // The second read (the one that writes the events) finds the file changed.
        if (++opened === 2) writeFileSync(path, 'something else\n');
        return openFlowFile(path, TEST_LIMITS);
      },
      { channel: 'cli', chunkSize: 7 },
    );
    await expect(result).rejects.toBeInstanceOf(FileChangedError);
    expect(await runner.status()).toEqual(before);
    expect((await readModel(database)).register_reads).toHaveLength(rowsBefore);
    expect(await inline.headPosition()).toBe(before.head);
  });
});

describe.each(TEST_DATABASES)('what stops an import or a catch-up part-way, on $name', (target) => {
  let database: Database;
  let store: PostgresEventStore;
  let runner: ProjectionRunner;

  beforeAll(async () => {
    database = await target.open();
    const events = eventsTableSource();
    store = new PostgresEventStore(database.pool, database.kind, {
      copyUrl: database.url,
      inline: inlineReadModel(events),
    });
    runner = new ProjectionRunner(database.pool, store, events);
    await runner.ensureReadModel();
  });
  afterAll(async () => {
    await store.close();
    await database.close();
  });

  it('calls a file that grew between its two reads changed, and keeps nothing of it', async () => {
    const path = join(work, `growing-${target.name}.csv`);
    await writeNem13File(path, 30, { seed: 35 });
    const before = await runner.status();
    let opened = 0;
    const result = importFlowFile(
      store,
      async () => {
        // The same first 30 records (the same seed), and 10 more.
        if (++opened === 2) await writeNem13File(path, 40, { seed: 35 });
        return openFlowFile(path, TEST_LIMITS);
      },
      { channel: 'cli', chunkSize: 7 },
    );
    await expect(result).rejects.toBeInstanceOf(FileChangedError);
    expect(await runner.status()).toEqual(before);
    expect(await store.headPosition()).toBe(before.head);
  });

  it('names an event of a file it cannot read in a catch-up, with pages being written, and moves nothing', async () => {
    const path = join(work, `unreadable-${target.name}.csv`);
    await writeNem13File(path, 5000, { seed: 36 });
    // Written without the inline projection: the catch-up reads the file's events back.
    const plain = new PostgresEventStore(database.pool, database.kind, { copyUrl: database.url });
    const imported = await importFlowFile(plain, () => openFlowFile(path, TEST_LIMITS), { channel: 'cli' });
    const victim = await database.pool.one(
      sql.type(z.object({ id: z.string() }))`
        SELECT e.event_id::text AS id FROM nem_events e JOIN nem_streams s USING (stream_id)
        WHERE s.stream_name LIKE ${`%${imported.sha256 ?? ''}`} AND e.stream_revision = 4500`,
    );
    await database.pool.query(sql.unsafe`
      UPDATE nem_events SET metadata = jsonb_set(metadata, '{schemaVersion}', '3') WHERE event_id = ${victim.id}::uuid`);
    const before = await runner.status();
    const rows = (await readModel(database)).register_reads.length;
    const refused = await runner.catchUp().then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(UnknownEventVersionError);
    expect((refused as UnknownEventVersionError).event.id).toBe(victim.id);
    expect(await runner.status()).toEqual(before);
    expect((await readModel(database)).register_reads).toHaveLength(rows);
  });
});

describe.runIf(TEST_DATABASE_URL !== '')(
  'imports writing the read model from two processes at once, on postgres',
  () => {
    it('writes each file once, inline or by a runner catching up beside them: what a rebuild holds', async () => {
      const server = await createTestPostgres();
      // Two processes' worth of connections: each its own pool, store and runner.
      const databases = await Promise.all([0, 1].map(() => openDatabase({ kind: 'postgres', url: server.url })));
      const events = eventsTableSource();
      const stores = databases.map(
        (database) =>
          new PostgresEventStore(database.pool, 'postgres', { copyUrl: server.url, inline: inlineReadModel(events) }),
      );
      const runners = databases.map((database, i) => new ProjectionRunner(database.pool, stores[i]!, events));
      try {
        await runners[0]!.ensureReadModel();
        const paths = await Promise.all(
          [0, 1, 2, 3].map(async (i) => {
            const path = join(work, `together-${i}.csv`);
            if (i === 3) await writeNem12File(path, { nmis: 2, days: 4, channels: 2, seed: 40 + i });
            else await writeNem13File(path, 30 + i, { seed: 40 + i });
            return path;
          }),
        );
        let importing = true;
        // A runner of the first process catching up all the while, as nem serve does every second.
        const catchingUp = (async () => {
          while (importing) await runners[0]!.catchUp();
        })();
        const results = await Promise.all(
          paths.flatMap((path, i) => [
            importFlowFile(stores[i % 2]!, () => openFlowFile(path, TEST_LIMITS), { channel: 'cli', chunkSize: 4 }),
            // The same file from the other process: stored once.
            importFlowFile(stores[(i + 1) % 2]!, () => openFlowFile(path, TEST_LIMITS), {
              channel: 'cli',
              chunkSize: 4,
            }),
          ]),
        );
        importing = false;
        await catchingUp;
        for (let i = 0; i < paths.length; i++) {
          const pair = [results[2 * i]!.status, results[2 * i + 1]!.status].sort();
          expect(pair, paths[i]).toEqual(['duplicate', 'imported']);
        }
        const status = await runners[1]!.catchUp();
        expect(status).toMatchObject({ upToDate: true, lag: 0 });
        const written = await readModel(databases[0]!);
        expect(written.files).toHaveLength(4);
        expect(written.register_reads).toHaveLength(30 + 31 + 32);
        expect(written.interval_days).toHaveLength(16);
        await runners[1]!.rebuild();
        expect(await readModel(databases[0]!)).toEqual(written);
      } finally {
        await Promise.all(stores.map((store) => store.close()));
        await Promise.all(databases.map((database) => database.close()));
        await server.drop();
      }
    });
  },
);
