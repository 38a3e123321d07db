import { describe, expect, it } from 'vitest';
import { readingFixture } from './api/api.fixtures.js';
import {
  capitalize,
  csvField,
  directionWords,
  formatDecimal,
  formatDuration,
  formatSize,
  nameBreaks,
  formatNemDate,
  formatNemTime,
  nemToday,
  pageSummary,
  plural,
  qualityDescription,
  qualityMeaning,
  readingsToCsv,
  safeFileName,
  toCsv,
  transactionMeaning,
} from './format.js';

describe('formatNemTime', () => {
  it.each([
    ['2004-01-07T10:03:33+10:00', '2004-01-07 10:03:33 +10:00'],
    ['2004-01-07T00:00:00+10:00', '2004-01-07 00:00:00 +10:00'],
    ['2004-01-07T10:03+10:00', '2004-01-07 10:03:00 +10:00'],
    ['2004-01-07T10:03:33.000+10:00', '2004-01-07 10:03:33 +10:00'],
    // Other offsets are the same instant shown in NEM time, never in the browser's zone.
    ['2004-01-07T00:03:33Z', '2004-01-07 10:03:33 +10:00'],
    ['2004-01-06T14:03:33.123Z', '2004-01-07 00:03:33 +10:00'],
    ['2004-01-07T10:03:33+11:00', '2004-01-07 09:03:33 +10:00'],
    ['2003-12-31T23:30:00-01:00', '2004-01-01 10:30:00 +10:00'],
  ])('%s → %s', (iso, shown) => {
    expect(formatNemTime(iso)).toBe(shown);
  });

  it('answers empty text for a missing instant and leaves other text alone', () => {
    expect(formatNemTime(null)).toBe('');
    expect(formatNemTime(undefined)).toBe('');
    expect(formatNemTime('')).toBe('');
    expect(formatNemTime('soon')).toBe('soon');
  });

  it('does not depend on the time zone of the machine', () => {
    // Date.parse of a string with an offset is zone-free; the text path never calls it for +10:00.
    const before = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      expect(formatNemTime('2004-01-07T00:03:33Z')).toBe('2004-01-07 10:03:33 +10:00');
    } finally {
      process.env.TZ = before;
    }
  });
});

describe('formatNemDate and nemToday', () => {
  it('answers the NEM calendar day of an instant', () => {
    expect(formatNemDate('2004-01-07T10:03:33+10:00')).toBe('2004-01-07');
    expect(formatNemDate('2004-01-06T14:00:00Z')).toBe('2004-01-07');
    expect(formatNemDate(null)).toBe('');
  });

  it('takes today in NEM time', () => {
    expect(nemToday(new Date('2024-06-30T15:00:00Z'))).toBe('2024-07-01');
    expect(nemToday(new Date('2024-06-30T13:59:59Z'))).toBe('2024-06-30');
  });
});

describe('code meanings', () => {
  it('words every MDFF quality flag', () => {
    expect(qualityMeaning('A')).toBe('Actual reading');
    expect(qualityMeaning('E')).toBe('Forward estimate');
    expect(qualityMeaning('S')).toBe('Substituted');
    expect(qualityMeaning('F')).toBe('Final substitute');
    expect(qualityMeaning('N')).toBe('Null data (legacy)');
    expect(qualityMeaning('a')).toBe('Actual reading');
    expect(qualityMeaning('Z')).toBe('Unknown quality flag "Z"');
    expect(qualityMeaning('toString')).toBe('Unknown quality flag "toString"');
    expect(qualityMeaning('E62')).toBe('Forward estimate, method 62, previous read');
    expect(qualityMeaning('S62')).toBe('Substituted, method 62, previous read');
    expect(qualityMeaning('A1')).toBe('Unknown quality flag "A1"');
  });

  it('adds the reason to a quality when there is one', () => {
    expect(qualityDescription('A', null, null)).toBe('Actual reading');
    expect(qualityDescription('S', 27, 'Meter recovered')).toBe(
      'Substituted; reason 27, Retailer of last resort (RoLR): “Meter recovered”',
    );
    expect(qualityDescription('E62', 12, null)).toBe(
      'Forward estimate, method 62, previous read; reason 12, Locked premises',
    );
    expect(qualityDescription('E', 0, 'dog')).toBe(
      'Forward estimate; reason 0, Free text (see the description): “dog”',
    );
  });

  it('words a direction as support staff say it, with the MDFF term', () => {
    expect(directionWords('E').word).toBe('Consumption');
    expect(directionWords('E').term).toMatch(/export from the grid/);
    expect(directionWords('I').word).toBe('Generation');
    expect(directionWords('I').term).toMatch(/import to the grid/);
    expect(directionWords('X')).toEqual({ word: 'X', term: 'Direction "X"' });
  });
});

describe('pageSummary', () => {
  it('says how many match and which page of how many', () => {
    expect(pageSummary({ count: 77, capped: false }, 1, 50)).toBe('77 readings, page 1 of 2');
    expect(pageSummary({ count: 1, capped: false }, 1, 50)).toBe('1 reading, page 1 of 1');
    expect(pageSummary({ count: 10000, capped: true }, 3, 50)).toBe('more than 10,000 readings, page 3');
  });
});

describe('formatDecimal', () => {
  it.each([
    ['0', '0'],
    ['999', '999'],
    ['1000', '1,000'],
    ['-987', '-987'],
    ['-12345.670', '-12,345.670'],
    ['00123.40', '00123.40'],
    ['1234567890123456789.000000001', '1,234,567,890,123,456,789.000000001'],
    ['+5000.5', '+5,000.5'],
    ['abc', 'abc'],
  ])('%s → %s, digits untouched', (decimal, shown) => {
    expect(formatDecimal(decimal)).toBe(shown);
  });

  it('words transaction codes', () => {
    expect(transactionMeaning('N')).toBe('Normal scheduled read');
    expect(transactionMeaning(null)).toBe('');
    expect(transactionMeaning('Q')).toBe('Unknown transaction code "Q"');
  });
});

describe('counts and sizes', () => {
  it('pluralises', () => {
    expect(plural(1, 'reading')).toBe('1 reading');
    expect(plural(0, 'reading')).toBe('0 readings');
    expect(plural(12_345, 'reading')).toBe('12,345 readings');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
  });

  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.0 kB'],
    [1536, '1.5 kB'],
    [999_949, '999.9 kB'],
    [999_960, '1.0 MB'],
    [12_345_678, '12.3 MB'],
    [2_500_000_000, '2.5 GB'],
  ])('formats %d bytes as %s (1 kB = 1000 B, one decimal)', (bytes, expected) => {
    expect(formatSize(bytes)).toBe(expected);
  });

  it.each([
    [0, '0 s'],
    [44.6, '45 s'],
    [60, '1 min'],
    [200, '3 min 20 s'],
    [7500, '2 h 5 min'],
  ])('formats %d seconds as %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });

  it('starts a message with a capital', () => {
    expect(capitalize('the server could not be reached')).toBe('The server could not be reached');
    expect(capitalize('')).toBe('');
  });

  it('breaks file names after their separators only', () => {
    expect(nameBreaks('NEM13#0001#MDP#RET.csv')).toEqual(['NEM13#', '0001#', 'MDP#', 'RET.', 'csv']);
    expect(nameBreaks('handcopied-spec_example.csv')).toEqual(['handcopied-', 'spec_', 'example.', 'csv']);
    expect(nameBreaks('plain')).toEqual(['plain']);
    expect(nameBreaks('')).toEqual([]);
  });
});

describe('CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
  ])('quotes %j as CSV needs', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it.each([
    ['=1+2', "'=1+2"],
    ['+61 400 000 000', "'+61 400 000 000"],
    ['-5.25x', "'-5.25x"],
    ['-', "'-"],
    ['+', "'+"],
    ['-1+1', "'-1+1"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\tcmd', "'\tcmd"],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['=a,b', `"'=a,b"`],
  ])('escapes %j against formula injection', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it('leaves values that only contain formula characters later alone', () => {
    expect(csvField('1+2=3')).toBe('1+2=3');
    expect(csvField('user@example.com')).toBe('user@example.com');
    expect(csvField(-5)).toBe('-5');
    expect(csvField('-987')).toBe('-987');
    expect(csvField('-5.25')).toBe('-5.25');
    expect(csvField('+12.0')).toBe('+12.0');
    expect(csvField(12)).toBe('12');
    expect(csvField(null)).toBe('');
  });

  it('ends every line with CRLF', () => {
    expect(
      toCsv([
        ['a', 'b'],
        ['1', '2'],
      ]),
    ).toBe('a,b\r\n1,2\r\n');
  });

  it('exports readings with a header, exact values and NEM times', () => {
    const csv = readingsToCsv([
      readingFixture({ quantity: '-12.5', fileName: '=cmd|calc.csv', currentRead: '00123.40' }),
    ]);
    const [header, row, end] = csv.split('\r\n');
    expect(header).toBe(
      'NMI,NMI configuration,Meter serial,Register,NMI suffix,Direction,Direction in words,Previous read,' +
        'Previous read date,Previous quality,Current read,Current read date,Current quality,Current reason code,' +
        'Current reason,Previous reason code,Previous reason,Quantity,Unit,Next scheduled read date,' +
        'Current transaction code,Current transaction,Current retailer service order,Previous transaction code,' +
        'Previous transaction,Previous retailer service order,Updated,MSATS loaded,Superseded,Corrected,File,' +
        'File SHA-256,Line',
    );
    expect(end).toBe('');
    expect(row).toContain('5787326565,E1,PSMIL89KM79J,E1,11,I,Generation,');
    expect(row).toContain(',00123.40,2004-04-07 10:03:33 +10:00,A,');
    expect(row).toContain(',-12.5,kWh,2004-07-07,N,Normal scheduled read,,');
    expect(row).toContain(",'=cmd|calc.csv,");
  });
});

describe('safeFileName', () => {
  it('keeps letters, digits, dot, dash and underscore', () => {
    expect(safeFileName('readings-nmi-5787326565-2024-01-01')).toBe('readings-nmi-5787326565-2024-01-01');
    expect(safeFileName('a/b\\c:d*e')).toBe('a_b_c_d_e');
    expect(safeFileName('///')).toBe('export');
  });
});
