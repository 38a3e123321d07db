import { describe, expect, it } from 'vitest';
import type { IntervalDay } from '../projections/read-model/interval-days.queries.js';
import { INTERVAL_CSV_COLUMNS, intervalDayCsv, intervalsCsvFileName } from './interval-csv.js';

function day(length: 5 | 15 | 30, overrides: Partial<IntervalDay> = {}): IntervalDay {
  const count = 1440 / length;
  return {
    nmi: 'VABD000163',
    nmiSuffix: 'E1',
    registerId: '1',
    meterSerialNumber: 'METSER123',
    uom: 'kWh',
    intervalLength: length,
    intervalDate: '2004-02-29',
    values: Array.from({ length: count }, (_, i) => `${i + 1}.5`),
    dayTotal: '0',
    quality: 'A',
    reasonCode: null,
    reasonDescription: null,
    intervalQuality: null,
    qualitySummary: { A: count },
    updatedAt: '2004-03-01T12:00:25+10:00',
    fileId: 'f'.repeat(64),
    fileName: 'a.csv',
    line: 3,
    importPosition: '7',
    importedAt: '2005-01-01T00:00:00+10:00',
    superseded: false,
    versions: 1,
    ...overrides,
  };
}

const rows = (text: string) =>
  text
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => line.split(','));
const column = (name: (typeof INTERVAL_CSV_COLUMNS)[number]) => INTERVAL_CSV_COLUMNS.indexOf(name);

describe('interval CSV rows', () => {
  it.each([
    [5, '00:05', '11:55', '12:00'],
    [15, '00:15', '11:45', '12:00'],
    [30, '00:30', '11:30', '12:00'],
  ] as const)(
    '%i-minute data: interval i ends at D 00:00 + i x length (+10:00), the last at D+1 00:00',
    (length, firstEnd, halfStart, halfEnd) => {
      const lines = rows(intervalDayCsv(day(length)));
      const count = 1440 / length;
      expect(lines).toHaveLength(count);
      const at = (row: number, name: 'Start' | 'End') => lines[row]?.[column(name)];
      expect([at(0, 'Start'), at(0, 'End')]).toEqual(['2004-02-29T00:00:00+10:00', `2004-02-29T${firstEnd}:00+10:00`]);
      const half = count / 2 - 1;
      expect([lines[half]?.[column('Interval')], at(half, 'Start'), at(half, 'End')]).toEqual([
        String(count / 2),
        `2004-02-29T${halfStart}:00+10:00`,
        `2004-02-29T${halfEnd}:00+10:00`,
      ]);
      // 2004 is a leap year: the day after 29 February is 1 March.
      expect([lines[count - 1]?.[column('Interval')], at(count - 1, 'End')]).toEqual([
        String(count),
        '2004-03-01T00:00:00+10:00',
      ]);
      expect(lines[count - 1]?.[column('Value')]).toBe(`${count}.5`);
    },
  );

  it("gives each interval of a V day its 400 run's quality and reason, other days the day's own", () => {
    const v = day(30, {
      quality: 'V',
      intervalQuality: [
        { from: 1, to: 20, quality: 'F14', reasonCode: 76, reasonDescription: null },
        { from: 21, to: 48, quality: 'S14', reasonCode: 1, reasonDescription: 'x, "y"' },
      ],
    });
    const lines = intervalDayCsv(v).split('\r\n');
    expect(lines[19]).toContain(',F14,76,,');
    expect(lines[20]).toContain(',S14,1,"x, ""y""",');
    const e = rows(intervalDayCsv(day(30, { quality: 'E52', reasonCode: 53 })));
    expect(e.every((row) => row[column('Quality')] === 'E52' && row[column('Reason code')] === '53')).toBe(true);
  });

  it('names an export after what it holds, the as-of moment in NEM time, nothing a file system would mind', () => {
    expect(intervalsCsvFileName({ nmi: 'VABD000163' })).toBe('intervals-VABD000163.csv');
    expect(
      intervalsCsvFileName({
        serial: 'M/1 2',
        suffix: 'E1',
        from: '2004-02-01',
        to: '2004-02-29',
        asOf: new Date('2005-03-02T14:30:00Z'),
      }),
    ).toBe('intervals-M_1_2-E1-2004-02-01-2004-02-29-as-of-2005-03-03T0030.csv');
  });
});
