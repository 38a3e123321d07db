/**
 * Readings searches through the HTTP API under load, on native PostgreSQL with a read model of
 * `readings` rows: this process serves the app; a child process (api-load.js) is the load generator,
 * so the two do not share a thread.
 * Usage: node dist/bench/api-run.js <readings> [seconds]
 * Prints one JSON line: { readings, seconds, requests, requestsPerSecond, p50, p95, p99, errors }.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildApp, DEFAULT_API_OPTIONS } from '../src/api/app.js';
import { SignInThrottle } from '../src/infrastructure/accounts/sign-in-throttle.js';
import { DatabaseOriginalsArchive } from '../src/infrastructure/files/originals-archive.js';
import { AccountStore } from '../src/infrastructure/accounts/account-store.js';
import {
  PostgresEventStore,
  eventsTableSource,
} from '../src/infrastructure/event-store/postgres/postgres-event-store.js';
import { ProjectionRunner } from '../src/projections/runner.js';
import { freshDatabase } from './backends.js';
import { NODE_FLAGS } from './harness.js';
import { loadReadModel } from './read-model-loader.js';

const readings = Number(process.argv[2]);
const seconds = Number(process.argv[3] ?? 10);
const bench = await freshDatabase('postgres');
try {
  const { pool } = bench.database;
  await loadReadModel(pool, readings);
  const store = new PostgresEventStore(pool, 'postgres');
  const accounts = new AccountStore(pool);
  await accounts.addUser('bench', 'viewer', 'bench-password-1');
  const { token } = await accounts.createToken('bench', 'load');
  const app = await buildApp({
    database: bench.database,
    store,
    projections: new ProjectionRunner(pool, store, eventsTableSource()),
    accounts,
    signInThrottle: new SignInThrottle(pool),
    originals: new DatabaseOriginalsArchive(pool, 100 * 1024 * 1024),
    options: { ...DEFAULT_API_OPTIONS, uploadDir: mkdtempSync(join(tmpdir(), 'nem-bench-uploads-')) },
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...NODE_FLAGS, join(import.meta.dirname, 'api-load.js'), url, token, String(readings), String(seconds)],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  await app.close();
  process.stdout.write(
    `${JSON.stringify({ readings, seconds, ...(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as object) })}\n`,
  );
} finally {
  await bench.dispose();
}
