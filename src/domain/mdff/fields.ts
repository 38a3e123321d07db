/**
 * Field checks shared by the MDFF readers. Each format reports under its own codes (`NEM13_BAD_DATE`,
 * `NEM12_BAD_DATE`) and brings its own rules where the formats differ (suffix shape, quality flags and
 * method families): a {@link FieldDialect} says which.
 */
import { exactDecimal, isSignedDecimal, isUnsignedDecimal, type ExactDecimal } from '../decimal.js';
import {
  calendarDateOf,
  checkNemDateText,
  nemInstantFromDateTime14,
  nemInstantOf,
  type CalendarDate,
  type DateTimeFormat,
  type NemInstant,
} from '../nem-time.js';
import {
  CURRENT_REASON_CODES,
  isIntervalQualityFlag,
  normaliseUom,
  OBSOLETE_REASON_CODES,
  TRANSACTION_CODES,
  type IntervalQualityFlag,
  type TransactionCode,
  type Uom,
} from './code-lists.js';
import { quote, type ProblemSink } from './problem-log.js';

/** The problems a field check can find; a dialect names the code each is reported under. */
export type FieldProblem =
  | 'WHITESPACE'
  | 'MISSING_FIELD'
  | 'TOO_LONG'
  | 'BINARY_CONTENT'
  | 'BAD_NMI'
  | 'BAD_SUFFIX'
  | 'BAD_NUMBER'
  | 'BAD_DATE'
  | 'BAD_QUALITY'
  | 'METHOD_MISSING'
  | 'METHOD_OUT_OF_RANGE'
  | 'BAD_REASON'
  | 'OBSOLETE_REASON'
  | 'UNKNOWN_REASON'
  | 'REASON_REQUIRED'
  | 'DESCRIPTION_REQUIRED'
  | 'BAD_UOM'
  | 'BAD_TRANSACTION_CODE';

/** The code of each field problem, by its format's prefix: `NEM13_BAD_DATE`. */
export type PrefixedCodes<Prefix extends string> = { readonly [P in FieldProblem]: `${Prefix}_${P}` };

export function prefixedCodes<Prefix extends string>(prefix: Prefix): PrefixedCodes<Prefix> {
  const problems: readonly FieldProblem[] = [
    'WHITESPACE',
    'MISSING_FIELD',
    'TOO_LONG',
    'BINARY_CONTENT',
    'BAD_NMI',
    'BAD_SUFFIX',
    'BAD_NUMBER',
    'BAD_DATE',
    'BAD_QUALITY',
    'METHOD_MISSING',
    'METHOD_OUT_OF_RANGE',
    'BAD_REASON',
    'OBSOLETE_REASON',
    'UNKNOWN_REASON',
    'REASON_REQUIRED',
    'DESCRIPTION_REQUIRED',
    'BAD_UOM',
    'BAD_TRANSACTION_CODE',
  ];
  return Object.fromEntries(problems.map((problem) => [problem, `${prefix}_${problem}`])) as PrefixedCodes<Prefix>;
}

/** What differs between the formats' field rules. */
export interface FieldDialect<Code extends string> {
  readonly codes: { readonly [P in FieldProblem]: Code };
  /** The NMISuffix shape, and how a message describes it. */
  readonly suffix: { readonly pattern: RegExp; readonly expected: string };
  /** Quality flags a QualityMethod may carry, and how a message lists them. */
  readonly qualityFlags: readonly IntervalQualityFlag[];
  readonly expectedQuality: string;
  /** Whether a method belongs to the format's meter family; one outside it is warned, saying `family`. */
  readonly methodInFamily: (method: number) => boolean;
  readonly methodFamily: string;
  /** `relaxed` accepts any short text as a NMI: for diagnosing synthetic files only, never for import. */
  readonly nmiRule: 'strict' | 'relaxed';
}

export interface QualityMethod<Flag extends IntervalQualityFlag = IntervalQualityFlag> {
  /** As sent, e.g. `A`, `E64`, `S52`. */
  readonly text: string;
  readonly flag: Flag;
  readonly method: number | null;
}

export interface UnitOfMeasure {
  /** As sent, e.g. `KWH`. */
  readonly text: string;
  /** Normalised spelling, e.g. `kWh`. */
  readonly unit: Uom;
}

const NMI = /^[A-HJ-NP-Z0-9]{10}$/;
const STREAM_ID = /^[0-9A-Z]{2}$/;
const QUALITY = /^([A-Z])(\d\d)?$/;
const REASON = /^\d{1,3}$/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\x00-\x08\x0A-\x1F\x7F]/;

/** Units are few distinct texts too: one frozen object per spelling seen. */
const UOM_CACHE = new Map<string, UnitOfMeasure>();

function unitOfMeasure(text: string): UnitOfMeasure | undefined {
  const cached = UOM_CACHE.get(text);
  if (cached !== undefined) return cached;
  const unit = normaliseUom(text);
  if (unit === undefined) return undefined;
  const uom = Object.freeze({ text, unit });
  if (UOM_CACHE.size < 1000) UOM_CACHE.set(text, uom);
  return uom;
}

/** Quality methods are few distinct texts repeated on every line: parse each once. */
const QUALITY_CACHE = new Map<string, QualityMethod | null>();

function parseQualityMethod(text: string): QualityMethod | null {
  const cached = QUALITY_CACHE.get(text);
  if (cached !== undefined || QUALITY_CACHE.has(text)) return cached ?? null;
  const match = QUALITY.exec(text);
  const flag = match?.[1];
  const parsed =
    match === null || flag === undefined || !isIntervalQualityFlag(flag)
      ? null
      : Object.freeze({
          text,
          flag,
          method: match[2] === undefined ? null : Number(match[2]),
        });
  if (QUALITY_CACHE.size < 1000) QUALITY_CACHE.set(text, parsed);
  return parsed;
}

const DATE_PROBLEM_TEXT = {
  length: 'has the wrong length',
  'not-digits': 'is not all digits',
  'not-a-date': 'is not a real date',
  'not-a-time': 'is not a real time of day',
} as const;

/**
 * Reads and checks the fields of one record line. Each accessor strips surrounding whitespace (with a
 * warning), reports what is wrong with the field, and answers the value, or `null` for an empty
 * optional field. After all fields are read, `ok` tells whether the record may be kept.
 */
export class FieldReader<Code extends string, Record extends string> {
  ok = true;

  /**
   * @param formatChecked the fields come from a pattern match that already proved every format this
   *   class checks with a regular expression; only the checks a pattern cannot express (calendar
   *   ranges, value lists, sums) still run. `undefined` entries are empty fields.
   */
  constructor(
    private readonly log: ProblemSink<Code, Record>,
    private readonly dialect: FieldDialect<Code>,
    private readonly line: number,
    private readonly record: Record,
    private readonly fields: ArrayLike<string | undefined>,
    private readonly names: readonly string[],
    private readonly formatChecked = false,
  ) {}

  /** Reports an error in a field; the record is not kept. */
  reject(index: number, code: Code, message: string): void {
    this.ok = false;
    this.log.add(this.line, this.record, this.names[index] ?? null, code, message);
  }

  warn(index: number, code: Code, message: string): void {
    this.log.add(this.line, this.record, this.names[index] ?? null, code, message);
  }

  private get codes(): FieldDialect<Code>['codes'] {
    return this.dialect.codes;
  }

  /** The field stripped of surrounding whitespace; empty string when absent. */
  raw(index: number): string {
    const value = this.fields[index] ?? '';
    if (value.length === 0) return value;
    if (value.charCodeAt(0) > 32 && value.charCodeAt(value.length - 1) > 32) return value;
    const trimmed = value.trim();
    if (trimmed === value) return value;
    this.warn(index, this.codes.WHITESPACE, `${quote(value)} has spaces around the value; read as ${quote(trimmed)}`);
    return trimmed;
  }

  /** The field's value, or null when it is empty (reported when `required`). */
  present(index: number, required: boolean): string | null {
    // A pattern match has no surrounding spaces to strip, and an empty field is undefined.
    const value = this.formatChecked ? (this.fields[index] ?? '') : this.raw(index);
    if (value.length === 0) {
      if (required) this.reject(index, this.codes.MISSING_FIELD, 'is empty but mandatory');
      return null;
    }
    return value;
  }

  private fitsLength(index: number, value: string, maxLength: number): boolean {
    if (this.formatChecked || value.length <= maxLength) return true;
    this.reject(
      index,
      this.codes.TOO_LONG,
      `${quote(value)} is ${value.length} characters (at most ${maxLength} allowed)`,
    );
    return false;
  }

  /** Free text: any characters but control characters (their presence means binary content). */
  text(index: number, maxLength: number, required: boolean): string | null {
    const value = this.present(index, required);
    if (value === null || !this.fitsLength(index, value, maxLength)) return null;
    if (!this.formatChecked && CONTROL.test(value)) {
      this.reject(index, this.codes.BINARY_CONTENT, `${quote(value)} holds control characters (expected text)`);
      return null;
    }
    return value;
  }

  nmi(index: number): string | null {
    if (this.dialect.nmiRule === 'relaxed') return this.text(index, 10, true);
    const value = this.present(index, true);
    if (value === null) return null;
    if (!this.formatChecked && !NMI.test(value)) {
      this.reject(
        index,
        this.codes.BAD_NMI,
        `${quote(value)} is not a NMI (expected 10 characters of A-H, J-N, P-Z and 0-9, found ${value.length} characters)`,
      );
      return null;
    }
    return value;
  }

  /** The NMISuffix (`required`), or the MDMDataStreamIdentifier (2 characters of A-Z and 0-9, optional). */
  suffix(index: number, required: boolean): string | null {
    const value = this.present(index, required);
    if (value === null) return null;
    const pattern = required ? this.dialect.suffix.pattern : STREAM_ID;
    if (!this.formatChecked && !pattern.test(value)) {
      this.reject(
        index,
        this.codes.BAD_SUFFIX,
        required
          ? `${quote(value)} is not a NMI suffix (expected ${this.dialect.suffix.expected})`
          : `${quote(value)} is not a datastream identifier (expected 2 characters of A-Z and 0-9)`,
      );
      return null;
    }
    return value;
  }

  /** A register read or quantity: digits with an optional fraction (and sign when `signed`). */
  decimal(index: number, maxLength: number, signed: boolean): ExactDecimal | null {
    const value = this.present(index, true);
    if (value === null) return null;
    if (!this.formatChecked && !(signed ? isSignedDecimal(value) : isUnsignedDecimal(value))) {
      this.reject(
        index,
        this.codes.BAD_NUMBER,
        `${quote(value)} is not a number (expected ${signed ? 'an optional minus sign, ' : ''}digits with an optional decimal fraction)`,
      );
      return null;
    }
    if (!this.fitsLength(index, value, maxLength)) return null;
    return exactDecimal(value);
  }

  /** The text of a valid date or date-time field, or null (empty optional, or reported). */
  private dateText(index: number, format: DateTimeFormat, required: boolean): string | null {
    const value = this.present(index, required);
    if (value === null) return null;
    const problem = checkNemDateText(value, format);
    if (problem === null) return value;
    const detail = problem === 'length' ? `has ${value.length} characters` : DATE_PROBLEM_TEXT[problem];
    this.reject(index, this.codes.BAD_DATE, `${quote(value)} ${detail} (expected ${format})`);
    return null;
  }

  instant(index: number, format: DateTimeFormat, required: boolean): NemInstant | null {
    if (format === 'CCYYMMDDhhmmss') {
      const value = this.fields[index];
      const instant = value === undefined ? null : nemInstantFromDateTime14(value);
      if (instant !== null) return instant;
    }
    const text = this.dateText(index, format, required);
    return text === null ? null : nemInstantOf(text, format);
  }

  date(index: number, required: boolean): CalendarDate | null {
    const text = this.dateText(index, 'CCYYMMDD', required);
    return text === null ? null : calendarDateOf(text);
  }

  /** A QualityMethod: one of the dialect's flags and an optional 2-digit method of its meter family. */
  quality(index: number): QualityMethod | null {
    const value = this.present(index, true);
    if (value === null) return null;
    const parsed = parseQualityMethod(value);
    if (parsed === null || !this.dialect.qualityFlags.includes(parsed.flag)) {
      this.reject(
        index,
        this.codes.BAD_QUALITY,
        `${quote(value)} is not a quality method (expected ${this.dialect.expectedQuality})`,
      );
      return null;
    }
    const { flag, method } = parsed;
    if (method === null && (flag === 'E' || flag === 'S' || flag === 'F')) {
      this.warn(index, this.codes.METHOD_MISSING, `quality flag ${flag} should carry a 2-digit method, found none`);
    }
    if (method !== null && !this.dialect.methodInFamily(method)) {
      this.warn(
        index,
        this.codes.METHOD_OUT_OF_RANGE,
        `method ${value.slice(1)} is outside ${this.dialect.methodFamily}`,
      );
    }
    return parsed;
  }

  reasonCode(index: number, quality: QualityMethod | null): number | null {
    const value = this.present(index, false);
    if (value === null) {
      if (quality !== null && (quality.flag === 'S' || quality.flag === 'F')) {
        this.warn(
          index,
          this.codes.REASON_REQUIRED,
          `a substitute (${quality.flag}) should give a reason code, found none`,
        );
      }
      return null;
    }
    if (!this.formatChecked && !REASON.test(value)) {
      this.reject(index, this.codes.BAD_REASON, `${quote(value)} is not a reason code (expected 0-999)`);
      return null;
    }
    const code = Number(value);
    if (OBSOLETE_REASON_CODES.has(code)) {
      this.warn(index, this.codes.OBSOLETE_REASON, `reason code ${value} is obsolete (kept for historical data)`);
    } else if (!CURRENT_REASON_CODES.has(code)) {
      this.warn(index, this.codes.UNKNOWN_REASON, `reason code ${value} is not in the specification's list`);
    }
    return code;
  }

  reasonDescription(index: number, reasonCode: number | null): string | null {
    const value = this.text(index, 240, false);
    if (reasonCode === 0 && value === null && this.ok) {
      this.warn(index, this.codes.DESCRIPTION_REQUIRED, 'reason code 0 (free text) needs a description, found none');
    }
    return value;
  }

  uom(index: number): UnitOfMeasure | null {
    const value = this.present(index, true);
    if (value === null || !this.fitsLength(index, value, 5)) return null;
    const uom = unitOfMeasure(value);
    if (uom === undefined) {
      this.reject(index, this.codes.BAD_UOM, `${quote(value)} is not a unit of measure (expected e.g. kWh, kW, kVArh)`);
      return null;
    }
    return uom;
  }

  transactionCode(index: number): TransactionCode | null {
    const value = this.present(index, true);
    if (value === null) return null;
    if (!this.formatChecked && !(TRANSACTION_CODES as readonly string[]).includes(value)) {
      this.reject(
        index,
        this.codes.BAD_TRANSACTION_CODE,
        `${quote(value)} is not a transaction code (expected one of ${TRANSACTION_CODES.join(', ')})`,
      );
      return null;
    }
    return value as TransactionCode;
  }
}
