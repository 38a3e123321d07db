/**
 * Interval data as CSV: one row per interval of the days in force (now, or as known at an instant), with
 * when the interval starts and ends in NEM time, its exact value and its own quality. Streamed: the days
 * are read one keyset page at a time and handed out as text a day at a time, so memory stays flat
 * whatever the range.
 */
import type { CommonQueryMethods } from 'slonik';
import { csvLine } from '../domain/csv.js';
import { intervalEndAt, intervalStartAt, toNemIso, type CalendarDate } from '../domain/nem-time.js';
import {
  findIntervalDays,
  type IntervalDay,
  type IntervalDaysQuery,
  type IntervalQualityRun,
} from '../projections/read-model/interval-days.queries.js';

export const INTERVAL_CSV_COLUMNS = [
  'NMI',
  'NMI suffix',
  'Meter serial',
  'Unit',
  'Interval date',
  'Interval',
  'Interval length (min)',
  'Start',
  'End',
  'Value',
  'Quality',
  'Reason code',
  'Reason',
  'Update time',
  'File',
  'File SHA-256',
  'Line',
] as const;

/** Days read per page while exporting (at most 288 intervals each). */
const DAYS_PER_PAGE = 100;

/** The quality of interval `index` (1-based): its 400 run on a V day, else the day's own. */
function qualityOf(
  day: IntervalDay,
  index: number,
): Pick<IntervalQualityRun, 'quality' | 'reasonCode' | 'reasonDescription'> {
  const run = day.intervalQuality?.find((r) => r.from <= index && index <= r.to);
  return run ?? day;
}

/** The CSV records of one day: one per interval, in order. */
export function intervalDayCsv(day: IntervalDay): string {
  const date = day.intervalDate as CalendarDate;
  let text = '';
  for (const [i, value] of day.values.entries()) {
    const index = i + 1;
    const quality = qualityOf(day, index);
    text += csvLine([
      day.nmi,
      day.nmiSuffix,
      day.meterSerialNumber,
      day.uom,
      day.intervalDate,
      index,
      day.intervalLength,
      intervalStartAt(date, index, day.intervalLength),
      intervalEndAt(date, index, day.intervalLength),
      value,
      quality.quality,
      quality.reasonCode,
      quality.reasonDescription,
      day.updatedAt,
      day.fileName,
      day.fileId,
      day.line,
    ]);
  }
  return text;
}

export type IntervalsCsvQuery = Omit<IntervalDaysQuery, 'limit' | 'cursor'>;

/** A file name that says what an export holds: `intervals-<nmi or serial>[-suffix][-from][-to][-as-of-...].csv`. */
export function intervalsCsvFileName(query: IntervalsCsvQuery): string {
  const parts = [
    'intervals',
    query.nmi ?? query.serial,
    query.suffix,
    query.from,
    query.to,
    query.asOf === undefined ? undefined : `as-of-${toNemIso(query.asOf).slice(0, 16).replace(':', '')}`,
  ];
  const name = parts
    .filter((part) => part !== undefined && part !== '')
    .join('-')
    .replace(/[^A-Za-z0-9._-]+/g, '_');
  return `${name}.csv`;
}

/**
 * The header, then the rows of each day, as text chunks to write in turn: one day each (at most 288
 * rows), so a writer that waits for its reader holds little. The first page of days is read before the
 * header is handed out, so a failure to read it (a database out of reach) can still be answered as an
 * error rather than as a CSV cut after its header.
 */
export async function* intervalsCsv(db: CommonQueryMethods, query: IntervalsCsvQuery): AsyncGenerator<string> {
  let page = await findIntervalDays(db, { ...query, limit: DAYS_PER_PAGE });
  yield csvLine(INTERVAL_CSV_COLUMNS);
  for (;;) {
    for (const day of page.items) yield intervalDayCsv(day);
    if (page.nextCursor === null) return;
    page = await findIntervalDays(db, { ...query, limit: DAYS_PER_PAGE, cursor: page.nextCursor });
  }
}
