import { mkdtempSync, openAsBlob, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeNem13File } from '../../../bench/generate.js';
import { type CliResult, expectExit, runNem } from '../../../test/cli.js';
import { startPrivatePostgres, type PrivatePostgres } from '../../../test/private-postgres.js';
import { samplePath } from '../../../test/samples.js';
import { startNem, type RunningCli } from '../../../test/server.js';

/**
 * A PostgreSQL cluster of the test's own is stopped, started and frozen under `nem serve` and
 * `nem import`: the process stays up (or exits 2 with one line), answers 503 meanwhile, and carries on
 * by itself when the database is back, every reading stored exactly once.
 */

/** Readings in the large file: enough that the import is still appending when the database stops. */
const LARGE = 200_000;

let cluster: PrivatePostgres;
let work: string;
let largeFile: string;

beforeAll(async () => {
  cluster = await startPrivatePostgres();
  work = mkdtempSync(join(tmpdir(), 'nem-outage-e2e-'));
  largeFile = join(work, 'large.csv');
  await writeNem13File(largeFile, LARGE);
});

// A test that failed half-way leaves the cluster stopped or frozen: the next one starts from a running one.
beforeEach(async () => {
  if (cluster.running) cluster.thaw();
  else await cluster.start();
});

afterAll(async () => {
  await cluster.remove();
  rmSync(work, { recursive: true, force: true });
});

/** Runs a query on a connection of its own (none is left open to get in the way of a stop). */
async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Waits until the import is writing its file's events: a transaction of the database that has written
 * and whose last statement inserted events or read-model rows (a new file's stream is written in one
 * transaction, so nothing of it is visible to another connection before it commits).
 */
async function untilAppending(url: string, what: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const [row] = await query<{ count: string }>(
      url,
      `SELECT count(*)::text AS count FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL
         AND (query LIKE '%INSERT INTO nem_events%' OR query LIKE '%INSERT INTO "register_reads%')`,
    ).catch(() => [{ count: '0' }]);
    if (Number(row?.count ?? 0) > 0) return;
    if (Date.now() > deadline) throw new Error(`no events were being written after 90 s:\n${what()}`);
    await sleep(50);
  }
}

async function eventCounts(url: string): Promise<Record<string, number>> {
  const rows = await query<{ event_type: string; count: string; revisions: string }>(
    url,
    `SELECT event_type, count(*)::text AS count, count(DISTINCT (stream_id, stream_revision))::text AS revisions
     FROM nem_events GROUP BY event_type`,
  );
  for (const row of rows) expect(row.revisions, `${row.event_type} events share a revision`).toBe(row.count);
  return Object.fromEntries(rows.map((row) => [row.event_type, Number(row.count)]));
}

/** A fresh database on the cluster with an admin and an API token for it. */
async function prepare(name: string): Promise<{ url: string; token: string }> {
  const url = await cluster.createDatabase(name);
  const env = { DATABASE_URL: url };
  const added = await runNem(['users', 'add', 'admin', '--role', 'admin'], env, undefined, 'a long enough password\n');
  expectExit(added, 0);
  const token = await runNem(['tokens', 'create', 'admin', '--name', 'outage test'], env);
  expectExit(token, 0);
  return { url, token: token.stdout.trim() };
}

async function serve(url: string): Promise<{ nem: RunningCli; base: string }> {
  const nem = startNem(['serve', '--port', '0'], { DATABASE_URL: url, NEM_MAX_UPLOAD_MB: '200' });
  const [, base] = await nem.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
  return { nem, base: base ?? '' };
}

async function upload(base: string, token: string, path: string, name: string): Promise<Response> {
  const form = new FormData();
  form.append('file', await openAsBlob(path), name);
  return fetch(`${base}/api/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
    signal: AbortSignal.timeout(180_000),
  });
}

function get(base: string, path: string, token?: string): Promise<Response> {
  return fetch(`${base}${path}`, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(30_000),
  });
}

async function untilHealthy(base: string, nem: RunningCli): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const health = await get(base, '/health').catch(() => null);
    if (health?.status === 200) return;
    if (Date.now() > deadline) throw new Error(`/health did not return to 200 in 60 s:\n${nem.output()}`);
    await sleep(250);
  }
}

/** While the database is down: the process is alive, and each request is a 503, not a crash or a 500. */
async function expectUnavailable(base: string, token: string, nem: RunningCli): Promise<void> {
  expect(nem.child.exitCode, nem.output()).toBeNull();
  const health = await get(base, '/health');
  expect(health.status).toBe(503);
  expect(await health.json()).toEqual({ status: 'degraded' });
  // Signed in: the token is checked against the database, so this is a 503 too (with our error body).
  for (const path of ['/health', '/api/files', '/api/readings?nmi=2291137510']) {
    const answer = await get(base, path, token);
    expect(answer.status, `${path}: ${await answer.clone().text()}`).toBe(503);
  }
  const refused = await upload(base, token, samplePath('challenge-sample.csv'), 'while-down.csv');
  expect(refused.status).toBe(503);
  expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(await refused.json()).toEqual({
    type: 'urn:nem:problem:unavailable',
    title: expect.any(String),
    status: 503,
    code: 'UNAVAILABLE',
    detail: expect.stringMatching(/^the database is unavailable/),
  });
  expect(nem.child.exitCode, nem.output()).toBeNull();
}

/** Exit code 2 and one line on stderr that names the problem: no stack trace. */
function expectOneLine(result: CliResult, pattern: RegExp): void {
  expectExit(result, 2);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

describe('a database that goes away under nem serve and nem import', () => {
  it('nem serve survives a stop (-m immediate) during an upload, answers 503, and carries on after the start', async () => {
    const { url, token } = await prepare('stopped_during_upload');
    const { nem, base } = await serve(url);
    try {
      const during = upload(base, token, largeFile, 'large.csv');
      await untilAppending(url, () => nem.output());
      await cluster.stop('immediate');
      const answer = await during;
      expect(answer.status, nem.output()).toBe(503);
      expect(((await answer.json()) as { code: string }).code).toBe('UNAVAILABLE');
      await expectUnavailable(base, token, nem);

      await cluster.start();
      await untilHealthy(base, nem);
      const again = await upload(base, token, largeFile, 'large.csv');
      expect(again.status, nem.output()).toBe(200);
      expect(((await again.json()) as { results: Array<{ status: string; readings: number }> }).results).toEqual([
        expect.objectContaining({ status: 'imported', readings: LARGE }),
      ]);
      expect(await eventCounts(url)).toEqual({ FileReceived: 1, ReadingRecorded: LARGE, FileImported: 1 });
    } finally {
      expect(await nem.stop(), nem.output()).toBe(0);
    }
  }, 300_000);

  it('nem serve survives a stop (-m fast) a second after an upload, and its read model catches up by itself after the start', async () => {
    const { url, token } = await prepare('stopped_after_upload');
    const { nem, base } = await serve(url);
    try {
      const before = await upload(base, token, samplePath('challenge-sample.csv'), 'before.csv');
      expect(before.status, nem.output()).toBe(200);
      await sleep(1000);
      // Idle connections, the COPY pool's among them, now get admin_shutdown from the server.
      await cluster.stop('fast');
      await sleep(1000);
      await expectUnavailable(base, token, nem);

      await cluster.start();
      await untilHealthy(base, nem);
      const after = await upload(base, token, samplePath('challenge-sample.csv'), 'after.csv');
      expect(after.status, nem.output()).toBe(200);
      expect(((await after.json()) as { results: Array<{ status: string }> }).results[0]?.status).toBe('duplicate');
      // Imported by another process: only the server's live projection brings it into the read model.
      const small = join(work, 'after-restart.csv');
      await writeNem13File(small, 50, { seed: 2 });
      const imported = await runNem(['import', '--no-project', small], { DATABASE_URL: url });
      expectExit(imported, 0);
      const deadline = Date.now() + 120_000;
      for (;;) {
        const files = await get(base, '/api/files?status=imported', token);
        expect(files.status).toBe(200);
        const names = ((await files.json()) as { items: Array<{ fileName: string }> }).items.map((f) => f.fileName);
        if (names.includes('after-restart.csv')) break;
        if (Date.now() > deadline) throw new Error(`the read model did not catch up:\n${nem.output()}`);
        await sleep(500);
      }
      expect(await eventCounts(url)).toEqual({ FileReceived: 2, ReadingRecorded: 10 + 50, FileImported: 2 });
    } finally {
      expect(await nem.stop(), nem.output()).toBe(0);
    }
  }, 300_000);

  it('nem import exits 2 with one line when the database stops mid-way, and the same import completes after the start', async () => {
    const url = await cluster.createDatabase('stopped_during_import');
    const env = { DATABASE_URL: url };
    const running = runNem(['import', largeFile], env);
    await untilAppending(url, () => 'nem import');
    await cluster.stop('immediate');
    expectOneLine(await running, /^nem: writing nem13File-[0-9a-f]{64} failed: the database is unavailable \(.+\)$/);
    expectOneLine(await runNem(['files'], env), /^nem: cannot connect to PostgreSQL at .+: connection refused$/);

    await cluster.start();
    const resumed = await runNem(['import', largeFile], env);
    expectExit(resumed, 0);
    expect(resumed.stdout).toContain(`large.csv: imported (${LARGE} readings)`);
    expect(await eventCounts(url)).toEqual({ FileReceived: 1, ReadingRecorded: LARGE, FileImported: 1 });
  }, 300_000);

  it('nem serve answers /health with 503 in a few seconds while the database is frozen (SIGSTOP), and 200 after', async () => {
    const { url, token } = await prepare('frozen');
    const { nem, base } = await serve(url);
    try {
      expect((await get(base, '/health')).status).toBe(200);
      cluster.freeze();
      try {
        // Twice: the first check's queries are still waiting on their connections.
        for (let i = 0; i < 2; i++) {
          const health = await fetch(`${base}/health`, { signal: AbortSignal.timeout(10_000) });
          expect(health.status).toBe(503);
          expect(await health.json()).toEqual({ status: 'degraded' });
        }
        // Signed in, the caller's token is looked up in the frozen database too: still a 503 in time.
        const signedIn = await fetch(`${base}/health`, {
          headers: { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(10_000),
        });
        expect(signedIn.status).toBe(503);
        // Any other request ends too, after its own (longer) bound, instead of hanging.
        const search = await fetch(`${base}/api/readings?nmi=2291137510`, {
          headers: { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(60_000),
        });
        expect(search.status).toBe(503);
        expect(nem.child.exitCode, nem.output()).toBeNull();
      } finally {
        cluster.thaw();
      }
      await untilHealthy(base, nem);
    } finally {
      expect(await nem.stop(), nem.output()).toBe(0);
    }
  }, 180_000);
});
