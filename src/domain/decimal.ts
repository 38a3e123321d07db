/**
 * Exact decimals for register reads and quantities. A value is kept as an integer number of units
 * (bigint) and a scale, so "0000964.00" is 96400 units at scale 2 and prints as "964.00". No float is
 * ever involved.
 */
export interface ExactDecimal {
  /** The text exactly as it appeared in the file (after whitespace was stripped, which is warned). */
  readonly text: string;
  /** Canonical decimal: no leading zeros, scale as sent, e.g. "6342.8", "-10.000", "0.5". */
  readonly value: string;
}

const UNSIGNED = /^\d+(?:\.\d+)?$/;
const SIGNED = /^-?\d+(?:\.\d+)?$/;

export function isUnsignedDecimal(text: string): boolean {
  return UNSIGNED.test(text);
}

export function isSignedDecimal(text: string): boolean {
  return SIGNED.test(text);
}

/** Canonical form of a decimal text that already passed {@link isSignedDecimal}. */
export function canonicalDecimal(text: string): string {
  let negative = false;
  let start = 0;
  if (text.charCodeAt(0) === 45 /* - */) {
    negative = true;
    start = 1;
  }
  // Skip leading zeros of the integer part but keep one digit before the point.
  let i = start;
  const dot = text.indexOf('.', start);
  const intEnd = dot === -1 ? text.length : dot;
  while (i < intEnd - 1 && text.charCodeAt(i) === 48) i++;
  const body = text.slice(i);
  if (negative && isZeroBody(body)) return body;
  return negative ? `-${body}` : body;
}

function isZeroBody(body: string): boolean {
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c !== 48 && c !== 46) return false;
  }
  return true;
}

export function exactDecimal(text: string): ExactDecimal {
  return { text, value: canonicalDecimal(text) };
}

const POWERS_OF_TEN: bigint[] = Array.from({ length: 40 }, (_, i) => 10n ** BigInt(i));

function powerOfTen(exponent: number): bigint {
  return POWERS_OF_TEN[exponent] ?? 10n ** BigInt(exponent);
}

/** Fixed-point arithmetic over canonical decimal strings. */
export class Decimal {
  private constructor(
    readonly units: bigint,
    readonly scale: number,
  ) {}

  static readonly ZERO = new Decimal(0n, 0);

  static parse(text: string): Decimal {
    if (!SIGNED.test(text)) throw new RangeError(`not a decimal: ${JSON.stringify(text)}`);
    const dot = text.indexOf('.');
    if (dot === -1) return new Decimal(BigInt(text), 0);
    const digits = text.slice(0, dot) + text.slice(dot + 1);
    return new Decimal(BigInt(digits), text.length - dot - 1);
  }

  static power10(exponent: number): Decimal {
    return new Decimal(powerOfTen(exponent), 0);
  }

  private rescale(scale: number): bigint {
    return scale === this.scale ? this.units : this.units * powerOfTen(scale - this.scale);
  }

  negate(): Decimal {
    return new Decimal(-this.units, this.scale);
  }

  add(other: Decimal): Decimal {
    const scale = Math.max(this.scale, other.scale);
    return new Decimal(this.rescale(scale) + other.rescale(scale), scale);
  }

  subtract(other: Decimal): Decimal {
    const scale = Math.max(this.scale, other.scale);
    return new Decimal(this.rescale(scale) - other.rescale(scale), scale);
  }

  compare(other: Decimal): -1 | 0 | 1 {
    const scale = Math.max(this.scale, other.scale);
    const a = this.rescale(scale);
    const b = other.rescale(scale);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  equals(other: Decimal): boolean {
    return this.compare(other) === 0;
  }

  isNegative(): boolean {
    return this.units < 0n;
  }

  toString(): string {
    const negative = this.units < 0n;
    let digits = (negative ? -this.units : this.units).toString();
    if (this.scale > 0) {
      digits = digits.padStart(this.scale + 1, '0');
      digits = `${digits.slice(0, -this.scale)}.${digits.slice(-this.scale)}`;
    }
    return negative ? `-${digits}` : digits;
  }
}
