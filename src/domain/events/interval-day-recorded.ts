/**
 * The codec of IntervalDayRecorded: a NEM12 300 record (one day of one channel) with its 400s and 500s,
 * each fact once and by name. Schema version 2 is written; version 1 is read and upcast in
 * file-events.ts, with every other upcast. The values are packed here and read back by
 * {@link intervalValuesOf}, the one place that knows how.
 */
import { z } from 'zod';
import type { IntervalDay } from '../nem12/records.js';

const NEM_DATE_TIME = /^\d{14}$/;
const NEM_DATE = /^\d{8}$/;
const DECIMAL = '\\d+(?:\\.\\d+)?';
const INTERVALS_PER_DAY = [48, 96, 288] as const;
/** Digits without a point and without leading zeros: a value of a day with `valueScale`. */
const SCALED_DIGITS = /^(?:0|[1-9]\d*)(?:,(?:0|[1-9]\d*))*$/;
/**
 * IntervalDayRecorded, schema version 2 (current): one 300 record (one day of one channel) with the 400s
 * and 500s that follow it, each fact once and only when the file gave it: a member that would be null,
 * or an empty list, is left out. The channel's facts (from its 200) are repeated on each day, since a day
 * is read on its own; the 200's other fields, and the raw lines, are the original's (kept by the originals
 * archive). Dates and instants are NEM time as written (`CCYYMMDD`, `CCYYMMDDhhmmss`); quality, UOM and a
 * reason's description as sent (a code's meaning is the code list's, src/domain/mdff/code-lists.ts). The
 * line of the 300 is the metadata's `sourceLine`.
 *
 * The values are exact decimals in canonical form (leading zeros dropped, the scale as sent), joined by
 * commas into one string. When they all have the same number of decimal places (as a meter's data
 * has), `valueScale` says how many and each value is written without its point and leading zeros:
 * `"values": "550,2331,8"` with `"valueScale": 3` is 0.550, 2.331 and 0.008, exactly
 * ({@link intervalValuesOf}). The interval length is the values' count's to tell (48, 96 or 288 values:
 * 30, 15 or 5 minutes).
 */
export const IntervalQualityRun = z.object({
  from: z.number().int().min(1).max(288).describe('first interval of the run (400 StartInterval)'),
  to: z.number().int().min(1).max(288).describe('last interval of the run (400 EndInterval)'),
  quality: z.string().describe('400 QualityMethod as sent, e.g. A, E52, S53 (never V)'),
  reasonCode: z.number().int().optional(),
  reasonDescription: z.string().optional().describe('400 ReasonDescription as sent, when it was not blank'),
});
export const IntervalDayB2B = z.object({
  transactionCode: z.string(),
  retailerServiceOrder: z.string().optional(),
  readAt: z.string().regex(NEM_DATE_TIME).optional().describe('500 ReadDateTime, CCYYMMDDhhmmss'),
  indexRead: z.string().optional(),
});
export const IntervalDayRecordedData = z
  .object({
    nmi: z.string(),
    nmiSuffix: z.string(),
    registerId: z.string().optional(),
    meterSerialNumber: z.string().optional(),
    uom: z.string().describe('UOM as sent, e.g. kWh'),
    intervalDate: z.string().regex(NEM_DATE).describe('IntervalDate, CCYYMMDD'),
    values: z
      .string()
      .regex(new RegExp(`^${DECIMAL}(?:,${DECIMAL})*$`), { error: 'expected exact decimals joined by commas' })
      .refine((values) => (INTERVALS_PER_DAY as readonly number[]).includes(values.split(',').length), {
        error: 'expected 48, 96 or 288 values',
      })
      .describe(
        'the 1440 / IntervalLength values in order joined by commas: exact decimals, or with valueScale their digits',
      ),
    valueScale: z
      .number()
      .int()
      .min(1)
      .max(20)
      .optional()
      .describe('the decimal places every value has, when they share them; values then holds their digits alone'),
    quality: z.string().describe('300 QualityMethod as sent; V when intervalQuality gives it per interval'),
    reasonCode: z.number().int().optional(),
    reasonDescription: z.string().optional().describe('300 ReasonDescription as sent, when it was not blank'),
    updatedAt: z.string().regex(NEM_DATE_TIME).optional().describe('UpdateDateTime, CCYYMMDDhhmmss'),
    msatsLoadedAt: z.string().regex(NEM_DATE_TIME).optional().describe('MSATSLoadDateTime, CCYYMMDDhhmmss'),
    intervalQuality: z
      .array(IntervalQualityRun)
      .optional()
      .describe("a V day's 400 records: runs of intervals covering the day in order; absent on other days"),
    b2b: z.array(IntervalDayB2B).min(1).optional().describe('the 500 records that follow the day, if any'),
  })
  .refine((day) => day.valueScale === undefined || SCALED_DIGITS.test(day.values), {
    error: "with valueScale, values holds each value's digits alone (no point, no leading zero)",
    path: ['values'],
  });
export type IntervalDayRecordedData = z.infer<typeof IntervalDayRecordedData>;

/** The decimal places of a canonical decimal. */
function scaleOf(value: string): number {
  const point = value.indexOf('.');
  return point < 0 ? 0 : value.length - point - 1;
}

/** The `values` (and `valueScale`) of a day's canonical decimals: see {@link IntervalDayRecordedData}. */
function packValues(values: readonly string[]): Pick<IntervalDayRecordedData, 'values' | 'valueScale'> {
  const scale = scaleOf(values[0] ?? '');
  if (scale === 0 || values.some((value) => scaleOf(value) !== scale)) return { values: values.join(',') };
  const digits = values.map((value) => value.replace('.', '').replace(/^0+(?=\d)/, ''));
  return { values: digits.join(','), valueScale: scale };
}

/** A day's values, one exact decimal each in canonical form, in order. */
export function intervalValuesOf(data: Pick<IntervalDayRecordedData, 'values' | 'valueScale'>): string[] {
  const values = data.values.split(',');
  const scale = data.valueScale;
  if (scale === undefined) return values;
  return values.map((digits) => {
    const padded = digits.padStart(scale + 1, '0');
    return `${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
  });
}

/** A day's interval length in minutes, told by how many values it has. */
export function intervalLengthOf(data: Pick<IntervalDayRecordedData, 'values'>): 5 | 15 | 30 {
  const count = intervalValuesOf(data).length;
  if (count === 48) return 30;
  if (count === 96) return 15;
  if (count === 288) return 5;
  throw new RangeError(`${count} interval values make no interval length (expected 48, 96 or 288)`);
}

/**
 * IntervalDayRecorded, schema version 1: the same facts, every member present (null or an empty list
 * when the file gave nothing), the values as an array, the interval length beside them.
 */
export const IntervalQualityRunV1 = z.object({
  from: z.number().int().min(1).max(288),
  to: z.number().int().min(1).max(288),
  quality: z.string(),
  reasonCode: z.number().int().nullable(),
  reasonDescription: z.string().nullable(),
});
export const IntervalDayB2BV1 = z.object({
  transactionCode: z.string(),
  retailerServiceOrder: z.string().nullable(),
  readAt: z.string().regex(NEM_DATE_TIME).nullable(),
  indexRead: z.string().nullable(),
});
export const IntervalDayRecordedV1Data = z.object({
  nmi: z.string(),
  nmiSuffix: z.string(),
  registerId: z.string().nullable(),
  meterSerialNumber: z.string().nullable(),
  uom: z.string(),
  intervalLength: z.union([z.literal(5), z.literal(15), z.literal(30)]),
  intervalDate: z.string().regex(NEM_DATE),
  values: z
    .array(z.string().regex(new RegExp(`^${DECIMAL}$`)))
    .refine((values) => (INTERVALS_PER_DAY as readonly number[]).includes(values.length), {
      error: 'expected 48, 96 or 288 values',
    }),
  quality: z.string(),
  reasonCode: z.number().int().nullable(),
  reasonDescription: z.string().nullable(),
  updatedAt: z.string().regex(NEM_DATE_TIME).nullable(),
  msatsLoadedAt: z.string().regex(NEM_DATE_TIME).nullable(),
  intervalQuality: z.array(IntervalQualityRunV1).nullable(),
  b2b: z.array(IntervalDayB2BV1),
});
export type IntervalDayRecordedV1Data = z.infer<typeof IntervalDayRecordedV1Data>;

/** The facts of an interval day, each once and only when given: what v2 stores and every reader sees. */
export function leanIntervalDay(day: IntervalDayRecordedV1Data): IntervalDayRecordedData {
  const data: IntervalDayRecordedData = {
    nmi: day.nmi,
    nmiSuffix: day.nmiSuffix,
    ...(day.registerId === null ? {} : { registerId: day.registerId }),
    ...(day.meterSerialNumber === null ? {} : { meterSerialNumber: day.meterSerialNumber }),
    uom: day.uom,
    intervalDate: day.intervalDate,
    ...packValues(day.values),
    quality: day.quality,
    ...(day.reasonCode === null ? {} : { reasonCode: day.reasonCode }),
    ...(day.reasonDescription === null ? {} : { reasonDescription: day.reasonDescription }),
    ...(day.updatedAt === null ? {} : { updatedAt: day.updatedAt }),
    ...(day.msatsLoadedAt === null ? {} : { msatsLoadedAt: day.msatsLoadedAt }),
  };
  if (day.intervalQuality !== null) {
    data.intervalQuality = day.intervalQuality.map((run) => ({
      from: run.from,
      to: run.to,
      quality: run.quality,
      ...(run.reasonCode === null ? {} : { reasonCode: run.reasonCode }),
      ...(run.reasonDescription === null ? {} : { reasonDescription: run.reasonDescription }),
    }));
  }
  if (day.b2b.length > 0) {
    data.b2b = day.b2b.map((b2b) => ({
      transactionCode: b2b.transactionCode,
      ...(b2b.retailerServiceOrder === null ? {} : { retailerServiceOrder: b2b.retailerServiceOrder }),
      ...(b2b.readAt === null ? {} : { readAt: b2b.readAt }),
      ...(b2b.indexRead === null ? {} : { indexRead: b2b.indexRead }),
    }));
  }
  return data;
}

/** The `CCYYMMDD` / `CCYYMMDDhhmmss` text of a calendar date or an instant in NEM time. */
function nemDigits(value: string): string {
  return value.slice(0, 19).replace(/[-T:]/g, '');
}

/**
 * An interval day's facts in the shape of schema version 1, each member present: what
 * {@link intervalDayRecorded} makes lean (and what events stored as version 1 hold).
 */
export function intervalDayFacts(day: IntervalDay): IntervalDayRecordedV1Data {
  const { channel } = day;
  return {
    nmi: channel.nmi,
    nmiSuffix: channel.nmiSuffix,
    registerId: channel.registerId,
    meterSerialNumber: channel.meterSerialNumber,
    uom: channel.uom.text,
    intervalLength: channel.intervalLength,
    intervalDate: nemDigits(day.intervalDate),
    values: [...day.values],
    quality: day.quality.text,
    reasonCode: day.reasonCode,
    reasonDescription: day.reasonDescription,
    updatedAt: day.updatedAt === null ? null : nemDigits(day.updatedAt),
    msatsLoadedAt: day.msatsLoadedAt === null ? null : nemDigits(day.msatsLoadedAt),
    intervalQuality:
      day.quality.flag === 'V'
        ? day.events.map((event) => ({
            from: event.startInterval,
            to: event.endInterval,
            quality: event.quality.text,
            reasonCode: event.reasonCode,
            reasonDescription: event.reasonDescription,
          }))
        : null,
    b2b: day.b2bDetails.map((b2b) => ({
      transactionCode: b2b.transactionCode,
      retailerServiceOrder: b2b.retailerServiceOrder,
      readAt: b2b.readAt === null ? null : nemDigits(b2b.readAt),
      indexRead: b2b.indexRead,
    })),
  };
}
