import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES, type ProblemCode } from './problems.js';
import { readNem13, validateNem13 } from './reader.js';
import type { Nem13Item, RegisterRead } from './records.js';
import { bytesOf, END, HEADER, nem13File, record250, record550 } from './nem13.fixtures.js';

async function itemsOf(...chunks: Array<string | Uint8Array>): Promise<Nem13Item[]> {
  const items: Nem13Item[] = [];
  for await (const item of readNem13(bytesOf(...chunks))) items.push(item);
  return items;
}

function readsOf(items: Nem13Item[]): RegisterRead[] {
  return items.flatMap((item) => (item.kind === 'registerRead' ? [item.read] : []));
}

const bytes = (...values: number[]) => new Uint8Array(values);

interface Fixture {
  readonly code: ProblemCode;
  readonly content: Array<string | Uint8Array>;
  readonly line: number;
  readonly field: string | null;
}

/** One small file per problem code, with where the problem must be reported. */
const FIXTURES: Fixture[] = [
  { code: 'NEM13_EMPTY_FILE', content: [''], line: 0, field: null },
  { code: 'NEM13_NOT_MDFF', content: ['\n# nem\n\nBack-office service\n'], line: 2, field: null },
  {
    code: 'NEM13_INVALID_UTF8',
    content: [`${HEADER}\n`, bytes(0x32, 0x35, 0x30, 0xff, 0xfe), `\n${END}`],
    line: 2,
    field: null,
  },
  { code: 'NEM13_BINARY_CONTENT', content: [`${HEADER}\n250\u0000,x\n${END}`], line: 2, field: null },
  {
    code: 'NEM13_LINE_TOO_LONG',
    content: [`${HEADER}\n`, '250,'.repeat(512 * 1024), `\n${END}`],
    line: 2,
    field: null,
  },
  { code: 'NEM13_BLANK_LINE', content: [nem13File(record250(), '', record250())], line: 3, field: null },
  { code: 'NEM13_WHITESPACE', content: [nem13File(record250({ UOM: ' kWh' }))], line: 2, field: 'UOM' },
  { code: 'NEM13_UNKNOWN_RECORD', content: [nem13File('999,hello')], line: 2, field: 'RecordIndicator' },
  { code: 'NEM13_NEM12_RECORD', content: [nem13File('300,20040201,1.111')], line: 2, field: 'RecordIndicator' },
  { code: 'NEM13_NEM12_FILE', content: ['100,NEM12,200401101030,MDA1,Ret1\n900'], line: 1, field: 'VersionHeader' },
  { code: 'NEM13_BAD_VERSION', content: ['100,NEM14,200401101030,MDA1,Ret1\n900'], line: 1, field: 'VersionHeader' },
  { code: 'NEM13_MISSING_100', content: [`${record250()}\n${END}`], line: 1, field: 'RecordIndicator' },
  { code: 'NEM13_DUPLICATE_100', content: [nem13File(record250(), HEADER)], line: 3, field: 'RecordIndicator' },
  { code: 'NEM13_MISSING_900', content: [`${HEADER}\n${record250()}\n`], line: 2, field: 'RecordIndicator' },
  {
    code: 'NEM13_AFTER_900',
    content: [`${nem13File(record250())}\n${record250()}`],
    line: 4,
    field: 'RecordIndicator',
  },
  { code: 'NEM13_ORPHAN_550', content: [nem13File(record550())], line: 2, field: 'RecordIndicator' },
  {
    code: 'NEM13_DUPLICATE_550',
    content: [nem13File(record250(), record550(), record550())],
    line: 4,
    field: 'RecordIndicator',
  },
  {
    code: 'NEM13_FIELD_COUNT',
    content: [nem13File(record250().split(',').slice(0, 22).join(','))],
    line: 2,
    field: null,
  },
  {
    code: 'NEM13_MISSING_FIELD',
    content: [nem13File(record250({ MeterSerialNumber: '' }))],
    line: 2,
    field: 'MeterSerialNumber',
  },
  {
    code: 'NEM13_TOO_LONG',
    content: [nem13File(record250({ MeterSerialNumber: 'ABCDEFGHIJKLM' }))],
    line: 2,
    field: 'MeterSerialNumber',
  },
  {
    code: 'NEM13_BAD_DATE',
    content: [nem13File(record250({ CurrentRegisterReadDateTime: '20040230135331' }))],
    line: 2,
    field: 'CurrentRegisterReadDateTime',
  },
  { code: 'NEM13_BAD_NUMBER', content: [nem13File(record250({ Quantity: '8. 77' }))], line: 2, field: 'Quantity' },
  {
    code: 'NEM13_BAD_DIRECTION',
    content: [nem13File(record250({ DirectionIndicator: 'X' }))],
    line: 2,
    field: 'DirectionIndicator',
  },
  { code: 'NEM13_BAD_NMI', content: [nem13File(record250({ NMI: 'VABC00589O' }))], line: 2, field: 'NMI' },
  { code: 'NEM13_BAD_SUFFIX', content: [nem13File(record250({ NMISuffix: '01' }))], line: 2, field: 'NMISuffix' },
  {
    code: 'NEM13_BAD_QUALITY',
    content: [nem13File(record250({ CurrentQualityMethod: 'V' }))],
    line: 2,
    field: 'CurrentQualityMethod',
  },
  {
    code: 'NEM13_BAD_REASON',
    content: [nem13File(record250({ CurrentReasonCode: 'AB' }))],
    line: 2,
    field: 'CurrentReasonCode',
  },
  { code: 'NEM13_BAD_UOM', content: [nem13File(record250({ UOM: 'kWhh' }))], line: 2, field: 'UOM' },
  {
    code: 'NEM13_BAD_TRANSACTION_CODE',
    content: [nem13File(record250(), record550({ CurrentTransCode: 'X' }))],
    line: 3,
    field: 'CurrentTransCode',
  },
  {
    code: 'NEM13_NULL_QUALITY',
    content: [nem13File(record250({ CurrentQualityMethod: 'N' }))],
    line: 2,
    field: 'CurrentQualityMethod',
  },
  {
    code: 'NEM13_METHOD_MISSING',
    content: [nem13File(record250({ CurrentQualityMethod: 'E' }))],
    line: 2,
    field: 'CurrentQualityMethod',
  },
  {
    code: 'NEM13_METHOD_OUT_OF_RANGE',
    content: [nem13File(record250({ CurrentQualityMethod: 'S52', CurrentReasonCode: '45' }))],
    line: 2,
    field: 'CurrentQualityMethod',
  },
  {
    code: 'NEM13_PREVIOUS_ESTIMATE',
    content: [nem13File(record250({ PreviousQualityMethod: 'E64' }))],
    line: 2,
    field: 'PreviousQualityMethod',
  },
  {
    code: 'NEM13_OBSOLETE_REASON',
    content: [nem13File(record250({ CurrentReasonCode: '82' }))],
    line: 2,
    field: 'CurrentReasonCode',
  },
  {
    code: 'NEM13_UNKNOWN_REASON',
    content: [nem13File(record250({ CurrentReasonCode: '56' }))],
    line: 2,
    field: 'CurrentReasonCode',
  },
  {
    code: 'NEM13_REASON_REQUIRED',
    content: [nem13File(record250({ CurrentQualityMethod: 'S61' }))],
    line: 2,
    field: 'CurrentReasonCode',
  },
  {
    code: 'NEM13_DESCRIPTION_REQUIRED',
    content: [nem13File(record250({ CurrentReasonCode: '0' }))],
    line: 2,
    field: 'CurrentReasonDescription',
  },
  {
    code: 'NEM13_NEGATIVE_QUANTITY',
    content: [nem13File(record250({ Quantity: '-1312.1' }))],
    line: 2,
    field: 'Quantity',
  },
  {
    code: 'NEM13_QUANTITY_MISMATCH',
    content: [nem13File(record250({ Quantity: '1312.2' }))],
    line: 2,
    field: 'Quantity',
  },
];

/** Codes about the container, proven with real archives in the flow-file tests. */
/** Codes the reader never raises: the container's (flow-file.test.ts) and the intake limits' (import tests). */
const CONTAINER_CODES: ProblemCode[] = [
  'NEM13_BAD_ARCHIVE',
  'NEM13_ZIP_MEMBERS',
  'FILE_TOO_LARGE',
  'CONTENT_TOO_LARGE',
];

describe('readNem13 problem codes', () => {
  it('has a fixture for every code', () => {
    const covered = new Set([...FIXTURES.map((f) => f.code), ...CONTAINER_CODES]);
    expect([...Object.keys(PROBLEM_CODES)].filter((code) => !covered.has(code as ProblemCode))).toEqual([]);
  });

  it.each(FIXTURES)('$code at line $line, field $field', async ({ code, content, line, field }) => {
    const summary = await validateNem13(bytesOf(...content));
    const problems = [...summary.errors, ...summary.warnings].filter((p) => p.code === code);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ line, field, code, severity: PROBLEM_CODES[code] });
    expect(problems[0]?.message.length).toBeGreaterThan(10);
    expect(summary.valid).toBe(summary.errors.length === 0);
    if (PROBLEM_CODES[code] === 'error') expect(summary.valid).toBe(false);
  });
});

describe('readNem13 records', () => {
  it('yields the header, each read with its 550, the end and a summary, in order', async () => {
    const items = await itemsOf(
      nem13File(record250(), record550({ PreviousRetServiceOrder: 'SO1' }), record250({ RegisterID: '2' })),
    );
    expect(items.map((item) => item.kind)).toEqual(['header', 'registerRead', 'registerRead', 'end', 'summary']);
    const [first, second] = readsOf(items);
    expect(first?.b2bDetails).toMatchObject({
      line: 3,
      previousTransactionCode: 'N',
      previousRetailerServiceOrder: 'SO1',
      currentTransactionCode: 'E',
      currentRetailerServiceOrder: null,
      sourceText: '550,N,SO1,E,',
    });
    expect(second?.b2bDetails).toBeNull();
    expect(second?.line).toBe(4);
  });

  it('keeps every field: reads as text and exact decimal, NEM-time instants, raw and normalised unit', async () => {
    const [read] = readsOf(await itemsOf(nem13File(record250({ UOM: 'KWH', PreviousRegisterRead: '0000964.00' }))));
    expect(read).toEqual({
      line: 2,
      nmi: 'VABC005890',
      nmiConfiguration: '11',
      registerId: '1',
      nmiSuffix: '11',
      mdmDataStreamIdentifier: '11',
      meterSerialNumber: 'METSER123',
      direction: 'E',
      previous: {
        read: { text: '0000964.00', value: '964.00' },
        readAt: '2003-10-05T09:30:55+10:00',
        quality: { text: 'A', flag: 'A', method: null },
        reasonCode: null,
        reasonDescription: null,
      },
      current: {
        read: { text: '007654.9', value: '7654.9' },
        readAt: '2004-01-07T10:03:33+10:00',
        quality: { text: 'A', flag: 'A', method: null },
        reasonCode: null,
        reasonDescription: null,
      },
      quantity: { text: '1312.1', value: '1312.1' },
      uom: { text: 'KWH', unit: 'kWh' },
      nextScheduledReadDate: '2004-04-07',
      updatedAt: '2004-01-08T10:03:33+10:00',
      msatsLoadedAt: '2004-01-08T09:11:33+10:00',
      b2bDetails: null,
      sourceText: record250({ UOM: 'KWH', PreviousRegisterRead: '0000964.00' }),
    });
  });

  it('accepts CRLF, a BOM, no final newline and padded 100/900 silently', async () => {
    const text = `\uFEFF${HEADER},,,,\r\n${record250()}\r\n900,,,,,,`;
    const summary = await validateNem13(bytesOf(text));
    expect(summary).toMatchObject({
      valid: true,
      errorCount: 0,
      warningCount: 0,
      counts: { registerReads: 1, b2bDetails: 0 },
    });
  });

  it('reads lines split across chunks at any byte, including inside a multi-byte character', async () => {
    const text = nem13File(record250({ CurrentReasonCode: '13', CurrentReasonDescription: 'Gate locked – dog' }));
    const encoded = new TextEncoder().encode(text);
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < encoded.length; i += 7) chunks.push(encoded.subarray(i, i + 7));
    const reads = readsOf(await itemsOf(...chunks));
    expect(reads[0]?.current.reasonDescription).toBe('Gate locked – dog');
  });

  it('reports every error of a file, capped at 1,000 with the number left out', async () => {
    const lines = Array.from({ length: 1500 }, () => record250({ NMI: 'bad' }));
    const summary = await validateNem13(bytesOf(nem13File(...lines)));
    expect(summary.errors).toHaveLength(1000);
    expect(summary.errorCount).toBe(1500);
    expect(summary.omittedErrors).toBe(500);
    expect(summary.errors[999]?.line).toBe(1001);
  });

  it('does not yield a 250 that has an error, and still checks the rest of the file', async () => {
    const items = await itemsOf(nem13File(record250({ Quantity: 'x' }), record250({ UpdateDateTime: '2004' })));
    expect(readsOf(items)).toHaveLength(0);
    const summary = items.at(-1);
    expect(summary?.kind === 'summary' && summary.summary.errors.map((e) => [e.line, e.field])).toEqual([
      [2, 'Quantity'],
      [3, 'UpdateDateTime'],
    ]);
  });

  it('explains a quantity by a dial rollover without a warning', async () => {
    const summary = await validateNem13(
      bytesOf(
        nem13File(
          record250({ PreviousRegisterRead: '99890', CurrentRegisterRead: '02034', Quantity: '2144' }),
          record250({ PreviousRegisterRead: '9999941.00', CurrentRegisterRead: '0000106.00', Quantity: '165' }),
        ),
      ),
    );
    expect(summary.warnings).toEqual([]);
  });

  it('survives random binary content with errors, not exceptions', async () => {
    const noise = new Uint8Array(200_000);
    let seed = 7;
    for (let i = 0; i < noise.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      noise[i] = seed & 0xff;
    }
    const summary = await validateNem13(bytesOf(noise));
    expect(summary.valid).toBe(false);
    expect(summary.errors.length).toBeGreaterThan(0);
  });

  it('says once that a file which is not MDFF at all is not a flow file, naming its first line', async () => {
    const readme = ['# nem', '', 'Back-office service for an energy retailer,', ...Array(500).fill('more, text')];
    const summary = await validateNem13(bytesOf(readme.join('\n')));
    expect(summary.errors).toEqual([
      expect.objectContaining({
        line: 1,
        code: 'NEM13_NOT_MDFF',
        message: expect.stringContaining('its first line is "# nem"'),
      }),
    ]);
    expect(summary.warnings).toEqual([]);
    expect(summary.errorCount).toBe(1);
    const binary = await validateNem13(bytesOf(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0)));
    expect(binary.errors.map((e) => [e.line, e.code, e.message.includes('not text')])).toEqual([
      [1, 'NEM13_NOT_MDFF', true],
    ]);
  });

  it('still reports line by line when the first record is MDFF but the file is broken later', async () => {
    const summary = await validateNem13(bytesOf(`${HEADER}\n# not a record\nhello\n${END}`));
    expect(summary.errors.map((e) => [e.line, e.code])).toEqual([
      [2, 'NEM13_UNKNOWN_RECORD'],
      [3, 'NEM13_UNKNOWN_RECORD'],
    ]);
  });

  it('rejects a 2 MB line without holding it', async () => {
    const summary = await validateNem13(bytesOf(`${HEADER}\n`, 'x'.repeat(2 * 1024 * 1024), `\n${END}`));
    expect(summary.errors.map((e) => [e.line, e.code])).toEqual([[2, 'NEM13_LINE_TOO_LONG']]);
  });
});
