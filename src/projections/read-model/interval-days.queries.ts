import { sql, type CommonQueryMethods, type FragmentSqlToken } from 'slonik';
import { z } from 'zod';
import { PER_INTERVAL_QUALITY_FLAGS } from '../../domain/mdff/code-lists.js';
import { toNemIso } from '../../domain/nem-time.js';
import { hasUnsafeCharacters } from '../../domain/text.js';
import { decodeCursor, encodeCursor, InvalidCursorError, type Page } from './read-model.queries.js';

const NemTimeText = z.iso
  .datetime({ offset: true })
  .refine((value) => value.endsWith('+10:00'), 'expected an instant in NEM time (+10:00)');
const nemTime = z.string().transform((value) => toNemIso(value));

/** One run of intervals of a V day, from its 400 record. */
export const IntervalQualityRunView = z.object({
  from: z.number().int().describe('first interval of the run, 1-based'),
  to: z.number().int().describe('last interval of the run, inclusive'),
  quality: z.string().describe('QualityMethod of these intervals, e.g. A or S14'),
  reasonCode: z.number().int().nullable(),
  reasonDescription: z.string().nullable(),
});
export type IntervalQualityRun = z.output<typeof IntervalQualityRunView>;

/**
 * One version of an interval day (a NEM12 300 record with its 400s): the one in force in a search, any in
 * a history. Values and totals are exact decimals as text, instants NEM time (+10:00).
 */
export const IntervalDayView = z.object({
  nmi: z.string(),
  nmiSuffix: z.string(),
  registerId: z.string().nullable(),
  meterSerialNumber: z.string().nullable(),
  uom: z.string(),
  intervalLength: z.number().int().describe('minutes: 5, 15 or 30'),
  intervalDate: z.iso
    .date()
    .describe('the IntervalDate (NEM time): interval i ends at 00:00 + i x intervalLength, +10:00'),
  values: z.array(z.string()).describe('the 1440 / intervalLength interval values in order, exact decimals'),
  dayTotal: z.string().describe('the exact sum of the values'),
  quality: z.string().describe('the 300 QualityMethod as sent; V when intervalQuality gives it per interval'),
  reasonCode: z.number().int().nullable(),
  reasonDescription: z.string().nullable(),
  intervalQuality: z
    .array(IntervalQualityRunView)
    .nullable()
    .describe("a V day's 400 records: runs of intervals covering the day in order; null on other days"),
  qualitySummary: z
    .record(z.string(), z.number().int())
    .describe(`intervals per quality flag (${PER_INTERVAL_QUALITY_FLAGS.join(', ')})`),
  updatedAt: NemTimeText.nullable().describe('the UpdateDateTime, NEM time (+10:00); null when the 300 left it blank'),
  fileId: z.string(),
  fileName: z.string(),
  line: z.number().int().describe('the line of the 300 record in its file'),
  importPosition: z.string().describe("global position of the file's FileImported: the import order"),
  importedAt: NemTimeText.describe("when the file's FileImported was recorded, to the second"),
  superseded: z.boolean().describe('a later version of this day is in force (at `asOf`, when given)'),
  versions: z
    .number()
    .int()
    .describe('how many versions of this day files sent (known at `asOf`, when given); 1 when never sent again'),
});
export type IntervalDay = z.output<typeof IntervalDayView>;
const IntervalDaySchema = IntervalDayView.extend({
  updatedAt: nemTime.nullable(),
  importPosition: z.bigint().transform(String),
  importedAt: nemTime,
});

export interface IntervalDaysQuery {
  /** Exactly one of nmi and serial. */
  readonly nmi?: string | undefined;
  /** A meter serial, matched whatever its case. */
  readonly serial?: string | undefined;
  /** Only this NMI suffix (channel), e.g. E1. */
  readonly suffix?: string | undefined;
  /** First and last IntervalDate, inclusive (YYYY-MM-DD). */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly limit: number;
  readonly cursor?: string | undefined;
  /** The days as the service knew them at this instant; now when absent. */
  readonly asOf?: Date | undefined;
}

const CursorText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((value) => !hasUnsafeCharacters(value));
/** A page boundary: the last day's NMI, suffix and date (the keyset order). */
const IntervalCursor = z.tuple([z.literal('d'), CursorText(10), CursorText(2), z.iso.date()]);

/** The versions in force: now, or as of an instant (docs/adr/0010-as-of-queries.md). */
export function inForce(asOf: Date | undefined): FragmentSqlToken {
  if (asOf === undefined) return sql.fragment`NOT d.superseded`;
  const at = asOf.toISOString();
  return sql.fragment`d.imported_at <= ${at}::timestamptz AND (d.superseded_at IS NULL OR d.superseded_at > ${at}::timestamptz)`;
}

const DAY_FIELDS = sql.fragment`
  d.nmi, d.nmi_suffix AS "nmiSuffix", d.register_id AS "registerId",
  d.meter_serial_number AS "meterSerialNumber", d.uom, d.interval_length AS "intervalLength",
  d.interval_date::text AS "intervalDate", d.interval_values::text[] AS "values", d.day_total::text AS "dayTotal",
  d.quality, d.reason_code AS "reasonCode", d.reason_description AS "reasonDescription",
  d.interval_quality AS "intervalQuality", d.quality_summary AS "qualitySummary", d.updated_at AS "updatedAt",
  d.file_id AS "fileId", f.file_name AS "fileName", d.line, d.import_position AS "importPosition",
  d.imported_at AS "importedAt"`;

/** The versions of the day of row `d` (from `interval_days v`): all of them, or those known at `asOf`. */
export function versionCount(asOf: Date | undefined): FragmentSqlToken {
  const sameDay = sql.fragment`v.nmi = d.nmi AND v.nmi_suffix = d.nmi_suffix AND v.interval_date = d.interval_date`;
  const known =
    asOf === undefined ? sql.fragment`` : sql.fragment` AND v.imported_at <= ${asOf.toISOString()}::timestamptz`;
  return sql.fragment`(SELECT count(*)::int FROM interval_days v WHERE ${sameDay}${known})`;
}

/** `superseded` and the count of versions, now or as known at `asOf`. */
function versionColumns(asOf: Date | undefined): FragmentSqlToken {
  if (asOf === undefined) return sql.fragment`d.superseded, ${versionCount(undefined)} AS versions`;
  const at = asOf.toISOString();
  return sql.fragment`coalesce(d.superseded_at <= ${at}::timestamptz, false) AS superseded,
    ${versionCount(asOf)} AS versions`;
}

/**
 * The interval days in force of a NMI or a meter serial (any case), by NMI, suffix then date, one keyset
 * page at a time: now, or as the service knew them at `asOf`.
 */
export async function findIntervalDays(db: CommonQueryMethods, query: IntervalDaysQuery): Promise<Page<IntervalDay>> {
  if ((query.nmi === undefined) === (query.serial === undefined)) {
    throw new RangeError('findIntervalDays needs exactly one of a NMI and a meter serial');
  }
  const conditions: FragmentSqlToken[] = [
    query.nmi !== undefined
      ? sql.fragment`d.nmi = ${query.nmi}`
      : sql.fragment`upper(d.meter_serial_number) = ${(query.serial ?? '').toUpperCase()}`,
    inForce(query.asOf),
  ];
  if (query.suffix !== undefined) conditions.push(sql.fragment`d.nmi_suffix = ${query.suffix}`);
  if (query.from !== undefined) conditions.push(sql.fragment`d.interval_date >= ${query.from}::date`);
  if (query.to !== undefined) conditions.push(sql.fragment`d.interval_date <= ${query.to}::date`);
  if (query.cursor !== undefined) {
    const [, nmi, suffix, date] = decodeCursor(query.cursor, IntervalCursor);
    if (query.nmi !== undefined && nmi !== query.nmi) throw new InvalidCursorError();
    conditions.push(sql.fragment`(d.nmi, d.nmi_suffix, d.interval_date) > (${nmi}, ${suffix}, ${date}::date)`);
  }
  const rows = await db.any(sql.type(IntervalDaySchema)`
    SELECT ${DAY_FIELDS}, ${versionColumns(query.asOf)}
    FROM interval_days d JOIN files f ON f.file_id = d.file_id
    WHERE ${sql.join(conditions, sql.fragment` AND `)}
    ORDER BY d.nmi, d.nmi_suffix, d.interval_date
    LIMIT ${query.limit + 1}`);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > query.limit && last !== undefined
        ? encodeCursor(['d', last.nmi, last.nmiSuffix, last.intervalDate])
        : null,
  };
}

export interface IntervalDayKey {
  readonly nmi: string;
  readonly nmiSuffix: string;
  /** YYYY-MM-DD */
  readonly intervalDate: string;
}

/**
 * Every version of one interval day (NMI, suffix, date) files sent, ranked as the projection ranks them:
 * newer UpdateDateTime first (a blank one last), then the file imported later, then the later line.
 */
export async function intervalDayVersions(db: CommonQueryMethods, key: IntervalDayKey): Promise<IntervalDay[]> {
  return [
    ...(await db.any(sql.type(IntervalDaySchema)`
      SELECT ${DAY_FIELDS}, ${versionColumns(undefined)}
      FROM interval_days d JOIN files f ON f.file_id = d.file_id
      WHERE d.nmi = ${key.nmi} AND d.nmi_suffix = ${key.nmiSuffix} AND d.interval_date = ${key.intervalDate}::date
      ORDER BY d.updated_at DESC NULLS LAST, d.import_position DESC, d.line DESC`)),
  ];
}

/**
 * The stream revision of the IntervalDayRecorded a day came from: FileReceived is revision 0 and the
 * file's days follow in line order, one event each, so it is 1 + the file's days before it.
 */
export async function intervalDayRevision(db: CommonQueryMethods, fileId: string, line: number): Promise<number> {
  const before = await db.oneFirst(sql.type(z.object({ before: z.number() }))`
    SELECT count(*)::int AS before FROM interval_days WHERE file_id = ${fileId} AND line < ${line}`);
  return before + 1;
}
