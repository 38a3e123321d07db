import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TEST_LIMITS } from '../../test/limits.js';
import { eventStoreOn, TEST_DATABASES } from '../../test/databases.js';
import { CHALLENGE_CORRECTION, samplePath } from '../../test/samples.js';
import { importFlowFile } from '../application/import-flow-file.js';
import { READ_MODEL_PROJECTION } from './read-model/read-model.schema.js';
import type { EventStore } from '../domain/event-store/event-store.js';
import type { Database } from '../infrastructure/db/database.js';
import type { PostgresEventStore } from '../infrastructure/event-store/postgres/postgres-event-store.js';
import { openFlowFile } from '../infrastructure/files/flow-file.js';
import { findReadings } from './read-model/read-model.queries.js';
import { RebuildRunningError } from './errors.js';
import { ProjectionRunner } from './runner.js';
import {
  GenerationLabelError,
  GenerationLabelTakenError,
  UnknownGenerationError,
  UntilBeyondHeadError,
} from './side-generations.js';
import type { GenerationDiffItem } from './read-model/generation-diff.queries.js';
import { eventsTableSource } from '../infrastructure/event-store/postgres/postgres-event-store.js';

const CORRECTED_NMI = '2291137510';

/**
 * A store whose readAll waits, once armed, until released: a build paused between two batches, so that a
 * test can look at everything else while it is running.
 */
function pausableStore(store: EventStore): EventStore & { pause(): Promise<void>; release(): void } {
  let paused: { reached: () => void; gate: Promise<void>; open: () => void } | null = null;
  let reached: Promise<void> = Promise.resolve();
  return {
    kind: store.kind,
    append: (s, e, x) => store.append(s, e, x),
    readStream: (s, o) => store.readStream(s, o),
    lastEvent: (s) => store.lastEvent(s),
    headPosition: () => store.headPosition(),
    close: () => Promise.resolve(),
    readAll: async (options) => {
      if (options.after !== undefined && paused !== null) {
        paused.reached();
        await paused.gate;
      }
      return store.readAll(options);
    },
    pause() {
      let open: () => void = () => undefined;
      let arrived: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (open = resolve));
      reached = new Promise<void>((resolve) => (arrived = resolve));
      paused = { reached: arrived, gate, open };
      return reached;
    },
    release() {
      paused?.open();
      paused = null;
    },
  };
}

describe.each(TEST_DATABASES)('side-by-side generations on $name', (target) => {
  let database: Database;
  let store: PostgresEventStore;
  let runner: ProjectionRunner;
  /** The store's head once the original file was imported, and when its FileImported was recorded. */
  let beforeCorrection: { position: bigint; at: Date };
  const importPath = (path: string) => importFlowFile(store, () => openFlowFile(path, TEST_LIMITS), { channel: 'cli' });
  const liveReadings = async () =>
    (await findReadings(database.pool, { nmi: CORRECTED_NMI, includeSuperseded: true, limit: 50 })).items;

  beforeAll(async () => {
    database = await target.open();
    store = eventStoreOn(database);
    runner = new ProjectionRunner(database.pool, store, eventsTableSource());
    await importPath(samplePath('challenge-sample.csv'));
    const head = await store.headPosition();
    const imported = (await store.readAll({ maxCount: 10_000, types: ['FileImported'] })).at(-1);
    if (head === null || imported === undefined) throw new Error('the sample was not imported');
    beforeCorrection = { position: head, at: new Date(imported.recordedAt) };
    // The correction's events must be recorded after that instant (compared to the millisecond).
    const databaseNow = () =>
      database.pool.oneFirst(sql.type(z.object({ ms: z.number() }))`
        SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS ms`);
    while ((await databaseNow()) <= beforeCorrection.at.getTime() + 1) {
      // the clock moves on
    }
    await importPath(CHALLENGE_CORRECTION);
    await runner.catchUp();
  });
  afterAll(async () => {
    await store.close();
    await database.close();
  });

  const expectOnlyTheCorrection = (items: GenerationDiffItem[]) => {
    expect(items).toHaveLength(1);
    const [item] = items;
    expect(item).toMatchObject({
      key: {
        nmi: CORRECTED_NMI,
        nmiSuffix: '11',
        registerId: '1',
        meterSerial: 'R4ZFLS6ZY1UV',
        currentReadAt: '2004-01-07T10:03:33+10:00',
      },
      change: 'changed',
      before: { currentRead: '56311.0', quantity: '418.0', fileName: 'challenge-sample.csv' },
      after: { currentRead: '56320.0', quantity: '427.0', fileName: 'challenge-correction.csv' },
    });
    expect(item?.fields.map((f) => f.field)).toEqual(
      expect.arrayContaining(['currentRead', 'quantity', 'updatedAt', 'importPosition', 'corrected']),
    );
    expect(item?.fields.find((f) => f.field === 'updatedAt')).toEqual({
      field: 'updatedAt',
      from: '2004-01-08T10:03:33+10:00',
      to: '2004-02-01T12:00:00+10:00',
    });
  };

  it('builds a generation until a position: it differs from live by exactly the corrected reading', async () => {
    const built = await runner.generations.build('before-fix', { position: beforeCorrection.position });
    expect(built).toMatchObject({ label: 'before-fix', state: 'ready', untilPosition: beforeCorrection.position });
    expect(built.readings).toBe(10); // the challenge sample's register reads
    const diff = await runner.generations.diff('before-fix', 'live', { limit: 100 });
    expectOnlyTheCorrection(diff.items);
    expect(diff.nextCursor).toBeNull();
    // The other way round, the same reading changed back.
    const back = await runner.generations.diff('live', 'before-fix', { limit: 100 });
    expect(back.items.map((i) => [i.change, i.before?.currentRead, i.after?.currentRead])).toEqual([
      ['changed', '56320.0', '56311.0'],
    ]);
  });

  it('builds a generation until a recorded instant, the same as the one until that position', async () => {
    const built = await runner.generations.build('as-recorded', { at: beforeCorrection.at });
    expect(built.state).toBe('ready');
    expect(built.untilAt?.getTime()).toBe(beforeCorrection.at.getTime());
    expectOnlyTheCorrection((await runner.generations.diff('as-recorded', 'live', { limit: 100 })).items);
    expect((await runner.generations.diff('before-fix', 'as-recorded', { limit: 100 })).items).toEqual([]);
    // Filtered by NMI: another NMI has no differences.
    expect((await runner.generations.diff('as-recorded', 'live', { nmi: '7142747824', limit: 100 })).items).toEqual([]);
  });

  it('pages a diff by its key', async () => {
    const built = await runner.generations.build('empty', { position: 0n });
    expect(built.readings).toBe(0);
    const first = await runner.generations.diff('empty', 'live', { limit: 4 });
    expect(first.items.map((i) => i.change)).toEqual(['added', 'added', 'added', 'added']);
    const seen = [...first.items];
    let cursor = first.nextCursor;
    while (cursor !== null) {
      const page = await runner.generations.diff('empty', 'live', { limit: 4, after: cursor });
      seen.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(10);
    const keys = seen.map((i) => `${i.key.nmi}/${i.key.meterSerial}/${i.key.registerId}/${i.key.currentReadAt}`);
    expect(new Set(keys).size).toBe(10);
    expect(seen.find((i) => i.key.nmi === CORRECTED_NMI)?.after?.currentRead).toBe('56320.0');
    expect(await runner.generations.drop('empty')).toBe(true);
  });

  it('lists the live generation and the side ones; refuses bad, reserved and taken labels and unknown untils', async () => {
    const { live, side } = await runner.generations.list();
    expect(live).toMatchObject({ projection: READ_MODEL_PROJECTION, readings: 11 });
    expect(live.checkpoint).toBe(await store.headPosition());
    expect(side.map((g) => [g.label, g.state, g.readings, g.untilPosition])).toEqual([
      ['before-fix', 'ready', 10, beforeCorrection.position],
      ['as-recorded', 'ready', 10, expect.any(BigInt)],
    ]);
    for (const label of ['live', 'Before', '-x', 'a'.repeat(41), 'a_b']) {
      await expect(runner.generations.build(label, { position: 1n })).rejects.toBeInstanceOf(GenerationLabelError);
    }
    await expect(runner.generations.build('before-fix', { position: 1n })).rejects.toBeInstanceOf(
      GenerationLabelTakenError,
    );
    const head = (await store.headPosition()) ?? 0n;
    await expect(runner.generations.build('later', { position: head + 1n })).rejects.toBeInstanceOf(
      UntilBeyondHeadError,
    );
    await expect(runner.generations.diff('nope', 'live', { limit: 10 })).rejects.toBeInstanceOf(UnknownGenerationError);
  });

  it('leaves the live read model serving the same while a side generation is built, one build at a time', async () => {
    const before = await liveReadings();
    const viewTarget = () =>
      database.pool.oneFirst(sql.type(z.object({ definition: z.string() }))`
        SELECT pg_get_viewdef('register_reads'::regclass) AS definition`);
    const viewBefore = await viewTarget();
    const paused = pausableStore(store);
    const pausedRunner = new ProjectionRunner(database.pool, paused, eventsTableSource());
    const reached = paused.pause();
    const building = pausedRunner.generations.build(
      'during',
      { position: beforeCorrection.position },
      { batchSize: 1 },
    );
    await reached;
    // Half built: the live answers are the same, the views point where they did.
    expect((await runner.generations.get('during'))?.state).toBe('building');
    expect(await liveReadings()).toEqual(before);
    expect(await viewTarget()).toBe(viewBefore);
    // A second side build and a live rebuild wait their turn.
    await expect(runner.generations.build('second', { position: 1n })).rejects.toBeInstanceOf(RebuildRunningError);
    await expect(runner.rebuild()).rejects.toThrow(/side rebuild \(during/);
    await expect(runner.generations.drop('second')).resolves.toBe(false);
    paused.release();
    expect((await building).state).toBe('ready');
    expect(await liveReadings()).toEqual(before);
    expect(await viewTarget()).toBe(viewBefore);
    expect(await runner.generations.drop('during')).toBe(true);
    const tables = await database.pool.anyFirst(sql.type(z.object({ name: z.string() }))`
      SELECT tablename AS name FROM pg_tables WHERE tablename LIKE 'register\\_reads\\_v%'`);
    expect(tables).toHaveLength(1 + 2); // live, before-fix, as-recorded
  });

  it('refuses a side build while a live rebuild runs', async () => {
    const paused = pausableStore(store);
    const pausedRunner = new ProjectionRunner(database.pool, paused, eventsTableSource());
    const reached = paused.pause();
    const rebuilding = pausedRunner.rebuild({ batchSize: 1 });
    await reached;
    await expect(runner.generations.build('meanwhile', { position: 1n })).rejects.toThrow(
      /a rebuild of the read model \(generation \d+\) is already running/,
    );
    paused.release();
    await rebuilding;
    // The side generations survive a live rebuild and still compare with the new live generation.
    expectOnlyTheCorrection((await runner.generations.diff('before-fix', 'live', { limit: 100 })).items);
  });

  it('verifies the live read model: identical when clean, and names a row corrupted on purpose', async () => {
    const seen: GenerationDiffItem[] = [];
    const clean = await runner.generations.verify((item) => seen.push(item));
    expect(clean).toMatchObject({ identical: true, differences: 0 });
    expect(clean.tables.every((t) => t.onlyLive === 0 && t.onlyFresh === 0)).toBe(true);
    expect(seen).toEqual([]);

    await database.pool.query(sql.unsafe`
      UPDATE register_reads SET current_read = '56399.0'
      WHERE nmi = '7142747824' AND NOT superseded`);
    const corrupt = await runner.generations.verify((item) => seen.push(item));
    expect(corrupt.identical).toBe(false);
    expect(corrupt.differences).toBe(1);
    expect(corrupt.tables.find((t) => t.table === 'register_reads')).toMatchObject({ onlyLive: 1, onlyFresh: 1 });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      key: { nmi: '7142747824', meterSerial: 'DYRGBH6BWPT5', currentReadAt: '2004-01-03T09:48:43+10:00' },
      change: 'changed',
      before: { currentRead: '99772.0' },
      after: { currentRead: '56399.0' },
    });
    expect(seen[0]?.fields.map((f) => f.field)).toEqual(['currentRead']);
    // The temporary generations are gone, tables and all.
    const left = await database.pool.oneFirst(sql.type(z.object({ count: z.number() }))`
      SELECT count(*)::int AS count FROM read_model_generations WHERE temporary`);
    expect(left).toBe(0);
    expect((await runner.generations.list()).side.map((g) => g.label)).toEqual(['before-fix', 'as-recorded']);
  });
});
