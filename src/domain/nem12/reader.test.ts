import { describe, expect, it } from 'vitest';
import { NEM12_PROBLEM_CODES, type Nem12ProblemCode } from './problems.js';
import { canonicalIntervalValue, readNem12, validateNem12 } from './reader.js';
import { intervalQualityFlag, type IntervalDay, type Nem12Item } from './records.js';
import { bytesOf, END, HEADER, nem12File, record200, record300, record400, record500 } from './nem12.fixtures.js';

async function itemsOf(...chunks: Array<string | Uint8Array>): Promise<Nem12Item[]> {
  const items: Nem12Item[] = [];
  for await (const item of readNem12(bytesOf(...chunks))) items.push(item);
  return items;
}

function daysOf(items: Nem12Item[]): IntervalDay[] {
  return items.flatMap((item) => (item.kind === 'intervalDay' ? [item.day] : []));
}

const bytes = (...values: number[]) => new Uint8Array(values);
const vDay = (overrides: Record<string, string> = {}) => record300({ QualityMethod: 'V', ...overrides });

interface Fixture {
  readonly code: Nem12ProblemCode;
  readonly content: Array<string | Uint8Array>;
  readonly line: number;
  readonly field: string | null;
}

/** One small file per problem code, with where the problem must be reported. */
const FIXTURES: Fixture[] = [
  { code: 'NEM12_EMPTY_FILE', content: [''], line: 0, field: null },
  { code: 'NEM12_NOT_MDFF', content: ['\n# nem\n\nBack-office service\n'], line: 2, field: null },
  {
    code: 'NEM12_INVALID_UTF8',
    content: [`${HEADER}\n`, bytes(0x33, 0x30, 0x30, 0xff, 0xfe), `\n${END}`],
    line: 2,
    field: null,
  },
  { code: 'NEM12_BINARY_CONTENT', content: [`${HEADER}\n300\u0000,x\n${END}`], line: 2, field: null },
  {
    code: 'NEM12_LINE_TOO_LONG',
    content: [`${HEADER}\n`, '300,'.repeat(512 * 1024), `\n${END}`],
    line: 2,
    field: null,
  },
  { code: 'NEM12_BLANK_LINE', content: [nem12File(record200(), '', record300())], line: 3, field: null },
  { code: 'NEM12_WHITESPACE', content: [nem12File(record200({ UOM: ' kWh' }), record300())], line: 2, field: 'UOM' },
  { code: 'NEM12_UNKNOWN_RECORD', content: [nem12File('999,hello')], line: 2, field: 'RecordIndicator' },
  { code: 'NEM12_NEM13_RECORD', content: [nem12File('250,VABC005890,11')], line: 2, field: 'RecordIndicator' },
  { code: 'NEM12_NEM13_FILE', content: ['100,NEM13,200401101030,MDA1,Ret1\n900'], line: 1, field: 'VersionHeader' },
  { code: 'NEM12_BAD_VERSION', content: ['100,NEM14,200401101030,MDA1,Ret1\n900'], line: 1, field: 'VersionHeader' },
  { code: 'NEM12_MISSING_100', content: [`${record200()}\n${record300()}\n${END}`], line: 1, field: 'RecordIndicator' },
  {
    code: 'NEM12_DUPLICATE_100',
    content: [nem12File(record200(), record300(), HEADER)],
    line: 4,
    field: 'RecordIndicator',
  },
  {
    code: 'NEM12_MISSING_900',
    content: [`${HEADER}\n${record200()}\n${record300()}\n`],
    line: 3,
    field: 'RecordIndicator',
  },
  {
    code: 'NEM12_AFTER_900',
    content: [`${nem12File(record200(), record300())}\n${record300()}`],
    line: 5,
    field: 'RecordIndicator',
  },
  { code: 'NEM12_NO_DATA', content: [nem12File()], line: 2, field: null },
  {
    code: 'NEM12_FIELD_COUNT',
    content: [nem12File(record200().split(',').slice(0, 9).join(','))],
    line: 2,
    field: null,
  },
  {
    code: 'NEM12_ORPHAN_300',
    content: [nem12File(record300(), record200(), record300())],
    line: 2,
    field: 'RecordIndicator',
  },
  {
    code: 'NEM12_ORPHAN_400',
    content: [nem12File(record200(), record300(), record400())],
    line: 4,
    field: 'RecordIndicator',
  },
  {
    code: 'NEM12_ORPHAN_500',
    content: [nem12File(record200(), record500(), record300())],
    line: 3,
    field: 'RecordIndicator',
  },
  {
    code: 'NEM12_BAD_INTERVAL_LENGTH',
    content: [nem12File(record200({ IntervalLength: '10' }))],
    line: 2,
    field: 'IntervalLength',
  },
  {
    code: 'NEM12_BAD_INTERVAL_RANGE',
    content: [nem12File(record200(), vDay(), record400({ EndInterval: '49' }))],
    line: 4,
    field: 'EndInterval',
  },
  {
    code: 'NEM12_INTERVAL_OVERLAP',
    content: [nem12File(record200(), vDay(), record400({ EndInterval: '24' }), record400({ StartInterval: '20' }))],
    line: 5,
    field: 'StartInterval',
  },
  {
    code: 'NEM12_INTERVAL_GAP',
    content: [nem12File(record200(), vDay(), record400({ EndInterval: '20' }), record400({ StartInterval: '25' }))],
    line: 5,
    field: 'StartInterval',
  },
  {
    code: 'NEM12_INCOMPLETE_400',
    content: [nem12File(record200(), vDay(), record400({ EndInterval: '24' }))],
    line: 5,
    field: null,
  },
  {
    code: 'NEM12_MISSING_FIELD',
    content: [nem12File(record200({ NMIConfiguration: '' }), record300())],
    line: 2,
    field: 'NMIConfiguration',
  },
  {
    code: 'NEM12_TOO_LONG',
    content: [nem12File(record200({ MeterSerialNumber: 'ABCDEFGHIJKLM' }), record300())],
    line: 2,
    field: 'MeterSerialNumber',
  },
  {
    code: 'NEM12_BAD_DATE',
    content: [nem12File(record200(), record300({ IntervalDate: '20040230' }))],
    line: 3,
    field: 'IntervalDate',
  },
  {
    code: 'NEM12_BAD_NUMBER',
    content: [nem12File(record200(), record300({ IntervalValue5: '-1' }))],
    line: 3,
    field: 'IntervalValue5',
  },
  { code: 'NEM12_BAD_NMI', content: [nem12File(record200({ NMI: 'VABD00016O' }), record300())], line: 2, field: 'NMI' },
  {
    code: 'NEM12_BAD_SUFFIX',
    content: [nem12File(record200({ NMISuffix: '11' }), record300())],
    line: 2,
    field: 'NMISuffix',
  },
  {
    code: 'NEM12_BAD_QUALITY',
    content: [nem12File(record200(), vDay(), record400({ QualityMethod: 'V' }))],
    line: 4,
    field: 'QualityMethod',
  },
  {
    code: 'NEM12_BAD_REASON',
    content: [nem12File(record200(), record300({ QualityMethod: 'S14', ReasonCode: 'AB' }))],
    line: 3,
    field: 'ReasonCode',
  },
  { code: 'NEM12_BAD_UOM', content: [nem12File(record200({ UOM: 'kWhh' }), record300())], line: 2, field: 'UOM' },
  {
    code: 'NEM12_BAD_TRANSACTION_CODE',
    content: [nem12File(record200(), record300(), record500({ TransCode: 'X' }))],
    line: 4,
    field: 'TransCode',
  },
  {
    code: 'NEM12_PARTICIPANT',
    content: [`100,NEM12,200405011135,MDA1,\n${record200()}\n${record300()}\n${END}`],
    line: 1,
    field: 'ToParticipant',
  },
  {
    code: 'NEM12_METHOD_MISSING',
    content: [nem12File(record200(), record300({ QualityMethod: 'E' }))],
    line: 3,
    field: 'QualityMethod',
  },
  {
    code: 'NEM12_METHOD_OUT_OF_RANGE',
    content: [nem12File(record200(), record300({ QualityMethod: 'E64' }))],
    line: 3,
    field: 'QualityMethod',
  },
  {
    code: 'NEM12_OBSOLETE_REASON',
    content: [nem12File(record200(), record300({ QualityMethod: 'S14', ReasonCode: '82' }))],
    line: 3,
    field: 'ReasonCode',
  },
  {
    code: 'NEM12_UNKNOWN_REASON',
    content: [nem12File(record200(), record300({ QualityMethod: 'S14', ReasonCode: '56' }))],
    line: 3,
    field: 'ReasonCode',
  },
  {
    code: 'NEM12_REASON_REQUIRED',
    content: [nem12File(record200(), record300({ QualityMethod: 'F14' }))],
    line: 3,
    field: 'ReasonCode',
  },
  {
    code: 'NEM12_UNEXPECTED_REASON',
    content: [nem12File(record200(), record300({ ReasonCode: '1' }))],
    line: 3,
    field: 'ReasonCode',
  },
  {
    code: 'NEM12_DESCRIPTION_REQUIRED',
    content: [nem12File(record200(), record300({ QualityMethod: 'S14', ReasonCode: '0' }))],
    line: 3,
    field: 'ReasonDescription',
  },
];

describe('readNem12 problem codes', () => {
  it('has a fixture for every code', () => {
    const covered = new Set(FIXTURES.map((f) => f.code));
    expect(Object.keys(NEM12_PROBLEM_CODES).filter((code) => !covered.has(code as Nem12ProblemCode))).toEqual([]);
  });

  it.each(FIXTURES)('$code at line $line, field $field', async ({ code, content, line, field }) => {
    const summary = await validateNem12(bytesOf(...content));
    const problems = [...summary.errors, ...summary.warnings].filter((p) => p.code === code);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ line, field, code, severity: NEM12_PROBLEM_CODES[code] });
    expect(problems[0]?.message.length).toBeGreaterThan(10);
    expect(summary.valid).toBe(summary.errors.length === 0);
    if (NEM12_PROBLEM_CODES[code] === 'error') expect(summary.valid).toBe(false);
    else expect(summary.errors).toEqual([]);
  });
});

describe('readNem12 records', () => {
  it('yields the header, the channel, each day with its 400s and 500s, the end and a summary, in order', async () => {
    const items = await itemsOf(
      nem12File(
        record200(),
        vDay({ IntervalValue1: '.5', IntervalValue2: '007.10' }),
        record400({ EndInterval: '20', QualityMethod: 'F14', ReasonCode: '76' }),
        record400({ StartInterval: '21', EndInterval: '24' }),
        record400({ StartInterval: '25', QualityMethod: 'S14', ReasonCode: '1' }),
        record500(),
        record300({ IntervalDate: '20040202', QualityMethod: 'E52' }),
      ),
    );
    expect(items.map((item) => item.kind)).toEqual([
      'header',
      'channel',
      'intervalDay',
      'intervalDay',
      'end',
      'summary',
    ]);
    const channel = items[1]?.kind === 'channel' ? items[1].channel : undefined;
    expect(channel).toEqual({
      line: 2,
      nmi: 'VABD000163',
      nmiConfiguration: 'E1Q1',
      registerId: '1',
      nmiSuffix: 'E1',
      mdmDataStreamIdentifier: 'N1',
      meterSerialNumber: 'METSER123',
      uom: { text: 'kWh', unit: 'kWh' },
      intervalLength: 30,
      nextScheduledReadDate: '2004-03-01',
    });
    const [first, second] = daysOf(items);
    expect(first).toMatchObject({
      line: 3,
      intervalDate: '2004-02-01',
      quality: { text: 'V', flag: 'V', method: null },
      reasonCode: null,
      updatedAt: '2004-02-02T12:00:25+10:00',
      msatsLoadedAt: null,
      b2bDetails: [
        {
          line: 7,
          transactionCode: 'O',
          retailerServiceOrder: 'S01009',
          readAt: '2004-02-01T12:00:00+10:00',
          indexRead: null,
        },
      ],
    });
    expect(first?.channel).toBe(channel);
    expect(first?.values.slice(0, 3)).toEqual(['0.5', '7.10', '1.111']);
    expect(first?.values).toHaveLength(48);
    expect(first?.events.map((e) => [e.line, e.startInterval, e.endInterval, e.quality.text, e.reasonCode])).toEqual([
      [4, 1, 20, 'F14', 76],
      [5, 21, 24, 'A', null],
      [6, 25, 48, 'S14', 1],
    ]);
    expect(first && [1, 20, 21, 24, 25, 48].map((i) => intervalQualityFlag(first, i))).toEqual([
      'F',
      'F',
      'A',
      'A',
      'S',
      'S',
    ]);
    expect(second).toMatchObject({ line: 8, intervalDate: '2004-02-02', events: [], b2bDetails: [] });
    expect(second && intervalQualityFlag(second, 48)).toBe('E');
    const summary = items.at(-1);
    expect(summary?.kind === 'summary' && summary.summary).toMatchObject({
      valid: true,
      counts: { channels: 1, intervalDays: 2, intervalEvents: 3, b2bDetails: 1 },
    });
  });

  it('takes 1440 / IntervalLength values: 288 for 5 minutes, 96 for 15; another count is an error at the 300', async () => {
    const five = await validateNem12(bytesOf(nem12File(record200({ IntervalLength: '5' }), record300({}, 5))));
    expect(five).toMatchObject({ valid: true, counts: { intervalDays: 1 } });
    const mixed = await validateNem12(bytesOf(nem12File(record200(), record300({}, 15))));
    expect(mixed.errors).toEqual([
      expect.objectContaining({
        line: 3,
        code: 'NEM12_FIELD_COUNT',
        message: 'a 300 record has 55 fields for 30-minute data (48 values), found 103',
      }),
    ]);
  });

  it('rejects a 300 without its MSATSLoadDateTime field, and accepts trailing padding silently', async () => {
    const short = record300().split(',').slice(0, -1).join(',');
    const summary = await validateNem12(bytesOf(nem12File(record200(), short)));
    expect(summary.errors.map((e) => [e.line, e.code])).toEqual([[3, 'NEM12_FIELD_COUNT']]);
    const padded = await validateNem12(bytesOf(`${HEADER},,\r\n${record200()},,,\r\n${record300()},,,,\r\n900,,`));
    expect(padded).toMatchObject({ valid: true, errorCount: 0, warningCount: 0 });
  });

  it('says where the 400s of a V day stop short: at the record after them, or at the next one when there are none', async () => {
    const withB2b = await validateNem12(
      bytesOf(nem12File(record200(), vDay(), record400({ EndInterval: '47' }), record500())),
    );
    expect(withB2b.errors.map((e) => [e.line, e.code, e.message])).toEqual([
      [5, 'NEM12_INCOMPLETE_400', 'the 400 records of the V day at line 3 end at interval 47, not 48'],
    ]);
    const none = await validateNem12(bytesOf(nem12File(record200(), vDay(), record300())));
    expect(none.errors.map((e) => [e.line, e.code])).toEqual([[4, 'NEM12_INCOMPLETE_400']]);
  });

  it('does not yield a day with an error in its 300 or its 400s, and still checks the rest', async () => {
    const items = await itemsOf(
      nem12File(
        record200(),
        record300({ IntervalValue2: 'x' }),
        vDay({ IntervalDate: '20040202' }),
        record400({ QualityMethod: 'Q' }),
        record300({ IntervalDate: '20040203' }),
      ),
    );
    expect(daysOf(items).map((day) => day.intervalDate)).toEqual(['2004-02-03']);
    const summary = items.at(-1);
    expect(summary?.kind === 'summary' && summary.summary.errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'IntervalValue2'],
      [5, 'QualityMethod'],
    ]);
  });

  it('checks the days of a 200 that has another error, and reports no more for a 200 without an interval length', async () => {
    const summary = await validateNem12(
      bytesOf(
        nem12File(
          record200({ NMI: 'bad' }),
          record300({ IntervalDate: '2004' }),
          record200({ IntervalLength: '' }),
          record300(),
          record400(),
        ),
      ),
    );
    expect(summary.errors.map((e) => [e.line, e.code])).toEqual([
      [2, 'NEM12_BAD_NMI'],
      [3, 'NEM12_BAD_DATE'],
      [4, 'NEM12_MISSING_FIELD'],
    ]);
  });

  it('reads a NMI such as nmi1 only with the relaxed rule, for diagnostics', async () => {
    const text = nem12File(record200({ NMI: 'nmi1' }), record300());
    expect((await validateNem12(bytesOf(text))).errors.map((e) => e.code)).toEqual(['NEM12_BAD_NMI']);
    expect(await validateNem12(bytesOf(text), { nmiRule: 'relaxed' })).toMatchObject({ valid: true });
  });

  it('reads lines split across chunks at any byte', async () => {
    const encoded = new TextEncoder().encode(nem12File(record200(), vDay(), record400(), record500()));
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < encoded.length; i += 7) chunks.push(encoded.subarray(i, i + 7));
    const days = daysOf(await itemsOf(...chunks));
    expect(days).toHaveLength(1);
    expect(days[0]?.events).toHaveLength(1);
    expect(days[0]?.b2bDetails).toHaveLength(1);
  });

  it('survives random binary content with errors, not exceptions', async () => {
    const noise = new Uint8Array(200_000);
    let seed = 11;
    for (let i = 0; i < noise.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      noise[i] = seed & 0xff;
    }
    const summary = await validateNem12(bytesOf(`${HEADER}\n`, noise));
    expect(summary.valid).toBe(false);
    expect(summary.errors.length).toBeGreaterThan(0);
  });
});

describe('canonicalIntervalValue', () => {
  it.each([
    ['12', '12'],
    ['1.250', '1.250'],
    ['.5', '0.5'],
    ['0', '0'],
    ['0.000', '0.000'],
    ['007.10', '7.10'],
    ['000', '0'],
  ])('reads %s as %s', (text, value) => {
    expect(canonicalIntervalValue(text)).toBe(value);
  });

  it.each(['', '.', '1.', '-1', '+1', '1e3', '1.2.3', ' 1', 'x'])('rejects %j', (text) => {
    expect(canonicalIntervalValue(text)).toBeNull();
  });
});
