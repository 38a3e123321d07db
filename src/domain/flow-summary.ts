/**
 * What every MDFF reader (NEM12, NEM13) reports of a whole file, in one shape: the application, the
 * events and the transports carry this, whichever reader the file's 100 header chose.
 */
import { z } from 'zod';
import type { MdffFormat } from './mdff/format.js';
import type { MdffProblem } from './mdff/problem-log.js';
import type { MdffSummary } from './mdff/summary.js';
import { NEM12_PROBLEM_CODES, NEM12_RECORD_TYPES, type Nem12RecordType } from './nem12/problems.js';
import type { Nem12Header, Nem12Summary } from './nem12/records.js';
import { PROBLEM_CODES, type RecordType } from './nem13/problems.js';
import type { Nem13Header, Nem13Summary } from './nem13/records.js';

export const FLOW_PROBLEM_CODES = { ...PROBLEM_CODES, ...NEM12_PROBLEM_CODES } as const;
export type FlowProblemCode = keyof typeof FLOW_PROBLEM_CODES;
export type FlowRecordType = RecordType | Nem12RecordType;
const FLOW_RECORD_TYPES: readonly FlowRecordType[] = [
  ...new Set<FlowRecordType>(['250', '550', ...NEM12_RECORD_TYPES]),
];

/** A problem found by either reader, or by the intake (container codes, size limits). */
export type FlowProblem = MdffProblem<FlowProblemCode, FlowRecordType>;
export type FlowHeader = Nem13Header | Nem12Header;

/** The problem model of every flow file: the codes of both readers, the records of both formats. */
export const FlowProblemSchema = z.object({
  line: z.number().int().nonnegative(),
  record: z.enum(FLOW_RECORD_TYPES as [FlowRecordType, ...FlowRecordType[]]).nullable(),
  field: z.string().nullable(),
  code: z.enum(Object.keys(FLOW_PROBLEM_CODES) as [FlowProblemCode, ...FlowProblemCode[]]),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
});

/**
 * Records accepted. NEM13 files count 250s (`registerReads`) and 550s (`b2bDetails`); NEM12 files count
 * their 500s as `b2bDetails` and have the interval counts too (a NEM13 file's counts stay as they were,
 * so the events of files imported before NEM12 existed are unchanged).
 */
export interface FlowCounts {
  readonly registerReads: number;
  readonly b2bDetails: number;
  readonly channels?: number | undefined;
  readonly intervalDays?: number | undefined;
  readonly intervalEvents?: number | undefined;
}

// Compile-time: the schema describes exactly the problems the readers make.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const FLOW_PROBLEM_SCHEMA_MATCHES: Same<z.infer<typeof FlowProblemSchema>, FlowProblem> = true;

export interface FlowSummary extends MdffSummary<FlowHeader, FlowCounts, FlowProblem> {
  /** The reader that read the file: NEM13 when its first record does not say (its problems then say why). */
  readonly format: MdffFormat;
}

/** The events a file's records become: ReadingRecorded (NEM13) or IntervalDayRecorded (NEM12). */
export function recordCount(counts: FlowCounts): number {
  return counts.registerReads + (counts.intervalDays ?? 0);
}

export function fromNem13Summary(summary: Nem13Summary): FlowSummary {
  return { format: 'NEM13', ...summary, counts: { ...summary.counts } };
}

export function fromNem12Summary(summary: Nem12Summary): FlowSummary {
  const { channels, intervalDays, intervalEvents, b2bDetails } = summary.counts;
  return {
    format: 'NEM12',
    ...summary,
    counts: { registerReads: 0, b2bDetails, channels, intervalDays, intervalEvents },
  };
}
