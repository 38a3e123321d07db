import { sql, type CommonQueryMethods, type FragmentSqlToken } from 'slonik';
import { z } from 'zod';
import { decodeCursor, encodeCursor, type Page } from './read-model.queries.js';

/** One interval day in force (the newest version the files sent of that NMI, suffix and date). */
export const IntervalDaySchema = z.object({
  nmi: z.string(),
  nmiSuffix: z.string(),
  registerId: z.string().nullable(),
  meterSerialNumber: z.string().nullable(),
  uom: z.string(),
  intervalLength: z.number().int(),
  intervalDate: z.string(),
  values: z.array(z.string()),
  dayTotal: z.string(),
  quality: z.string(),
  reasonCode: z.number().int().nullable(),
  reasonDescription: z.string().nullable(),
  intervalQuality: z
    .array(
      z.object({
        from: z.number().int(),
        to: z.number().int(),
        quality: z.string(),
        reasonCode: z.number().int().nullable(),
        reasonDescription: z.string().nullable(),
      }),
    )
    .nullable(),
  qualitySummary: z.record(z.string(), z.number().int()),
  updatedAt: z.string().nullable(),
  fileId: z.string(),
  fileName: z.string(),
  line: z.number().int(),
  /** How many versions of this day the files sent (1 when it was never sent again). */
  versions: z.number().int(),
});
export type IntervalDay = z.infer<typeof IntervalDaySchema>;

export interface IntervalDaysQuery {
  readonly nmi: string;
  /** First and last IntervalDate, inclusive (YYYY-MM-DD). */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly limit: number;
  readonly cursor?: string | undefined;
}

const IntervalCursor = z.tuple([z.string().regex(/^[A-Z0-9]{2}$/), z.iso.date()]);

/** The interval days in force of a NMI, by suffix then date, one keyset page at a time. */
export async function findIntervalDays(db: CommonQueryMethods, query: IntervalDaysQuery): Promise<Page<IntervalDay>> {
  const conditions: FragmentSqlToken[] = [sql.fragment`d.nmi = ${query.nmi}`, sql.fragment`NOT d.superseded`];
  if (query.from !== undefined) conditions.push(sql.fragment`d.interval_date >= ${query.from}::date`);
  if (query.to !== undefined) conditions.push(sql.fragment`d.interval_date <= ${query.to}::date`);
  if (query.cursor !== undefined) {
    const [suffix, date] = decodeCursor(query.cursor, IntervalCursor);
    conditions.push(sql.fragment`(d.nmi_suffix, d.interval_date) > (${suffix}, ${date}::date)`);
  }
  const rows = await db.any(sql.type(IntervalDaySchema)`
    SELECT d.nmi, d.nmi_suffix AS "nmiSuffix", d.register_id AS "registerId",
      d.meter_serial_number AS "meterSerialNumber", d.uom, d.interval_length AS "intervalLength",
      d.interval_date::text AS "intervalDate", d.interval_values::text[] AS "values", d.day_total::text AS "dayTotal",
      d.quality, d.reason_code AS "reasonCode", d.reason_description AS "reasonDescription",
      d.interval_quality AS "intervalQuality", d.quality_summary AS "qualitySummary", d.updated_at AS "updatedAt",
      d.file_id AS "fileId", f.file_name AS "fileName", d.line,
      (SELECT count(*)::int FROM interval_days v
        WHERE v.nmi = d.nmi AND v.nmi_suffix = d.nmi_suffix AND v.interval_date = d.interval_date) AS versions
    FROM interval_days d JOIN files f ON f.file_id = d.file_id
    WHERE ${sql.join(conditions, sql.fragment` AND `)}
    ORDER BY d.nmi_suffix, d.interval_date
    LIMIT ${query.limit + 1}`);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > query.limit && last !== undefined ? encodeCursor([last.nmiSuffix, last.intervalDate]) : null,
  };
}
