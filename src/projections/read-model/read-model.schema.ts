import { sql, type CommonQueryMethods, type IdentifierSqlToken } from 'slonik';

/**
 * The read model's tables. Physical names carry the model's version and a generation
 * (`register_reads_v1_g3`); queries use views of the stable names (`register_reads`) that point at the
 * active generation. A rebuild fills the next generation while the current one serves, then switches the
 * views in one transaction and drops the old tables.
 *
 * A change of projection logic is a new VERSION (and a rebuild), never an in-place patch.
 */
/**
 * 2: readings from ReadingRecorded v2 (no raw lines kept: the original file is the source).
 * 3: each version of a register read keeps when it was known and when it stopped winning (imported_at,
 *    superseded_at, corrected_at), for answers as of an instant (docs/adr/0010-as-of-queries.md).
 */
/**
 * 4: interval days of NEM12 files (interval_days, from IntervalDayRecorded), one row per 300 record, the
 *    latest version of a day (UpdateDateTime, then import order) in force and the others kept, superseded.
 */
/**
 * 5: interval days answer as of an instant (interval_days.superseded_at, as register reads have it), are
 *    searched by meter serial in the keyset order (interval_days_serial now ends in nmi, suffix, date), and
 *    files say their format (files.format, from the 100 header) and a NEM12 file counts its interval days
 *    (files.interval_days, beside register_reads).
 */
/**
 * 6: register_reads keeps each fact once (no numeric copies of decimals, no quality flag or method
 *    columns, the unit as sent only when spelt otherwise) and names its file by import_position, the
 *    position of the file's FileImported, instead of its 64-character SHA-256 (files.closed_position);
 *    the version-key index is gone (the NMI index's prefix serves).
 */
export const READ_MODEL_VERSION = 6;
export const READ_MODEL_PROJECTION = `read_model_v${READ_MODEL_VERSION}`;

export const READ_MODEL_TABLES = ['files', 'register_reads', 'meter_points', 'registers', 'interval_days'] as const;
export type ReadModelTable = (typeof READ_MODEL_TABLES)[number];

export function physicalName(table: ReadModelTable, generation: number, version = READ_MODEL_VERSION): string {
  return `${table}_v${version}_g${generation}`;
}

export function tableOf(table: ReadModelTable, generation: number, version = READ_MODEL_VERSION): IdentifierSqlToken {
  return sql.identifier([physicalName(table, generation, version)]);
}

/**
 * Indexes only searches read, never the projection: a rebuild fills its generation without them and
 * builds them once before it switches (one sort instead of a million random insertions).
 */
export async function createSearchIndexes(db: CommonQueryMethods, generation: number): Promise<void> {
  const reads = tableOf('register_reads', generation);
  // Serials are searched whatever their case (PSMIL89KM79J and psmil89km79j are one meter).
  await db.query(sql.unsafe`
    CREATE INDEX IF NOT EXISTS ${sql.identifier([`reads_serial_v${READ_MODEL_VERSION}_g${generation}`])}
    ON ${reads} (upper(meter_serial_number), current_read_at DESC, import_position DESC, line DESC)`);
}

/**
 * Creates the tables of one generation (idempotent); `searchIndexes: false` leaves out those of
 * {@link createSearchIndexes}, for a generation filled before it serves.
 */
export async function createReadModelTables(
  db: CommonQueryMethods,
  generation: number,
  options: { readonly searchIndexes?: boolean } = {},
): Promise<void> {
  const files = tableOf('files', generation);
  const reads = tableOf('register_reads', generation);
  const points = tableOf('meter_points', generation);
  const registers = tableOf('registers', generation);
  const index = (name: string) => sql.identifier([`${name}_v${READ_MODEL_VERSION}_g${generation}`]);

  await db.query(sql.unsafe`
    CREATE TABLE IF NOT EXISTS ${files} (
      file_id text PRIMARY KEY,
      file_name text NOT NULL,
      size bigint NOT NULL,
      container text NOT NULL,
      zip_member text,
      channel text NOT NULL,
      received_at timestamptz NOT NULL,
      header_created_at timestamptz,
      from_participant text,
      to_participant text,
      -- The 100 header's VersionHeader (NEM12, NEM13); null when the header was not valid.
      format text,
      status text NOT NULL CHECK (status IN ('receiving', 'imported', 'rejected')),
      received_position bigint NOT NULL,
      closed_position bigint,
      closed_at timestamptz,
      register_reads integer NOT NULL DEFAULT 0,
      interval_days integer NOT NULL DEFAULT 0,
      b2b_details integer NOT NULL DEFAULT 0,
      lines integer NOT NULL DEFAULT 0,
      error_count integer NOT NULL DEFAULT 0,
      warning_count integer NOT NULL DEFAULT 0,
      errors jsonb NOT NULL DEFAULT '[]',
      warnings jsonb NOT NULL DEFAULT '[]'
    )`);
  await db.query(
    sql.unsafe`CREATE INDEX IF NOT EXISTS ${index('files_received')} ON ${files} (received_position DESC)`,
  );
  await db.query(
    sql.unsafe`CREATE INDEX IF NOT EXISTS ${index('files_status')} ON ${files} (status, received_position DESC)`,
  );
  await db.query(
    sql.unsafe`CREATE INDEX IF NOT EXISTS ${index('files_name')} ON ${files} (lower(file_name) text_pattern_ops)`,
  );
  // A reading's file: register_reads.import_position is its file's closed_position.
  await db.query(sql.unsafe`CREATE UNIQUE INDEX IF NOT EXISTS ${index('files_closed')} ON ${files} (closed_position)`);

  // Each fact once (docs/read-model.md): a decimal's exact text is its value (read as numeric by the
  // queries that compute), a quality code's flag and method are its characters, and the file is the one
  // whose FileImported is at import_position (files.closed_position). Fixed-width columns first, so that
  // no padding falls between them.
  await db.query(sql.unsafe`
    CREATE TABLE IF NOT EXISTS ${reads} (
      import_position bigint NOT NULL,
      previous_read_at timestamptz NOT NULL,
      current_read_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      -- When the service learnt this version: its file's FileImported recorded time, to the second.
      imported_at timestamptz NOT NULL,
      msats_loaded_at timestamptz,
      -- When a version ranking above it was first known (null: none is): it wins from imported_at until then.
      superseded_at timestamptz,
      -- When a second version of this register read was first known (null: never).
      corrected_at timestamptz,
      line integer NOT NULL,
      next_scheduled_read_date date,
      previous_reason_code integer,
      current_reason_code integer,
      b2b_line integer,
      superseded boolean NOT NULL DEFAULT false,
      -- Files sent more than one version of this register read (the winner and the others).
      corrected boolean NOT NULL DEFAULT false,
      nmi text COLLATE "C" NOT NULL,
      nmi_configuration text NOT NULL,
      register_id text NOT NULL,
      nmi_suffix text NOT NULL,
      mdm_data_stream_identifier text,
      meter_serial_number text COLLATE "C" NOT NULL,
      direction text NOT NULL,
      previous_read text NOT NULL,
      previous_quality text NOT NULL,
      previous_reason_description text,
      current_read text NOT NULL,
      current_quality text NOT NULL,
      current_reason_description text,
      quantity text NOT NULL,
      -- The normalised unit; uom_text is the unit as sent when it is spelt otherwise (kwh), else null.
      uom text NOT NULL,
      uom_text text,
      previous_transaction_code text,
      previous_retailer_service_order text,
      current_transaction_code text,
      current_retailer_service_order text,
      -- One row per 250 of a file: a replayed file adds nothing (ON CONFLICT DO NOTHING).
      PRIMARY KEY (import_position, line)
    )`);
  // Newest first per NMI and per serial, ties broken by import order then line: the keyset order of
  // findReadings. Its (nmi, current_read_at) prefix also finds the versions of one register read
  // (readingVersions, and markSupersededVersions when a file is imported).
  await db.query(sql.unsafe`
    CREATE INDEX IF NOT EXISTS ${index('reads_nmi')}
    ON ${reads} (nmi, current_read_at DESC, import_position DESC, line DESC)`);
  if (options.searchIndexes !== false) await createSearchIndexes(db, generation);

  await db.query(sql.unsafe`
    CREATE TABLE IF NOT EXISTS ${points} (
      nmi text COLLATE "C" PRIMARY KEY,
      nmi_configuration text NOT NULL,
      configuration_read_at timestamptz NOT NULL,
      first_read_at timestamptz NOT NULL,
      last_read_at timestamptz NOT NULL
    )`);
  await db.query(sql.unsafe`
    CREATE TABLE IF NOT EXISTS ${registers} (
      nmi text COLLATE "C" NOT NULL,
      meter_serial_number text COLLATE "C" NOT NULL,
      nmi_suffix text NOT NULL,
      register_id text NOT NULL,
      direction text NOT NULL,
      uom text NOT NULL,
      mdm_data_stream_identifier text,
      first_read_at timestamptz NOT NULL,
      last_read_at timestamptz NOT NULL,
      PRIMARY KEY (nmi, meter_serial_number, nmi_suffix, register_id)
    )`);
  await db.query(
    sql.unsafe`CREATE INDEX IF NOT EXISTS ${index('registers_serial')} ON ${registers} (upper(meter_serial_number), nmi)`,
  );

  const days = tableOf('interval_days', generation);
  await db.query(sql.unsafe`
    CREATE TABLE IF NOT EXISTS ${days} (
      file_id text NOT NULL,
      line integer NOT NULL,
      nmi text COLLATE "C" NOT NULL,
      nmi_suffix text NOT NULL,
      register_id text,
      meter_serial_number text,
      uom text NOT NULL,
      interval_length integer NOT NULL CHECK (interval_length IN (5, 15, 30)),
      interval_date date NOT NULL,
      interval_values numeric[] NOT NULL,
      day_total numeric NOT NULL,
      quality text NOT NULL,
      reason_code integer,
      reason_description text,
      interval_quality jsonb,
      quality_summary jsonb NOT NULL,
      b2b jsonb NOT NULL,
      updated_at timestamptz,
      msats_loaded_at timestamptz,
      import_position bigint NOT NULL,
      imported_at timestamptz NOT NULL,
      superseded boolean NOT NULL DEFAULT false,
      -- When a version ranking above it was first known (null: none is), as for register reads.
      superseded_at timestamptz,
      PRIMARY KEY (file_id, line)
    )`);
  await db.query(
    sql.unsafe`CREATE INDEX IF NOT EXISTS ${index('interval_days_nmi')} ON ${days} (nmi, nmi_suffix, interval_date)`,
  );
  await db.query(
    sql.unsafe`CREATE INDEX IF NOT EXISTS ${index('interval_days_serial')} ON ${days} (upper(meter_serial_number), nmi, nmi_suffix, interval_date)`,
  );
}

/**
 * Points the stable view names at a generation. Dropped and created (not replaced): a new version of the
 * model may have other columns. Callers hold the projection lock, in a transaction.
 */
export async function pointViewsAt(db: CommonQueryMethods, generation: number): Promise<void> {
  for (const table of READ_MODEL_TABLES) {
    await db.query(sql.unsafe`DROP VIEW IF EXISTS ${sql.identifier([table])}`);
    await db.query(sql.unsafe`CREATE VIEW ${sql.identifier([table])} AS SELECT * FROM ${tableOf(table, generation)}`);
  }
}

/** Drops the stable views (before the tables they show are dropped). */
export async function dropReadModelViews(db: CommonQueryMethods): Promise<void> {
  for (const table of READ_MODEL_TABLES) await db.query(sql.unsafe`DROP VIEW IF EXISTS ${sql.identifier([table])}`);
}

export async function dropReadModelTables(
  db: CommonQueryMethods,
  generation: number,
  version = READ_MODEL_VERSION,
): Promise<void> {
  for (const table of READ_MODEL_TABLES) {
    await db.query(sql.unsafe`DROP TABLE IF EXISTS ${tableOf(table, generation, version)}`);
  }
}
