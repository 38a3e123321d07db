/**
 * zod schemas of the NEM12 reader's values, for the events, read models and API that will carry them.
 * The compile-time checks at the end keep them in step with the TypeScript types of records.ts.
 */
import { z } from 'zod';
import { INTERVAL_QUALITY_FLAGS, TRANSACTION_CODES, UOMS } from '../mdff/code-lists.js';
import { CalendarDateSchema, NemInstantSchema } from '../nem13/schemas.js';
import { NEM12_PROBLEM_CODES, NEM12_RECORD_TYPES, type Nem12Problem, type Nem12ProblemCode } from './problems.js';
import type { IntervalDay, IntervalEvent, Nem12B2BDetails, Nem12Channel, Nem12Header } from './records.js';

/** An unsigned exact decimal in canonical form: never a float. */
export const IntervalValueSchema = z.string().regex(/^\d+(\.\d+)?$/, 'expected an unsigned decimal such as 1.250');

export const IntervalQualityMethodSchema = z.object({
  text: z.string(),
  flag: z.enum(INTERVAL_QUALITY_FLAGS),
  method: z.number().int().nullable(),
});

export const Nem12HeaderSchema = z.object({
  line: z.number().int().positive(),
  versionHeader: z.literal('NEM12'),
  createdAt: NemInstantSchema,
  fromParticipant: z.string().nullable(),
  toParticipant: z.string().nullable(),
});

export const Nem12ChannelSchema = z.object({
  line: z.number().int().positive(),
  nmi: z.string(),
  nmiConfiguration: z.string(),
  registerId: z.string().nullable(),
  nmiSuffix: z.string(),
  mdmDataStreamIdentifier: z.string().nullable(),
  meterSerialNumber: z.string().nullable(),
  uom: z.object({ text: z.string(), unit: z.enum(UOMS as [string, ...string[]]) }),
  intervalLength: z.union([z.literal(5), z.literal(15), z.literal(30)]),
  nextScheduledReadDate: CalendarDateSchema.nullable(),
});

export const IntervalEventSchema = z.object({
  line: z.number().int().positive(),
  startInterval: z.number().int().min(1).max(288),
  endInterval: z.number().int().min(1).max(288),
  quality: IntervalQualityMethodSchema,
  reasonCode: z.number().int().nullable(),
  reasonDescription: z.string().nullable(),
});

export const Nem12B2BDetailsSchema = z.object({
  line: z.number().int().positive(),
  transactionCode: z.enum(TRANSACTION_CODES),
  retailerServiceOrder: z.string().nullable(),
  readAt: NemInstantSchema.nullable(),
  indexRead: z.string().nullable(),
});

export const IntervalDaySchema = z.object({
  line: z.number().int().positive(),
  channel: Nem12ChannelSchema,
  intervalDate: CalendarDateSchema,
  values: z.array(IntervalValueSchema).refine((values) => [48, 96, 288].includes(values.length), {
    error: 'expected 48, 96 or 288 values (30, 15 or 5-minute intervals)',
  }),
  quality: IntervalQualityMethodSchema,
  reasonCode: z.number().int().nullable(),
  reasonDescription: z.string().nullable(),
  updatedAt: NemInstantSchema.nullable(),
  msatsLoadedAt: NemInstantSchema.nullable(),
  events: z.array(IntervalEventSchema),
  b2bDetails: z.array(Nem12B2BDetailsSchema),
});

export const Nem12ProblemSchema = z.object({
  line: z.number().int().nonnegative(),
  record: z.enum(NEM12_RECORD_TYPES as [string, ...string[]]).nullable(),
  field: z.string().nullable(),
  code: z.enum(Object.keys(NEM12_PROBLEM_CODES) as [Nem12ProblemCode, ...Nem12ProblemCode[]]),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
});

// Compile-time: a record the reader produces is a valid schema value and vice versa.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type WithoutUom<T> = Omit<T, 'uom'>;
/** Read-only in the records, plain arrays in the schemas; their elements are compared above. */
type DayLists = 'channel' | 'values' | 'events' | 'b2bDetails';
export const NEM12_SCHEMAS_MATCH_RECORDS: [
  Same<Omit<z.infer<typeof Nem12ProblemSchema>, 'record'>, Omit<Nem12Problem, 'record'>>,
  Same<z.infer<typeof Nem12HeaderSchema>, Nem12Header>,
  Same<WithoutUom<z.infer<typeof Nem12ChannelSchema>>, WithoutUom<Nem12Channel>>,
  Same<z.infer<typeof IntervalEventSchema>, IntervalEvent>,
  Same<z.infer<typeof Nem12B2BDetailsSchema>, Nem12B2BDetails>,
  Same<Omit<z.infer<typeof IntervalDaySchema>, DayLists>, Omit<IntervalDay, DayLists>>,
  Same<z.infer<typeof IntervalDaySchema>['values'][number], IntervalDay['values'][number]>,
] = [true, true, true, true, true, true, true];
