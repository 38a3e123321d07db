/** What a database holds, in bytes: the events table and the read model, per row and per index. */
import { sql, type CommonQueryMethods } from 'slonik';
import { z } from 'zod';

export interface TableBytes {
  readonly table: string;
  readonly rows: number;
  /** The table itself (main fork), without its indexes. */
  readonly heap: number;
  /** Every fork, TOAST and index: what the table costs on disk. */
  readonly total: number;
  readonly indexes: Record<string, number>;
}

export interface EventBytes {
  readonly readings: number;
  /** Averages over the ReadingRecorded rows, as PostgreSQL stores them (pg_column_size). */
  readonly dataBytes: number;
  readonly metadataBytes: number;
  readonly rowBytes: number;
}

export interface StorageReport {
  readonly events: TableBytes;
  readonly readingEvents: EventBytes;
  /** The read model's tables of the generation the views point at (register_reads first). */
  readonly readModel: TableBytes[];
  /** Events, read model and their indexes. */
  readonly totalBytes: number;
  /** pg_database_size: the above plus the catalogue and the other tables of an empty database. */
  readonly databaseBytes: number;
}

export async function tableBytes(db: CommonQueryMethods, table: string): Promise<TableBytes> {
  const sizes = await db.one(sql.type(z.object({ rows: z.number(), heap: z.number(), total: z.number() }))`
    SELECT (SELECT count(*) FROM ${sql.identifier([table])})::float8 AS rows,
      pg_relation_size(${table}::regclass)::float8 AS heap,
      pg_total_relation_size(${table}::regclass)::float8 AS total`);
  const indexes = await db.any(sql.type(z.object({ name: z.string(), bytes: z.number() }))`
    SELECT indexrelid::regclass::text AS name, pg_relation_size(indexrelid)::float8 AS bytes
    FROM pg_index WHERE indrelid = ${table}::regclass ORDER BY 1`);
  return { table, ...sizes, indexes: Object.fromEntries(indexes.map((i) => [i.name, i.bytes])) };
}

/** The physical table a read model view shows (`register_reads` to `register_reads_v5_g1`). */
async function viewTarget(db: CommonQueryMethods, view: string): Promise<string | null> {
  return db.maybeOneFirst(sql.type(z.object({ name: z.string() }))`
    SELECT DISTINCT t.relname AS name FROM pg_depend d
    JOIN pg_rewrite w ON w.oid = d.objid JOIN pg_class t ON t.oid = d.refobjid
    WHERE w.ev_class = ${view}::regclass AND t.oid <> ${view}::regclass AND t.relkind = 'r'`);
}

export async function storageReport(db: CommonQueryMethods): Promise<StorageReport> {
  const events = await tableBytes(db, 'nem_events');
  const readingEvents = await db.one(sql.type(
    z.object({ readings: z.number(), dataBytes: z.number(), metadataBytes: z.number(), rowBytes: z.number() }),
  )`
    SELECT count(*)::float8 AS readings, avg(pg_column_size(e.data))::float8 AS "dataBytes",
      avg(pg_column_size(e.metadata))::float8 AS "metadataBytes", avg(pg_column_size(e.*))::float8 AS "rowBytes"
    FROM nem_events e WHERE e.event_type = 'ReadingRecorded'`);
  const readModel: TableBytes[] = [];
  for (const view of ['register_reads', 'registers', 'meter_points', 'files', 'interval_days']) {
    const table = await viewTarget(db, view);
    if (table !== null) readModel.push(await tableBytes(db, table));
  }
  const databaseBytes = await db.oneFirst(
    sql.type(z.object({ bytes: z.number() }))`SELECT pg_database_size(current_database())::float8 AS bytes`,
  );
  const totalBytes = events.total + readModel.reduce((sum, t) => sum + t.total, 0);
  return { events, readingEvents, readModel, totalBytes, databaseBytes };
}
