import { sql, type CommonQueryMethods, type FragmentSqlToken } from 'slonik';
import type { EventStore, RecordedEvent } from '../../domain/event-store/event-store.js';
import { fileStreamName, parseFileEvent, type FileEvent } from '../../domain/events/file-events.js';
import { tableOf } from './read-model.schema.js';

/** Where the projection finds a file's ReadingRecorded events when the file is closed. */
export type ReadingSource =
  /** The events table of this same database: readings are copied in one INSERT ... SELECT. */
  | { readonly kind: 'events-table' }
  /** Any event store (EventStoreDB): readings are read from the file's stream and sent in pages. */
  | { readonly kind: 'event-store'; readonly store: EventStore };

const READING_PAGE = 2000;

/**
 * The columns of register_reads, computed from `e.data` (a ReadingRecorded payload) whatever the source.
 * One expression serves both sources, so the rows cannot differ by where the events live.
 */
export function readingColumns(importPosition: bigint): FragmentSqlToken {
  return sql.fragment`
    e.data->>'fileId',
    (e.data->>'line')::int,
    e.data->>'nmi',
    e.data->>'nmiConfiguration',
    e.data->>'registerId',
    e.data->>'nmiSuffix',
    e.data->>'mdmDataStreamIdentifier',
    e.data->>'meterSerialNumber',
    e.data->>'direction',
    e.data#>>'{previous,read,text}',
    (e.data#>>'{previous,read,value}')::numeric,
    (e.data#>>'{previous,readAt}')::timestamptz,
    e.data#>>'{previous,quality,text}',
    e.data#>>'{previous,quality,flag}',
    (e.data#>>'{previous,quality,method}')::int,
    (e.data#>>'{previous,reasonCode}')::int,
    e.data#>>'{previous,reasonDescription}',
    e.data#>>'{current,read,text}',
    (e.data#>>'{current,read,value}')::numeric,
    (e.data#>>'{current,readAt}')::timestamptz,
    e.data#>>'{current,quality,text}',
    e.data#>>'{current,quality,flag}',
    (e.data#>>'{current,quality,method}')::int,
    (e.data#>>'{current,reasonCode}')::int,
    e.data#>>'{current,reasonDescription}',
    e.data#>>'{quantity,text}',
    (e.data#>>'{quantity,value}')::numeric,
    e.data#>>'{uom,text}',
    e.data#>>'{uom,unit}',
    (e.data->>'nextScheduledReadDate')::date,
    (e.data->>'updatedAt')::timestamptz,
    (e.data->>'msatsLoadedAt')::timestamptz,
    (e.data#>>'{b2bDetails,line}')::int,
    e.data#>>'{b2bDetails,previousTransactionCode}',
    e.data#>>'{b2bDetails,previousRetailerServiceOrder}',
    e.data#>>'{b2bDetails,currentTransactionCode}',
    e.data#>>'{b2bDetails,currentRetailerServiceOrder}',
    e.data#>>'{b2bDetails,sourceText}',
    e.data->>'sourceText',
    ${importPosition.toString()}::int8`;
}

export const READ_COLUMN_NAMES = sql.fragment`(
  file_id, line, nmi, nmi_configuration, register_id, nmi_suffix, mdm_data_stream_identifier, meter_serial_number,
  direction, previous_read_text, previous_read, previous_read_at, previous_quality, previous_quality_flag,
  previous_method, previous_reason_code, previous_reason_description, current_read_text, current_read,
  current_read_at, current_quality, current_quality_flag, current_method, current_reason_code,
  current_reason_description, quantity_text, quantity, uom_text, uom, next_scheduled_read_date, updated_at,
  msats_loaded_at, b2b_line, previous_transaction_code, previous_retailer_service_order, current_transaction_code,
  current_retailer_service_order, b2b_source_text, source_text, import_position)`;

export interface ProjectionContext {
  readonly generation: number;
  readonly readings: ReadingSource;
}

/**
 * Applies a batch of events, in position order, inside the caller's transaction. Every write is
 * idempotent (insert-if-absent, upsert to the same values, recomputation), so a batch applied twice
 * leaves the same rows. Readings become visible only when their file's FileImported is applied: that is
 * when they are written, all at once.
 */
export async function applyReadModelEvents(
  db: CommonQueryMethods,
  events: readonly RecordedEvent[],
  context: ProjectionContext,
): Promise<void> {
  for (const recorded of events) {
    if (!recorded.streamName.startsWith('nem13File-')) continue;
    const event: FileEvent = parseFileEvent(recorded);
    switch (event.type) {
      case 'FileReceived':
        await onFileReceived(db, event.data, recorded, context.generation);
        break;
      case 'ReadingRecorded':
        // Written when the file is closed: a file's readings count only once FileImported exists.
        break;
      case 'FileImported':
        await onFileImported(db, event.data, recorded, context);
        break;
      case 'FileRejected':
        await onFileRejected(db, event.data, recorded, context.generation);
        break;
    }
  }
}

async function onFileReceived(
  db: CommonQueryMethods,
  data: Extract<FileEvent, { type: 'FileReceived' }>['data'],
  recorded: RecordedEvent,
  generation: number,
): Promise<void> {
  await db.query(sql.unsafe`
    INSERT INTO ${tableOf('files', generation)} (
      file_id, file_name, size, container, zip_member, channel, received_at, header_created_at,
      from_participant, to_participant, status, received_position)
    VALUES (
      ${data.fileId}, ${data.fileName}, ${data.size}, ${data.container}, ${data.zipMember}, ${data.channel},
      ${data.receivedAt}::timestamptz, ${data.header?.createdAt ?? null}::timestamptz,
      ${data.header?.fromParticipant ?? null}, ${data.header?.toParticipant ?? null}, 'receiving',
      ${recorded.position.toString()}::int8)
    ON CONFLICT (file_id) DO NOTHING`);
}

async function onFileRejected(
  db: CommonQueryMethods,
  data: Extract<FileEvent, { type: 'FileRejected' }>['data'],
  recorded: RecordedEvent,
  generation: number,
): Promise<void> {
  await db.query(sql.unsafe`
    UPDATE ${tableOf('files', generation)} SET
      status = 'rejected',
      closed_position = ${recorded.position.toString()}::int8,
      closed_at = ${recorded.recordedAt}::timestamptz,
      lines = ${data.lines ?? 0},
      error_count = ${data.errorCount},
      warning_count = ${data.warningCount},
      errors = ${JSON.stringify(data.errors)}::jsonb,
      warnings = ${JSON.stringify(data.warnings)}::jsonb
    WHERE file_id = ${data.fileId}`);
}

async function onFileImported(
  db: CommonQueryMethods,
  data: Extract<FileEvent, { type: 'FileImported' }>['data'],
  recorded: RecordedEvent,
  context: ProjectionContext,
): Promise<void> {
  const { generation } = context;
  const reads = tableOf('register_reads', generation);
  const stream = fileStreamName(data.fileId);
  const columns = readingColumns(recorded.position);
  if (context.readings.kind === 'events-table') {
    await db.query(sql.unsafe`
      INSERT INTO ${reads} ${READ_COLUMN_NAMES}
      SELECT ${columns} FROM nem_events e
      WHERE e.stream_name = ${stream} AND e.event_type = 'ReadingRecorded'
      ON CONFLICT (file_id, line) DO NOTHING`);
  } else {
    let page: Array<{ data: unknown }> = [];
    const flush = async () => {
      if (page.length === 0) return;
      await db.query(sql.unsafe`
        INSERT INTO ${reads} ${READ_COLUMN_NAMES}
        SELECT ${columns} FROM json_to_recordset(${JSON.stringify(page)}::json) AS e(data jsonb)
        ON CONFLICT (file_id, line) DO NOTHING`);
      page = [];
    };
    for await (const event of context.readings.store.readStream(stream)) {
      if (event.type !== 'ReadingRecorded') continue;
      page.push({ data: event.data });
      if (page.length >= READING_PAGE) await flush();
    }
    await flush();
  }

  await db.query(sql.unsafe`
    UPDATE ${tableOf('files', generation)} SET
      status = 'imported',
      closed_position = ${recorded.position.toString()}::int8,
      closed_at = ${recorded.recordedAt}::timestamptz,
      register_reads = ${data.counts.registerReads},
      b2b_details = ${data.counts.b2bDetails},
      lines = ${data.lines},
      warning_count = ${data.warningCount},
      warnings = ${JSON.stringify(data.warnings)}::jsonb
    WHERE file_id = ${data.fileId}`);

  await markSupersededVersions(db, data.fileId, generation);
  await upsertMeterPoints(db, data.fileId, generation);
}

/**
 * The same register read (NMI, suffix, register, serial, read time) sent by several files: the newest
 * version wins (by UpdateDateTime, then import order, then line) and the others stay, marked superseded.
 * Recomputed for the keys of the file just imported.
 */
async function markSupersededVersions(db: CommonQueryMethods, fileId: string, generation: number): Promise<void> {
  const reads = tableOf('register_reads', generation);
  await db.query(sql.unsafe`
    WITH versions AS (
      SELECT r.file_id, r.line,
        row_number() OVER (
          PARTITION BY r.nmi, r.nmi_suffix, r.register_id, r.meter_serial_number, r.current_read_at
          ORDER BY r.updated_at DESC, r.import_position DESC, r.line DESC) > 1 AS superseded
      FROM ${reads} r
      WHERE (r.nmi, r.nmi_suffix, r.register_id, r.meter_serial_number, r.current_read_at) IN (
        SELECT mine.nmi, mine.nmi_suffix, mine.register_id, mine.meter_serial_number, mine.current_read_at
        FROM ${reads} mine
        WHERE mine.file_id = ${fileId}
          AND EXISTS (
            SELECT 1 FROM ${reads} other
            WHERE other.nmi = mine.nmi AND other.nmi_suffix = mine.nmi_suffix AND other.register_id = mine.register_id
              AND other.meter_serial_number = mine.meter_serial_number AND other.current_read_at = mine.current_read_at
              AND (other.file_id, other.line) <> (mine.file_id, mine.line)))
    )
    UPDATE ${reads} r SET superseded = versions.superseded
    FROM versions
    WHERE r.file_id = versions.file_id AND r.line = versions.line AND r.superseded <> versions.superseded`);
}

/** Meter points and registers seen in the file: first and last read, the newest configuration. */
async function upsertMeterPoints(db: CommonQueryMethods, fileId: string, generation: number): Promise<void> {
  const reads = tableOf('register_reads', generation);
  const points = tableOf('meter_points', generation);
  const registers = tableOf('registers', generation);
  await db.query(sql.unsafe`
    INSERT INTO ${points} AS p (nmi, nmi_configuration, configuration_read_at, first_read_at, last_read_at)
    SELECT DISTINCT ON (nmi) nmi, nmi_configuration, current_read_at,
      min(previous_read_at) OVER (PARTITION BY nmi), max(current_read_at) OVER (PARTITION BY nmi)
    FROM ${reads} WHERE file_id = ${fileId}
    ORDER BY nmi, current_read_at DESC, line DESC
    ON CONFLICT (nmi) DO UPDATE SET
      nmi_configuration = CASE WHEN excluded.configuration_read_at >= p.configuration_read_at
        THEN excluded.nmi_configuration ELSE p.nmi_configuration END,
      configuration_read_at = greatest(p.configuration_read_at, excluded.configuration_read_at),
      first_read_at = least(p.first_read_at, excluded.first_read_at),
      last_read_at = greatest(p.last_read_at, excluded.last_read_at)`);
  await db.query(sql.unsafe`
    INSERT INTO ${registers} AS g (nmi, meter_serial_number, nmi_suffix, register_id, direction, uom,
      mdm_data_stream_identifier, first_read_at, last_read_at)
    SELECT nmi, meter_serial_number, nmi_suffix, register_id, max(direction), max(uom),
      max(mdm_data_stream_identifier), min(previous_read_at), max(current_read_at)
    FROM ${reads} WHERE file_id = ${fileId}
    GROUP BY nmi, meter_serial_number, nmi_suffix, register_id
    ON CONFLICT (nmi, meter_serial_number, nmi_suffix, register_id) DO UPDATE SET
      first_read_at = least(g.first_read_at, excluded.first_read_at),
      last_read_at = greatest(g.last_read_at, excluded.last_read_at),
      direction = CASE WHEN excluded.last_read_at >= g.last_read_at THEN excluded.direction ELSE g.direction END,
      uom = CASE WHEN excluded.last_read_at >= g.last_read_at THEN excluded.uom ELSE g.uom END`);
}
