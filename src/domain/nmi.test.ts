import { describe, expect, it } from 'vitest';
import { nmiChecksum, parseNmiQuery } from './nmi.js';

describe('the NMI checksum', () => {
  // The first two are the examples of AEMO's NMI procedure; the others follow from them.
  it.each([
    ['2001985732', 8],
    ['QAAAVZZZZZ', 3],
    ['5787326565', 8],
    ['VABC005890', 6],
    ['NEM1318142', 3],
  ])('of %s is %i', (nmi, checksum) => {
    expect(nmiChecksum(nmi)).toBe(checksum);
  });
});

describe('parseNmiQuery', () => {
  it('takes 10 characters in any case and with spaces', () => {
    expect(parseNmiQuery('nem1318142')).toEqual({ ok: true, nmi: 'NEM1318142', checksum: null, typed: 'nem1318142' });
    expect(parseNmiQuery(' 5787 326 565 ')).toMatchObject({ ok: true, nmi: '5787326565', checksum: null });
  });

  it('checks and drops an 11th character that is the checksum digit', () => {
    expect(parseNmiQuery('57873265658')).toEqual({ ok: true, nmi: '5787326565', checksum: 8, typed: '57873265658' });
    expect(parseNmiQuery('5787 3265 65 8')).toMatchObject({ ok: true, nmi: '5787326565', checksum: 8 });
    expect(parseNmiQuery('57873265651')).toEqual({
      ok: false,
      reason: 'the checksum digit of 57873265651 is wrong: for NMI 5787326565 it is 8 (a typing error?)',
    });
  });

  it('says why other text is not a NMI', () => {
    for (const text of ['NEM131814', 'NMI1234I67', '57873265651X', '']) {
      expect(parseNmiQuery(text)).toMatchObject({ ok: false, reason: expect.stringContaining('is not a NMI') });
    }
  });
});
