/**
 * Projection measurements on one backend, in a fresh process and database: the file is imported first
 * (untimed), then, on the same events:
 *   floor:   one INSERT ... SELECT of the reading rows from the events table into a read table;
 *   project: the projection runner catching up from nothing;
 *   rebuild: a full rebuild (new tables, replay, switch).
 * Usage: node dist/bench/projection-run.js <postgres|pglite> <file>
 * Prints one JSON line: { backend, events, floorSeconds, projectSeconds, rebuildSeconds }.
 */
import { BENCH_LIMITS } from './limits.js';
import { sql } from 'slonik';
import { importFlowFile } from '../src/application/import-flow-file.js';
import { PostgresEventStore } from '../src/infrastructure/event-store/postgres/postgres-event-store.js';
import { openFlowFile } from '../src/infrastructure/files/flow-file.js';
import { readingColumns, READ_COLUMN_NAMES } from '../src/projections/read-model/read-model.projection.js';
import { createReadModelTables, tableOf } from '../src/projections/read-model/read-model.schema.js';
import { ProjectionRunner } from '../src/projections/runner.js';
import { freshDatabase } from './backends.js';

const [backend, path] = process.argv.slice(2);
if (path === undefined || (backend !== 'postgres' && backend !== 'pglite')) {
  process.stderr.write('usage: node dist/bench/projection-run.js <postgres|pglite> <file>\n');
  process.exit(2);
}

function seconds(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const bench = await freshDatabase(backend);
try {
  const { pool } = bench.database;
  const store = new PostgresEventStore(pool, bench.database.kind, { copyUrl: bench.database.url });
  const result = await importFlowFile(store, () => openFlowFile(path, BENCH_LIMITS), { channel: 'cli' });
  await store.close();
  const events = result.readings + 2;

  // The floor: the same rows, straight from the events table, in one statement.
  await createReadModelTables(pool, 99);
  let started = process.hrtime.bigint();
  await pool.query(sql.unsafe`
    INSERT INTO ${tableOf('register_reads', 99)} ${READ_COLUMN_NAMES}
    SELECT ${readingColumns(2, 1n, new Date().toISOString())} FROM nem_events e WHERE e.event_type = 'ReadingRecorded'`);
  const floorSeconds = seconds(started);

  const runner = new ProjectionRunner(pool, store, { kind: 'events-table' });
  await runner.ensureReadModel();
  started = process.hrtime.bigint();
  const projected = await runner.catchUp();
  const projectSeconds = seconds(started);
  if (projected.lag !== 0) throw new Error(`projection left a lag of ${projected.lag}`);

  started = process.hrtime.bigint();
  await runner.rebuild();
  const rebuildSeconds = seconds(started);

  process.stdout.write(`${JSON.stringify({ backend, events, floorSeconds, projectSeconds, rebuildSeconds })}\n`);
} finally {
  await bench.dispose();
}
