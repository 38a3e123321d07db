import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { writeNem13File } from '../../../bench/generate.js';
import { openDatabase, type DatabaseTarget } from '../../infrastructure/db/database.js';
import { expectExit, killOnExit, ndjson, NEM_BIN, REPO_ROOT, runNem } from '../../../test/cli.js';
import { createTestPostgres, TEST_DATABASE_URL, type TestPostgres } from '../../../test/databases.js';
import { EXPECTED, EXPECTED_NEM12, nem12SamplePath, samplePath } from '../../../test/samples.js';

const work = mkdtempSync(join(tmpdir(), 'nem-import-e2e-'));

interface Backend {
  readonly name: string;
  env(): NodeJS.ProcessEnv;
  target(): DatabaseTarget;
  /** Whether two processes can use it at once (PGlite's folder belongs to one process). */
  readonly shared: boolean;
}

let server: TestPostgres | null = null;
const BACKENDS: Backend[] = [
  {
    name: 'pglite',
    env: () => ({ NEM_DATA_DIR: join(work, 'data'), DATABASE_URL: '' }),
    target: () => ({ kind: 'pglite', dataDir: join(work, 'data') }),
    shared: false,
  },
  ...(TEST_DATABASE_URL === ''
    ? []
    : [
        {
          name: 'postgres',
          env: () => ({ DATABASE_URL: server?.url ?? '' }),
          target: () => ({ kind: 'postgres' as const, url: server?.url ?? '' }),
          shared: true,
        },
      ]),
];

async function countEvents(backend: Backend, sha256?: string): Promise<Record<string, number>> {
  const database = await openDatabase(backend.target());
  try {
    const rows = await database.pool.any(
      sql.type(z.object({ event_type: z.string(), count: z.bigint() }))`
        SELECT event_type, count(*) AS count FROM nem_events
        WHERE ${sha256 === undefined ? sql.fragment`TRUE` : sql.fragment`stream_name = ${`nem13File-${sha256}`}`}
        GROUP BY event_type`,
    );
    return Object.fromEntries(rows.map((row) => [row.event_type, Number(row.count)]));
  } finally {
    await database.close();
  }
}

const BIG = 50_000;
let bigFile = '';
let bigSha = '';

beforeAll(async () => {
  if (TEST_DATABASE_URL !== '') server = await createTestPostgres();
  bigFile = join(work, 'big.csv');
  await writeNem13File(bigFile, BIG, { seed: 42 });
  bigSha = createHash('sha256').update(readFileSync(bigFile)).digest('hex');
}, 120_000);
afterAll(async () => {
  await server?.drop();
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
    expect(await countEvents(backend, String(results[0]?.sha256))).toEqual({
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
    expect(again).toMatchObject({ status: 'duplicate', format: 'NEM12', readings: chosen[0]?.records?.['300'] });
    expect(await countEvents(backend, String(again?.sha256))).toEqual({
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

  it('completes an import killed part-way: exactly one ReadingRecorded per 250 and one FileImported', async () => {
    const child = spawn(process.execPath, ['--max-semi-space-size=8', NEM_BIN, 'import', '--progress', bigFile], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...backend.env() },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    killOnExit(child);
    // Kill it with SIGKILL once it reports a fifth of the readings appended. If it ends before that, the
    // test fails showing how it ended and what it printed.
    let stderr = '';
    const reachedKillPoint = await new Promise<boolean>((resolve) => {
      child.stderr.setEncoding('utf8').on('data', (text: string) => {
        stderr += text;
        const done = /progress: .*: (\d+)\/\d+ readings/.exec(text);
        if (done !== null && Number(done[1]) >= BIG / 5) resolve(true);
      });
      child.once('close', () => resolve(false));
    });
    expect(reachedKillPoint, `the import ended before the kill point (exit ${child.exitCode}):\n${stderr}`).toBe(true);
    const killed = new Promise((resolve) => child.once('close', (_code, signal) => resolve(signal)));
    child.kill('SIGKILL');
    expect(await killed).toBe('SIGKILL');
    const partial = await countEvents(backend, bigSha);
    expect(partial.FileImported).toBeUndefined();
    expect(partial.ReadingRecorded).toBeGreaterThanOrEqual(BIG / 5);
    expect(partial.ReadingRecorded).toBeLessThan(BIG);

    const resumed = await runNem(['import', '--json', bigFile], backend.env());
    expectExit(resumed, 0);
    expect(resumed.stderr).toBe('');
    const [result] = ndjson(resumed.stdout);
    expect(result).toMatchObject({ status: 'imported', readings: BIG });
    expect(await countEvents(backend, String(result?.sha256))).toEqual({
      FileReceived: 1,
      ReadingRecorded: BIG,
      FileImported: 1,
    });
    // The resumed import digested the events the killed one had appended, as stored.
    const audit = await runNem(['audit', 'verify', '--json'], backend.env());
    expectExit(audit, 0);
    expect(JSON.parse(audit.stdout)).toMatchObject({ broken: 0 });
  });

  it('runs two imports of the same file at once and keeps one copy of its events', async () => {
    const file = join(work, `concurrent-${backend.name}.csv`);
    await writeNem13File(file, 20_000, { seed: 7 });
    const [a, b] = await Promise.all([
      runNem(['import', '--json', file], backend.env()),
      runNem(['import', '--json', file], backend.env()),
    ]);
    const outcomes = [a, b].map((r) => (r.code === 0 ? ndjson(r.stdout)[0]?.status : r.stderr.trim()));
    if (backend.shared) {
      expect(outcomes).toContain('imported');
      for (const outcome of outcomes) expect(['imported', 'duplicate']).toContain(outcome);
    } else {
      // The embedded folder belongs to one process: the other is refused, naming the holder.
      expect(outcomes.filter((o) => o === 'imported')).toHaveLength(1);
      const refused = outcomes.find((o) => o !== 'imported');
      expect(refused).toMatch(/^nem: the data folder .* is in use by process \d+/);
    }
    const sha = String(ndjson(a.code === 0 ? a.stdout : b.stdout)[0]?.sha256);
    expect(await countEvents(backend, sha)).toEqual({ FileReceived: 1, ReadingRecorded: 20_000, FileImported: 1 });
  });

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
