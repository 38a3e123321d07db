/**
 * zod schemas of the reader's values, shared by the events, the read models and the HTTP API. The
 * compile-time checks at the end keep them in step with the TypeScript types of records.ts.
 */
import { z } from 'zod';
import { DIRECTIONS, QUALITY_FLAGS, TRANSACTION_CODES, UOMS } from '../mdff/code-lists.js';
import { PROBLEM_CODES, type Problem, type ProblemCode } from './problems.js';
import type { B2BDetails, Nem13Header, RegisterRead } from './records.js';
import type { CalendarDate, NemInstant } from '../nem-time.js';

export const NemInstantSchema = z
  .string()
  .regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+10:00$/, 'expected an ISO 8601 instant in NEM time (+10:00)')
  .transform((value) => value as NemInstant);
export const CalendarDateSchema = z
  .string()
  .regex(/^\d{4}-\d\d-\d\d$/, 'expected YYYY-MM-DD')
  .transform((value) => value as CalendarDate);
export const ExactDecimalSchema = z.object({
  text: z.string().describe('the value exactly as sent in the file'),
  value: z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .describe('the canonical exact decimal'),
});
export const QualityMethodSchema = z.object({
  text: z.string(),
  flag: z.enum(QUALITY_FLAGS),
  method: z.number().int().nullable(),
});
export const RegisterReadingSchema = z.object({
  read: ExactDecimalSchema,
  readAt: NemInstantSchema,
  quality: QualityMethodSchema,
  reasonCode: z.number().int().nullable(),
  reasonDescription: z.string().nullable(),
});
export const B2BDetailsSchema = z.object({
  line: z.number().int().positive(),
  previousTransactionCode: z.enum(TRANSACTION_CODES),
  previousRetailerServiceOrder: z.string().nullable(),
  currentTransactionCode: z.enum(TRANSACTION_CODES),
  currentRetailerServiceOrder: z.string().nullable(),
  sourceText: z.string(),
});
export const RegisterReadSchema = z.object({
  line: z.number().int().positive(),
  nmi: z.string(),
  nmiConfiguration: z.string(),
  registerId: z.string(),
  nmiSuffix: z.string(),
  mdmDataStreamIdentifier: z.string().nullable(),
  meterSerialNumber: z.string(),
  direction: z.enum(DIRECTIONS),
  previous: RegisterReadingSchema,
  current: RegisterReadingSchema,
  quantity: ExactDecimalSchema,
  uom: z.object({ text: z.string(), unit: z.enum(UOMS as [string, ...string[]]) }),
  nextScheduledReadDate: CalendarDateSchema.nullable(),
  updatedAt: NemInstantSchema,
  msatsLoadedAt: NemInstantSchema.nullable(),
  b2bDetails: B2BDetailsSchema.nullable(),
  sourceText: z.string(),
});
export const Nem13HeaderSchema = z.object({
  line: z.number().int().positive(),
  versionHeader: z.literal('NEM13'),
  createdAt: NemInstantSchema,
  fromParticipant: z.string(),
  toParticipant: z.string(),
});
export const ProblemSchema = z.object({
  line: z.number().int().nonnegative(),
  record: z.enum(['100', '250', '550', '900']).nullable(),
  field: z.string().nullable(),
  code: z.enum(Object.keys(PROBLEM_CODES) as [ProblemCode, ...ProblemCode[]]),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
});

// Compile-time: a record the reader produces is a valid schema value and vice versa.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const SCHEMAS_MATCH_RECORDS: [
  Same<z.infer<typeof ProblemSchema>, Problem>,
  Same<z.infer<typeof Nem13HeaderSchema>, Nem13Header>,
  Same<z.infer<typeof B2BDetailsSchema>, B2BDetails>,
  Same<Omit<z.infer<typeof RegisterReadSchema>, 'uom'>, Omit<RegisterRead, 'uom'>>,
] = [true, true, true, true];
