import { sql, type CommonQueryMethods, type FragmentSqlToken } from 'slonik';
import { z } from 'zod';
import { decodeCursor, encodeCursor, type Page } from './read-model.queries.js';

/**
 * One interval channel (a NMI and suffix, as NEM12 200 records name it) over the days in force: the
 * serial, unit and interval length of its newest day, how many days and which.
 */
export const IntervalChannelSchema = z.object({
  nmi: z.string(),
  nmiSuffix: z.string(),
  registerId: z.string().nullable(),
  meterSerialNumber: z.string().nullable(),
  uom: z.string(),
  intervalLength: z.number().int(),
  days: z.number().int(),
  firstDate: z.string(),
  lastDate: z.string(),
});
export type IntervalChannel = z.infer<typeof IntervalChannelSchema>;

export type ChannelsOf = { readonly nmi: string } | { readonly serial: string };

function channelCondition(of: ChannelsOf): FragmentSqlToken {
  return 'nmi' in of
    ? sql.fragment`d.nmi = ${of.nmi}`
    : sql.fragment`upper(d.meter_serial_number) = ${of.serial.toUpperCase()}`;
}

/** The interval channels of a NMI, or those a meter (serial, any case) recorded, by NMI then suffix. */
export async function findIntervalChannels(db: CommonQueryMethods, of: ChannelsOf): Promise<IntervalChannel[]> {
  const newest = sql.fragment`ORDER BY d.interval_date DESC, d.import_position DESC, d.line DESC`;
  return [
    ...(await db.any(sql.type(IntervalChannelSchema)`
      SELECT d.nmi, d.nmi_suffix AS "nmiSuffix",
        (array_agg(d.register_id ${newest}))[1] AS "registerId",
        (array_agg(d.meter_serial_number ${newest}))[1] AS "meterSerialNumber",
        (array_agg(d.uom ${newest}))[1] AS uom,
        (array_agg(d.interval_length ${newest}))[1] AS "intervalLength",
        count(*)::int AS days,
        min(d.interval_date)::text AS "firstDate", max(d.interval_date)::text AS "lastDate"
      FROM interval_days d
      WHERE ${channelCondition(of)} AND NOT d.superseded
      GROUP BY d.nmi, d.nmi_suffix
      ORDER BY d.nmi, d.nmi_suffix`)),
  ];
}

/** One day of a channel without its values: what a daily chart and a table of days need. */
export const ChannelDaySchema = z.object({
  intervalDate: z.string(),
  dayTotal: z.string(),
  uom: z.string(),
  intervalLength: z.number().int(),
  quality: z.string(),
  qualitySummary: z.record(z.string(), z.number().int()),
  meterSerialNumber: z.string().nullable(),
  updatedAt: z.string().nullable(),
  fileId: z.string(),
  fileName: z.string(),
  line: z.number().int(),
  versions: z.number().int(),
});
export type ChannelDay = z.infer<typeof ChannelDaySchema>;

export interface ChannelDaysQuery {
  readonly nmi: string;
  readonly nmiSuffix: string;
  /** Only the days this meter (any case) recorded. */
  readonly serial?: string | undefined;
  /** First and last IntervalDate, inclusive (YYYY-MM-DD). */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly limit: number;
  readonly cursor?: string | undefined;
}

const ChannelDayCursor = z.tuple([z.literal('day'), z.iso.date()]);

/** The days in force of one channel, oldest first, one keyset page at a time. */
export async function findChannelDays(db: CommonQueryMethods, query: ChannelDaysQuery): Promise<Page<ChannelDay>> {
  const conditions: FragmentSqlToken[] = [
    sql.fragment`d.nmi = ${query.nmi}`,
    sql.fragment`d.nmi_suffix = ${query.nmiSuffix}`,
    sql.fragment`NOT d.superseded`,
  ];
  if (query.serial !== undefined)
    conditions.push(sql.fragment`upper(d.meter_serial_number) = ${query.serial.toUpperCase()}`);
  if (query.from !== undefined) conditions.push(sql.fragment`d.interval_date >= ${query.from}::date`);
  if (query.to !== undefined) conditions.push(sql.fragment`d.interval_date <= ${query.to}::date`);
  if (query.cursor !== undefined) {
    const [, date] = decodeCursor(query.cursor, ChannelDayCursor);
    conditions.push(sql.fragment`d.interval_date > ${date}::date`);
  }
  const rows = await db.any(sql.type(ChannelDaySchema)`
    SELECT d.interval_date::text AS "intervalDate", d.day_total::text AS "dayTotal", d.uom,
      d.interval_length AS "intervalLength", d.quality, d.quality_summary AS "qualitySummary",
      d.meter_serial_number AS "meterSerialNumber", d.updated_at AS "updatedAt",
      d.file_id AS "fileId", f.file_name AS "fileName", d.line,
      (SELECT count(*)::int FROM interval_days v
        WHERE v.nmi = d.nmi AND v.nmi_suffix = d.nmi_suffix AND v.interval_date = d.interval_date) AS versions
    FROM interval_days d JOIN files f ON f.file_id = d.file_id
    WHERE ${sql.join(conditions, sql.fragment` AND `)}
    ORDER BY d.interval_date
    LIMIT ${query.limit + 1}`);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > query.limit && last !== undefined ? encodeCursor(['day', last.intervalDate]) : null,
  };
}
