import type { CalendarDate, NemInstant } from '../nem-time.js';
import type { IntervalQualityFlag, TransactionCode } from '../mdff/code-lists.js';
import type { QualityMethod, UnitOfMeasure } from '../mdff/fields.js';
import type { MdffSummary } from '../mdff/summary.js';
import type { Nem12Problem } from './problems.js';

/** Minutes per interval: a day holds 1440 / length values (288, 96 or 48). */
export type IntervalLength = 5 | 15 | 30;

/** The 100 record of a NEM12 file. */
export interface Nem12Header {
  readonly line: number;
  readonly versionHeader: 'NEM12';
  /** File creation time (DateTime(12)), as an instant in NEM time. */
  readonly createdAt: NemInstant;
  /** Empty, or longer than its 10 characters, in some published files: accepted with a warning. */
  readonly fromParticipant: string | null;
  readonly toParticipant: string | null;
}

/** The 200 record: the NMI datastream (channel) the 300 records after it belong to. */
export interface Nem12Channel {
  readonly line: number;
  readonly nmi: string;
  readonly nmiConfiguration: string;
  readonly registerId: string | null;
  /** The datastream: a letter for the kind (E import, B export, Q/K reactive ...) and a digit. */
  readonly nmiSuffix: string;
  readonly mdmDataStreamIdentifier: string | null;
  readonly meterSerialNumber: string | null;
  readonly uom: UnitOfMeasure;
  readonly intervalLength: IntervalLength;
  readonly nextScheduledReadDate: CalendarDate | null;
}

/** A 400 record: the quality of intervals `startInterval`..`endInterval` of a V day. */
export interface IntervalEvent {
  readonly line: number;
  readonly startInterval: number;
  readonly endInterval: number;
  /** Never V. */
  readonly quality: QualityMethod;
  readonly reasonCode: number | null;
  readonly reasonDescription: string | null;
}

/** A 500 record: B2B details of the interval data before it. */
export interface Nem12B2BDetails {
  readonly line: number;
  readonly transactionCode: TransactionCode;
  readonly retailerServiceOrder: string | null;
  readonly readAt: NemInstant | null;
  readonly indexRead: string | null;
}

/** A 300 record with the 400s and 500s that follow it: one day of one channel. */
export interface IntervalDay {
  readonly line: number;
  /** The 200 the day belongs to (shared by all its days, not copied). */
  readonly channel: Nem12Channel;
  readonly intervalDate: CalendarDate;
  /**
   * The 1440 / IntervalLength values in order, as exact decimals in canonical form (leading zeros
   * dropped, `.5` read as `0.5`, the scale as sent). Sum them with `Decimal`, never `Number`.
   */
  readonly values: readonly string[];
  /** The 300's QualityMethod; V when `events` give the quality per interval. */
  readonly quality: QualityMethod;
  readonly reasonCode: number | null;
  readonly reasonDescription: string | null;
  /** Blank in many 2005 files. */
  readonly updatedAt: NemInstant | null;
  readonly msatsLoadedAt: NemInstant | null;
  /** The 400 records of a V day, in order, covering intervals 1..N exactly; empty otherwise. */
  readonly events: readonly IntervalEvent[];
  readonly b2bDetails: readonly Nem12B2BDetails[];
}

export interface Nem12Counts {
  /** Accepted 200 records (one channel may have several). */
  readonly channels: number;
  /** Accepted 300 records. */
  readonly intervalDays: number;
  /** Accepted 400 records. */
  readonly intervalEvents: number;
  /** Accepted 500 records. */
  readonly b2bDetails: number;
}

/** What the reader found in a whole file. */
export type Nem12Summary = MdffSummary<Nem12Header, Nem12Counts, Nem12Problem>;

export type Nem12Item =
  | { readonly kind: 'header'; readonly header: Nem12Header }
  | { readonly kind: 'channel'; readonly channel: Nem12Channel }
  | { readonly kind: 'intervalDay'; readonly day: IntervalDay }
  | { readonly kind: 'end'; readonly line: number }
  | { readonly kind: 'summary'; readonly summary: Nem12Summary };

/** The quality flag of interval `index` (1-based) of a day: its 400's on a V day, the 300's otherwise. */
export function intervalQualityFlag(day: IntervalDay, index: number): IntervalQualityFlag {
  if (day.quality.flag !== 'V') return day.quality.flag;
  for (const event of day.events) {
    if (index >= event.startInterval && index <= event.endInterval) return event.quality.flag;
  }
  throw new RangeError(`interval ${index} is outside the day of line ${day.line}`);
}
