import {
  INTERVAL_QUALITY_FLAGS,
  isIntervalMeterMethod,
  orList,
  PER_INTERVAL_QUALITY_FLAGS,
  type TransactionCode,
} from '../mdff/code-lists.js';
import { maxLengthOf, RECORD_100, RECORD_900 } from '../mdff/catalogue.js';
import { FieldReader, prefixedCodes, type FieldDialect } from '../mdff/fields.js';
import { MdffEnvelope, type EnvelopeFormat, type HeaderStart } from '../mdff/envelope.js';
import { LineSplitter } from '../mdff/line-splitter.js';
import { quote } from '../mdff/problem-log.js';
import type { NemInstant } from '../nem-time.js';
import { intervalDayLayout, RECORD_200, RECORD_400, RECORD_500 } from './catalogue.js';
import { Nem12ProblemLog, type Nem12ProblemCode, type Nem12RecordType } from './problems.js';
import type {
  IntervalDay,
  IntervalEvent,
  IntervalLength,
  Nem12B2BDetails,
  Nem12Channel,
  Nem12Header,
  Nem12Item,
  Nem12Summary,
} from './records.js';

const HEADER_FIELDS = RECORD_100.names;
const CHANNEL_FIELDS = RECORD_200.names;
const EVENT_FIELDS = RECORD_400.names;
const B2B_FIELDS = RECORD_500.names;
const END_FIELDS = RECORD_900.names;
/** Positions of the fields in a line (src/domain/nem12/catalogue.ts). */
const H = RECORD_100.at;
const C = RECORD_200.at;
const E = RECORD_400.at;
const B = RECORD_500.at;
/**
 * The participants of a 100 are Varchar(10), yet longer in published files every reader accepts: up to
 * this many characters they are warned of, not refused.
 */
const LENIENT_PARTICIPANT_LENGTH = 240;

export const NEM12_FIELD_NAMES: Readonly<Record<Exclude<Nem12RecordType, '300'>, readonly string[]>> = {
  '100': HEADER_FIELDS,
  '200': CHANNEL_FIELDS,
  '400': EVENT_FIELDS,
  '500': B2B_FIELDS,
  '900': END_FIELDS,
};

/** The field names of a 300 record of a channel with this interval length. */
export function intervalDayFieldNames(length: IntervalLength): readonly string[] {
  return intervalDayLayout(1440 / length).names;
}

const NEM12_ENVELOPE: EnvelopeFormat<'NEM12'> = {
  format: 'NEM12',
  otherFormatRecords: 'NEM13 register reads',
  otherFormatFile: 'this is a NEM13 (register read) file, to be read as NEM13, not as NEM12 interval data',
  recordLength: 'a NEM12 record of a few thousand characters at most',
  expectedRecords: '100, 200, 300 ... 900',
};

export interface Nem12ReaderOptions {
  /**
   * `relaxed` accepts any text of up to 10 characters as a NMI. Only for tests and diagnostics of
   * synthetic files (NMIs such as `nmi1`); an import always reads with the strict rule.
   */
  readonly nmiRule?: 'strict' | 'relaxed';
}

function nem12Dialect(nmiRule: 'strict' | 'relaxed'): FieldDialect<Nem12ProblemCode> {
  return {
    codes: prefixedCodes('NEM12'),
    suffix: {
      pattern: /^[A-HJ-NP-Z][1-9A-HJ-NP-Z]$/,
      expected: '2 characters: a letter for the kind of data (E, B, Q, K ...), then 1-9 or a letter',
    },
    qualityFlags: INTERVAL_QUALITY_FLAGS,
    expectedQuality: `a flag ${orList(INTERVAL_QUALITY_FLAGS)}, optionally followed by a 2-digit method`,
    methodInFamily: isIntervalMeterMethod,
    methodFamily: '11-19 and 51-59, the methods of interval meters',
    nmiRule,
  };
}

/**
 * An interval value in canonical form, or null when the text is not an unsigned decimal (`12`,
 * `1.250`, `.5`). Allocates only when the form changes (leading zeros, a leading point).
 */
export function canonicalIntervalValue(text: string): string | null {
  const length = text.length;
  let i = 0;
  while (i < length && isDigit(text.charCodeAt(i))) i++;
  const integerDigits = i;
  if (i < length) {
    if (text.charCodeAt(i) !== 46) return null;
    i++;
    const fractionStart = i;
    while (i < length && isDigit(text.charCodeAt(i))) i++;
    if (i < length || i === fractionStart) return null;
  } else if (integerDigits === 0) {
    return null;
  }
  if (integerDigits === 0) return `0${text}`;
  if (integerDigits === 1 || text.charCodeAt(0) !== 48) return text;
  let start = 0;
  while (start < integerDigits - 1 && text.charCodeAt(start) === 48) start++;
  return text.slice(start);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The 200 block the reader is in: its channel when the 200 was valid, its day width when that was. */
interface Block {
  readonly line: number;
  readonly channel: Nem12Channel | null;
  readonly intervalLength: IntervalLength | null;
}

/** The day being read: its 400s and 500s are attached until the next 300, 200 or 900. */
interface OpenDay {
  readonly line: number;
  readonly values: number;
  /** Whether it is a V day, whose 400 records give the quality per interval; null when the 300 was unreadable. */
  readonly variable: boolean | null;
  /** The last interval the 400s cover so far. */
  covered: number;
  readonly events: IntervalEvent[];
  readonly b2bDetails: Nem12B2BDetails[];
  /** The day to yield, or null when the 300 had an error. */
  readonly day: Omit<IntervalDay, 'events' | 'b2bDetails'> | null;
  /** Whether a 400 of this day had an error (so the day is not yielded). */
  broken: boolean;
}

/** What the last record line was, for the placement of 400 and 500 records. */
type Previous = 'none' | '200' | '300' | '400' | '500' | 'other';

/**
 * The NEM12 state machine: takes lines, checks every field and the file structure (SPEC.md section 3),
 * and collects the records it accepts into `out`: one item per 200, one per 300 with its 400s and 500s.
 * Pure and synchronous; {@link readNem12Batches} feeds it bytes. Holds one 200 and one day at a time.
 */
export class Nem12Parser extends MdffEnvelope<'NEM12', Nem12ProblemCode, Nem12RecordType> {
  declare readonly log: Nem12ProblemLog;
  readonly out: Nem12Item[] = [];
  private readonly dialect: FieldDialect<Nem12ProblemCode>;
  private header: Nem12Header | null = null;
  private previous: Previous = 'none';
  private block: Block | null = null;
  private open: OpenDay | null = null;
  private blocksSeen = 0;
  private channels = 0;
  private intervalDays = 0;
  private intervalEvents = 0;
  private b2bDetails = 0;

  constructor(options: Nem12ReaderOptions = {}) {
    super(new Nem12ProblemLog(), NEM12_ENVELOPE);
    this.dialect = nem12Dialect(options.nmiRule ?? 'strict');
  }

  protected readRecord(indicator: Nem12RecordType, number: number, text: string): void {
    const fields = text.split(',');
    switch (indicator) {
      case '200':
        this.readChannel(number, fields);
        break;
      case '300':
        this.readIntervalDay(number, fields);
        break;
      case '400':
        this.readEvent(number, fields);
        break;
      case '500':
        this.readB2BDetails(number, fields);
        break;
      default:
        return;
    }
    this.previous = indicator;
  }

  /** A day takes the 400s and 500s after it: it is complete at any other line. */
  protected closeRecord(number: number, indicator: string | null): void {
    if (indicator !== '400') this.closeDay(number, indicator !== '500');
  }

  protected afterOtherLine(kind: 'header' | 'end' | 'foreign' | 'fault'): void {
    this.previous = 'other';
    if (kind === 'end' || kind === 'foreign') this.block = null;
  }

  protected override finishRecords(): void {
    if (this.blocksSeen === 0) {
      this.log.add(
        this.endLine > 0 ? this.endLine : this.lastLine,
        null,
        null,
        'NEM12_NO_DATA',
        'the file has no 200 record, so no interval data (expected 200 and 300 records between 100 and 900)',
      );
    }
  }

  protected readEnd(number: number): void {
    this.out.push({ kind: 'end', line: number });
  }

  finish(): Nem12Summary {
    this.finishEnvelope();
    const log = this.log;
    const summary: Nem12Summary = {
      valid: log.errorCount === 0,
      lines: this.lastLine,
      header: this.header,
      counts: {
        channels: this.channels,
        intervalDays: this.intervalDays,
        intervalEvents: this.intervalEvents,
        b2bDetails: this.b2bDetails,
      },
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

  /**
   * The day before this line is complete: a V day must have 400s covering all its intervals. Yields the
   * day when `final` (the next record is not one of its 500s) and nothing in it had an error.
   */
  private closeDay(number: number, final: boolean): void {
    const open = this.open;
    if (open === null) return;
    if (open.variable === true && open.covered < open.values) {
      const covered = open.covered;
      open.broken = true;
      open.covered = open.values;
      this.log.add(
        number,
        null,
        null,
        'NEM12_INCOMPLETE_400',
        covered === 0
          ? `the V day at line ${open.line} has no 400 records (expected 400s covering intervals 1-${open.values})`
          : `the 400 records of the V day at line ${open.line} end at interval ${covered}, not ${open.values}`,
      );
    }
    if (!final) return;
    this.open = null;
    if (open.day !== null && !open.broken) {
      this.intervalDays++;
      this.out.push({ kind: 'intervalDay', day: { ...open.day, events: open.events, b2bDetails: open.b2bDetails } });
    }
  }

  protected fieldReader(
    number: number,
    record: Nem12RecordType,
    fields: string[],
    names: readonly string[],
  ): FieldReader<Nem12ProblemCode, Nem12RecordType> {
    return new FieldReader(this.log, this.dialect, number, record, fields, names);
  }

  protected readHeaderRest(f: FieldReader<Nem12ProblemCode, Nem12RecordType>, start: HeaderStart | null): void {
    const fromParticipant = this.participant(f, H.fromParticipant);
    const toParticipant = this.participant(f, H.toParticipant);
    if (!f.ok || start === null) return;
    this.header = { ...start, versionHeader: 'NEM12', fromParticipant, toParticipant };
    this.out.push({ kind: 'header', header: this.header });
  }

  /**
   * Varchar(10), mandatory in the specification, yet empty or longer in published files that every
   * reader accepts (`METER_READER`): warned, not rejected.
   */
  private participant(f: FieldReader<Nem12ProblemCode, Nem12RecordType>, index: number): string | null {
    const value = f.text(index, LENIENT_PARTICIPANT_LENGTH, false);
    const allowed = maxLengthOf(RECORD_100.field.fromParticipant);
    if (value === null && f.ok) {
      f.warn(index, 'NEM12_PARTICIPANT', 'is empty (the specification makes it mandatory)');
    } else if (value !== null && value.length > allowed) {
      f.warn(
        index,
        'NEM12_PARTICIPANT',
        `${quote(value)} is ${value.length} characters (the specification allows ${allowed})`,
      );
    }
    return value;
  }

  private readChannel(number: number, fields: string[]): void {
    this.blocksSeen++;
    this.block = { line: number, channel: null, intervalLength: null };
    if (!this.checkWidth(number, '200', fields, CHANNEL_FIELDS.length)) return;
    const f = this.fieldReader(number, '200', fields, CHANNEL_FIELDS);
    const nmi = f.nmi(C.nmi);
    const nmiConfiguration = f.text(C.nmiConfiguration, maxLengthOf(RECORD_200.field.nmiConfiguration), true);
    const registerId = f.text(C.registerId, maxLengthOf(RECORD_200.field.registerId), false);
    const nmiSuffix = f.suffix(C.nmiSuffix, true);
    const mdmDataStreamIdentifier = f.suffix(C.mdmDataStreamIdentifier, false);
    const meterSerialNumber = f.text(C.meterSerialNumber, maxLengthOf(RECORD_200.field.meterSerialNumber), false);
    const uom = f.uom(C.uom);
    const intervalLength = this.intervalLength(f);
    const nextScheduledReadDate = f.date(C.nextScheduledReadDate, false);
    this.block = { line: number, channel: null, intervalLength };
    if (
      !f.ok ||
      nmi === null ||
      nmiConfiguration === null ||
      nmiSuffix === null ||
      uom === null ||
      intervalLength === null
    ) {
      return;
    }
    const channel: Nem12Channel = {
      line: number,
      nmi,
      nmiConfiguration,
      registerId,
      nmiSuffix,
      mdmDataStreamIdentifier,
      meterSerialNumber,
      uom,
      intervalLength,
      nextScheduledReadDate,
    };
    this.block = { line: number, channel, intervalLength };
    this.channels++;
    this.out.push({ kind: 'channel', channel });
  }

  private intervalLength(f: FieldReader<Nem12ProblemCode, Nem12RecordType>): IntervalLength | null {
    const value = f.present(C.intervalLength, true);
    if (value === null) return null;
    const minutes = /^\d{1,2}$/.test(value) ? Number(value) : NaN;
    if (minutes === 5 || minutes === 15 || minutes === 30) return minutes;
    f.reject(
      8,
      'NEM12_BAD_INTERVAL_LENGTH',
      `${quote(value)} is not an interval length (expected 5, 15 or 30 minutes)`,
    );
    return null;
  }

  private readIntervalDay(number: number, fields: string[]): void {
    const block = this.block;
    if (block === null) {
      this.log.add(
        number,
        '300',
        'RecordIndicator',
        'NEM12_ORPHAN_300',
        'a 300 must follow the 200 record of its datastream, found none before it',
      );
      return;
    }
    const length = block.intervalLength;
    // A 200 whose interval length is unknown was reported; its days cannot be checked without it.
    if (length === null) {
      this.openUnreadableDay(number);
      return;
    }
    const values = 1440 / length;
    const { names, at } = intervalDayLayout(values);
    if (!this.checkWidth(number, '300', fields, names.length, ` for ${length}-minute data (${values} values)`)) {
      this.openUnreadableDay(number);
      return;
    }
    const f = this.fieldReader(number, '300', fields, names);
    const intervalDate = f.date(at.intervalDate, true);
    const canonical = this.intervalValues(f, fields, values);
    const quality = f.quality(at.quality);
    const reasonCode = f.reasonCode(at.reasonCode, quality);
    if (reasonCode !== null && quality !== null && (quality.flag === 'A' || quality.flag === 'V')) {
      f.warn(
        at.reasonCode,
        'NEM12_UNEXPECTED_REASON',
        `quality ${quality.flag} takes no reason code (the 400 records of a V day carry theirs), found ${reasonCode}`,
      );
    }
    const reasonDescription = f.reasonDescription(at.reasonDescription, reasonCode);
    const updatedAt = f.instant(at.updatedAt, 'CCYYMMDDhhmmss', false);
    const msatsLoadedAt = f.instant(at.msatsLoadedAt, 'CCYYMMDDhhmmss', false);
    const variable = quality === null ? f.raw(at.quality) === 'V' : quality.flag === 'V';
    const valid = f.ok && block.channel !== null && intervalDate !== null && canonical !== null && quality !== null;
    this.open = {
      line: number,
      values,
      variable,
      covered: 0,
      events: [],
      b2bDetails: [],
      broken: false,
      day: valid
        ? {
            line: number,
            channel: block.channel,
            intervalDate,
            values: canonical,
            quality,
            reasonCode,
            reasonDescription,
            updatedAt,
            msatsLoadedAt,
          }
        : null,
    };
  }

  /** A 300 that could not be read at all: its 400s and 500s are passed over without more errors. */
  private openUnreadableDay(number: number): void {
    this.open = {
      line: number,
      values: 0,
      variable: null,
      covered: 0,
      events: [],
      b2bDetails: [],
      broken: true,
      day: null,
    };
  }

  /** The day's values in canonical form, or null when one is not a number (each such one reported). */
  private intervalValues(
    f: FieldReader<Nem12ProblemCode, Nem12RecordType>,
    fields: string[],
    count: number,
  ): string[] | null {
    const values: string[] = new Array<string>(count);
    const first = intervalDayLayout(count).at.firstValue;
    let ok = true;
    for (let i = 0; i < count; i++) {
      const text = fields[i + first] ?? '';
      let value = canonicalIntervalValue(text);
      if (value === null) {
        const trimmed = f.raw(i + first);
        value = trimmed === text ? null : canonicalIntervalValue(trimmed);
        if (value === null) {
          ok = false;
          if (trimmed === '') {
            f.reject(i + first, 'NEM12_MISSING_FIELD', 'is empty but mandatory (an interval value is never empty)');
          } else {
            f.reject(
              i + first,
              'NEM12_BAD_NUMBER',
              `${quote(trimmed)} is not an interval value (expected digits with an optional decimal fraction, no sign)`,
            );
          }
          continue;
        }
      }
      values[i] = value;
    }
    return ok ? values : null;
  }

  private readEvent(number: number, fields: string[]): void {
    const open = this.open;
    if (open === null || (this.previous !== '300' && this.previous !== '400')) {
      this.log.add(
        number,
        '400',
        'RecordIndicator',
        'NEM12_ORPHAN_400',
        'a 400 must directly follow a 300 whose QualityMethod is V, or another 400 of that day',
      );
      return;
    }
    if (open.variable === null) return;
    if (!open.variable) {
      this.log.add(
        number,
        '400',
        'RecordIndicator',
        'NEM12_ORPHAN_400',
        `the 300 at line ${open.line} is not a V day, so it takes no 400 records (its quality applies to every interval)`,
      );
      open.broken = true;
      return;
    }
    if (!this.checkWidth(number, '400', fields, EVENT_FIELDS.length)) {
      open.broken = true;
      return;
    }
    const f = this.fieldReader(number, '400', fields, EVENT_FIELDS);
    const startInterval = this.intervalNumber(f, E.startInterval, open.values);
    const endInterval = this.intervalNumber(f, E.endInterval, open.values);
    const quality = f.quality(E.quality);
    if (quality?.flag === 'V') {
      f.reject(
        3,
        'NEM12_BAD_QUALITY',
        `V is the quality of a whole 300 day, never of a 400 (expected ${orList(PER_INTERVAL_QUALITY_FLAGS)})`,
      );
    }
    const reasonCode = f.reasonCode(E.reasonCode, quality);
    const reasonDescription = f.reasonDescription(E.reasonDescription, reasonCode);
    if (startInterval !== null && endInterval !== null) {
      this.checkCoverage(f, open, startInterval, endInterval);
    }
    if (!f.ok || startInterval === null || endInterval === null || quality === null || quality.flag === 'V') {
      open.broken = true;
      return;
    }
    this.intervalEvents++;
    open.events.push({ line: number, startInterval, endInterval, quality, reasonCode, reasonDescription });
  }

  private intervalNumber(
    f: FieldReader<Nem12ProblemCode, Nem12RecordType>,
    index: number,
    values: number,
  ): number | null {
    const value = f.present(index, true);
    if (value === null) return null;
    const interval = /^\d{1,4}$/.test(value) ? Number(value) : NaN;
    if (interval >= 1 && interval <= values) return interval;
    f.reject(
      index,
      'NEM12_BAD_INTERVAL_RANGE',
      `${quote(value)} is not an interval of the day (expected 1 to ${values})`,
    );
    return null;
  }

  /** The 400s of a day follow each other: each starts right after the previous one ends. */
  private checkCoverage(
    f: FieldReader<Nem12ProblemCode, Nem12RecordType>,
    open: OpenDay,
    start: number,
    end: number,
  ): void {
    if (end < start) {
      f.reject(E.endInterval, 'NEM12_BAD_INTERVAL_RANGE', `ends at interval ${end}, before it starts at ${start}`);
    } else if (start <= open.covered) {
      f.reject(
        E.startInterval,
        'NEM12_INTERVAL_OVERLAP',
        `intervals ${start}-${end} overlap the 400 records before, which cover up to interval ${open.covered}`,
      );
    } else if (start > open.covered + 1) {
      f.reject(
        E.startInterval,
        'NEM12_INTERVAL_GAP',
        `starts at interval ${start}, leaving intervals ${open.covered + 1}-${start - 1} without a quality`,
      );
    }
    open.covered = Math.max(open.covered, end);
  }

  private readB2BDetails(number: number, fields: string[]): void {
    const open = this.open;
    if (open === null || (this.previous !== '300' && this.previous !== '400' && this.previous !== '500')) {
      this.log.add(
        number,
        '500',
        'RecordIndicator',
        'NEM12_ORPHAN_500',
        'a 500 must follow the 300, 400 or 500 records of a datastream it describes, found none before it',
      );
      return;
    }
    if (!this.checkWidth(number, '500', fields, B2B_FIELDS.length)) {
      open.broken = true;
      return;
    }
    const f = this.fieldReader(number, '500', fields, B2B_FIELDS);
    const transactionCode: TransactionCode | null = f.transactionCode(B.transactionCode);
    const retailerServiceOrder = f.text(
      B.retailerServiceOrder,
      maxLengthOf(RECORD_500.field.retailerServiceOrder),
      false,
    );
    const readAt: NemInstant | null = f.instant(B.readAt, 'CCYYMMDDhhmmss', false);
    const indexRead = f.text(B.indexRead, maxLengthOf(RECORD_500.field.indexRead), false);
    if (!f.ok || transactionCode === null) {
      open.broken = true;
      return;
    }
    this.b2bDetails++;
    open.b2bDetails.push({ line: number, transactionCode, retailerServiceOrder, readAt, indexRead });
  }
}

/**
 * Reads a NEM12 file from its bytes, yielding the header, each 200 channel, one interval day per 300
 * (its 400s and 500s attached) and the end as they are found, then a summary with every problem. Items
 * come in batches, one per chunk of input. Memory stays flat: the current chunk, its items, one 200 and
 * one day, and counters.
 */
export async function* readNem12Batches(
  bytes: AsyncIterable<Uint8Array>,
  options: Nem12ReaderOptions = {},
): AsyncGenerator<readonly Nem12Item[]> {
  const parser = new Nem12Parser(options);
  const splitter = new LineSplitter(parser);
  for await (const chunk of bytes) {
    splitter.push(chunk);
    if (parser.out.length > 0) yield parser.out.splice(0);
  }
  splitter.end();
  parser.finish();
  yield parser.out.splice(0);
}

/** {@link readNem12Batches}, one item at a time. */
export async function* readNem12(
  bytes: AsyncIterable<Uint8Array>,
  options: Nem12ReaderOptions = {},
): AsyncGenerator<Nem12Item> {
  for await (const batch of readNem12Batches(bytes, options)) yield* batch;
}

/** Reads a whole file for its summary only. */
export async function validateNem12(
  bytes: AsyncIterable<Uint8Array>,
  options: Nem12ReaderOptions = {},
): Promise<Nem12Summary> {
  for await (const batch of readNem12Batches(bytes, options)) {
    const last = batch.at(-1);
    if (last?.kind === 'summary') return last.summary;
  }
  throw new Error('readNem12 ended without a summary');
}
