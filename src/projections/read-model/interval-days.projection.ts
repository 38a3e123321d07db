/**
 * The interval days of a NEM12 file, written with its FileImported (like readings): one row per
 * IntervalDayRecorded, then the versions of each day (NMI, suffix, date) ranked, the newest in force.
 */
import { sql, type CommonQueryMethods } from 'slonik';
import { intervalValuesOf, type IntervalDayRecordedData } from '../../domain/events/interval-day-recorded.js';
import { calendarDateOf, nemInstantOf } from '../../domain/nem-time.js';
import { importColumns } from './import-columns.js';
import { tableOf } from './read-model.schema.js';
import { recordRows, RowPages, type ColumnTypes, type RecordRows, type RowOf } from './row-pages.js';

const PAGE = 1000;

/** The columns of interval_days a day gives, by its event alone. */
const INTERVAL_DAY_COLUMNS = {
  line: 'int4',
  nmi: 'text',
  nmi_suffix: 'text',
  register_id: 'text',
  meter_serial_number: 'text',
  uom: 'text',
  interval_length: 'int4',
  interval_date: 'date',
  interval_values: 'numeric[]',
  quality: 'text',
  reason_code: 'int4',
  reason_description: 'text',
  interval_quality: 'jsonb',
  quality_summary: 'jsonb',
  b2b: 'jsonb',
  updated_at: 'timestamptz',
  msats_loaded_at: 'timestamptz',
} as const satisfies ColumnTypes;
type IntervalDayRow = RowOf<typeof INTERVAL_DAY_COLUMNS>;

const instantOrNull = (text: string | undefined) => (text === undefined ? null : nemInstantOf(text, 'CCYYMMDDhhmmss'));

/** Intervals per quality flag: the 300's flag for every interval, or the 400 runs of a V day. */
function qualitySummary(day: IntervalDayRecordedData, intervals: number): Record<string, number> {
  if (day.intervalQuality === undefined) return { [day.quality.slice(0, 1)]: intervals };
  const summary: Record<string, number> = {};
  for (const run of day.intervalQuality) {
    const flag = run.quality.slice(0, 1);
    summary[flag] = (summary[flag] ?? 0) + run.to - run.from + 1;
  }
  return summary;
}

/**
 * A day's row of interval_days: the values as exact decimals, the interval length their count's, the
 * 400 runs and 500s with every member (null when the file gave none).
 */
function intervalDayRow(day: IntervalDayRecordedData, line: number): IntervalDayRow {
  const values = intervalValuesOf(day);
  const runs = day.intervalQuality ?? [];
  return {
    line,
    nmi: day.nmi,
    nmi_suffix: day.nmiSuffix,
    register_id: day.registerId ?? null,
    meter_serial_number: day.meterSerialNumber ?? null,
    uom: day.uom,
    interval_length: 1440 / values.length,
    interval_date: calendarDateOf(day.intervalDate),
    interval_values: values,
    quality: day.quality,
    reason_code: day.reasonCode ?? null,
    reason_description: day.reasonDescription ?? null,
    interval_quality:
      runs.length === 0
        ? null
        : runs.map((run) => ({
            from: run.from,
            to: run.to,
            quality: run.quality,
            reasonCode: run.reasonCode ?? null,
            reasonDescription: run.reasonDescription ?? null,
          })),
    quality_summary: qualitySummary(day, values.length),
    b2b: (day.b2b ?? []).map((b2b) => ({
      transactionCode: b2b.transactionCode,
      retailerServiceOrder: b2b.retailerServiceOrder ?? null,
      readAt: b2b.readAt ?? null,
      indexRead: b2b.indexRead ?? null,
    })),
    updated_at: instantOrNull(day.updatedAt),
    msats_loaded_at: instantOrNull(day.msatsLoadedAt),
  };
}

/** A closed file whose rows are written: its id, its FileImported's position and time, the generation. */
export interface ClosedFile {
  readonly fileId: string;
  readonly importPosition: bigint;
  readonly importedAt: string;
  readonly generation: number;
}

/** A file's interval days as rows of interval_days (a row already there is left as it is). */
export function intervalDayRows(db: CommonQueryMethods, file: ClosedFile): RecordRows<IntervalDayRecordedData> {
  const pages = new RowPages(db, {
    table: tableOf('interval_days', file.generation),
    columns: INTERVAL_DAY_COLUMNS,
    computed: {
      file_id: sql.fragment`${file.fileId}::text`,
      day_total: sql.fragment`(SELECT coalesce(sum(v), 0) FROM unnest(r.interval_values) AS t(v))`,
      ...importColumns(file.importPosition, file.importedAt),
    },
    onConflict: sql.fragment`ON CONFLICT (file_id, line) DO NOTHING`,
    pageSize: PAGE,
  });
  return recordRows(pages, intervalDayRow);
}

/**
 * Ranks the versions of the days the file sent: the newest version of a day is in force, by
 * UpdateDateTime (a blank one ranks below any), then the file imported later, then the later line. Each
 * version also keeps when it stopped winning (the first import of a version ranking above it), so
 * answers as of an instant are a filter on the row (docs/adr/0010-as-of-queries.md).
 */
export async function rankIntervalDayVersions(db: CommonQueryMethods, file: ClosedFile): Promise<void> {
  const days = tableOf('interval_days', file.generation);
  await db.query(sql.unsafe`
    WITH versions AS (
      SELECT d.file_id, d.line,
        row_number() OVER ranked > 1 AS superseded,
        min(d.imported_at) OVER (ranked ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS superseded_at
      FROM ${days} d
      WHERE (d.nmi, d.nmi_suffix, d.interval_date) IN (
        SELECT mine.nmi, mine.nmi_suffix, mine.interval_date FROM ${days} mine WHERE mine.file_id = ${file.fileId})
      WINDOW ranked AS (
        PARTITION BY d.nmi, d.nmi_suffix, d.interval_date
        ORDER BY d.updated_at DESC NULLS LAST, d.import_position DESC, d.line DESC)
    )
    UPDATE ${days} d SET superseded = versions.superseded, superseded_at = versions.superseded_at
    FROM versions
    WHERE d.file_id = versions.file_id AND d.line = versions.line
      AND (d.superseded, d.superseded_at) IS DISTINCT FROM (versions.superseded, versions.superseded_at)`);
}
