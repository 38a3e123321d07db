import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkNemDateText,
  intervalEndAt,
  intervalStartAt,
  type CalendarDate,
  formatAsOf,
  formatNemTime,
  parseAsOf,
  nemInstantFromDateTime14,
  nemInstantOf,
  toNemIso,
  yearsBefore,
} from './nem-time.js';

describe('NEM time', () => {
  it('reads a 14-digit date-time as an instant at +10:00', () => {
    expect(nemInstantOf('20040107100333', 'CCYYMMDDhhmmss')).toBe('2004-01-07T10:03:33+10:00');
    expect(Date.parse(nemInstantOf('20040107100333', 'CCYYMMDDhhmmss'))).toBe(Date.UTC(2004, 0, 7, 0, 3, 33));
    expect(nemInstantOf('200401101030', 'CCYYMMDDhhmm')).toBe('2004-01-10T10:30:00+10:00');
  });

  it('has no daylight saving: a Sydney DST date keeps +10:00', () => {
    expect(nemInstantOf('20240115120000', 'CCYYMMDDhhmmss')).toBe('2024-01-15T12:00:00+10:00');
    expect(formatNemTime('2024-01-15T02:00:00Z')).toBe('2024-01-15 12:00:00 +10:00');
    expect(toNemIso(new Date(Date.UTC(2024, 0, 15, 2)))).toBe('2024-01-15T12:00:00+10:00');
  });

  it.each([
    ['2004023010', 'CCYYMMDDhhmmss', 'length'],
    ['2004023013533A', 'CCYYMMDDhhmmss', 'not-digits'],
    ['20040230135331', 'CCYYMMDDhhmmss', 'not-a-date'],
    ['20030229000000', 'CCYYMMDDhhmmss', 'not-a-date'],
    ['20041301000000', 'CCYYMMDDhhmmss', 'not-a-date'],
    ['20040101240000', 'CCYYMMDDhhmmss', 'not-a-time'],
    ['20040101006000', 'CCYYMMDDhhmmss', 'not-a-time'],
    ['20040229', 'CCYYMMDD', null],
    ['21000229', 'CCYYMMDD', 'not-a-date'],
    ['20000229', 'CCYYMMDD', null],
  ] as const)('checks %s as %s: %s', (text, format, problem) => {
    expect(checkNemDateText(text, format)).toBe(problem);
  });

  it('the one-pass reader agrees with the check and the builder on any 14 characters', () => {
    const text = fc.oneof(
      fc.stringMatching(/^\d{14}$/),
      fc.stringMatching(/^(19|20)\d\d(0\d|1[0-3])([0-3]\d)([0-2]\d)([0-6]\d)([0-6]\d)$/),
      fc.string({ minLength: 13, maxLength: 15 }),
    );
    fc.assert(
      fc.property(text, (value) => {
        const valid = checkNemDateText(value, 'CCYYMMDDhhmmss') === null;
        expect(nemInstantFromDateTime14(value)).toBe(valid ? nemInstantOf(value, 'CCYYMMDDhhmmss') : null);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('yearsBefore', () => {
  it.each([
    ['2004-01-07T10:03:33+10:00', 1, '2003-01-07T10:03:33+10:00'],
    // Midnight NEM time is the previous day in UTC: the calendar is NEM's.
    ['2004-03-01T00:00:00+10:00', 1, '2003-03-01T00:00:00+10:00'],
    ['2004-02-29T12:00:00+10:00', 1, '2003-02-28T12:00:00+10:00'],
    ['2004-02-29T12:00:00+10:00', 4, '2000-02-29T12:00:00+10:00'],
    ['2004-12-31T23:59:59+10:00', 3, '2001-12-31T23:59:59+10:00'],
    ['0101-06-01T00:00:00+10:00', 1, '0100-06-01T00:00:00+10:00'],
  ])('%s less %i year(s) is %s', (instant, years, expected) => {
    expect(yearsBefore(instant, years)).toBe(expected);
  });
});

describe('NEM12 interval instants', () => {
  it('ends interval i of day D at D 00:00 + i x length, +10:00, the last one at midnight of D+1', () => {
    const day = '2004-02-01' as CalendarDate;
    expect(intervalEndAt(day, 1, 30)).toBe('2004-02-01T00:30:00+10:00');
    expect(intervalStartAt(day, 1, 30)).toBe('2004-02-01T00:00:00+10:00');
    expect(intervalEndAt(day, 48, 30)).toBe('2004-02-02T00:00:00+10:00');
    expect(intervalEndAt(day, 96, 15)).toBe('2004-02-02T00:00:00+10:00');
    expect(intervalEndAt(day, 1, 5)).toBe('2004-02-01T00:05:00+10:00');
    expect(Date.parse(intervalStartAt(day, 1, 30))).toBe(Date.UTC(2004, 0, 31, 14, 0));
  });

  it('keeps 24 hours on the days Sydney changes its clocks, and crosses month and leap-year ends', () => {
    expect(intervalEndAt('2023-10-01' as CalendarDate, 6, 30)).toBe('2023-10-01T03:00:00+10:00');
    expect(intervalEndAt('2024-04-07' as CalendarDate, 288, 5)).toBe('2024-04-08T00:00:00+10:00');
    expect(intervalEndAt('2024-02-28' as CalendarDate, 48, 30)).toBe('2024-02-29T00:00:00+10:00');
    expect(intervalEndAt('2023-12-31' as CalendarDate, 48, 30)).toBe('2024-01-01T00:00:00+10:00');
  });
});

describe('as of', () => {
  it('reads a day as its start in NEM time, and an instant without an offset as NEM time', () => {
    expect(parseAsOf('2005-03-03')?.toISOString()).toBe('2005-03-02T14:00:00.000Z');
    expect(parseAsOf('2005-03-03T09:30')?.toISOString()).toBe('2005-03-02T23:30:00.000Z');
    expect(parseAsOf('2005-03-03T09:30:15.25')?.toISOString()).toBe('2005-03-02T23:30:15.250Z');
    expect(parseAsOf('2005-03-03T09:30:00Z')?.toISOString()).toBe('2005-03-03T09:30:00.000Z');
    expect(parseAsOf('2005-03-03T09:30:00-0130')?.toISOString()).toBe('2005-03-03T11:00:00.000Z');
  });

  it('reads back what it prints', () => {
    for (const text of ['2005-03-03 00:00 +10:00', '2005-03-03 10:03:33 +10:00']) {
      const instant = parseAsOf(text);
      expect(instant).not.toBeNull();
      expect(formatAsOf(instant ?? new Date(0))).toBe(text);
    }
  });

  it('refuses what is not a real date and time', () => {
    for (const text of [
      '2005-02-30',
      '2005-03-03T24:00',
      '2005-03-03T10:60',
      '0000-01-01',
      '3 March',
      '2005-03-03T10:00+25:00',
      '',
    ]) {
      expect(parseAsOf(text), text).toBeNull();
    }
  });
});
