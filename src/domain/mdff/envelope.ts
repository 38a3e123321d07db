/**
 * The MDFF envelope both readers share: what a flow file is around its records. Blank and padded lines,
 * the record indicator, a first line that is not MDFF at all, faults of the bytes, the 100 header (once,
 * first), the 900 end (last), a record of the other format or of none, and each record's field count.
 * A format's reader extends {@link MdffEnvelope} and reads its own records and its header's fields.
 */
import type { NemInstant } from '../nem-time.js';
import { RECORD_100, RECORD_900 } from './catalogue.js';
import { listed } from './code-lists.js';
import type { FieldReader } from './fields.js';
import type { LineFault, LineSink } from './line-splitter.js';
import { MDFF_RECORDS, RECORDS_OF_FORMAT, type MdffFormat } from './format.js';
import { quote, type ProblemLog } from './problem-log.js';

/** The problems of the envelope; each format reports them under its own prefix (`NEM13_MISSING_900`). */
export type EnvelopeProblem =
  | 'NOT_MDFF'
  | 'EMPTY_FILE'
  | 'INVALID_UTF8'
  | 'BINARY_CONTENT'
  | 'LINE_TOO_LONG'
  | 'BLANK_LINE'
  | 'WHITESPACE'
  | 'UNKNOWN_RECORD'
  | 'MISSING_100'
  | 'DUPLICATE_100'
  | 'BAD_VERSION'
  | 'MISSING_900'
  | 'AFTER_900'
  | 'FIELD_COUNT';

/** What a format's messages say of itself and of the other format; its records are RECORDS_OF_FORMAT's. */
export interface EnvelopeFormat<F extends MdffFormat> {
  readonly format: F;
  /** What a record of the other format is: `NEM12 interval data`. */
  readonly otherFormatRecords: string;
  /** How long a record of the format may be, for a line over the splitter's limit. */
  readonly recordLength: string;
  /** The records an empty file lacks, for its message: `100, 250 ... 900`. */
  readonly expectedRecords: string;
  /** What a 100 naming the other format is told. */
  readonly otherFormatFile: string;
}

/** A 100 whose VersionHeader and DateTime were read; its participants are the format's to read. */
export interface HeaderStart {
  readonly line: number;
  readonly createdAt: NemInstant;
}

const SHOWN_CHARACTERS = 60;

/** The first field of a line; the frequent indicators without a new string per line. */
function recordIndicatorOf(text: string): string {
  if (text.length === 3 || text.charCodeAt(3) === 44) {
    const hundreds = text.charCodeAt(0) - 48;
    const tens = text.charCodeAt(1) - 48;
    if (text.charCodeAt(2) === 48 && hundreds >= 1 && hundreds <= 9 && (tens === 0 || tens === 5)) {
      switch (hundreds * 10 + tens) {
        case 25:
          return '250';
        case 30:
          return '300';
        case 55:
          return '550';
        case 40:
          return '400';
        case 20:
          return '200';
      }
    }
  }
  const comma = text.indexOf(',');
  return comma === -1 ? text : text.slice(0, comma);
}

/**
 * The envelope's state machine over lines. Subclasses read their own records ({@link readRecord}) and the
 * rest of the header ({@link readHeaderRest}), and are told where a record ends ({@link closeRecord}).
 */
export abstract class MdffEnvelope<F extends MdffFormat, Code extends string, Rec extends string> implements LineSink {
  protected headerLine = 0;
  protected endLine = 0;
  protected lastLine = 0;
  private missingHeaderReported = false;
  private afterEndReported = false;
  private recordLines = 0;
  /**
   * The first record line is not MDFF at all (a README, a spreadsheet, an image): one problem says so,
   * rather than one per line of a file that was never a flow file.
   */
  private notMdff = false;
  private readonly own: ReadonlySet<string>;
  private readonly other: MdffFormat;
  private readonly code: (problem: EnvelopeProblem) => Code;

  protected constructor(
    protected readonly log: ProblemLog<Code, Rec>,
    private readonly envelope: EnvelopeFormat<F>,
  ) {
    this.own = new Set(RECORDS_OF_FORMAT[envelope.format]);
    this.other = envelope.format === 'NEM12' ? 'NEM13' : 'NEM12';
    this.code = (problem) => `${envelope.format}_${problem}` as Code;
  }

  /** A record of the format's own (not 100 or 900): read it. */
  protected abstract readRecord(indicator: Rec, number: number, text: string): void;
  /** A field reader of the format's dialect, for a line of `record`. */
  protected abstract fieldReader(
    number: number,
    record: Rec,
    fields: string[],
    names: readonly string[],
  ): FieldReader<Code, Rec>;
  /**
   * The rest of the first 100 once its version and creation time are read (`start` is null when one of
   * them was wrong, reported): its participants, then the header when every field is right.
   */
  protected abstract readHeaderRest(f: FieldReader<Code, Rec>, start: HeaderStart | null): void;
  /**
   * A line with `indicator` (null: a fault, or the end of the file) comes next: the record before it
   * may be complete (a NEM13 250 takes its 550, a NEM12 300 its 400s and 500s).
   */
  protected abstract closeRecord(number: number, indicator: string | null): void;
  /** The 900 at `number`, its width right. */
  protected abstract readEnd(number: number): void;
  /** A line that is no record of the format's own was read (100, 900, another record, a fault). */
  protected abstract afterOtherLine(kind: 'header' | 'end' | 'foreign' | 'fault'): void;
  /** Checks of the whole file beyond the envelope's, after a missing 100 is reported and before a missing 900. */
  protected finishRecords(): void {
    // None by default.
  }

  line(number: number, text: string): void {
    this.lastLine = number;
    if (this.notMdff) return;
    const blank = text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim().length === 0);
    if (blank) {
      this.log.add(number, null, null, this.code('BLANK_LINE'), 'blank line skipped');
      return;
    }
    if (this.endLine > 0) {
      this.reportAfterEnd(number);
      return;
    }
    this.recordLines++;
    const first = recordIndicatorOf(text);
    const indicator = first.length === 3 ? first : first.trim();
    if (this.recordLines === 1 && !MDFF_RECORDS.has(indicator)) {
      this.rejectAsNotMdff(number, `its first line is ${quote(text, SHOWN_CHARACTERS)}`);
      return;
    }
    if (indicator !== first) {
      this.log.add(
        number,
        null,
        'RecordIndicator',
        this.code('WHITESPACE'),
        `${quote(first)} has spaces around the value`,
      );
    }
    this.closeRecord(number, indicator);
    if (this.own.has(indicator)) {
      this.requireHeader(number, indicator as Rec);
      this.readRecord(indicator as Rec, number, text);
    } else if (indicator === '100') {
      this.readHeader(number, text.split(','));
      this.afterOtherLine('header');
    } else if (indicator === '900') {
      this.requireHeader(number, '900' as Rec);
      this.endLine = number;
      this.afterOtherLine('end');
      if (this.checkWidth(number, '900' as Rec, text.split(','), RECORD_900.names.length)) this.readEnd(number);
    } else {
      this.requireHeader(number, null);
      this.afterOtherLine('foreign');
      this.reportForeign(number, indicator);
    }
  }

  fault(number: number, fault: LineFault): void {
    this.lastLine = number;
    if (this.notMdff) return;
    if (this.recordLines === 0 && fault !== 'too-long') {
      this.recordLines++;
      this.rejectAsNotMdff(number, 'its first line is not text (a binary file?)');
      return;
    }
    if (this.endLine > 0) {
      this.reportAfterEnd(number);
      return;
    }
    this.closeRecord(number, null);
    this.recordLines++;
    this.afterOtherLine('fault');
    if (fault === 'invalid-utf8') {
      this.log.add(
        number,
        null,
        null,
        this.code('INVALID_UTF8'),
        'the line is not valid UTF-8 text (is this a binary file?)',
      );
    } else if (fault === 'binary') {
      this.log.add(
        number,
        null,
        null,
        this.code('BINARY_CONTENT'),
        'the line holds control characters such as NUL (expected comma-separated text)',
      );
    } else {
      this.log.add(
        number,
        null,
        null,
        this.code('LINE_TOO_LONG'),
        `the line is over 64 KiB long (expected ${this.envelope.recordLength})`,
      );
    }
  }

  /** The envelope's checks of the whole file; the subclass then makes its summary. */
  protected finishEnvelope(): void {
    if (this.notMdff) return;
    if (this.recordLines === 0) {
      this.log.add(
        0,
        null,
        null,
        this.code('EMPTY_FILE'),
        `the file holds no records (expected ${this.envelope.expectedRecords})`,
      );
      return;
    }
    this.closeRecord(this.lastLine, null);
    if (this.headerLine === 0) this.requireHeader(this.lastLine, null);
    this.finishRecords();
    if (this.endLine === 0) {
      this.log.add(
        this.lastLine,
        null,
        'RecordIndicator',
        this.code('MISSING_900'),
        `the file ends at line ${this.lastLine} without a 900 end record`,
      );
    }
  }

  /** Drops trailing empty fields beyond the record's width (padding); answers whether the width is right. */
  protected checkWidth(number: number, record: Rec, fields: string[], width: number, detail = ''): boolean {
    const sent = fields.length;
    while (fields.length > width && (fields[fields.length - 1] ?? '').trim() === '') fields.pop();
    if (fields.length === width) return true;
    this.log.add(
      number,
      record,
      null,
      this.code('FIELD_COUNT'),
      `a ${record} record has ${width} field${width === 1 ? '' : 's'}${detail}, found ${sent}`,
    );
    return false;
  }

  private readHeader(number: number, fields: string[]): void {
    if (this.headerLine > 0) {
      this.log.add(
        number,
        '100' as Rec,
        'RecordIndicator',
        this.code('DUPLICATE_100'),
        `a second 100 header (the first is at line ${this.headerLine})`,
      );
      return;
    }
    this.headerLine = number;
    if (!this.checkWidth(number, '100' as Rec, fields, RECORD_100.names.length)) return;
    const f = this.fieldReader(number, '100' as Rec, fields, RECORD_100.names);
    const { format } = this.envelope;
    const other = this.other;
    const version = f.raw(RECORD_100.at.versionHeader);
    if (version === other) {
      this.log.add(
        number,
        '100' as Rec,
        'VersionHeader',
        `${format}_${other}_FILE` as Code,
        this.envelope.otherFormatFile,
      );
      return;
    }
    if (version !== format) {
      this.log.add(
        number,
        '100' as Rec,
        'VersionHeader',
        this.code('BAD_VERSION'),
        `${quote(version)} is not ${format}`,
      );
    }
    const createdAt = f.instant(RECORD_100.at.createdAt, 'CCYYMMDDhhmm', true);
    this.readHeaderRest(f, version === format && createdAt !== null ? { line: number, createdAt } : null);
  }

  private reportForeign(number: number, indicator: string): void {
    const { format, otherFormatRecords } = this.envelope;
    const all = ['100', ...RECORDS_OF_FORMAT[format], '900'];
    if (RECORDS_OF_FORMAT[this.other].includes(indicator)) {
      this.log.add(
        number,
        null,
        'RecordIndicator',
        `${format}_${this.other}_RECORD` as Code,
        `record ${indicator} belongs to ${otherFormatRecords} (a ${format} file holds ${listed(all, 'and')} only)`,
      );
    } else {
      this.log.add(
        number,
        null,
        'RecordIndicator',
        this.code('UNKNOWN_RECORD'),
        `${quote(indicator)} is not a ${format} record indicator (expected ${listed(all, 'or')})`,
      );
    }
  }

  private rejectAsNotMdff(number: number, found: string): void {
    this.notMdff = true;
    this.log.add(
      number,
      null,
      null,
      this.code('NOT_MDFF'),
      `not an MDFF flow file: ${found} (expected a 100 header record such as 100,${this.envelope.format},200401071003,MDA1,RET1)`,
    );
  }

  private reportAfterEnd(number: number): void {
    if (this.afterEndReported) return;
    this.afterEndReported = true;
    this.log.add(
      number,
      null,
      'RecordIndicator',
      this.code('AFTER_900'),
      `content after the 900 end record at line ${this.endLine} (a 900 must be the last record)`,
    );
  }

  private requireHeader(number: number, record: Rec | null): void {
    if (this.headerLine > 0 || this.missingHeaderReported) return;
    this.missingHeaderReported = true;
    const { format } = this.envelope;
    this.log.add(
      number,
      record,
      'RecordIndicator',
      this.code('MISSING_100'),
      `the first record is not a 100 header (a ${format} file starts with 100,${format},...)`,
    );
  }
}
