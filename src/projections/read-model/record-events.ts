import { sql, type CommonQueryMethods, type FragmentSqlToken, type IdentifierSqlToken } from 'slonik';
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
  /** Their values from a row `e` with data, metadata, event_id, stream_name, stream_revision and position. */
  readonly columns: FragmentSqlToken;
  readonly stream: string;
  readonly eventType: 'ReadingRecorded' | 'IntervalDayRecorded';
  readonly pageSize: number;
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
  if (source.kind === 'events-table') {
    await db.query(sql.unsafe`
      INSERT INTO ${table} ${columnNames}
      SELECT ${columns} FROM nem_events e
      WHERE e.stream_name = ${stream} AND e.event_type = ${eventType}
      ON CONFLICT (file_id, line) DO NOTHING`);
    return;
  }
  let page: Array<Record<string, unknown>> = [];
  const flush = async () => {
    if (page.length === 0) return;
    await db.query(sql.unsafe`
      INSERT INTO ${table} ${columnNames}
      SELECT ${columns} FROM json_to_recordset(${JSON.stringify(page)}::json)
        AS e(data jsonb, metadata jsonb, event_id uuid, stream_name text, stream_revision int, position int8)
      ON CONFLICT (file_id, line) DO NOTHING`);
    page = [];
  };
  for await (const event of source.store.readStream(stream)) {
    if (event.type !== eventType) continue;
    const parsed = parseFileEvent(event);
    page.push({
      data: parsed.data,
      metadata: { schemaVersion: CURRENT_SCHEMA_VERSIONS[eventType], sourceLine: event.metadata.sourceLine },
      event_id: event.id,
      stream_name: event.streamName,
      stream_revision: event.revision,
      position: event.position.toString(),
    });
    if (page.length >= copy.pageSize) await flush();
  }
  await flush();
}
