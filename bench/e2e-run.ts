/**
 * File to searchable on one backend, next to its floors, in a fresh process:
 *   floor:  in a fresh database, the event rows `nem import` would append (prepared untimed) written by
 *           one COPY (copy-floor.ts), then projected by one INSERT ... SELECT into a 14-column table with
 *           no index (floor-projection.sql), then the indexes search needs built (floor-indexes.sql);
 *   nem:    in another fresh database, as `nem import` runs: the read model brought to the head, the
 *           import (writing the file's rows with its events), a catch-up (nothing should be left to do),
 *           then a full rebuild;
 * and what each database holds (storage.ts).
 * Usage: node dist/bench/e2e-run.js <postgres|pglite> <file>
 * Prints one JSON line (E2eMeasurement in e2e.bench.ts).
 */
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { importFlowFile } from '../src/application/import-flow-file.js';
import { openDatabase } from '../src/infrastructure/db/database.js';
import {
  PostgresEventStore,
  eventsTableSource,
} from '../src/infrastructure/event-store/postgres/postgres-event-store.js';
import { openFlowFile } from '../src/infrastructure/files/flow-file.js';
import { inlineReadModel } from '../src/projections/inline.js';
import { ProjectionRunner } from '../src/projections/runner.js';
import { freshDatabase } from './backends.js';
import { copyInto, prepareRows } from './copy-floor.js';
import { BENCH_DIR } from './harness.js';
import { BENCH_LIMITS } from './limits.js';
import { storageReport, tableBytes } from './storage.js';

/** The floor's SQL, read from the source tree so that what runs is what the README shows. */
export const FLOOR_PROJECTION_SQL = join(BENCH_DIR, '../../bench/floor-projection.sql');
export const FLOOR_INDEXES_SQL = join(BENCH_DIR, '../../bench/floor-indexes.sql');

function seconds(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** Runs the floor's SQL (several statements) on a PostgreSQL server or a PGlite folder, as written. */
async function runScript(url: string | null, dataDir: string | null, script: string): Promise<void> {
  if (url !== null) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(script);
    } finally {
      await client.end();
    }
    return;
  }
  if (dataDir === null) throw new Error('no database');
  const db = await PGlite.create(join(dataDir, 'pgdata'));
  try {
    await db.exec(script);
  } finally {
    await db.close();
  }
}

const [backend, path] = process.argv.slice(2);
if (path === undefined || (backend !== 'postgres' && backend !== 'pglite')) {
  process.stderr.write('usage: node dist/bench/e2e-run.js <postgres|pglite> <file>\n');
  process.exit(2);
}

// The floors, in a database of their own.
const floorBench = await freshDatabase(backend);
let floor: {
  copySeconds: number;
  projectionSeconds: number;
  indexSeconds: number;
  readsRows: number;
  readsBytes: number;
};
try {
  const prepared = await prepareRows(path);
  try {
    if (floorBench.dataDir !== null) await floorBench.database.close();
    let started = process.hrtime.bigint();
    await copyInto(floorBench, prepared);
    const copySeconds = seconds(started);
    started = process.hrtime.bigint();
    await runScript(floorBench.url, floorBench.dataDir, readFileSync(FLOOR_PROJECTION_SQL, 'utf8'));
    const projectionSeconds = seconds(started);
    const database =
      floorBench.dataDir === null
        ? floorBench.database
        : await openDatabase({ kind: 'pglite', dataDir: floorBench.dataDir });
    let reads: Awaited<ReturnType<typeof tableBytes>>;
    try {
      reads = await tableBytes(database.pool, 'floor_reads');
    } finally {
      if (database !== floorBench.database) await database.close();
    }
    started = process.hrtime.bigint();
    await runScript(floorBench.url, floorBench.dataDir, readFileSync(FLOOR_INDEXES_SQL, 'utf8'));
    const indexSeconds = seconds(started);
    floor = { copySeconds, projectionSeconds, indexSeconds, readsRows: reads.rows, readsBytes: reads.total };
  } finally {
    rmSync(prepared.dir, { recursive: true, force: true });
  }
} finally {
  await floorBench.dispose();
}

const bench = await freshDatabase(backend);
try {
  const { pool } = bench.database;
  // Wired as src/compose.ts wires it: the events table's store, projecting a new file inline.
  const events = eventsTableSource();
  const store = new PostgresEventStore(pool, bench.database.kind, {
    copyUrl: bench.database.url,
    inline: inlineReadModel(events),
  });
  const runner = new ProjectionRunner(pool, store, events);
  await runner.catchUp();
  let started = process.hrtime.bigint();
  const result = await importFlowFile(store, () => openFlowFile(path, BENCH_LIMITS), { channel: 'cli' });
  const importSeconds = seconds(started);
  if (result.status !== 'imported') throw new Error(`${path}: ${result.status}`);

  started = process.hrtime.bigint();
  const projected = await runner.catchUp();
  const catchUpSeconds = seconds(started);
  if (projected.lag !== 0) throw new Error(`projection left a lag of ${projected.lag}`);

  const storage = await storageReport(pool);

  started = process.hrtime.bigint();
  await runner.rebuild();
  const rebuildSeconds = seconds(started);
  await store.close();

  process.stdout.write(
    `${JSON.stringify({
      backend,
      readings: result.records,
      fileBytes: statSync(path).size,
      floor,
      importSeconds,
      catchUpSeconds,
      rebuildSeconds,
      storage,
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    })}\n`,
  );
} finally {
  await bench.dispose();
}
