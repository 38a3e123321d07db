import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalDecimal, Decimal, isSignedDecimal, isUnsignedDecimal } from './decimal.js';

describe('exact decimals', () => {
  it.each([
    ['0000964.00', '964.00'],
    ['006342.8', '6342.8'],
    ['0', '0'],
    ['000', '0'],
    ['-10.000', '-10.000'],
    ['-0.0', '0.0'],
    ['0.5', '0.5'],
    ['999999999999.00', '999999999999.00'],
  ])('canonical form of %s is %s', (text, value) => {
    expect(canonicalDecimal(text)).toBe(value);
  });

  it('adds without floating point error', () => {
    const sum = ['0.1', '0.2', '1312.1', '-10.000'].map((t) => Decimal.parse(t)).reduce((a, b) => a.add(b));
    expect(sum.toString()).toBe('1302.400');
  });

  it('handles values beyond the safe integer range', () => {
    expect(Decimal.parse('99999999999999999999.99').add(Decimal.parse('0.01')).toString()).toBe(
      '100000000000000000000.00',
    );
  });

  it('agrees with BigInt arithmetic on random values', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        (a, b) => {
          const as = Decimal.parse(
            `${a < 0n ? '-' : ''}${(a < 0n ? -a : a)
              .toString()
              .padStart(3, '0')
              .replace(/(\d\d)$/, '.$1')}`,
          );
          const bs = Decimal.parse(
            `${b < 0n ? '-' : ''}${(b < 0n ? -b : b)
              .toString()
              .padStart(4, '0')
              .replace(/(\d\d\d)$/, '.$1')}`,
          );
          // a is in hundredths, b in thousandths: the sum in thousandths is a*10 + b.
          expect(as.add(bs).units).toBe(a * 10n + b);
          expect(as.subtract(bs).units).toBe(a * 10n - b);
          expect(as.compare(bs)).toBe(a * 10n < b ? -1 : a * 10n > b ? 1 : 0);
        },
      ),
    );
  });

  it('recognises decimal texts', () => {
    expect(isUnsignedDecimal('0012.50')).toBe(true);
    expect(isUnsignedDecimal('-1')).toBe(false);
    expect(isSignedDecimal('-1.5')).toBe(true);
    for (const bad of ['', '.5', '5.', '1e3', '8. 77', '+1', '1,000']) expect(isSignedDecimal(bad)).toBe(false);
  });
});
