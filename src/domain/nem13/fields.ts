import { Decimal, exactDecimal, isSignedDecimal, isUnsignedDecimal, type ExactDecimal } from '../decimal.js';
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
  BASIC_METER_METHODS,
  CURRENT_REASON_CODES,
  DIRECTIONS,
  normaliseUom,
  OBSOLETE_REASON_CODES,
  TRANSACTION_CODES,
  type Direction,
  type QualityFlag,
  type TransactionCode,
} from './code-lists.js';
import { quote, type ProblemCode, type ProblemLog, type RecordType } from './problems.js';
import type { QualityMethod, UnitOfMeasure } from './records.js';

const NMI = /^[A-HJ-NP-Z0-9]{10}$/;
const SUFFIX = /^[1-9][1-9A-HJ-NP-Z]$/;
const STREAM_ID = /^[0-9A-Z]{2}$/;
const QUALITY = /^([A-Z])(\d\d)?$/;
const REASON = /^\d{1,3}$/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\x00-\x08\x0A-\x1F\x7F]/;

const EDGE = '[^,\\s\\x00-\\x1f\\x7f]';
/** Free text of at most `max` characters, no control characters, no spaces at either end. */
const TEXT = (max: number) => `${EDGE}(?:[^,\\x00-\\x1f\\x7f]{0,${max - 2}}${EDGE})?`;
const REQUIRED = (pattern: string) => `(${pattern})`;
const OPTIONAL = (pattern: string) => `(${pattern})?`;
const DECIMAL = (sign: string) => `(?=[^,]{1,15},)(${sign}\\d+(?:\\.\\d+)?)`;
const DATE_TIME = '\\d{14}';
const TRANSACTION = `[${TRANSACTION_CODES.join('')}]`;

/** A whole line: the fields in order, then any trailing empty padding. */
function recordPattern(fields: readonly string[]): RegExp {
  return new RegExp(`^${fields.join(',')},*$`);
}

/**
 * Regular expressions for well-formed 250 and 550 lines: group n is field n and holds exactly what the
 * field checks of {@link FieldReader} accept by format, with no surrounding spaces. A line that matches
 * is read with `formatChecked`; any other line is split and checked field by field, which also finds
 * what is wrong. Both paths give the same result, and a property test holds them to it.
 */
const READING = [
  DECIMAL(''),
  REQUIRED(DATE_TIME),
  REQUIRED('[A-Z](?:\\d\\d)?'),
  OPTIONAL('\\d{1,3}'),
  OPTIONAL(TEXT(240)),
];
export const RECORD_250_PATTERN = recordPattern([
  '250',
  REQUIRED('[A-HJ-NP-Z0-9]{10}'),
  REQUIRED(TEXT(240)),
  REQUIRED(TEXT(10)),
  REQUIRED('[1-9][1-9A-HJ-NP-Z]'),
  OPTIONAL('[0-9A-Z]{2}'),
  REQUIRED(TEXT(12)),
  REQUIRED('[EI]'),
  ...READING,
  ...READING,
  DECIMAL('-?'),
  REQUIRED('[A-Za-z]{1,5}'),
  OPTIONAL('\\d{8}'),
  REQUIRED(DATE_TIME),
  OPTIONAL(DATE_TIME),
]);
export const RECORD_550_PATTERN = recordPattern([
  '550',
  REQUIRED(TRANSACTION),
  OPTIONAL(TEXT(15)),
  REQUIRED(TRANSACTION),
  OPTIONAL(TEXT(15)),
]);

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
    match === null || flag === undefined || !'AESFN'.includes(flag)
      ? null
      : Object.freeze({ text, flag: flag as QualityFlag, method: match[2] === undefined ? null : Number(match[2]) });
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
export class FieldReader {
  ok = true;

  /**
   * @param formatChecked the fields come from a match of {@link RECORD_250_PATTERN}, which already
   *   proved every format this class checks with a regular expression; only the checks the pattern
   *   cannot express (calendar ranges, value lists, sums) still run. `undefined` entries are empty fields.
   */
  constructor(
    private readonly log: ProblemLog,
    private readonly line: number,
    private readonly record: RecordType,
    private readonly fields: ArrayLike<string | undefined>,
    private readonly names: readonly string[],
    private readonly formatChecked = false,
  ) {}

  private error(index: number, code: ProblemCode, message: string): void {
    this.ok = false;
    this.log.add(this.line, this.record, this.names[index] ?? null, code, message);
  }

  warn(index: number, code: ProblemCode, message: string): void {
    this.log.add(this.line, this.record, this.names[index] ?? null, code, message);
  }

  /** The field stripped of surrounding whitespace; empty string when absent. */
  raw(index: number): string {
    const value = this.fields[index] ?? '';
    if (value.length === 0) return value;
    if (value.charCodeAt(0) > 32 && value.charCodeAt(value.length - 1) > 32) return value;
    const trimmed = value.trim();
    if (trimmed === value) return value;
    this.warn(index, 'NEM13_WHITESPACE', `${quote(value)} has spaces around the value; read as ${quote(trimmed)}`);
    return trimmed;
  }

  private present(index: number, required: boolean): string | null {
    // A pattern match has no surrounding spaces to strip, and an empty field is undefined.
    const value = this.formatChecked ? (this.fields[index] ?? '') : this.raw(index);
    if (value.length === 0) {
      if (required) this.error(index, 'NEM13_MISSING_FIELD', 'is empty but mandatory');
      return null;
    }
    return value;
  }

  private fitsLength(index: number, value: string, maxLength: number): boolean {
    if (this.formatChecked || value.length <= maxLength) return true;
    this.error(index, 'NEM13_TOO_LONG', `${quote(value)} is ${value.length} characters (at most ${maxLength} allowed)`);
    return false;
  }

  /** Free text: any characters but control characters (their presence means binary content). */
  text(index: number, maxLength: number, required: boolean): string | null {
    const value = this.present(index, required);
    if (value === null || !this.fitsLength(index, value, maxLength)) return null;
    if (!this.formatChecked && CONTROL.test(value)) {
      this.error(index, 'NEM13_BINARY_CONTENT', `${quote(value)} holds control characters (expected text)`);
      return null;
    }
    return value;
  }

  nmi(index: number): string | null {
    const value = this.present(index, true);
    if (value === null) return null;
    if (!this.formatChecked && !NMI.test(value)) {
      this.error(
        index,
        'NEM13_BAD_NMI',
        `${quote(value)} is not a NMI (expected 10 characters of A-H, J-N, P-Z and 0-9, found ${value.length} characters)`,
      );
      return null;
    }
    return value;
  }

  suffix(index: number, required: boolean): string | null {
    const value = this.present(index, required);
    if (value === null) return null;
    const pattern = required ? SUFFIX : STREAM_ID;
    if (!this.formatChecked && !pattern.test(value)) {
      this.error(
        index,
        'NEM13_BAD_SUFFIX',
        required
          ? `${quote(value)} is not a NMI suffix (expected 2 characters: a digit 1-9, then 1-9, A-H, J-N or P-Z)`
          : `${quote(value)} is not a datastream identifier (expected 2 characters of A-Z and 0-9)`,
      );
      return null;
    }
    return value;
  }

  direction(index: number): Direction | null {
    const value = this.present(index, true);
    if (value === null) return null;
    if (!this.formatChecked && !(DIRECTIONS as readonly string[]).includes(value)) {
      this.error(index, 'NEM13_BAD_DIRECTION', `${quote(value)} is not a direction (expected E or I)`);
      return null;
    }
    return value as Direction;
  }

  /** A register read or quantity: digits with an optional fraction (and sign when `signed`). */
  decimal(index: number, maxLength: number, signed: boolean): ExactDecimal | null {
    const value = this.present(index, true);
    if (value === null) return null;
    if (!this.formatChecked && !(signed ? isSignedDecimal(value) : isUnsignedDecimal(value))) {
      this.error(
        index,
        'NEM13_BAD_NUMBER',
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
    this.error(index, 'NEM13_BAD_DATE', `${quote(value)} ${detail} (expected ${format})`);
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

  quality(index: number, side: 'previous' | 'current'): QualityMethod | null {
    const value = this.present(index, true);
    if (value === null) return null;
    const parsed = parseQualityMethod(value);
    if (parsed === null) {
      this.error(
        index,
        'NEM13_BAD_QUALITY',
        `${quote(value)} is not a quality method (expected a flag A, E, S or F, optionally followed by a 2-digit method)`,
      );
      return null;
    }
    const { flag, method } = parsed;
    if (flag === 'N') {
      this.warn(index, 'NEM13_NULL_QUALITY', `quality flag N (null data) is legacy and not expected in NEM13`);
    }
    if (method === null && (flag === 'E' || flag === 'S' || flag === 'F')) {
      this.warn(index, 'NEM13_METHOD_MISSING', `quality flag ${flag} should carry a 2-digit method, found none`);
    }
    if (method !== null && (method < BASIC_METER_METHODS.min || method > BASIC_METER_METHODS.max)) {
      this.warn(
        index,
        'NEM13_METHOD_OUT_OF_RANGE',
        `method ${value.slice(1)} is outside 61-69, the methods of basic (accumulation) meters`,
      );
    }
    if (side === 'previous' && flag === 'E') {
      this.warn(index, 'NEM13_PREVIOUS_ESTIMATE', `the previous read is an estimate (E); only the current read may be`);
    }
    return parsed;
  }

  reasonCode(index: number, quality: QualityMethod | null): number | null {
    const value = this.present(index, false);
    if (value === null) {
      if (quality !== null && (quality.flag === 'S' || quality.flag === 'F')) {
        this.warn(
          index,
          'NEM13_REASON_REQUIRED',
          `a substitute (${quality.flag}) should give a reason code, found none`,
        );
      }
      return null;
    }
    if (!this.formatChecked && !REASON.test(value)) {
      this.error(index, 'NEM13_BAD_REASON', `${quote(value)} is not a reason code (expected 0-999)`);
      return null;
    }
    const code = Number(value);
    if (OBSOLETE_REASON_CODES.has(code)) {
      this.warn(index, 'NEM13_OBSOLETE_REASON', `reason code ${value} is obsolete (kept for historical data)`);
    } else if (!CURRENT_REASON_CODES.has(code)) {
      this.warn(index, 'NEM13_UNKNOWN_REASON', `reason code ${value} is not in the specification's list`);
    }
    return code;
  }

  reasonDescription(index: number, reasonCode: number | null): string | null {
    const value = this.text(index, 240, false);
    if (reasonCode === 0 && value === null && this.ok) {
      this.warn(index, 'NEM13_DESCRIPTION_REQUIRED', 'reason code 0 (free text) needs a description, found none');
    }
    return value;
  }

  uom(index: number): UnitOfMeasure | null {
    const value = this.present(index, true);
    if (value === null || !this.fitsLength(index, value, 5)) return null;
    const uom = unitOfMeasure(value);
    if (uom === undefined) {
      this.error(index, 'NEM13_BAD_UOM', `${quote(value)} is not a unit of measure (expected e.g. kWh, kW, kVArh)`);
      return null;
    }
    return uom;
  }

  transactionCode(index: number): TransactionCode | null {
    const value = this.present(index, true);
    if (value === null) return null;
    if (!this.formatChecked && !(TRANSACTION_CODES as readonly string[]).includes(value)) {
      this.error(
        index,
        'NEM13_BAD_TRANSACTION_CODE',
        `${quote(value)} is not a transaction code (expected one of ${TRANSACTION_CODES.join(', ')})`,
      );
      return null;
    }
    return value as TransactionCode;
  }
}

/**
 * Quantity is (Current - Previous) x multiplier, corrected for a dial rollover. The multiplier is not in
 * the file, so a difference is only suspicious: answers whether a plain difference or a rollover of the
 * previous read's dial explains the quantity. A negative quantity is the legacy sign of an I register
 * (warned on its own), so its magnitude is compared too.
 */
export function quantityExplained(previous: ExactDecimal, current: ExactDecimal, quantity: ExactDecimal): boolean {
  const fast = quantityExplainedInSafeIntegers(previous, current, quantity);
  if (fast !== undefined) return fast;
  const p = Decimal.parse(previous.value);
  const c = Decimal.parse(current.value);
  const q = Decimal.parse(quantity.value);
  const delta = c.subtract(p);
  if (delta.equals(q)) return true;
  if (q.isNegative() && delta.equals(q.negate())) return true;
  if (c.compare(p) >= 0) return false;
  return Decimal.power10(dialDigits(previous)).subtract(p).add(c).equals(q);
}

function dialDigits(read: ExactDecimal): number {
  const dot = read.text.indexOf('.');
  return dot === -1 ? read.text.length : dot;
}

/** Digits after the point of a canonical decimal. */
function scaleOf(value: string): number {
  const dot = value.indexOf('.');
  return dot === -1 ? 0 : value.length - dot - 1;
}

/**
 * The same test on whole numbers of the finest unit, when every operand stays below 2^53: there a
 * double holds integers exactly, so this is integer arithmetic, not floating point. It answers
 * undefined (use BigInt) whenever a value could leave that range. Runs for every record, where BigInt
 * allocation showed in the profile.
 */
function quantityExplainedInSafeIntegers(
  previous: ExactDecimal,
  current: ExactDecimal,
  quantity: ExactDecimal,
): boolean | undefined {
  const scale = Math.max(scaleOf(previous.value), scaleOf(current.value), scaleOf(quantity.value));
  const dial = dialDigits(previous);
  // Each read has at most 15 characters; with the dial power the largest operand has dial + scale + 1 digits.
  if (dial + scale + 1 > 15 || previous.value.length > 16 || current.value.length > 16 || quantity.value.length > 16) {
    return undefined;
  }
  const p = wholeUnits(previous.value, scale);
  const c = wholeUnits(current.value, scale);
  const q = wholeUnits(quantity.value, scale);
  if (c - p === q || (q < 0 && c - p === -q)) return true;
  if (c >= p) return false;
  return 10 ** (dial + scale) - p + c === q;
}

/** The decimal as an integer count of 10^-scale units, read digit by digit. */
function wholeUnits(value: string, scale: number): number {
  let units = 0;
  let seenScale = -1;
  let i = value.charCodeAt(0) === 45 ? 1 : 0;
  for (; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 46) {
      seenScale = 0;
      continue;
    }
    units = units * 10 + (c - 48);
    if (seenScale >= 0) seenScale++;
  }
  for (let s = Math.max(seenScale, 0); s < scale; s++) units *= 10;
  return value.charCodeAt(0) === 45 ? -units : units;
}

export function difference(previous: ExactDecimal, current: ExactDecimal): string {
  return Decimal.parse(current.value).subtract(Decimal.parse(previous.value)).toString();
}
