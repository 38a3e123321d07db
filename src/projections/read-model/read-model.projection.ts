import { sql, type CommonQueryMethods } from 'slonik';
import type { RecordedEvent } from '../../domain/event-store/event-store.js';
import { isFileStream, parseFileEvent, sourceLineOf, type FileEvent } from '../../domain/events/file-events.js';
import type { IntervalDayRecordedData } from '../../domain/events/interval-day-recorded.js';
import type { RecordedReading } from '../../domain/events/reading-recorded.js';
import { recordCount } from '../../domain/flow-summary.js';
import { normaliseUom } from '../../domain/mdff/code-lists.js';
import { calendarDateOf, nemInstantOf } from '../../domain/nem-time.js';
import type { ProjectionEventSource, SourcedEvent } from '../event-source.js';
import { importColumns } from './import-columns.js';
import { intervalDayRows, rankIntervalDayVersions, type ClosedFile } from './interval-days.projection.js';
import { tableOf } from './read-model.schema.js';
import { recordRows, RowPages, type ColumnTypes, type RecordRows, type RowOf } from './row-pages.js';

const READING_PAGE = 2000;

/** The columns of register_reads a reading gives, by its event alone. */
const READING_COLUMNS = {
  line: 'int4',
  nmi: 'text',
  nmi_configuration: 'text',
  register_id: 'text',
  nmi_suffix: 'text',
  mdm_data_stream_identifier: 'text',
  meter_serial_number: 'text',
  direction: 'text',
  previous_read: 'text',
  previous_read_at: 'timestamptz',
  previous_quality: 'text',
  previous_reason_code: 'int4',
  previous_reason_description: 'text',
  current_read: 'text',
  current_read_at: 'timestamptz',
  current_quality: 'text',
  current_reason_code: 'int4',
  current_reason_description: 'text',
  quantity: 'text',
  uom: 'text',
  uom_text: 'text',
  next_scheduled_read_date: 'date',
  updated_at: 'timestamptz',
  msats_loaded_at: 'timestamptz',
  b2b_line: 'int4',
  previous_transaction_code: 'text',
  previous_retailer_service_order: 'text',
  current_transaction_code: 'text',
  current_retailer_service_order: 'text',
} as const satisfies ColumnTypes;
type ReadingRow = RowOf<typeof READING_COLUMNS>;

/** An optional field as sent: '' when the file left it empty. */
const orNull = (text: string | undefined): string | null => (text === undefined || text === '' ? null : text);
const codeOrNull = (text: string): number | null => (text === '' ? null : Number(text));
const instant = (text: string) => nemInstantOf(text, 'CCYYMMDDhhmmss');

/**
 * A reading's row of register_reads: each field once, typed (instants in NEM time, codes as numbers, the
 * unit normalised and its spelling kept when it differs).
 */
function readingRow(reading: RecordedReading, line: number): ReadingRow {
  const f = reading.fields;
  const b2b = reading.b2b?.fields;
  const unit = normaliseUom(f.uom);
  if (unit === undefined)
    throw new RangeError(`the reading of line ${line} has UOM ${JSON.stringify(f.uom)}, which no code list knows`);
  return {
    line,
    nmi: f.nmi,
    nmi_configuration: f.nmiConfiguration,
    register_id: f.registerId,
    nmi_suffix: f.nmiSuffix,
    mdm_data_stream_identifier: orNull(f.mdmDataStreamIdentifier),
    meter_serial_number: f.meterSerialNumber,
    direction: f.direction,
    previous_read: f.previousRead,
    previous_read_at: instant(f.previousReadAt),
    previous_quality: f.previousQuality,
    previous_reason_code: codeOrNull(f.previousReasonCode),
    previous_reason_description: orNull(f.previousReasonDescription),
    current_read: f.currentRead,
    current_read_at: instant(f.currentReadAt),
    current_quality: f.currentQuality,
    current_reason_code: codeOrNull(f.currentReasonCode),
    current_reason_description: orNull(f.currentReasonDescription),
    quantity: f.quantity,
    uom: unit,
    uom_text: f.uom === unit ? null : f.uom,
    next_scheduled_read_date: f.nextScheduledReadDate === '' ? null : calendarDateOf(f.nextScheduledReadDate),
    updated_at: instant(f.updatedAt),
    msats_loaded_at: f.msatsLoadedAt === '' ? null : instant(f.msatsLoadedAt),
    b2b_line: reading.b2b?.line ?? null,
    previous_transaction_code: b2b?.previousTransactionCode ?? null,
    previous_retailer_service_order: orNull(b2b?.previousRetailerServiceOrder),
    current_transaction_code: b2b?.currentTransactionCode ?? null,
    current_retailer_service_order: orNull(b2b?.currentRetailerServiceOrder),
  };
}

/** The record events whose rows a file's FileImported brings into the read model. */
export const RECORD_EVENT_TYPES: readonly string[] = ['ReadingRecorded', 'IntervalDayRecorded'];

/**
 * The rows of one closed file's record events: a reading's in register_reads, an interval day's in
 * interval_days. What the catch-up reads back from a file's stream and what an import writing a stream
 * whole hands over as it writes (inline.ts) go through here alike.
 */
export class FileRows {
  private reads: RecordRows<RecordedReading> | null = null;
  private days: RecordRows<IntervalDayRecordedData> | null = null;

  constructor(
    private readonly db: CommonQueryMethods,
    private readonly file: ClosedFile,
  ) {}

  async add(event: SourcedEvent): Promise<void> {
    const record = parseFileEvent(event);
    if (record.type === 'ReadingRecorded') {
      this.reads ??= recordRows(
        new RowPages(this.db, {
          table: tableOf('register_reads', this.file.generation),
          columns: READING_COLUMNS,
          computed: importColumns(this.file.importPosition, this.file.importedAt),
          pageSize: READING_PAGE,
        }),
        readingRow,
      );
      await this.reads.add(record.data, sourceLineOf(event));
    } else if (record.type === 'IntervalDayRecorded') {
      this.days ??= intervalDayRows(this.db, this.file);
      await this.days.add(record.data, sourceLineOf(event));
    }
  }

  async flush(): Promise<void> {
    await this.reads?.flush();
    await this.days?.flush();
  }

  /** Waits for the pages being written, whatever becomes of them; sends nothing more. */
  async settled(): Promise<void> {
    await Promise.allSettled([this.reads?.settled(), this.days?.settled()]);
  }
}

export interface ProjectionContext {
  readonly generation: number;
  /** Where a closed file's record events are read from. */
  readonly events: ProjectionEventSource;
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
    if (!isFileStream(recorded.streamName)) continue;
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
  const file: ClosedFile = {
    fileId: data.fileId,
    importPosition: recorded.position,
    importedAt: recorded.recordedAt,
    generation,
  };
  // The statements below sort and group a whole file's readings (a million rows and more): with the
  // default 4 MB they spill to disk in dozens of batches. For this transaction only.
  await db.query(sql.unsafe`SET LOCAL work_mem = '64MB'`);
  // A file's rows are written by one transaction, all or none: when one is there, they all are (a batch
  // applied again, or an import that wrote them with its events), and when none is, they are read from
  // the stream of its FileImported, where its record events are.
  const written = await db.exists(sql.unsafe`
    SELECT 1 FROM ${tableOf('register_reads', generation)} WHERE import_position = ${recorded.position.toString()}::int8
    UNION ALL
    SELECT 1 FROM ${tableOf('interval_days', generation)} WHERE file_id = ${data.fileId}`);
  if (!written && recordCount(data.counts) > 0) {
    const rows = new FileRows(db, file);
    try {
      for await (const event of context.events.readStream(db, recorded.streamName, RECORD_EVENT_TYPES)) {
        await rows.add(event);
      }
      await rows.flush();
    } catch (error) {
      // The transaction is rolled back only once no page of it is being written.
      await rows.settled();
      throw error;
    }
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

  if (data.counts.intervalDays !== undefined) await rankIntervalDayVersions(db, file);
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
