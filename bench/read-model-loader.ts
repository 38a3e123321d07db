import { sql, type DatabasePool } from 'slonik';
import { z } from 'zod';
import { createReadModelTables, READ_MODEL_VERSION, tableOf } from '../src/projections/read-model/read-model.schema.js';
import { ProjectionRunner } from '../src/projections/runner.js';
import {
  eventsTableSource,
  PostgresEventStore,
} from '../src/infrastructure/event-store/postgres/postgres-event-store.js';

const PER_FILE = 10_000;

/** The NMI of generated reading g: four readings (two registers, two reads each) per NMI. */
export function nmiOf(g: number): string {
  return `N${String(Math.floor(g / 4)).padStart(9, '0')}`;
}

/** The meter serial of generated reading g: two NMIs' readings per serial. */
export function serialOf(g: number): string {
  return `M${String(Math.floor(g / 8)).padStart(9, '0')}`;
}

/** The files were imported an hour apart from 2021-01-01 00:00 NEM time, in order. */
const FIRST_IMPORT_MS = Date.parse('2021-01-01T00:00:00+10:00');
const IMPORT_INTERVAL_MS = 3600_000;

/** When generated reading g was imported (its file's FileImported). */
export function importedAtOf(g: number): Date {
  return new Date(FIRST_IMPORT_MS + Math.floor(g / PER_FILE) * IMPORT_INTERVAL_MS);
}

/** When the last file of `readings` was imported. */
export function lastImportOf(readings: number): Date {
  return importedAtOf(readings - 1);
}

/**
 * Fills an empty read model with `readings` rows by SQL (not by imports: the benchmarks that use it
 * measure queries), loading without the secondary indexes and building them after, as a restore does.
 */
export async function loadReadModel(pool: DatabasePool, readings: number): Promise<void> {
  const runner = new ProjectionRunner(pool, new PostgresEventStore(pool, 'postgres'), eventsTableSource());
  await runner.ensureReadModel();
  const files = tableOf('files', 1);
  const reads = tableOf('register_reads', 1);
  const fileCount = Math.ceil(readings / PER_FILE);
  await pool.query(sql.unsafe`
    INSERT INTO ${files} (file_id, file_name, size, container, channel, received_at, status, received_position,
      closed_position, closed_at, register_reads)
    SELECT 'file' || k, 'NEM13#' || k || '#BENCH#RET.csv', 1000000, 'plain', 'cli', now(), 'imported', k * 2, k * 2 + 1,
      ${new Date(FIRST_IMPORT_MS).toISOString()}::timestamptz + k * ${`${IMPORT_INTERVAL_MS} milliseconds`}::interval,
      ${PER_FILE}
    FROM generate_series(0, ${fileCount - 1}) k`);
  // Loaded without the secondary indexes, which are then built: as fast as a restore.
  for (const name of ['reads_nmi', 'reads_serial']) {
    await pool.query(sql.unsafe`DROP INDEX ${sql.identifier([`${name}_v${READ_MODEL_VERSION}_g1`])}`);
  }
  await pool.query(sql.unsafe`
    INSERT INTO ${reads} (import_position, line, nmi, nmi_configuration, register_id, nmi_suffix,
      mdm_data_stream_identifier, meter_serial_number, direction, previous_read, previous_read_at, previous_quality,
      current_read, current_read_at, current_quality, quantity, uom, next_scheduled_read_date, updated_at,
      imported_at)
    SELECT (g / ${PER_FILE}) * 2 + 1, g % ${PER_FILE} + 2,
      'N' || lpad((g / 4)::text, 9, '0'), '1141', ((g % 2) + 1)::text, CASE WHEN g % 2 = 0 THEN '11' ELSE '41' END, NULL,
      'M' || lpad((g / 8)::text, 9, '0'), 'E',
      lpad((g % 90000)::text, 6, '0') || '.0',
      timestamptz '2020-01-01 00:00+10' + ((g / 2) % 2) * interval '90 days' + (g % 97) * interval '1 hour',
      'A',
      lpad((g % 90000 + 500)::text, 6, '0') || '.0',
      timestamptz '2020-01-01 00:00+10' + ((g / 2) % 2 + 1) * interval '90 days' + (g % 97) * interval '1 hour',
      'A', '500.0', 'kWh', NULL,
      timestamptz '2020-12-01 00:00+10',
      ${new Date(FIRST_IMPORT_MS).toISOString()}::timestamptz + (g / ${PER_FILE}) * ${`${IMPORT_INTERVAL_MS} milliseconds`}::interval
    FROM generate_series(0, ${readings - 1}) g`);
  await createReadModelTables(pool, 1);
  // As after a restore: set hint bits and the visibility map now, so the first searches of each page do
  // not dirty it (a read model in service has long been vacuumed).
  await pool.query(sql.unsafe`VACUUM ANALYZE ${reads}`);
  await pool.query(sql.unsafe`VACUUM ANALYZE ${files}`);
  const count = await pool.oneFirst(
    sql.type(z.object({ count: z.number() }))`SELECT count(*)::int AS count FROM register_reads`,
  );
  if (count !== readings) throw new Error(`loaded ${count} readings, expected ${readings}`);
}
