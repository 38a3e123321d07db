/**
 * What a NEM12 file costs on disk, on one backend, in a fresh process and database: `nem import` of the
 * file, the projection runner catching up, then the sizes PostgreSQL reports.
 * Usage: node dist/bench/nem12-storage-run.js <postgres|pglite> <file>
 * Prints one JSON line (see StorageMeasurement in nem12-storage.bench.ts).
 *
 * The method (docs/performance.md):
 * - an IntervalDayRecorded row is its share of the events table: of the heap and TOAST
 *   (pg_table_size) by its share of the rows' bytes (pg_column_size of the whole row), and of the
 *   indexes (pg_indexes_size) by count, since each index holds one entry per row of about the same size;
 * - an interval_days row is the whole table with its TOAST and indexes (pg_total_relation_size) over
 *   its rows, every row being an interval day;
 * - a 300 line is its bytes in the file with its line end (the 400s of a V day not counted).
 */
import { BENCH_LIMITS } from './limits.js';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { sql } from 'slonik';
import { z } from 'zod';
import { importFlowFile } from '../src/application/import-flow-file.js';
import {
  PostgresEventStore,
  eventsTableSource,
} from '../src/infrastructure/event-store/postgres/postgres-event-store.js';
import { openFlowFile } from '../src/infrastructure/files/flow-file.js';
import { ProjectionRunner } from '../src/projections/runner.js';
import { freshDatabase } from './backends.js';

const [backend, path] = process.argv.slice(2);
if (path === undefined || (backend !== 'postgres' && backend !== 'pglite')) {
  process.stderr.write('usage: node dist/bench/nem12-storage-run.js <postgres|pglite> <file>\n');
  process.exit(2);
}

/** The 300 lines of the file: how many, and their bytes with the line end. */
async function intervalDayLines(file: string): Promise<{ count: number; bytes: number }> {
  let count = 0;
  let bytes = 0;
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.startsWith('300,')) {
      count++;
      // The generated files are ASCII with LF line ends.
      bytes += line.length + 1;
    }
  }
  return { count, bytes };
}

const num = z.coerce.number();
const bench = await freshDatabase(backend);
try {
  const { pool } = bench.database;
  const store = new PostgresEventStore(pool, bench.database.kind, { copyUrl: bench.database.url });
  const started = process.hrtime.bigint();
  const result = await importFlowFile(store, () => openFlowFile(path, BENCH_LIMITS), { channel: 'cli' });
  const importSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 'imported') throw new Error(`${path}: ${result.status}`);
  const runner = new ProjectionRunner(pool, store, eventsTableSource());
  await runner.ensureReadModel();
  const projected = await runner.catchUp();
  if (projected.lag !== 0) throw new Error(`projection left a lag of ${projected.lag}`);
  await store.close();
  await pool.query(sql.unsafe`CHECKPOINT`);

  const events = await pool.one(
    sql.type(
      z.object({
        rows: num,
        days: num,
        row_bytes: num,
        day_row_bytes: num,
        day_data_bytes: num,
        day_metadata_bytes: num,
        table_bytes: num,
        index_bytes: num,
      }),
    )`
      SELECT count(*) AS rows,
        count(*) FILTER (WHERE event_type = 'IntervalDayRecorded') AS days,
        sum(pg_column_size(e.*)) AS row_bytes,
        sum(pg_column_size(e.*)) FILTER (WHERE event_type = 'IntervalDayRecorded') AS day_row_bytes,
        sum(pg_column_size(e.data)) FILTER (WHERE event_type = 'IntervalDayRecorded') AS day_data_bytes,
        sum(pg_column_size(e.metadata)) FILTER (WHERE event_type = 'IntervalDayRecorded') AS day_metadata_bytes,
        pg_table_size('nem_events') AS table_bytes,
        pg_indexes_size('nem_events') AS index_bytes
      FROM nem_events e`,
  );
  const daysTable = await pool.oneFirst(
    sql.type(z.object({ relname: z.string() }))`
      SELECT relname FROM pg_class WHERE relkind = 'r' AND relname LIKE 'interval\\_days\\_v%' ORDER BY relname DESC LIMIT 1`,
  );
  const table = sql.identifier([daysTable]);
  const readModel = await pool.one(
    sql.type(
      z.object({
        rows: num,
        row_bytes: num,
        values_bytes: num,
        table_bytes: num,
        index_bytes: num,
        total_bytes: num,
      }),
    )`
      SELECT count(*) AS rows,
        sum(pg_column_size(d.*)) AS row_bytes,
        sum(pg_column_size(d.interval_values)) AS values_bytes,
        pg_table_size(${daysTable}::regclass) AS table_bytes,
        pg_indexes_size(${daysTable}::regclass) AS index_bytes,
        pg_total_relation_size(${daysTable}::regclass) AS total_bytes
      FROM ${table} d`,
  );
  const lines = await intervalDayLines(path);
  if (lines.count !== events.days || readModel.rows !== events.days) {
    throw new Error(`${lines.count} 300 lines, ${events.days} events, ${readModel.rows} interval_days rows`);
  }
  const eventHeap = (events.table_bytes * events.day_row_bytes) / events.row_bytes / events.days;
  const eventIndexes = events.index_bytes / events.rows;
  process.stdout.write(
    `${JSON.stringify({
      backend,
      days: events.days,
      importSeconds,
      lineBytes: lines.bytes / lines.count,
      event: {
        bytes: eventHeap + eventIndexes,
        heapAndToast: eventHeap,
        indexes: eventIndexes,
        tuple: events.day_row_bytes / events.days,
        data: events.day_data_bytes / events.days,
        metadata: events.day_metadata_bytes / events.days,
      },
      readModel: {
        table: daysTable,
        bytes: readModel.total_bytes / readModel.rows,
        heapAndToast: readModel.table_bytes / readModel.rows,
        indexes: readModel.index_bytes / readModel.rows,
        tuple: readModel.row_bytes / readModel.rows,
        values: readModel.values_bytes / readModel.rows,
      },
    })}\n`,
  );
} finally {
  await bench.dispose();
}
