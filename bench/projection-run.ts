/**
 * Projection measurements on one backend, in a fresh process and database: the file is imported first
 * (untimed), then, on the same events:
 *   project: the projection runner catching up from nothing;
 *   rebuild: a full rebuild (new tables, replay, switch);
 *   floor:   one INSERT ... SELECT of the projected rows into a table of the same shape (writing the rows,
 *            with nothing to read or decode).
 * Usage: node dist/bench/projection-run.js <postgres|pglite> <file>
 * Prints one JSON line: { backend, events, floorSeconds, projectSeconds, rebuildSeconds }.
 */
import { BENCH_LIMITS } from './limits.js';
import { sql } from 'slonik';
import { importFlowFile } from '../src/application/import-flow-file.js';
import {
  PostgresEventStore,
  eventsTableSource,
} from '../src/infrastructure/event-store/postgres/postgres-event-store.js';
import { openFlowFile } from '../src/infrastructure/files/flow-file.js';
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
  const events = result.records + 2;

  const runner = new ProjectionRunner(pool, store, eventsTableSource());
  await runner.ensureReadModel();
  let started = process.hrtime.bigint();
  const projected = await runner.catchUp();
  const projectSeconds = seconds(started);
  if (projected.lag !== 0) throw new Error(`projection left a lag of ${projected.lag}`);

  started = process.hrtime.bigint();
  await runner.rebuild();
  const rebuildSeconds = seconds(started);

  // The floor: the same rows, written again in one statement into a table without the search indexes.
  await createReadModelTables(pool, 99, { searchIndexes: false });
  started = process.hrtime.bigint();
  await pool.query(sql.unsafe`INSERT INTO ${tableOf('register_reads', 99)} SELECT * FROM register_reads`);
  const floorSeconds = seconds(started);

  process.stdout.write(`${JSON.stringify({ backend, events, floorSeconds, projectSeconds, rebuildSeconds })}\n`);
} finally {
  await bench.dispose();
}
