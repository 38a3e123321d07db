import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { writeNem12File, writeNem13File } from '../../../bench/generate.js';
import { openDatabase, type Database, type DatabaseTarget } from '../../infrastructure/db/database.js';
import { physicalName, READ_MODEL_PROJECTION } from '../../projections/read-model/read-model.schema.js';
import { describeRun, expectExit, ndjson, runNem, spawnNem } from '../../../test/cli.js';
import { createTestPostgres, TEST_DATABASE_URL, type TestPostgres } from '../../../test/databases.js';
import { EXPECTED, EXPECTED_NEM12, nem12SamplePath, samplePath } from '../../../test/samples.js';

const work = mkdtempSync(join(tmpdir(), 'nem-import-e2e-'));

/**
 * The stores of this file: `main` for the samples, `clean` for the imports of the big files that
 * nothing interrupted, and one per format for the import killed part-way, so that its audit walks that
 * file alone.
 */
const STORES = ['main', 'clean', 'NEM13', 'NEM12'] as const;
type Store = (typeof STORES)[number];

interface Backend {
  readonly name: string;
  env(store?: Store): NodeJS.ProcessEnv;
  target(store?: Store): DatabaseTarget;
  /** Whether two processes can use it at once (PGlite's folder belongs to one process). */
  readonly shared: boolean;
}

const servers: Partial<Record<Store, TestPostgres>> = {};
const BACKENDS: Backend[] = [
  {
    name: 'pglite',
    env: (store = 'main') => ({ NEM_DATA_DIR: join(work, store), DATABASE_URL: '' }),
    target: (store = 'main') => ({ kind: 'pglite', dataDir: join(work, store) }),
    shared: false,
  },
  ...(TEST_DATABASE_URL === ''
    ? []
    : [
        {
          name: 'postgres',
          env: (store: Store = 'main') => ({ DATABASE_URL: servers[store]?.url ?? '' }),
          target: (store: Store = 'main') => ({ kind: 'postgres' as const, url: servers[store]?.url ?? '' }),
          shared: true,
        },
      ]),
];

/** Opens a store of a backend for the time of `use`. */
async function inStore<T>(backend: Backend, store: Store, use: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(backend.target(store));
  try {
    return await use(database);
  } finally {
    await database.close();
  }
}

/** How many events of each type a file's stream holds. */
async function countEvents(database: Database, sha256: string): Promise<Record<string, number>> {
  const rows = await database.pool.any(
    sql.type(z.object({ event_type: z.string(), count: z.bigint() }))`
      SELECT event_type, count(*) AS count FROM nem_events
      WHERE stream_id = (SELECT stream_id FROM nem_streams WHERE stream_name IN (${`nem13File-${sha256}`}, ${`nem12File-${sha256}`}))
      GROUP BY event_type`,
  );
  return Object.fromEntries(rows.map((row) => [row.event_type, Number(row.count)]));
}

/**
 * What a file's import leaves in a store, for comparing two imports of it: how many events of each type,
 * the ids, types and data of its events in stream order (but for when it was received: FileReceived's
 * time, and so the digest of the stream that FileImported holds), and its rows of the read table, all
 * but when they were imported (its position in the store, its time).
 */
async function importedState(database: Database, format: BigFormat, sha256: string) {
  const counts = await countEvents(database, sha256);
  const events = await database.pool.any(
    sql.type(z.object({ event_id: z.string(), event_type: z.string(), data: z.string().nullable() }))`
      SELECT event_id, event_type, CASE event_type WHEN 'FileReceived' THEN NULL
        WHEN 'FileImported' THEN (data - 'earlierEventsSha256')::text ELSE data::text END AS data
      FROM nem_events
      WHERE stream_id = (SELECT stream_id FROM nem_streams WHERE stream_name IN (${`nem13File-${sha256}`}, ${`nem12File-${sha256}`}))
      ORDER BY stream_revision`,
  );
  const generation = await database.pool.oneFirst(
    sql.type(z.object({ generation: z.number() }))`
      SELECT generation FROM projection_state WHERE projection = ${READ_MODEL_PROJECTION} AND active`,
  );
  const table = sql.identifier([physicalName(format.table, generation)]);
  const rows = await database.pool.anyFirst(
    sql.type(z.object({ row: z.string() }))`
      SELECT (to_jsonb(t) - 'import_position' - 'imported_at')::text AS row FROM ${table} t
      WHERE ${
        // Register reads name their file by its FileImported's position (files.closed_position).
        format.table === 'register_reads'
          ? sql.fragment`import_position = (SELECT closed_position FROM files WHERE file_id = ${sha256})`
          : sql.fragment`file_id = ${sha256}`
      }
      ORDER BY line`,
  );
  return { counts, events: events.map((e) => JSON.stringify(e)), rows };
}

/** The first place two long lists differ, or null: a readable failure where a deep diff is not. */
function firstDifference(actual: readonly string[], expected: readonly string[]): string | null {
  for (let i = 0; i < Math.max(actual.length, expected.length); i++) {
    if (actual[i] !== expected[i]) return `at ${i}: ${actual[i] ?? '(none)'}\nexpected ${expected[i] ?? '(none)'}`;
  }
  return null;
}

/** A large generated file of each format, for the imports killed part-way and the concurrent ones. */
interface BigFormat {
  readonly format: 'NEM13' | 'NEM12';
  /** Its record events: ReadingRecorded per 250, IntervalDayRecorded per 300. */
  readonly recordEvent: 'ReadingRecorded' | 'IntervalDayRecorded';
  readonly table: 'register_reads' | 'interval_days';
  readonly records: number;
  write(path: string, seed: number, records: number): Promise<void>;
  path: string;
  sha: string;
}

const BIG_FILES: BigFormat[] = [
  {
    format: 'NEM13',
    recordEvent: 'ReadingRecorded',
    table: 'register_reads',
    // Four appends of 5,000: the kill comes after the first, with three to go.
    records: 20_000,
    write: (path, seed, records) => writeNem13File(path, records, { seed }),
    path: '',
    sha: '',
  },
  {
    format: 'NEM12',
    recordEvent: 'IntervalDayRecorded',
    table: 'interval_days',
    // 21 NMIs x 365 days x 2 channels: four appends (three of 5,000 days); the kill comes after the first.
    records: 15_330,
    write: (path, seed, records) => writeNem12File(path, { nmis: records / 730, days: 365, channels: 2, seed }),
    path: '',
    sha: '',
  },
];

beforeAll(async () => {
  if (TEST_DATABASE_URL !== '') {
    for (const store of STORES) servers[store] = await createTestPostgres();
  }
  for (const big of BIG_FILES) {
    big.path = join(work, `big-${big.format}.csv`);
    await big.write(big.path, 42, big.records);
    big.sha = createHash('sha256').update(readFileSync(big.path)).digest('hex');
  }
}, 120_000);
afterAll(async () => {
  for (const store of STORES) await servers[store]?.drop();
});

describe.each(BACKENDS)('nem import on $name', (backend) => {
  it('imports the samples, reports each file, and calls a second run duplicate', async () => {
    const files = [
      samplePath('challenge-sample.csv'),
      samplePath('nem12'),
      samplePath('aemo-spec-example-nem13-forward-estimate.csv'),
    ];
    const first = await runNem(['import', '--json', ...files], backend.env());
    expect(first.stderr).toBe('');
    expectExit(first, 0);
    const results = ndjson(first.stdout);
    expect(results.map((r) => [String(r.file).split('/').at(-1), r.status, r.format, r.readings])).toEqual([
      ['challenge-sample.csv', 'imported', 'NEM13', 10],
      ['nem12-aemo-spec-example-actual-interval.csv', 'imported', 'NEM12', 2],
      ['nem12-aemo-spec-example-multiple-quality.csv', 'imported', 'NEM12', 1],
      ['aemo-spec-example-nem13-forward-estimate.csv', 'imported', 'NEM13', 2],
    ]);
    const second = await runNem(['import', samplePath('challenge-sample.csv')], backend.env());
    expectExit(second, 0);
    expect(second.stdout).toMatch(
      /challenge-sample\.csv: duplicate \(already received on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+10:00 and imported with 10 readings; nothing appended\)/,
    );
    expect(second.stdout).toContain('1 file: 0 imported (0 readings), 1 duplicate, 0 rejected');
    const challenge = EXPECTED.find((f) => f.file === 'challenge-sample.csv');
    expect(await inStore(backend, 'main', (db) => countEvents(db, String(results[0]?.sha256)))).toEqual({
      FileReceived: 1,
      ReadingRecorded: challenge?.n250,
      FileImported: 1,
    });
  });

  it('imports NEM12 files: one IntervalDayRecorded per 300; an invalid one is rejected naming its line', async () => {
    const valid = EXPECTED_NEM12.filter((f) => f.valid && f.member === undefined && (f.records?.['400'] ?? 0) > 0);
    const chosen = valid.slice(0, 2);
    expect(chosen).toHaveLength(2);
    const imported = await runNem(['import', ...chosen.map((f) => nem12SamplePath(f.file))], backend.env());
    expectExit(imported, 0);
    for (const f of chosen) {
      const days = f.records?.['300'] ?? 0;
      expect(imported.stdout).toContain(`${nem12SamplePath(f.file)}: imported (${days} interval days`);
    }
    const json = await runNem(['import', '--json', nem12SamplePath(chosen[0]?.file ?? '')], backend.env());
    expectExit(json, 0);
    const [again] = ndjson(json.stdout);
    expect(again).toMatchObject({
      status: 'duplicate',
      format: 'NEM12',
      readings: chosen[0]?.records?.['300'],
      // The same view as the API's upload results: when and how the file was first received.
      duplicateOf: { status: 'imported', receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*\+10:00$/) },
    });
    expect(await inStore(backend, 'main', (db) => countEvents(db, String(again?.sha256)))).toEqual({
      FileReceived: 1,
      IntervalDayRecorded: chosen[0]?.records?.['300'],
      FileImported: 1,
    });

    const invalid = nem12SamplePath('aemo-mdp-test-2005/NEM12_Scenario10_ETSAMDP_NEMMCO.csv');
    const rejected = await runNem(['import', invalid], backend.env());
    expectExit(rejected, 1);
    expect(rejected.stdout).toContain(`${invalid}: rejected`);
    expect(rejected.stdout).toMatch(/NEM12_Scenario10_ETSAMDP_NEMMCO\.csv:27: .*\(error NEM12_FIELD_COUNT\)/);
  });

  it.each(BIG_FILES)(
    'imports a $format file once: two imports at once keep one copy; one killed part-way leaves nothing, the next run all',
    async (big) => {
      const whole = { FileReceived: 1, [big.recordEvent]: big.records, FileImported: 1 };
      // Two imports of the file at once, into a store of their own.
      const [a, b] = await Promise.all([
        runNem(['import', '--json', big.path], backend.env('clean')),
        runNem(['import', '--json', big.path], backend.env('clean')),
      ]);
      const outcomes = [a, b].map((r) => (r.code === 0 ? ndjson(r.stdout)[0]?.status : r.stderr.trim()));
      if (backend.shared) {
        expect(outcomes, `${describeRun(a)}\n${describeRun(b)}`).toContain('imported');
        for (const outcome of outcomes) expect(['imported', 'duplicate']).toContain(outcome);
      } else {
        // The embedded folder belongs to one process: the other is refused, naming the holder.
        expect(
          outcomes.filter((o) => o === 'imported'),
          `${describeRun(a)}\n${describeRun(b)}`,
        ).toHaveLength(1);
        const refused = outcomes.find((o) => o !== 'imported');
        expect(refused).toMatch(/^nem: the data folder .* is in use by process \d+/);
      }
      const reference = await inStore(backend, 'clean', (db) => importedState(db, big, big.sha));
      expect(reference.counts).toEqual(whole);

      // An import of the same file into another store, killed with SIGKILL once it reports a fifth of the
      // records appended. If it ends before that, the test fails showing how it ended and what it printed.
      const child = spawnNem(['import', '--progress', big.path], backend.env(big.format), {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      const reachedKillPoint = await new Promise<boolean>((resolve) => {
        child.stderr!.setEncoding('utf8').on('data', (text: string) => {
          stderr += text;
          const done = /progress: .*: (\d+)\/\d+ (?:readings|interval days) /.exec(text);
          if (done !== null && Number(done[1]) >= big.records / 5) resolve(true);
        });
        child.once('close', () => resolve(false));
      });
      expect(reachedKillPoint, `the import ended before the kill point (exit ${child.exitCode}):\n${stderr}`).toBe(
        true,
      );
      // Progress counts a NEM12 file's records in interval days.
      expect(stderr).toMatch(big.format === 'NEM12' ? /\/\d+ interval days \(/ : /\/\d+ readings \(/);
      const killed = new Promise((resolve) => child.once('close', (_code, signal) => resolve(signal)));
      child.kill('SIGKILL');
      expect(await killed).toBe('SIGKILL');
      // A new file's stream and its rows are written in one transaction: the kill leaves nothing of it.
      const partial = await inStore(backend, big.format, (db) => countEvents(db, big.sha));
      expect(partial).toEqual({});

      const again = await runNem(['import', '--json', big.path], backend.env(big.format));
      expectExit(again, 0);
      expect(again.stderr).toBe('');
      const [result] = ndjson(again.stdout);
      expect(result).toMatchObject({ status: 'imported', format: big.format, readings: big.records, sha256: big.sha });
      // The next run imported it whole, its stream's digest intact.
      const audit = await runNem(['audit', 'verify', '--json'], backend.env(big.format));
      expectExit(audit, 0);
      expect(JSON.parse(audit.stdout)).toMatchObject({ streams: 1, broken: 0 });

      // The same events and read rows as the import that nothing interrupted.
      const after = await inStore(backend, big.format, (db) => importedState(db, big, big.sha));
      expect(after.counts).toEqual(whole);
      expect(after.events).toHaveLength(big.records + 2);
      expect(after.rows).toHaveLength(big.records);
      expect(firstDifference(after.events, reference.events)).toBeNull();
      expect(firstDifference(after.rows, reference.rows)).toBeNull();
    },
    // Four imports of the file and a verification on a busy machine: twice the e2e default.
    240_000,
  );

  it('gives one clear line for a bad configuration', async () => {
    const bad = await runNem(['import', samplePath('challenge-sample.csv')], {
      ...backend.env(),
      DATABASE_URL: 'mysql://nope',
    });
    expectExit(bad, 2);
    expect(bad.stderr.trim().split('\n')).toEqual([
      'nem: configuration: DATABASE_URL must be a PostgreSQL URL such as postgres://user@host:5432/database',
    ]);
    const down = await runNem(['import', samplePath('challenge-sample.csv')], {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    });
    expectExit(down, 2);
    expect(down.stderr.trim().split('\n')).toHaveLength(1);
    expect(down.stderr).toMatch(/^nem: cannot connect to PostgreSQL at postgres:\/\/nobody@127\.0\.0\.1:1\/none: /);
    const esdb = await runNem(['import', samplePath('challenge-sample.csv')], {
      ...backend.env(),
      EVENTSTORE_URL: 'http://x',
    });
    expectExit(esdb, 2);
    expect(esdb.stderr.trim().split('\n')).toHaveLength(1);
  });
});
