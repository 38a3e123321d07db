import type { ExactDecimal } from '../decimal.js';
import type { CalendarDate, NemInstant } from '../nem-time.js';
import type { Direction, QualityFlag, TransactionCode } from '../mdff/code-lists.js';
import type { QualityMethod as MdffQualityMethod, UnitOfMeasure } from '../mdff/fields.js';
import type { MdffSummary } from '../mdff/summary.js';
import type { Problem } from './problems.js';

/** The 100 record. */
export interface Nem13Header {
  readonly line: number;
  readonly versionHeader: 'NEM13';
  /** File creation time (DateTime(12)), as an instant in NEM time. */
  readonly createdAt: NemInstant;
  readonly fromParticipant: string;
  readonly toParticipant: string;
}

export type QualityMethod = MdffQualityMethod<QualityFlag>;
export type { UnitOfMeasure };

/** One side (previous or current) of a 250 record. */
export interface RegisterReading {
  readonly read: ExactDecimal;
  readonly readAt: NemInstant;
  readonly quality: QualityMethod;
  readonly reasonCode: number | null;
  readonly reasonDescription: string | null;
}

/** The 550 record: B2B details of the 250 before it. */
export interface B2BDetails {
  readonly line: number;
  readonly previousTransactionCode: TransactionCode;
  readonly previousRetailerServiceOrder: string | null;
  readonly currentTransactionCode: TransactionCode;
  readonly currentRetailerServiceOrder: string | null;
  /** The 550 line as sent, for audit. */
  readonly sourceText: string;
}

/** A 250 record with its 550 attached: one register read. */
export interface RegisterRead {
  readonly line: number;
  readonly nmi: string;
  readonly nmiConfiguration: string;
  readonly registerId: string;
  readonly nmiSuffix: string;
  readonly mdmDataStreamIdentifier: string | null;
  readonly meterSerialNumber: string;
  readonly direction: Direction;
  readonly previous: RegisterReading;
  readonly current: RegisterReading;
  readonly quantity: ExactDecimal;
  readonly uom: UnitOfMeasure;
  readonly nextScheduledReadDate: CalendarDate | null;
  readonly updatedAt: NemInstant;
  readonly msatsLoadedAt: NemInstant | null;
  readonly b2bDetails: B2BDetails | null;
  /** The 250 line as sent, for audit. */
  readonly sourceText: string;
}

export interface Nem13Counts {
  /** Accepted 250 records. */
  readonly registerReads: number;
  /** Accepted 550 records. */
  readonly b2bDetails: number;
}

/** What the reader found in a whole file. */
export type Nem13Summary = MdffSummary<Nem13Header, Nem13Counts, Problem>;

export type Nem13Item =
  | { readonly kind: 'header'; readonly header: Nem13Header }
  | { readonly kind: 'registerRead'; readonly read: RegisterRead }
  | { readonly kind: 'end'; readonly line: number }
  | { readonly kind: 'summary'; readonly summary: Nem13Summary };
