import { maxLengthOf, RECORD_100, RECORD_900 } from '../mdff/catalogue.js';
import { MdffEnvelope, type EnvelopeFormat, type HeaderStart } from '../mdff/envelope.js';
import { LineSplitter } from '../mdff/line-splitter.js';
import {
  difference,
  nem13FieldReader,
  quantityExplained,
  readDirection,
  readQuality,
  RECORD_250_PATTERN,
  RECORD_550_PATTERN,
  type Nem13FieldReader,
} from './fields.js';
import { RECORD_250, RECORD_550 } from './catalogue.js';
import { ProblemLog, type ProblemCode, type RecordType } from './problems.js';
import type { B2BDetails, Nem13Header, Nem13Item, Nem13Summary, RegisterRead, RegisterReading } from './records.js';

const HEADER_FIELDS = RECORD_100.names;
const READ_FIELDS = RECORD_250.names;
const B2B_FIELDS = RECORD_550.names;
const END_FIELDS = RECORD_900.names;
/** Positions of the fields in a line, and their descriptions (src/domain/nem13/catalogue.ts). */
const H = RECORD_100.at;
const R = RECORD_250.at;
const R_SPEC = RECORD_250.field;
const B = RECORD_550.at;
const B_SPEC = RECORD_550.field;
/** The length limits of the fields that have one, read once (the reader checks millions of lines). */
const MAX = {
  participant: maxLengthOf(RECORD_100.field.fromParticipant),
  nmiConfiguration: maxLengthOf(R_SPEC.nmiConfiguration),
  registerId: maxLengthOf(R_SPEC.registerId),
  meterSerialNumber: maxLengthOf(R_SPEC.meterSerialNumber),
  read: maxLengthOf(R_SPEC.previousRead),
  quantity: maxLengthOf(R_SPEC.quantity),
  retailerServiceOrder: maxLengthOf(B_SPEC.previousRetailerServiceOrder),
} as const;
const READING_AT = {
  previous: {
    read: R.previousRead,
    readAt: R.previousReadAt,
    quality: R.previousQuality,
    reasonCode: R.previousReasonCode,
    reasonDescription: R.previousReasonDescription,
  },
  current: {
    read: R.currentRead,
    readAt: R.currentReadAt,
    quality: R.currentQuality,
    reasonCode: R.currentReasonCode,
    reasonDescription: R.currentReasonDescription,
  },
} as const;

export const NEM13_FIELD_NAMES: Readonly<Record<RecordType, readonly string[]>> = {
  '100': HEADER_FIELDS,
  '250': READ_FIELDS,
  '550': B2B_FIELDS,
  '900': END_FIELDS,
};

const NEM13_ENVELOPE: EnvelopeFormat<'NEM13'> = {
  format: 'NEM13',
  otherFormatRecords: 'NEM12 interval data',
  otherFormatFile: 'this is a NEM12 (interval data) file; only NEM13 (accumulation meter) files are accepted',
  recordLength: 'a NEM13 record of under 1,000 characters',
  expectedRecords: '100, 250 ... 900',
};

/** What the last record line was, to tell whether a 550 directly follows a 250. */
type Previous = 'none' | '250' | '550' | 'other';

/**
 * The NEM13 state machine: takes lines, checks every field and the file structure, and collects
 * the records it accepts into `out`. Pure and synchronous; {@link readNem13} feeds it bytes.
 */
export class Nem13Parser extends MdffEnvelope<'NEM13', ProblemCode, RecordType> {
  /** @param fastPath read well-formed 250 lines through one pattern match (off only to test it). */
  constructor(private readonly fastPath = true) {
    super(new ProblemLog(), NEM13_ENVELOPE);
  }

  declare readonly log: ProblemLog;
  readonly out: Nem13Item[] = [];
  private header: Nem13Header | null = null;
  private previous: Previous = 'none';
  private previousReadLine = 0;
  /** The last 250, held until the next line tells whether a 550 belongs to it. */
  private pendingRead: { -readonly [K in keyof RegisterRead]: RegisterRead[K] } | null = null;
  private registerReads = 0;
  private b2bDetails = 0;

  protected readRecord(indicator: RecordType, number: number, text: string): void {
    if (indicator === '250') {
      this.readRegisterRead(number, text);
      this.previous = '250';
      this.previousReadLine = number;
    } else {
      this.readB2BDetails(number, text);
    }
  }

  /** A 550 belongs to the 250 before it: the 250 is complete at any other line. */
  protected closeRecord(_number: number, indicator: string | null): void {
    if (indicator !== '550') this.flush();
  }

  protected afterOtherLine(): void {
    this.previous = 'other';
  }

  protected readEnd(number: number): void {
    this.out.push({ kind: 'end', line: number });
  }

  finish(): Nem13Summary {
    this.finishEnvelope();
    const log = this.log;
    const summary: Nem13Summary = {
      valid: log.errorCount === 0,
      lines: this.lastLine,
      header: this.header,
      counts: { registerReads: this.registerReads, b2bDetails: this.b2bDetails },
      errors: log.errors,
      warnings: log.warnings,
      errorCount: log.errorCount,
      warningCount: log.warningCount,
      omittedErrors: log.omittedErrors,
      omittedWarnings: log.omittedWarnings,
    };
    this.out.push({ kind: 'summary', summary });
    return summary;
  }

  private flush(): void {
    if (this.pendingRead === null) return;
    this.out.push({ kind: 'registerRead', read: this.pendingRead });
    this.pendingRead = null;
  }

  protected fieldReader(
    number: number,
    record: RecordType,
    fields: string[],
    names: readonly string[],
  ): Nem13FieldReader {
    return nem13FieldReader(this.log, number, record, fields, names);
  }

  protected readHeaderRest(f: Nem13FieldReader, start: HeaderStart | null): void {
    const fromParticipant = f.text(H.fromParticipant, MAX.participant, true);
    const toParticipant = f.text(H.toParticipant, MAX.participant, true);
    if (!f.ok || start === null || fromParticipant === null || toParticipant === null) return;
    this.header = { ...start, versionHeader: 'NEM13', fromParticipant, toParticipant };
    this.out.push({ kind: 'header', header: this.header });
  }

  private readRegisterRead(number: number, text: string): void {
    // Most lines are well formed: one pattern match checks their formats and splits them at once.
    const match = this.fastPath ? RECORD_250_PATTERN.exec(text) : null;
    let f: Nem13FieldReader;
    if (match !== null) {
      f = nem13FieldReader(this.log, number, '250', match, READ_FIELDS, true);
    } else {
      const fields = text.split(',');
      if (!this.checkWidth(number, '250', fields, READ_FIELDS.length)) return;
      f = nem13FieldReader(this.log, number, '250', fields, READ_FIELDS);
    }
    const nmi = f.nmi(R.nmi);
    const nmiConfiguration = f.text(R.nmiConfiguration, MAX.nmiConfiguration, true);
    const registerId = f.text(R.registerId, MAX.registerId, true);
    const nmiSuffix = f.suffix(R.nmiSuffix, true);
    const mdmDataStreamIdentifier = f.suffix(R.mdmDataStreamIdentifier, false);
    const meterSerialNumber = f.text(R.meterSerialNumber, MAX.meterSerialNumber, true);
    const direction = readDirection(f, R.direction);
    const previous = this.readReading(f, 'previous');
    const current = this.readReading(f, 'current');
    const quantity = f.decimal(R.quantity, MAX.quantity, true);
    const uom = f.uom(R.uom);
    const nextScheduledReadDate = f.date(R.nextScheduledReadDate, false);
    const updatedAt = f.instant(R.updatedAt, 'CCYYMMDDhhmmss', true);
    const msatsLoadedAt = f.instant(R.msatsLoadedAt, 'CCYYMMDDhhmmss', false);
    if (
      !f.ok ||
      nmi === null ||
      nmiConfiguration === null ||
      registerId === null ||
      nmiSuffix === null ||
      meterSerialNumber === null ||
      direction === null ||
      previous === null ||
      current === null ||
      quantity === null ||
      uom === null ||
      updatedAt === null
    ) {
      return;
    }
    if (quantity.value.startsWith('-')) {
      f.warn(R.quantity, 'NEM13_NEGATIVE_QUANTITY', `${quantity.text} is negative (legacy files sign I registers so)`);
    }
    if (!quantityExplained(previous.read, current.read, quantity)) {
      f.warn(
        R.quantity,
        'NEM13_QUANTITY_MISMATCH',
        `${quantity.text} differs from CurrentRegisterRead - PreviousRegisterRead = ${difference(
          previous.read,
          current.read,
        )}, and no dial rollover explains it (a multiplier, a demand register or a typo)`,
      );
    }
    this.registerReads++;
    this.pendingRead = {
      line: number,
      nmi,
      nmiConfiguration,
      registerId,
      nmiSuffix,
      mdmDataStreamIdentifier,
      meterSerialNumber,
      direction,
      previous,
      current,
      quantity,
      uom,
      nextScheduledReadDate,
      updatedAt,
      msatsLoadedAt,
      b2bDetails: null,
      sourceText: text,
    };
  }

  private readReading(f: Nem13FieldReader, side: 'previous' | 'current'): RegisterReading | null {
    const at = READING_AT[side];
    const read = f.decimal(at.read, MAX.read, false);
    const readAt = f.instant(at.readAt, 'CCYYMMDDhhmmss', true);
    const quality = readQuality(f, at.quality, side);
    const reasonCode = f.reasonCode(at.reasonCode, quality);
    const reasonDescription = f.reasonDescription(at.reasonDescription, reasonCode);
    if (read === null || readAt === null || quality === null) return null;
    return { read, readAt, quality, reasonCode, reasonDescription };
  }

  private readB2BDetails(number: number, text: string): void {
    const previous = this.previous;
    this.previous = '550';
    if (previous === 'none' || previous === 'other') {
      this.log.add(
        number,
        '550',
        'RecordIndicator',
        'NEM13_ORPHAN_550',
        'a 550 must directly follow the 250 it describes, found none before it',
      );
      return;
    }
    if (previous === '550') {
      this.log.add(
        number,
        '550',
        'RecordIndicator',
        'NEM13_DUPLICATE_550',
        `a second 550 for the 250 at line ${this.previousReadLine} (at most one is allowed)`,
      );
      return;
    }
    const match = this.fastPath ? RECORD_550_PATTERN.exec(text) : null;
    let f: Nem13FieldReader;
    if (match !== null) {
      f = nem13FieldReader(this.log, number, '550', match, B2B_FIELDS, true);
    } else {
      const fields = text.split(',');
      if (!this.checkWidth(number, '550', fields, B2B_FIELDS.length)) return;
      f = nem13FieldReader(this.log, number, '550', fields, B2B_FIELDS);
    }
    const previousTransactionCode = f.transactionCode(B.previousTransactionCode);
    const previousRetailerServiceOrder = f.text(B.previousRetailerServiceOrder, MAX.retailerServiceOrder, false);
    const currentTransactionCode = f.transactionCode(B.currentTransactionCode);
    const currentRetailerServiceOrder = f.text(B.currentRetailerServiceOrder, MAX.retailerServiceOrder, false);
    if (!f.ok || previousTransactionCode === null || currentTransactionCode === null) return;
    const details: B2BDetails = {
      line: number,
      previousTransactionCode,
      previousRetailerServiceOrder,
      currentTransactionCode,
      currentRetailerServiceOrder,
      sourceText: text,
    };
    this.b2bDetails++;
    if (this.pendingRead !== null) this.pendingRead.b2bDetails = details;
  }
}

/**
 * Reads a NEM13 file from its bytes, yielding the header, one register read per 250 (its 550 attached)
 * and the end as they are found, then a summary with every problem. Items come in batches, one per
 * chunk of input, so a consumer pays one await per chunk rather than per record. Memory stays flat:
 * only the current chunk, its items and the last 250 are held.
 */
export async function* readNem13Batches(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<readonly Nem13Item[]> {
  const parser = new Nem13Parser();
  const splitter = new LineSplitter(parser);
  for await (const chunk of bytes) {
    splitter.push(chunk);
    if (parser.out.length > 0) yield parser.out.splice(0);
  }
  splitter.end();
  parser.finish();
  yield parser.out.splice(0);
}

/** {@link readNem13Batches}, one item at a time. */
export async function* readNem13(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<Nem13Item> {
  for await (const batch of readNem13Batches(bytes)) yield* batch;
}

/** Reads a whole file for its summary only. */
export async function validateNem13(bytes: AsyncIterable<Uint8Array>): Promise<Nem13Summary> {
  for await (const batch of readNem13Batches(bytes)) {
    const last = batch.at(-1);
    if (last?.kind === 'summary') return last.summary;
  }
  throw new Error('readNem13 ended without a summary');
}
