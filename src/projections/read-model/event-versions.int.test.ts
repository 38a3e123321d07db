/**
 * Schema versions of ReadingRecorded: events written by the previous version (v1: every field typed,
 * with the raw lines) and by this one (v2: the fields as sent) give the same read model, on both paths a
 * projection reads them by (SQL over the events table; events read through the store, as from
 * EventStoreDB); a version nem does not know stops the projection, naming the event, and skips nothing.
 */
import { sql, type DatabasePool } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { importFlowFile } from '../../application/import-flow-file.js';
import { readFlowFile, validateFlowFile } from '../../application/read-flow-file.js';
import type { RecordedEvent } from '../../domain/event-store/event-store.js';
import { fileStreamName, IMPORTER, UnknownEventVersionError } from '../../domain/events/file-events.js';
import type { Database } from '../../infrastructure/db/database.js';
import type { PostgresEventStore } from '../../infrastructure/event-store/postgres/postgres-event-store.js';
import { openFlowFile } from '../../infrastructure/files/flow-file.js';
import { ArrayEventStore } from '../../../test/array-event-store.js';
import { eventStoreOn, TEST_DATABASES } from '../../../test/databases.js';
import { TEST_LIMITS } from '../../../test/limits.js';
import { EXPECTED, samplePath } from '../../../test/samples.js';
import { ProjectionRunner } from '../runner.js';
import { applyReadModelEvents } from './read-model.projection.js';
import { createReadModelTables, READ_MODEL_PROJECTION, READ_MODEL_TABLES, tableOf } from './read-model.schema.js';
import { eventsTableSource } from '../../infrastructure/event-store/postgres/postgres-event-store.js';
import { storeEventSource } from '../event-source.js';

const FILES = [...EXPECTED.map((f) => f.file), 'malformed/handcopied-spec-example-nem13-meter-change.csv'];

/**
 * The rows readings produce in a generation, as JSON text in a stable order: register reads (without the
 * import position and time, which differ between databases), meter points and registers.
 */
async function snapshot(pool: DatabasePool, generation: number): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of READ_MODEL_TABLES.filter((name) => name !== 'files')) {
    out[table] = [
      ...(await pool.anyFirst(sql.type(z.object({ row: z.string() }))`
        SELECT (to_jsonb(t) - 'import_position' - 'imported_at')::text AS row FROM ${tableOf(table, generation)} t ORDER BY 1`)),
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

/**
 * Turns the ReadingRecorded events of `files` into what the previous version of nem wrote for them:
 * `data` the reader's typed record with the file id, `metadata` with the channel and the importer.
 */
async function rewriteAsVersion1(database: Database, files: readonly string[], every = 1): Promise<void> {
  for (const file of files) {
    const { sha256 } = (await validateFlowFile(await openFlowFile(samplePath(file), TEST_LIMITS))).digest;
    const reopened = await openFlowFile(samplePath(file), TEST_LIMITS);
    let index = 0;
    for await (const batch of readFlowFile(reopened)) {
      for (const item of batch) {
        if (item.kind !== 'registerRead') continue;
        if (index++ % every !== 0) continue;
        const data = { ...item.read, fileId: sha256 };
        const metadata = { schemaVersion: 1, channel: 'cli', sourceLine: item.read.line, importer: IMPORTER };
        await database.pool.query(sql.unsafe`
          UPDATE nem_events SET data = ${JSON.stringify(data)}::jsonb, metadata = ${JSON.stringify(metadata)}::jsonb
          WHERE stream_id = (SELECT stream_id FROM nem_streams WHERE stream_name = ${fileStreamName(sha256, 'NEM13')}) AND event_type = 'ReadingRecorded'
            AND (metadata->>'sourceLine')::int = ${item.read.line}`);
      }
    }
  }
}

describe.each(TEST_DATABASES)('ReadingRecorded versions on $name', (target) => {
  const databases: Database[] = [];
  const stores: PostgresEventStore[] = [];
  /** Imported by this version: every reading is v2. */
  let current: { database: Database; store: PostgresEventStore; runner: ProjectionRunner };
  /** The same files as the previous version wrote them: v1. */
  let previous: { database: Database; store: PostgresEventStore; runner: ProjectionRunner };
  /** The same files, every other reading v1 (a stream the previous version began and this one finished). */
  let mixed: { database: Database; store: PostgresEventStore; runner: ProjectionRunner };

  async function importAll(rewrite: (database: Database) => Promise<void>) {
    const database = await target.open();
    const store = eventStoreOn(database);
    databases.push(database);
    stores.push(store);
    for (const file of FILES) {
      await importFlowFile(store, () => openFlowFile(samplePath(file), TEST_LIMITS), { channel: 'cli' });
    }
    await rewrite(database);
    return { database, store, runner: new ProjectionRunner(database.pool, store, eventsTableSource()) };
  }

  beforeAll(async () => {
    current = await importAll(() => Promise.resolve());
    previous = await importAll((database) => rewriteAsVersion1(database, FILES));
    mixed = await importAll((database) => rewriteAsVersion1(database, FILES, 2));
  });
  afterAll(async () => {
    for (const store of stores) await store.close();
    for (const database of databases) await database.close();
  });

  it('stores v2 readings lean: the fields as sent, the line in the metadata, nothing twice', async () => {
    const [event] = await current.database.pool.any(
      sql.type(z.object({ data: z.record(z.string(), z.unknown()), metadata: z.record(z.string(), z.unknown()) }))`
        SELECT data, metadata FROM nem_events WHERE event_type = 'ReadingRecorded' ORDER BY position LIMIT 1`,
    );
    expect(Object.keys(event?.data ?? {}).sort()).toEqual(['b2b', 'fields']);
    expect(event?.metadata).toEqual({ schemaVersion: 2, sourceLine: expect.any(Number) });
    const versions = await previous.database.pool.anyFirst(sql.type(z.object({ v: z.string() }))`
      SELECT DISTINCT metadata->>'schemaVersion' AS v FROM nem_events WHERE event_type = 'ReadingRecorded'`);
    expect(versions).toEqual(['1']);
  });

  it('projects v1, v2 and a stream of both into the same rows from the events table', async () => {
    await current.runner.catchUp();
    await previous.runner.catchUp();
    await mixed.runner.catchUp();
    const expected = await snapshot(current.database.pool, 1);
    expect(expected.register_reads?.length).toBeGreaterThan(50);
    expect(await snapshot(previous.database.pool, 1)).toEqual(expected);
    expect(await snapshot(mixed.database.pool, 1)).toEqual(expected);
  });

  it('projects v1 events read through a store outside the database (the EventStoreDB path) into the same rows', async () => {
    const elsewhere = new ArrayEventStore(await allEvents(previous.store));
    await createReadModelTables(previous.database.pool, 80);
    await previous.database.pool.transaction(async (tx) => {
      await applyReadModelEvents(tx, await elsewhere.readAll({ maxCount: 1_000_000 }), {
        generation: 80,
        events: storeEventSource(elsewhere),
      });
    });
    expect(await snapshot(previous.database.pool, 80)).toEqual(await snapshot(current.database.pool, 1));
  });

  it('refuses a version it does not know on both paths, naming the event, and moves no checkpoint', async () => {
    const victim = await mixed.database.pool.one(
      sql.type(z.object({ id: z.string(), position: z.bigint(), stream: z.string() }))`
        SELECT e.event_id::text AS id, e.position, s.stream_name AS stream FROM nem_events e JOIN nem_streams s USING (stream_id)
        WHERE e.event_type = 'ReadingRecorded' ORDER BY e.position DESC LIMIT 1`,
    );
    await mixed.database.pool.query(sql.unsafe`
      UPDATE nem_events SET metadata = jsonb_set(metadata, '{schemaVersion}', '3') WHERE event_id = ${victim.id}::uuid`);
    const before = await mixed.runner.status();
    const refused = await mixed.runner.rebuild().then(
      () => null,
      (error: unknown) => error as Error,
    );
    expect(refused?.message).toContain(`event ${victim.id} (ReadingRecorded, ${victim.stream}`);
    expect(refused?.message).toContain('has schema version 3, which this version of nem does not know');
    expect(await mixed.runner.status()).toEqual(before);

    const elsewhere = new ArrayEventStore(await allEvents(mixed.store));
    await createReadModelTables(mixed.database.pool, 81);
    const throughStore = await mixed.database.pool
      .transaction(async (tx) => {
        await applyReadModelEvents(tx, await elsewhere.readAll({ maxCount: 1_000_000 }), {
          generation: 81,
          events: storeEventSource(elsewhere),
        });
      })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(throughStore).toBeInstanceOf(UnknownEventVersionError);
    expect((throughStore as UnknownEventVersionError).event.id).toBe(victim.id);
    expect((throughStore as UnknownEventVersionError).event.position).toBe(victim.position);
  });

  it('replaces the tables of an earlier version of the read model by the current one, built from the events, and says so', async () => {
    const database = await target.open();
    databases.push(database);
    const store = eventStoreOn(database);
    stores.push(store);
    await importFlowFile(store, () => openFlowFile(samplePath('challenge-sample.csv'), TEST_LIMITS), {
      channel: 'cli',
    });
    // What version 2 of the read model left (before each version kept when it was imported): its state
    // and its tables.
    await database.pool.query(sql.unsafe`
      INSERT INTO projection_state (projection, generation, position, active) VALUES ('read_model_v2', 3, 12, true)`);
    await database.pool.query(sql.unsafe`CREATE TABLE register_reads_v2_g3 (file_id text, line int)`);
    await database.pool.query(sql.unsafe`CREATE VIEW register_reads AS SELECT * FROM register_reads_v2_g3`);
    const notices: string[] = [];
    const runner = new ProjectionRunner(database.pool, store, eventsTableSource());
    expect(await runner.ensureReadModel((message) => notices.push(message))).toBe(1);
    expect(notices).toEqual([
      expect.stringContaining(`(read_model_v2 to ${READ_MODEL_PROJECTION}): it is being built again`),
    ]);
    expect(
      await database.pool.oneFirst(sql.type(z.object({ name: z.string().nullable() }))`
        SELECT to_regclass('register_reads_v2_g3')::text AS name`),
    ).toBeNull();
    const status = await runner.catchUp();
    expect(status).toMatchObject({ projection: READ_MODEL_PROJECTION, generation: 1, lag: 0 });
    expect(
      await database.pool.oneFirst(
        sql.type(z.object({ count: z.number() }))`SELECT count(*)::int AS count FROM register_reads`,
      ),
    ).toBe(10);
    expect(await runner.ensureReadModel((message) => notices.push(message))).toBe(1);
    expect(notices).toHaveLength(1);
  });
});
