import { TEST_LIMITS } from '../../test/limits.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { writeNem13File } from '../../bench/generate.js';
import { importFlowFile } from '../application/import-flow-file.js';
import type { EventStore, RecordedEvent } from '../domain/event-store/event-store.js';
import type { Database } from '../infrastructure/db/database.js';
import { openDatabase } from '../infrastructure/db/database.js';
import { eventsTableSource, PostgresEventStore } from '../infrastructure/event-store/postgres/postgres-event-store.js';
import { openFlowFile } from '../infrastructure/files/flow-file.js';
import {
  createTestPostgres,
  eventStoreOn,
  TEST_DATABASE_URL,
  TEST_DATABASES,
  type TestPostgres,
} from '../../test/databases.js';
import { nem12SamplePath } from '../../test/samples.js';
import { ProjectionRunner } from './runner.js';
import { ArrayEventStore } from '../../test/array-event-store.js';
import { fileStreamName } from '../domain/events/file-events.js';
import { storeEventSource } from './event-source.js';

const work = mkdtempSync(join(tmpdir(), 'nem-runner-'));

async function countRows(database: Database): Promise<{ files: number; imported: number; reads: number }> {
  return database.pool.one(sql.type(z.object({ files: z.number(), imported: z.number(), reads: z.number() }))`
    SELECT (SELECT count(*)::int FROM files) AS files,
      (SELECT count(*)::int FROM files WHERE status = 'imported') AS imported,
      (SELECT count(*)::int FROM register_reads) AS reads`);
}

/** Holds whoever reaches it until opened; `entered` resolves when the first one arrives. */
class Gate {
  readonly entered: Promise<void>;
  private arrive!: () => void;
  private readonly opened: Promise<void>;
  open!: () => void;

  constructor() {
    this.entered = new Promise((resolve) => (this.arrive = resolve));
    this.opened = new Promise((resolve) => (this.open = resolve));
  }

  async pass(): Promise<void> {
    this.arrive();
    await this.opened;
  }
}

/** The store with some of its methods replaced; closing it leaves the store open (its owner closes it). */
function storeWith(store: EventStore, kind: string, replaced: Partial<Omit<EventStore, 'kind'>>): EventStore {
  return {
    kind,
    append: (s, e, x) => store.append(s, e, x),
    readStream: (s, o) => store.readStream(s, o),
    readAll: (o) => store.readAll(o),
    lastEvent: (s) => store.lastEvent(s),
    headPosition: () => store.headPosition(),
    close: () => Promise.resolve(),
    ...replaced,
  };
}

/** The store, but each readStream waits at the gate first. */
function gatedReadStream(store: EventStore, gate: Gate): EventStore {
  return storeWith(store, store.kind, {
    readStream: async function* (s, o) {
      await gate.pass();
      yield* store.readStream(s, o);
    },
  });
}

/** Sessions of this database waiting for an advisory lock. */
async function lockWaiters(database: Database): Promise<number> {
  return database.pool.oneFirst(sql.type(z.object({ waiting: z.number() }))`
    SELECT count(*)::int AS waiting FROM pg_locks
    WHERE locktype = 'advisory' AND NOT granted
      AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`);
}

describe.each(TEST_DATABASES)('the projection runner on $name', (target) => {
  let database: Database;
  let store: PostgresEventStore;
  beforeAll(async () => {
    database = await target.open();
    store = eventStoreOn(database);
  });
  afterAll(async () => {
    await store.close();
    await database.close();
  });

  it('keeps its checkpoint and rows when a batch fails, and applies it once on the next run', async () => {
    const path = join(work, `fail-${target.name}.csv`);
    await writeNem13File(path, 30, { seed: 21 });
    await importFlowFile(store, () => openFlowFile(path, TEST_LIMITS), { channel: 'cli' });
    // A store that, the first time, hands over the batch with a corrupt FileImported: the runner dies in
    // the middle of the batch, after applying its FileReceived.
    let corrupted = false;
    const flaky = storeWith(store, 'flaky', {
      readAll: async (options) => {
        const events = await store.readAll(options);
        if (corrupted) return events;
        corrupted = true;
        return events.map((e): RecordedEvent => (e.type === 'FileImported' ? { ...e, data: { broken: true } } : e));
      },
    });
    const dying = new ProjectionRunner(database.pool, flaky, eventsTableSource());
    await dying.ensureReadModel();
    const before = await dying.status();
    await expect(dying.catchUp()).rejects.toThrow();
    expect((await dying.status()).checkpoint).toBe(before.checkpoint);
    // Nothing of the failed batch stayed: not even the FileReceived that was applied before the failure.
    expect(await countRows(database)).toEqual({ files: 0, imported: 0, reads: 0 });

    const healthy = new ProjectionRunner(database.pool, store, eventsTableSource());
    const status = await healthy.catchUp();
    expect(status.lag).toBe(0);
    expect(await countRows(database)).toEqual({ files: 1, imported: 1, reads: 30 });
  });

  it('projects every event while imports append concurrently', async () => {
    const runner = new ProjectionRunner(database.pool, store, eventsTableSource());
    await runner.ensureReadModel();
    const files = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const path = join(work, `concurrent-${target.name}-${i}.csv`);
        await writeNem13File(path, 200 + i, { seed: 100 + i });
        return path;
      }),
    );
    let importing = true;
    const projecting = (async () => {
      while (importing) {
        await runner.catchUp({ batchSize: 50 });
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    await Promise.all(
      files.map((path) =>
        importFlowFile(store, () => openFlowFile(path, TEST_LIMITS), { channel: 'cli', chunkSize: 40 }),
      ),
    );
    importing = false;
    await projecting;
    await runner.catchUp();
    const rows = await countRows(database);
    expect(rows.imported).toBe(rows.files);
    expect(rows.reads).toBe(30 + files.reduce((sum, _, i) => sum + 200 + i, 0));
  });
});

describe.each(TEST_DATABASES)('the projection runner beside an import that died part-way, on $name', (target) => {
  let database: Database;
  let store: PostgresEventStore;
  beforeAll(async () => {
    database = await target.open();
    store = eventStoreOn(database);
  });
  afterAll(async () => {
    await store.close();
    await database.close();
  });

  it('is up to date, and a rebuild switches, while a file has its readings but no FileImported', async () => {
    const done = join(work, `done-${target.name}.csv`);
    await writeNem13File(done, 20, { seed: 31 });
    await importFlowFile(store, () => openFlowFile(done, TEST_LIMITS), { channel: 'cli' });
    // An import that appended its FileReceived and readings, then died before closing the stream (and
    // nobody imported the file again): the stream stays open.
    const dying = storeWith(store, 'dying', {
      append: async (stream, events, expected) => {
        const opened = events.filter((event) => event.type !== 'FileImported');
        if (opened.length < events.length) {
          if (opened.length > 0) await store.append(stream, opened, expected);
          throw new Error('the import died before its FileImported');
        }
        return store.append(stream, events, expected);
      },
    });
    const open = join(work, `open-${target.name}.csv`);
    await writeNem13File(open, 25, { seed: 32 });
    await expect(
      importFlowFile(dying, () => openFlowFile(open, TEST_LIMITS), { channel: 'cli', chunkSize: 10 }),
    ).rejects.toThrow('died before its FileImported');

    const runner = new ProjectionRunner(database.pool, store, eventsTableSource());
    await runner.ensureReadModel();
    // The closed file's 22 events and the open one's FileReceived; not the open stream's readings.
    expect(await runner.status()).toMatchObject({ lag: 23, upToDate: false });
    const caughtUp = await runner.catchUp();
    expect(caughtUp).toMatchObject({ lag: 0, upToDate: true });
    expect(await countRows(database)).toEqual({ files: 2, imported: 1, reads: 20 });
    // Before, the rebuild compared the last reading's position with a checkpoint that moves on file-level
    // events only, and never switched.
    const rebuilt = await runner.rebuild();
    expect(rebuilt).toMatchObject({ generation: caughtUp.generation + 1, lag: 0, upToDate: true });
    expect(await countRows(database)).toEqual({ files: 2, imported: 1, reads: 20 });
  }, 120_000);

  it('replays a NEM12 file: the same interval days, once', async () => {
    const path = nem12SamplePath('examples/Example_NEM12_actual_interval.csv');
    const result = await importFlowFile(store, () => openFlowFile(path, TEST_LIMITS), { channel: 'cli' });
    expect(result).toMatchObject({ status: 'imported' });
    const fileId = result.sha256 ?? '';
    const runner = new ProjectionRunner(database.pool, store, eventsTableSource());
    await runner.catchUp();
    const days = () =>
      database.pool.anyFirst(sql.type(z.object({ row: z.string() }))`
        SELECT (to_jsonb(d) - 'imported_at')::text AS row FROM interval_days d
        WHERE d.file_id = ${fileId} ORDER BY d.line`);
    const before = await days();
    expect(before.length).toBeGreaterThan(0);
    expect(await runner.replayFile(fileId)).toBe(true);
    expect(await days()).toEqual(before);
    // A damaged row is written again from the events, not kept.
    await database.pool.query(
      sql.unsafe`UPDATE interval_days SET meter_serial_number = 'DAMAGED' WHERE file_id = ${fileId}`,
    );
    expect(await days()).not.toEqual(before);
    expect(await runner.replayFile(fileId)).toBe(true);
    expect(await days()).toEqual(before);
  });
});

describe.runIf(TEST_DATABASE_URL !== '')(
  'the projection runner on postgres, with appends committing out of order',
  () => {
    let server: TestPostgres;
    beforeAll(async () => {
      server = await createTestPostgres();
    });
    afterAll(async () => {
      await server.drop();
    });

    it('two processes catching up at once take turns: each file once, meter points and registers merged', async () => {
      // A database of its own: the other test counts every file of its database.
      const own = await createTestPostgres();
      const one = await openDatabase({ kind: 'postgres', url: own.url });
      const two = await openDatabase({ kind: 'postgres', url: own.url });
      const storeOne = eventStoreOn(one);
      const storeTwo = eventStoreOn(two);
      const rows = (database: Database) =>
        database.pool.anyFirst(sql.type(z.object({ row: z.string() }))`
          SELECT row::text FROM (
            SELECT to_jsonb(p)::text AS row FROM meter_points p
            UNION ALL SELECT to_jsonb(g)::text FROM registers g
            UNION ALL SELECT (to_jsonb(r) - 'imported_at')::text FROM register_reads r) AS t(row)
          ORDER BY 1`);
      try {
        // Files of the same meters (the same seed): the later ones send the earlier reads again.
        for (const [i, records] of [120, 121, 122, 123].entries()) {
          const path = join(work, `turns-${i}.csv`);
          await writeNem13File(path, records, { seed: 400 });
          await importFlowFile(storeOne, () => openFlowFile(path, TEST_LIMITS), { channel: 'cli' });
        }
        const runners = [one, two].map(
          (database, i) => new ProjectionRunner(database.pool, i === 0 ? storeOne : storeTwo, eventsTableSource()),
        );
        await runners[0]?.ensureReadModel();
        await Promise.all(runners.map((runner) => runner.catchUp({ batchSize: 1 })));
        const together = await rows(one);
        expect(together.length).toBeGreaterThan(486);
        expect((await runners[1]?.status())?.lag).toBe(0);
        await runners[0]?.rebuild();
        expect(await rows(two)).toEqual(together);
      } finally {
        await Promise.all([storeOne.close(), storeTwo.close()]);
        await Promise.all([one.close(), two.close()]);
        await own.drop();
      }
    });

    it('replays a file while the runner is applying its FileImported: every reading is there after both', async () => {
      const own = await createTestPostgres();
      const replaying = await openDatabase({ kind: 'postgres', url: own.url });
      const applying = await openDatabase({ kind: 'postgres', url: own.url });
      const replayStoreOf = eventStoreOn(replaying);
      const applyStore = eventStoreOn(applying);
      try {
        const path = join(work, 'replay-race.csv');
        await writeNem13File(path, 60, { seed: 500 });
        const imported = await importFlowFile(applyStore, () => openFlowFile(path, TEST_LIMITS), { channel: 'cli' });
        if (imported.sha256 === null) throw new Error(`not imported: ${imported.status}`);
        // The replay reads the file's events, then its checkpoint and the file's rows under the projection
        // lock. Meanwhile the runner applies the file's FileImported, holding that lock while it reads the
        // file's readings. Two gates put the steps in the order that lost the readings when the replay
        // read the checkpoint before taking the lock: replay reads events; the runner takes the lock; the
        // replay waits for it; the runner commits; the replay goes on.
        const replayReading = new Gate();
        const runnerInside = new Gate();
        const replayStore = gatedReadStream(replayStoreOf, replayReading);
        // The file's events, as a store outside the database (EventStoreDB) would hand them to the runner.
        const copied: RecordedEvent[] = [];
        for await (const event of applyStore.readStream(fileStreamName(imported.sha256, 'NEM13'))) copied.push(event);
        const applier = new ProjectionRunner(
          applying.pool,
          applyStore,
          storeEventSource(gatedReadStream(new ArrayEventStore(copied), runnerInside)),
        );
        const replayer = new ProjectionRunner(replaying.pool, replayStore, eventsTableSource());
        await applier.ensureReadModel();
        const replay = replayer.replayFile(imported.sha256);
        await replayReading.entered;
        const catchingUp = applier.catchUp();
        await runnerInside.entered;
        replayReading.open();
        await expect.poll(() => lockWaiters(applying)).toBe(1);
        runnerInside.open();
        await catchingUp;
        expect(await replay).toBe(true);
        expect(await countRows(replaying)).toEqual({ files: 1, imported: 1, reads: 60 });
        expect((await replayer.status()).lag).toBe(0);
      } finally {
        await Promise.all([replayStoreOf.close(), applyStore.close()]);
        await Promise.all([replaying.close(), applying.close()]);
        await own.drop();
      }
    });

    it('never skips an event whose transaction committed after a later one began', async () => {
      const writerA = await openDatabase({ kind: 'postgres', url: server.url });
      const writerB = await openDatabase({ kind: 'postgres', url: server.url });
      const reader = await openDatabase({ kind: 'postgres', url: server.url });
      const storeA = eventStoreOn(writerA);
      const storeB = eventStoreOn(writerB);
      const readerStore = eventStoreOn(reader);
      try {
        const runner = new ProjectionRunner(reader.pool, readerStore, eventsTableSource());
        await runner.ensureReadModel();
        const paths = await Promise.all(
          [0, 1].map(async (i) => {
            const path = join(work, `order-${i}.csv`);
            await writeNem13File(path, 500, { seed: 300 + i });
            return path;
          }),
        );
        // Two writers append at once in small chunks while the runner catches up in small batches; an
        // append that starts first may commit second. Every event must end up projected exactly once.
        let done = false;
        const projecting = (async () => {
          while (!done) await runner.catchUp({ batchSize: 7 });
        })();
        await Promise.all([
          importFlowFile(storeA, () => openFlowFile(paths[0] ?? '', TEST_LIMITS), { channel: 'cli', chunkSize: 3 }),
          importFlowFile(storeB, () => openFlowFile(paths[1] ?? '', TEST_LIMITS), { channel: 'cli', chunkSize: 3 }),
        ]);
        done = true;
        await projecting;
        await runner.catchUp();
        expect(await countRows(reader)).toEqual({ files: 2, imported: 2, reads: 1000 });
      } finally {
        await Promise.all([storeA.close(), storeB.close(), readerStore.close()]);
        await Promise.all([writerA.close(), writerB.close(), reader.close()]);
      }
    });
  },
);
