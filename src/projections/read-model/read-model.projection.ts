import { sql, type CommonQueryMethods, type FragmentSqlToken } from 'slonik';
import { UOMS } from '../../domain/mdff/code-lists.js';
import type { RecordedEvent } from '../../domain/event-store/event-store.js';
import {
  FILE_STREAM_CATEGORY,
  fileStreamName,
  parseFileEvent,
  type FileEvent,
} from '../../domain/events/file-events.js';
import { projectIntervalDays } from './interval-days.projection.js';
import { nemInstant } from './nem-time-sql.js';
import { tableOf } from './read-model.schema.js';
import { copyRecordEvents, type ReadingSource } from './record-events.js';

export type { ReadingSource } from './record-events.js';

const READING_PAGE = 2000;

/** The columns of register_reads after import_position, in the order of READ_COLUMN_NAMES, from one event version. */
type ColumnSources = readonly FragmentSqlToken[];

/** The unit as sent when it is spelt otherwise than its normalised form, else null. */
const spelling = (sent: FragmentSqlToken, unit: FragmentSqlToken) => sql.fragment`nullif(${sent}, ${unit})`;

/** ReadingRecorded v1: every field typed in `data` (the raw lines too). */
const V1_COLUMNS: ColumnSources = [
  sql.fragment`(e.data->>'line')::int`,
  sql.fragment`e.data->>'nmi'`,
  sql.fragment`e.data->>'nmiConfiguration'`,
  sql.fragment`e.data->>'registerId'`,
  sql.fragment`e.data->>'nmiSuffix'`,
  sql.fragment`e.data->>'mdmDataStreamIdentifier'`,
  sql.fragment`e.data->>'meterSerialNumber'`,
  sql.fragment`e.data->>'direction'`,
  sql.fragment`e.data#>>'{previous,read,text}'`,
  sql.fragment`(e.data#>>'{previous,readAt}')::timestamptz`,
  sql.fragment`e.data#>>'{previous,quality,text}'`,
  sql.fragment`(e.data#>>'{previous,reasonCode}')::int`,
  sql.fragment`e.data#>>'{previous,reasonDescription}'`,
  sql.fragment`e.data#>>'{current,read,text}'`,
  sql.fragment`(e.data#>>'{current,readAt}')::timestamptz`,
  sql.fragment`e.data#>>'{current,quality,text}'`,
  sql.fragment`(e.data#>>'{current,reasonCode}')::int`,
  sql.fragment`e.data#>>'{current,reasonDescription}'`,
  sql.fragment`e.data#>>'{quantity,text}'`,
  sql.fragment`e.data#>>'{uom,unit}'`,
  spelling(sql.fragment`e.data#>>'{uom,text}'`, sql.fragment`e.data#>>'{uom,unit}'`),
  sql.fragment`(e.data->>'nextScheduledReadDate')::date`,
  sql.fragment`(e.data->>'updatedAt')::timestamptz`,
  sql.fragment`(e.data->>'msatsLoadedAt')::timestamptz`,
  sql.fragment`(e.data#>>'{b2bDetails,line}')::int`,
  sql.fragment`e.data#>>'{b2bDetails,previousTransactionCode}'`,
  sql.fragment`e.data#>>'{b2bDetails,previousRetailerServiceOrder}'`,
  sql.fragment`e.data#>>'{b2bDetails,currentTransactionCode}'`,
  sql.fragment`e.data#>>'{b2bDetails,currentRetailerServiceOrder}'`,
];

/** Field i of the 250 (0 is the NMI), as sent; an empty optional field is null. */
const field = (i: number) => sql.fragment`(e.data->'fields'->>${sql.literalValue(String(i))}::int)`;
const optional = (i: number) => sql.fragment`nullif(${field(i)}, '')`;
const b2bField = (i: number) => sql.fragment`(e.data->'b2b'->'fields'->>${sql.literalValue(String(i))}::int)`;
/** The normalised unit of a UOM as sent (the code list is case-insensitive). */
const UNIT_OF = sql.fragment`CASE upper(${field(18)}) ${sql.join(
  UOMS.map((unit) => sql.fragment`WHEN ${sql.literalValue(unit.toUpperCase())} THEN ${sql.literalValue(unit)}`),
  sql.fragment` `,
)} END`;

/** ReadingRecorded v2: the fields as sent, typed here (the one place they are read in SQL). */
const V2_COLUMNS: ColumnSources = [
  sql.fragment`(e.metadata->>'sourceLine')::int`,
  field(0),
  field(1),
  field(2),
  field(3),
  optional(4),
  field(5),
  field(6),
  field(7),
  nemInstant(field(8)),
  field(9),
  sql.fragment`${optional(10)}::int`,
  optional(11),
  field(12),
  nemInstant(field(13)),
  field(14),
  sql.fragment`${optional(15)}::int`,
  optional(16),
  field(17),
  UNIT_OF,
  spelling(field(18), UNIT_OF),
  sql.fragment`to_date(${optional(19)}, 'YYYYMMDD')`,
  nemInstant(field(20)),
  nemInstant(optional(21)),
  sql.fragment`(e.data#>>'{b2b,line}')::int`,
  b2bField(0),
  sql.fragment`nullif(${b2bField(1)}, '')`,
  b2bField(2),
  sql.fragment`nullif(${b2bField(3)}, '')`,
];

/**
 * The columns of register_reads computed from a ReadingRecorded row `e` (data and metadata) of one schema
 * version, wherever the events live (the events table, or pages sent from another store).
 */
export function readingColumns(version: 1 | 2, importPosition: bigint, importedAt: string): FragmentSqlToken {
  // To the second: the precision the service shows instants in, so "as of" the closing time a file shows counts it.
  const imported = sql.fragment`date_trunc('second', ${importedAt}::timestamptz)`;
  const columns = version === 2 ? V2_COLUMNS : V1_COLUMNS;
  return sql.fragment`${importPosition.toString()}::int8, ${sql.join(columns, sql.fragment`, `)}, ${imported}`;
}

export const READ_COLUMN_NAMES = sql.fragment`(
  import_position, line, nmi, nmi_configuration, register_id, nmi_suffix, mdm_data_stream_identifier,
  meter_serial_number, direction, previous_read, previous_read_at, previous_quality, previous_reason_code,
  previous_reason_description, current_read, current_read_at, current_quality, current_reason_code,
  current_reason_description, quantity, uom, uom_text, next_scheduled_read_date, updated_at, msats_loaded_at,
  b2b_line, previous_transaction_code, previous_retailer_service_order, current_transaction_code,
  current_retailer_service_order, imported_at)`;

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
    if (!recorded.streamName.startsWith(`${FILE_STREAM_CATEGORY}-`)) continue;
    const event: FileEvent = parseFileEvent(recorded);
    switch (event.type) {
      case 'FileReceived':
        await onFileReceived(db, event.data, recorded, context.generation);
        break;
      case 'ReadingRecorded':
        // Written when the file is closed: a file's readings count only once FileImported exists.
        break;
      case 'IntervalDayRecorded':
        // Written when the file is closed, like readings.
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
      from_participant, to_participant, format, status, received_position)
    VALUES (
      ${data.fileId}, ${data.fileName}, ${data.size}, ${data.container}, ${data.zipMember}, ${data.channel},
      ${data.receivedAt}::timestamptz, ${data.header?.createdAt ?? null}::timestamptz,
      ${data.header?.fromParticipant ?? null}, ${data.header?.toParticipant ?? null},
      ${data.header?.versionHeader ?? null}, 'receiving',
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
  // The statements below sort and group a whole file's readings (a million rows and more): with the
  // default 4 MB they spill to disk in dozens of batches. For this transaction only.
  await db.query(sql.unsafe`SET LOCAL work_mem = '64MB'`);
  const stream = fileStreamName(data.fileId);
  // A file's readings are written by one transaction, all or none: when one is there, they all are (a
  // batch applied again), and when none is, a plain INSERT needs no conflict check per row.
  const written = await db.exists(sql.unsafe`
    SELECT 1 FROM ${reads} WHERE import_position = ${recorded.position.toString()}::int8`);
  if (!written) {
    await copyRecordEvents(db, context.readings, {
      table: reads,
      columnNames: READ_COLUMN_NAMES,
      columns: readingColumns(2, recorded.position, recorded.recordedAt),
      olderVersions: [{ version: 1, columns: readingColumns(1, recorded.position, recorded.recordedAt) }],
      conflictKey: null,
      stream,
      eventType: 'ReadingRecorded',
      pageSize: READING_PAGE,
    });
  }

  await db.query(sql.unsafe`
    UPDATE ${tableOf('files', generation)} SET
      status = 'imported',
      closed_position = ${recorded.position.toString()}::int8,
      closed_at = ${recorded.recordedAt}::timestamptz,
      register_reads = ${data.counts.registerReads},
      interval_days = ${data.counts.intervalDays ?? 0},
      b2b_details = ${data.counts.b2bDetails},
      lines = ${data.lines},
      warning_count = ${data.warningCount},
      warnings = ${JSON.stringify(data.warnings)}::jsonb
    WHERE file_id = ${data.fileId}`);

  if (data.counts.intervalDays !== undefined) {
    await projectIntervalDays(db, {
      fileId: data.fileId,
      importPosition: recorded.position,
      importedAt: recorded.recordedAt,
      generation,
      source: context.readings,
    });
  }

  await markSupersededVersions(db, recorded.position, generation);
  await upsertMeterPoints(db, recorded.position, generation);
}

/**
 * The same register read (NMI, suffix, register, serial, read time) sent by several files: the newest
 * version wins (by UpdateDateTime, then import order, then line) and the others stay, marked superseded.
 * Each version also keeps when it stopped winning (the first import of a version ranking above it) and
 * when the read was first corrected (the second version's import), so that answers as of an instant are
 * a filter on these columns. Recomputed for the keys of the file just imported.
 */
async function markSupersededVersions(
  db: CommonQueryMethods,
  importPosition: bigint,
  generation: number,
): Promise<void> {
  const reads = tableOf('register_reads', generation);
  await db.query(sql.unsafe`
    WITH versions AS (
      SELECT r.import_position, r.line,
        row_number() OVER ranked > 1 AS superseded,
        count(*) OVER key_versions > 1 AS corrected,
        min(r.imported_at) OVER (ranked ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS superseded_at,
        nth_value(r.imported_at, 2) OVER (
          PARTITION BY r.nmi, r.nmi_suffix, r.register_id, r.meter_serial_number, r.current_read_at
          ORDER BY r.imported_at ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS corrected_at
      FROM ${reads} r
      WHERE (r.nmi, r.nmi_suffix, r.register_id, r.meter_serial_number, r.current_read_at) IN (
        SELECT mine.nmi, mine.nmi_suffix, mine.register_id, mine.meter_serial_number, mine.current_read_at
        FROM ${reads} mine
        WHERE mine.import_position = ${importPosition.toString()}::int8
          AND EXISTS (
            SELECT 1 FROM ${reads} other
            WHERE other.nmi = mine.nmi AND other.nmi_suffix = mine.nmi_suffix AND other.register_id = mine.register_id
              AND other.meter_serial_number = mine.meter_serial_number AND other.current_read_at = mine.current_read_at
              AND (other.import_position, other.line) <> (mine.import_position, mine.line)))
      WINDOW
        key_versions AS (PARTITION BY r.nmi, r.nmi_suffix, r.register_id, r.meter_serial_number, r.current_read_at),
        ranked AS (key_versions ORDER BY r.updated_at DESC, r.import_position DESC, r.line DESC)
    )
    UPDATE ${reads} r SET superseded = versions.superseded, corrected = versions.corrected,
      superseded_at = versions.superseded_at, corrected_at = versions.corrected_at
    FROM versions
    WHERE r.import_position = versions.import_position AND r.line = versions.line
      AND (r.superseded, r.corrected, r.superseded_at, r.corrected_at)
        IS DISTINCT FROM (versions.superseded, versions.corrected, versions.superseded_at, versions.corrected_at)`);
}

/**
 * Meter points and registers seen in the file: first and last read, the newest configuration. Those
 * already known are updated and the others inserted, each by a plain statement (an INSERT ... ON CONFLICT
 * costs a speculative insertion per row: twice the time for a file of new meters).
 */
async function upsertMeterPoints(db: CommonQueryMethods, importPosition: bigint, generation: number): Promise<void> {
  const reads = tableOf('register_reads', generation);
  const points = tableOf('meter_points', generation);
  const registers = tableOf('registers', generation);
  const position = sql.fragment`${importPosition.toString()}::int8`;
  await db.query(sql.unsafe`
    WITH mine AS (
      SELECT DISTINCT ON (nmi) nmi, nmi_configuration, current_read_at AS configuration_read_at,
        min(previous_read_at) OVER (PARTITION BY nmi) AS first_read_at,
        max(current_read_at) OVER (PARTITION BY nmi) AS last_read_at
      FROM ${reads} WHERE import_position = ${position}
      ORDER BY nmi, current_read_at DESC, line DESC
    ),
    known AS (
      UPDATE ${points} p SET
        nmi_configuration = CASE WHEN mine.configuration_read_at >= p.configuration_read_at
          THEN mine.nmi_configuration ELSE p.nmi_configuration END,
        configuration_read_at = greatest(p.configuration_read_at, mine.configuration_read_at),
        first_read_at = least(p.first_read_at, mine.first_read_at),
        last_read_at = greatest(p.last_read_at, mine.last_read_at)
      FROM mine WHERE p.nmi = mine.nmi
      RETURNING p.nmi
    )
    INSERT INTO ${points} (nmi, nmi_configuration, configuration_read_at, first_read_at, last_read_at)
    SELECT nmi, nmi_configuration, configuration_read_at, first_read_at, last_read_at FROM mine
    WHERE nmi NOT IN (SELECT nmi FROM known)
    ORDER BY nmi`);
  await db.query(sql.unsafe`
    WITH mine AS (
      SELECT nmi, meter_serial_number, nmi_suffix, register_id, max(direction) AS direction, max(uom) AS uom,
        max(mdm_data_stream_identifier) AS mdm_data_stream_identifier, min(previous_read_at) AS first_read_at,
        max(current_read_at) AS last_read_at
      FROM ${reads} WHERE import_position = ${position}
      GROUP BY nmi, meter_serial_number, nmi_suffix, register_id
    ),
    known AS (
      UPDATE ${registers} g SET
        first_read_at = least(g.first_read_at, mine.first_read_at),
        last_read_at = greatest(g.last_read_at, mine.last_read_at),
        direction = CASE WHEN mine.last_read_at >= g.last_read_at THEN mine.direction ELSE g.direction END,
        uom = CASE WHEN mine.last_read_at >= g.last_read_at THEN mine.uom ELSE g.uom END
      FROM mine
      WHERE (g.nmi, g.meter_serial_number, g.nmi_suffix, g.register_id)
        = (mine.nmi, mine.meter_serial_number, mine.nmi_suffix, mine.register_id)
      RETURNING g.nmi, g.meter_serial_number, g.nmi_suffix, g.register_id
    )
    INSERT INTO ${registers} (nmi, meter_serial_number, nmi_suffix, register_id, direction, uom,
      mdm_data_stream_identifier, first_read_at, last_read_at)
    SELECT nmi, meter_serial_number, nmi_suffix, register_id, direction, uom, mdm_data_stream_identifier,
      first_read_at, last_read_at
    FROM mine
    WHERE (nmi, meter_serial_number, nmi_suffix, register_id) NOT IN (
      SELECT nmi, meter_serial_number, nmi_suffix, register_id FROM known)
    -- In the primary key's order: each row goes to the index's rightmost page, not to a random one.
    ORDER BY nmi, meter_serial_number, nmi_suffix, register_id`);
}
