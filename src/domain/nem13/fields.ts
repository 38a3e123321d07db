import { Decimal, exactDecimal, isSignedDecimal, isUnsignedDecimal, type ExactDecimal } from '../decimal.js';
import {
  parseNemDateParts,
  toCalendarDate,
  toNemInstant,
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

  constructor(
    private readonly log: ProblemLog,
    private readonly line: number,
    private readonly record: RecordType,
    private readonly fields: readonly string[],
    private readonly names: readonly string[],
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
    this.warn(index, 'NEM13_WHITESPACE', `${quote(value)} has spaces around the value; read as ${quote(trimmed)}`);
    return trimmed;
  }

  private present(index: number, required: boolean): string | null {
    const value = this.raw(index);
    if (value.length === 0) {
      if (required) this.error(index, 'NEM13_MISSING_FIELD', 'is empty but mandatory');
      return null;
    }
    return value;
  }

  private fitsLength(index: number, value: string, maxLength: number): boolean {
    if (value.length <= maxLength) return true;
    this.error(index, 'NEM13_TOO_LONG', `${quote(value)} is ${value.length} characters (at most ${maxLength} allowed)`);
    return false;
  }

  text(index: number, maxLength: number, required: boolean): string | null {
    const value = this.present(index, required);
    if (value === null || !this.fitsLength(index, value, maxLength)) return null;
    return value;
  }

  nmi(index: number): string | null {
    const value = this.present(index, true);
    if (value === null) return null;
    if (!NMI.test(value)) {
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
    if (!pattern.test(value)) {
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
    if (!(DIRECTIONS as readonly string[]).includes(value)) {
      this.error(index, 'NEM13_BAD_DIRECTION', `${quote(value)} is not a direction (expected E or I)`);
      return null;
    }
    return value as Direction;
  }

  /** A register read or quantity: digits with an optional fraction (and sign when `signed`). */
  decimal(index: number, maxLength: number, signed: boolean): ExactDecimal | null {
    const value = this.present(index, true);
    if (value === null) return null;
    if (!(signed ? isSignedDecimal(value) : isUnsignedDecimal(value))) {
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

  private dateParts(index: number, format: DateTimeFormat, required: boolean) {
    const value = this.present(index, required);
    if (value === null) return null;
    const parts = parseNemDateParts(value, format);
    if (typeof parts === 'string') {
      const detail = parts === 'length' ? `has ${value.length} characters` : DATE_PROBLEM_TEXT[parts];
      this.error(index, 'NEM13_BAD_DATE', `${quote(value)} ${detail} (expected ${format})`);
      return null;
    }
    return parts;
  }

  instant(index: number, format: DateTimeFormat, required: boolean): NemInstant | null {
    const parts = this.dateParts(index, format, required);
    return parts === null ? null : toNemInstant(parts);
  }

  date(index: number, required: boolean): CalendarDate | null {
    const parts = this.dateParts(index, 'CCYYMMDD', required);
    return parts === null ? null : toCalendarDate(parts);
  }

  quality(index: number, side: 'previous' | 'current'): QualityMethod | null {
    const value = this.present(index, true);
    if (value === null) return null;
    const match = QUALITY.exec(value);
    const flag = match?.[1];
    if (match === null || flag === undefined || !'AESFN'.includes(flag)) {
      this.error(
        index,
        'NEM13_BAD_QUALITY',
        `${quote(value)} is not a quality method (expected a flag A, E, S or F, optionally followed by a 2-digit method)`,
      );
      return null;
    }
    const method = match[2] === undefined ? null : Number(match[2]);
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
        `method ${match[2]} is outside 61-69, the methods of basic (accumulation) meters`,
      );
    }
    if (side === 'previous' && flag === 'E') {
      this.warn(index, 'NEM13_PREVIOUS_ESTIMATE', `the previous read is an estimate (E); only the current read may be`);
    }
    return { text: value, flag: flag as QualityFlag, method };
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
    if (!REASON.test(value)) {
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
    const unit = normaliseUom(value);
    if (unit === undefined) {
      this.error(index, 'NEM13_BAD_UOM', `${quote(value)} is not a unit of measure (expected e.g. kWh, kW, kVArh)`);
      return null;
    }
    return { text: value, unit };
  }

  transactionCode(index: number): TransactionCode | null {
    const value = this.present(index, true);
    if (value === null) return null;
    if (!(TRANSACTION_CODES as readonly string[]).includes(value)) {
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
  const p = Decimal.parse(previous.value);
  const c = Decimal.parse(current.value);
  const q = Decimal.parse(quantity.value);
  if (c.subtract(p).equals(q)) return true;
  if (q.isNegative() && c.subtract(p).equals(Decimal.ZERO.subtract(q))) return true;
  if (c.compare(p) >= 0) return false;
  const dot = previous.text.indexOf('.');
  const dialDigits = dot === -1 ? previous.text.length : dot;
  const dial = Decimal.parse(`1${'0'.repeat(dialDigits)}`);
  return dial.subtract(p).add(c).equals(q);
}

export function difference(previous: ExactDecimal, current: ExactDecimal): string {
  return Decimal.parse(current.value).subtract(Decimal.parse(previous.value)).toString();
}
