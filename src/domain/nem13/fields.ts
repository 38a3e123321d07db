import { Decimal, type ExactDecimal } from '../decimal.js';
import {
  BASIC_METER_METHODS,
  DIRECTIONS,
  QUALITY_FLAGS,
  TRANSACTION_CODES,
  type Direction,
  type QualityFlag,
} from '../mdff/code-lists.js';
import { FieldReader, prefixedCodes, type FieldDialect, type QualityMethod } from '../mdff/fields.js';
import { quote, type ProblemCode, type ProblemLog, type RecordType } from './problems.js';

/** NEM13's field rules: its codes, suffixes such as `11` or `41`, flags A E S F N, the basic-meter methods. */
export const NEM13_DIALECT: FieldDialect<ProblemCode> = {
  codes: prefixedCodes('NEM13'),
  suffix: { pattern: /^[1-9][1-9A-HJ-NP-Z]$/, expected: '2 characters: a digit 1-9, then 1-9, A-H, J-N or P-Z' },
  qualityFlags: QUALITY_FLAGS,
  expectedQuality: 'a flag A, E, S or F, optionally followed by a 2-digit method',
  methodInFamily: (method) => method >= BASIC_METER_METHODS.min && method <= BASIC_METER_METHODS.max,
  methodFamily: '61-69, the methods of basic (accumulation) meters',
  nmiRule: 'strict',
};

export type Nem13FieldReader = FieldReader<ProblemCode, RecordType>;

export function nem13FieldReader(
  log: ProblemLog,
  line: number,
  record: RecordType,
  fields: ArrayLike<string | undefined>,
  names: readonly string[],
  formatChecked = false,
): Nem13FieldReader {
  return new FieldReader(log, NEM13_DIALECT, line, record, fields, names, formatChecked);
}

/** A register read's quality, with the warnings only NEM13 gives: N is legacy, a previous read is no estimate. */
export function readQuality(
  f: Nem13FieldReader,
  index: number,
  side: 'previous' | 'current',
): QualityMethod<QualityFlag> | null {
  const quality = f.quality(index) as QualityMethod<QualityFlag> | null;
  if (quality?.flag === 'N') {
    f.warn(index, 'NEM13_NULL_QUALITY', `quality flag N (null data) is legacy and not expected in NEM13`);
  }
  if (side === 'previous' && quality?.flag === 'E') {
    f.warn(index, 'NEM13_PREVIOUS_ESTIMATE', `the previous read is an estimate (E); only the current read may be`);
  }
  return quality;
}

export function readDirection(f: Nem13FieldReader, index: number): Direction | null {
  const value = f.present(index, true);
  if (value === null) return null;
  if (!(DIRECTIONS as readonly string[]).includes(value)) {
    f.reject(index, 'NEM13_BAD_DIRECTION', `${quote(value)} is not a direction (expected E or I)`);
    return null;
  }
  return value as Direction;
}

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
