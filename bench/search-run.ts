/**
 * Search latency through the query function the API uses (findReadings), on native PostgreSQL with a
 * read model of `readings` rows, filled by SQL (not by imports: this measures the queries). Four
 * readings per NMI (two registers, two reads each), two NMIs per meter serial... see the INSERT.
 * Usage: node dist/bench/search-run.js <readings> [queries]
 * Prints one JSON line: { readings, queries, nmi: {p50,p95,p99}, serial: {p50,p95,p99} } in ms.
 */
import { sql } from 'slonik';
import { z } from 'zod';
import { findReadings } from '../src/projections/read-model/read-model.queries.js';
import { createReadModelTables, tableOf } from '../src/projections/read-model/read-model.schema.js';
import { ProjectionRunner } from '../src/projections/runner.js';
import { PostgresEventStore } from '../src/infrastructure/event-store/postgres/postgres-event-store.js';
import { freshDatabase } from './backends.js';
import { prng } from './generate.js';

const readings = Number(process.argv[2]);
const queries = Number(process.argv[3] ?? 1000);
if (!Number.isInteger(readings) || readings < 1000) {
  process.stderr.write('usage: node dist/bench/search-run.js <readings> [queries]\n');
  process.exit(2);
}
const PER_FILE = 10_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const bench = await freshDatabase('postgres');
try {
  const { pool } = bench.database;
  const runner = new ProjectionRunner(pool, new PostgresEventStore(pool, 'postgres'), { kind: 'events-table' });
  await runner.ensureReadModel();
  const reads = tableOf('register_reads', 1);
  const files = tableOf('files', 1);
  const fileCount = Math.ceil(readings / PER_FILE);
  await pool.query(sql.unsafe`
    INSERT INTO ${files} (file_id, file_name, size, container, channel, received_at, status, received_position,
      closed_position, register_reads)
    SELECT 'file' || k, 'NEM13#' || k || '#BENCH#RET.csv', 1000000, 'plain', 'cli', now(), 'imported', k * 2, k * 2 + 1,
      ${PER_FILE}
    FROM generate_series(0, ${fileCount - 1}) k`);
  // Loaded without the secondary indexes, which are then built: as fast as a restore.
  for (const name of ['reads_nmi', 'reads_serial', 'reads_version_key']) {
    await pool.query(sql.unsafe`DROP INDEX ${sql.identifier([`${name}_v1_g1`])}`);
  }
  await pool.query(sql.unsafe`
    INSERT INTO ${reads} (file_id, line, nmi, nmi_configuration, register_id, nmi_suffix, mdm_data_stream_identifier,
      meter_serial_number, direction, previous_read_text, previous_read, previous_read_at, previous_quality,
      previous_quality_flag, current_read_text, current_read, current_read_at, current_quality, current_quality_flag,
      quantity_text, quantity, uom_text, uom, next_scheduled_read_date, updated_at, source_text, import_position)
    SELECT 'file' || (g / ${PER_FILE}), g % ${PER_FILE} + 2,
      'N' || lpad((g / 4)::text, 9, '0'), '1141', ((g % 2) + 1)::text, CASE WHEN g % 2 = 0 THEN '11' ELSE '41' END, NULL,
      'M' || lpad((g / 8)::text, 9, '0'), 'E',
      lpad((g % 90000)::text, 6, '0') || '.0', (g % 90000)::numeric,
      timestamptz '2020-01-01 00:00+10' + ((g / 2) % 2) * interval '90 days' + (g % 97) * interval '1 hour',
      'A', 'A',
      lpad((g % 90000 + 500)::text, 6, '0') || '.0', (g % 90000 + 500)::numeric,
      timestamptz '2020-01-01 00:00+10' + ((g / 2) % 2 + 1) * interval '90 days' + (g % 97) * interval '1 hour',
      'A', 'A', '500.0', 500.0, 'kWh', 'kWh', NULL,
      timestamptz '2020-12-01 00:00+10', '250,...', (g / ${PER_FILE}) * 2 + 1
    FROM generate_series(0, ${readings - 1}) g`);
  await createReadModelTables(pool, 1);
  await pool.query(sql.unsafe`ANALYZE ${reads}`);
  await pool.query(sql.unsafe`ANALYZE ${files}`);
  const count = await pool.oneFirst(
    sql.type(z.object({ count: z.number() }))`SELECT count(*)::int AS count FROM register_reads`,
  );
  if (count !== readings) throw new Error(`loaded ${count} readings, expected ${readings}`);

  const random = prng(7);
  const timings = { nmi: [] as number[], serial: [] as number[] };
  for (let i = 0; i < queries; i++) {
    const g = Math.floor(random() * readings);
    for (const kind of ['nmi', 'serial'] as const) {
      const key =
        kind === 'nmi'
          ? `N${String(Math.floor(g / 4)).padStart(9, '0')}`
          : `M${String(Math.floor(g / 8)).padStart(9, '0')}`;
      const started = process.hrtime.bigint();
      const page = await findReadings(pool, { ...(kind === 'nmi' ? { nmi: key } : { serial: key }), limit: 50 });
      timings[kind].push(Number(process.hrtime.bigint() - started) / 1e6);
      if (page.items.length === 0) throw new Error(`no readings for ${kind} ${key}`);
    }
  }
  const summary = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
  };
  process.stdout.write(
    `${JSON.stringify({ readings, queries, nmi: summary(timings.nmi), serial: summary(timings.serial) })}\n`,
  );
} finally {
  await bench.dispose();
}
