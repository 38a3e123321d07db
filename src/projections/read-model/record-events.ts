import { sql, type CommonQueryMethods, type FragmentSqlToken, type IdentifierSqlToken } from 'slonik';
import { z } from 'zod';
import type { EventStore } from '../../domain/event-store/event-store.js';
import { CURRENT_SCHEMA_VERSIONS, parseFileEvent } from '../../domain/events/file-events.js';

/** Where the projection finds a file's record events (ReadingRecorded, IntervalDayRecorded) when it is closed. */
export type ReadingSource =
  /** The events table of this same database: rows are copied in one INSERT ... SELECT. */
  | { readonly kind: 'events-table' }
  /** Any event store (EventStoreDB): events are read from the file's stream and sent in pages. */
  | { readonly kind: 'event-store'; readonly store: EventStore };

export interface RecordEventsCopy {
  readonly table: IdentifierSqlToken;
  /** The target columns, `(file_id, line, ...)`. */
  readonly columnNames: FragmentSqlToken;
  /** Their values from a row `e` with data, metadata, event_id, stream_revision and position. */
  readonly columns: FragmentSqlToken;
  /**
   * When given, `columns` reads the current schema version only and these read the older ones the
   * events table may hold (each row by its own version, in one statement); any other version stops the
   * copy with nem_unknown_event_version, naming the event. Events from another store arrive upcast to
   * the current version.
   */
  readonly olderVersions?: ReadonlyArray<{ readonly version: number; readonly columns: FragmentSqlToken }>;
  /**
   * The table's key, `(file_id, line)` unless given; null when the caller knows none of the file's rows
   * is there yet (a plain INSERT: speculative insertion costs about a sixth of the statement).
   */
  readonly conflictKey?: FragmentSqlToken | null;
  readonly stream: string;
  readonly eventType: 'ReadingRecorded' | 'IntervalDayRecorded';
  readonly pageSize: number;
}

/**
 * The events table names a stream by its id (migration 011), looked up first: given as a value, the
 * planner estimates the stream's rows from its statistics (an index scan for a small file among large
 * ones), where a subquery would leave it a guess of the average stream.
 */
async function streamIdOf(db: CommonQueryMethods, stream: string): Promise<number | null> {
  return db.maybeOneFirst(sql.type(z.object({ id: z.number() }))`
    SELECT stream_id AS id FROM nem_streams WHERE stream_name = ${stream}`);
}

/**
 * Writes one row per record event of a file's stream into a read table (`ON CONFLICT (file_id, line) DO
 * NOTHING`, so a retried batch changes nothing). From the events table in one statement; from another store
 * each event is read (upcast, or refused when its version is unknown) and sent in pages in its current shape.
 */
export async function copyRecordEvents(
  db: CommonQueryMethods,
  source: ReadingSource,
  copy: RecordEventsCopy,
): Promise<void> {
  const { table, columnNames, columns, stream, eventType } = copy;
  const conflictKey =
    copy.conflictKey === null
      ? sql.fragment``
      : sql.fragment`ON CONFLICT ${copy.conflictKey ?? sql.fragment`(file_id, line)`} DO NOTHING`;
  if (source.kind === 'events-table') {
    const id = await streamIdOf(db, stream);
    if (id === null) return;
    if (copy.olderVersions !== undefined) {
      await copyByVersion(db, id, { ...copy, olderVersions: copy.olderVersions, conflictKey });
      return;
    }
    await db.query(sql.unsafe`
      INSERT INTO ${table} ${columnNames}
      SELECT ${columns} FROM nem_events e
      WHERE e.stream_id = ${id} AND e.event_type = ${eventType}
      ${conflictKey}`);
    return;
  }
  let page: Array<Record<string, unknown>> = [];
  const flush = async () => {
    if (page.length === 0) return;
    await db.query(sql.unsafe`
      INSERT INTO ${table} ${columnNames}
      SELECT ${columns} FROM json_to_recordset(${JSON.stringify(page)}::json)
        AS e(data jsonb, metadata jsonb, event_id uuid, stream_revision int, position int8)
      ${conflictKey}`);
    page = [];
  };
  for await (const event of source.store.readStream(stream)) {
    if (event.type !== eventType) continue;
    const parsed = parseFileEvent(event);
    page.push({
      data: parsed.data,
      metadata: { schemaVersion: CURRENT_SCHEMA_VERSIONS[eventType], sourceLine: event.metadata.sourceLine },
      event_id: event.id,
      stream_revision: event.revision,
      position: event.position.toString(),
    });
    if (page.length >= copy.pageSize) await flush();
  }
  await flush();
}

/**
 * The events table's rows of one stream, each read by its schema version's own columns: one branch per
 * version, so that no row pays for a test of its version in every column (measured: most of the
 * statement's time). A version none of them knows stops the copy first, naming the event.
 */
async function copyByVersion(
  db: CommonQueryMethods,
  streamId: number,
  copy: RecordEventsCopy & {
    readonly olderVersions: NonNullable<RecordEventsCopy['olderVersions']>;
    readonly conflictKey: FragmentSqlToken;
  },
): Promise<void> {
  const { table, columnNames, columns, stream, eventType, olderVersions, conflictKey } = copy;
  const version = sql.fragment`coalesce(e.metadata->>'schemaVersion', '1')`;
  const ofStream = sql.fragment`e.stream_id = ${streamId} AND e.event_type = ${eventType}`;
  const branches = [
    { version: CURRENT_SCHEMA_VERSIONS[eventType], columns },
    ...olderVersions.filter((older) => older.version !== CURRENT_SCHEMA_VERSIONS[eventType]),
  ];
  const known = sql.join(
    branches.map((branch) => sql.literalValue(String(branch.version))),
    sql.fragment`, `,
  );
  await db.query(sql.unsafe`
    SELECT nem_unknown_event_version(e.event_id, e.event_type, ${stream}, e.stream_revision, e.position, ${version})
    FROM nem_events e WHERE ${ofStream} AND ${version} NOT IN (${known})
    LIMIT 1`);
  const selects = branches.map(
    (branch) => sql.fragment`SELECT ${branch.columns} FROM nem_events e
      WHERE ${ofStream} AND ${version} = ${sql.literalValue(String(branch.version))}`,
  );
  await db.query(sql.unsafe`
    INSERT INTO ${table} ${columnNames}
    ${sql.join(selects, sql.fragment` UNION ALL `)}
    ${conflictKey}`);
}
