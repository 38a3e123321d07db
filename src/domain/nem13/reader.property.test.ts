import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalDecimal } from '../decimal.js';
import { TRANSACTION_CODES, UOMS } from '../mdff/code-lists.js';
import { Nem13Parser, readNem13 } from './reader.js';
import type { Nem13Summary, RegisterRead } from './records.js';

const NMI_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'.split('');
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('');
const TEXT_CHARS = 'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-./()'.split('');

const chars = (alphabet: string[], min: number, max: number) =>
  fc.array(fc.constantFrom(...alphabet), { minLength: min, maxLength: max }).map((a) => a.join(''));
/** Free text with no spaces at either end (those would be stripped and warned). */
const freeText = (max: number) =>
  chars(TEXT_CHARS, 1, max)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
const digits = (min: number, max: number) => chars('0123456789'.split(''), min, max);
const unsignedDecimal = fc
  .tuple(digits(1, 9), fc.option(digits(1, 4), { nil: undefined }))
  .map(([int, frac]) => (frac === undefined ? int : `${int}.${frac}`));
const signedDecimal = fc.tuple(fc.boolean(), unsignedDecimal).map(([neg, d]) => (neg ? `-${d}` : d));
const suffix = fc
  .tuple(fc.constantFrom(...'123456789'.split('')), fc.constantFrom(...'123456789ABCDEFGHJKLMNPQRSTUVWXYZ'.split('')))
  .map(([a, b]) => a + b);
/** An instant between 1990 and 2060, as its 14-digit NEM-time text. */
const nemDateTime = fc
  .integer({ min: Date.UTC(1990, 0, 1) / 1000, max: Date.UTC(2060, 0, 1) / 1000 })
  .map((seconds) => new Date(seconds * 1000).toISOString().replace(/[-T:]/g, '').slice(0, 14));
const quality = fc.oneof(
  fc.constant('A'),
  fc.tuple(fc.constantFrom('E', 'S', 'F'), fc.integer({ min: 61, max: 69 })).map(([f, m]) => `${f}${m}`),
);
const reasonCode = fc.option(fc.integer({ min: 0, max: 999 }).map(String), { nil: '' });

const readArb = fc.record({
  nmi: chars(NMI_CHARS, 10, 10),
  nmiConfiguration: chars(ALNUM, 1, 12),
  registerId: chars(ALNUM, 1, 10),
  nmiSuffix: suffix,
  mdm: fc.option(suffix, { nil: '' }),
  serial: chars(ALNUM, 1, 12),
  direction: fc.constantFrom('E', 'I'),
  prevRead: unsignedDecimal,
  prevAt: nemDateTime,
  prevQuality: quality,
  prevReason: reasonCode,
  prevDescription: fc.option(freeText(40), { nil: '' }),
  curRead: unsignedDecimal,
  curAt: nemDateTime,
  curQuality: quality,
  curReason: reasonCode,
  curDescription: fc.option(freeText(40), { nil: '' }),
  quantity: signedDecimal,
  uom: fc.constantFrom(...UOMS).chain((u) => fc.constantFrom(u, u.toUpperCase(), u.toLowerCase())),
  nextRead: fc.option(
    nemDateTime.map((d) => d.slice(0, 8)),
    { nil: '' },
  ),
  updatedAt: nemDateTime,
  msatsAt: fc.option(nemDateTime, { nil: '' }),
  b2b: fc.option(
    fc.record({
      previousCode: fc.constantFrom(...TRANSACTION_CODES),
      previousOrder: fc.option(chars(ALNUM, 1, 15), { nil: '' }),
      currentCode: fc.constantFrom(...TRANSACTION_CODES),
      currentOrder: fc.option(chars(ALNUM, 1, 15), { nil: '' }),
    }),
    { nil: undefined },
  ),
});
type GeneratedRead = typeof readArb extends fc.Arbitrary<infer T> ? T : never;

const fileArb = fc.record({
  reads: fc.array(readArb, { minLength: 0, maxLength: 25 }),
  eol: fc.constantFrom('\n', '\r\n'),
  finalNewline: fc.boolean(),
  bom: fc.boolean(),
  chunkSize: fc.integer({ min: 1, max: 4096 }),
});

function line250(r: GeneratedRead): string {
  return [
    '250',
    r.nmi,
    r.nmiConfiguration,
    r.registerId,
    r.nmiSuffix,
    r.mdm,
    r.serial,
    r.direction,
    r.prevRead,
    r.prevAt,
    r.prevQuality,
    r.prevReason,
    r.prevDescription,
    r.curRead,
    r.curAt,
    r.curQuality,
    r.curReason,
    r.curDescription,
    r.quantity,
    r.uom,
    r.nextRead,
    r.updatedAt,
    r.msatsAt,
  ].join(',');
}

function fileText(file: { reads: GeneratedRead[]; eol: string; finalNewline: boolean; bom: boolean }): string {
  const lines = ['100,NEM13,200401101030,MDA1,Ret1'];
  for (const r of file.reads) {
    lines.push(line250(r));
    if (r.b2b)
      lines.push(['550', r.b2b.previousCode, r.b2b.previousOrder, r.b2b.currentCode, r.b2b.currentOrder].join(','));
  }
  lines.push('900');
  return (file.bom ? '\uFEFF' : '') + lines.join(file.eol) + (file.finalNewline ? file.eol : '');
}

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function readAll(bytes: Uint8Array, chunkSize: number) {
  const reads: RegisterRead[] = [];
  let summary: Nem13Summary | undefined;
  for await (const item of readNem13(chunked(bytes, chunkSize))) {
    if (item.kind === 'registerRead') reads.push(item.read);
    if (item.kind === 'summary') summary = item.summary;
  }
  return { reads, summary };
}

const iso = (digits14: string) =>
  `${digits14.slice(0, 4)}-${digits14.slice(4, 6)}-${digits14.slice(6, 8)}T${digits14.slice(8, 10)}:${digits14.slice(10, 12)}:${digits14.slice(12, 14)}+10:00`;
const orNull = (text: string) => (text === '' ? null : text);

describe('readNem13 properties', () => {
  it('reads generated valid files back to the values written', async () => {
    await fc.assert(
      fc.asyncProperty(fileArb, async (file) => {
        const { reads, summary } = await readAll(new TextEncoder().encode(fileText(file)), file.chunkSize);
        expect(summary?.errors).toEqual([]);
        expect(reads).toHaveLength(file.reads.length);
        file.reads.forEach((r, i) => {
          const read = reads[i];
          expect(read).toMatchObject({
            nmi: r.nmi,
            nmiConfiguration: r.nmiConfiguration,
            registerId: r.registerId,
            nmiSuffix: r.nmiSuffix,
            mdmDataStreamIdentifier: orNull(r.mdm),
            meterSerialNumber: r.serial,
            direction: r.direction,
            previous: {
              read: { text: r.prevRead, value: canonicalDecimal(r.prevRead) },
              readAt: iso(r.prevAt),
              quality: { text: r.prevQuality },
              reasonCode: r.prevReason === '' ? null : Number(r.prevReason),
              reasonDescription: orNull(r.prevDescription),
            },
            current: {
              read: { text: r.curRead, value: canonicalDecimal(r.curRead) },
              readAt: iso(r.curAt),
              quality: { text: r.curQuality },
              reasonCode: r.curReason === '' ? null : Number(r.curReason),
              reasonDescription: orNull(r.curDescription),
            },
            quantity: { text: r.quantity, value: canonicalDecimal(r.quantity) },
            uom: { text: r.uom, unit: UOMS.find((u) => u.toUpperCase() === r.uom.toUpperCase()) },
            nextScheduledReadDate:
              r.nextRead === ''
                ? null
                : `${r.nextRead.slice(0, 4)}-${r.nextRead.slice(4, 6)}-${r.nextRead.slice(6, 8)}`,
            updatedAt: iso(r.updatedAt),
            msatsLoadedAt: r.msatsAt === '' ? null : iso(r.msatsAt),
            b2bDetails: r.b2b
              ? {
                  previousTransactionCode: r.b2b.previousCode,
                  previousRetailerServiceOrder: orNull(r.b2b.previousOrder),
                  currentTransactionCode: r.b2b.currentCode,
                  currentRetailerServiceOrder: orNull(r.b2b.currentOrder),
                }
              : null,
            sourceText: line250(r),
          });
        });
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on random mutations of valid files, and always ends with a summary', async () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
      fc.record({
        kind: fc.constant('insert' as const),
        at: fc.nat(),
        bytes: fc.oneof(
          fc.uint8Array({ minLength: 1, maxLength: 50 }),
          fc
            .constantFrom(',', '\n', '\r', '\u0000', '550,N,,E,\n', '100,NEM13,200401101030,A,B\n', '900\n', ' ')
            .map((s) => new TextEncoder().encode(s)),
        ),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fileArb, fc.array(mutation, { minLength: 1, maxLength: 8 }), async (file, mutations) => {
        let bytes = new TextEncoder().encode(fileText(file));
        for (const m of mutations) {
          const at = bytes.length === 0 ? 0 : m.at % bytes.length;
          if (m.kind === 'flip') {
            bytes = bytes.slice();
            if (bytes.length > 0) bytes[at] = m.value;
          } else if (m.kind === 'delete') {
            bytes = new Uint8Array([...bytes.subarray(0, at), ...bytes.subarray(at + m.length)]);
          } else {
            bytes = new Uint8Array([...bytes.subarray(0, at), ...m.bytes, ...bytes.subarray(at)]);
          }
        }
        const { summary } = await readAll(bytes, file.chunkSize);
        expect(summary).toBeDefined();
        expect(summary?.errors.length).toBeLessThanOrEqual(1000);
        expect(summary?.valid).toBe(summary?.errorCount === 0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the pattern fast path', () => {
  /** Every problem and item the parser gives for these lines, with or without the fast path. */
  function outcome(lines: string[], fastPath: boolean) {
    const parser = new Nem13Parser(fastPath);
    lines.forEach((text, i) => parser.line(i + 1, text));
    parser.finish();
    return parser.out;
  }

  it('gives exactly what field-by-field checking gives, for valid and mutated lines', () => {
    const fieldMutation = fc.record({
      field: fc.integer({ min: 0, max: 22 }),
      value: fc.oneof(
        fc.constantFrom(
          '',
          ' ',
          ' 1',
          '1 ',
          'x',
          '-1',
          '1.',
          '.5',
          '99999999999999999',
          '20041301000000',
          'E64',
          'V',
          'N',
          '\t',
          '\u0001',
          'kwh',
          'KWHH',
          '0',
        ),
        fc.string({ maxLength: 20 }),
        fc.stringMatching(/^[A-Z0-9]{1,3}$/),
        fc.stringMatching(/^-?\d{1,16}(\.\d{1,3})?$/),
        fc.stringMatching(/^\d{8}(\d{4}(\d\d)?)?$/),
      ),
    });
    fc.assert(
      fc.property(readArb, fc.array(fieldMutation, { maxLength: 3 }), fc.boolean(), (read, mutations, withB2b) => {
        const fields = line250(read).split(',');
        for (const m of mutations) fields[m.field] = m.value;
        const lines = ['100,NEM13,200401101030,MDA1,Ret1', fields.join(',')];
        if (withB2b && read.b2b)
          lines.push(`550,${read.b2b.previousCode},${mutations[0]?.value ?? ''},${read.b2b.currentCode},`);
        lines.push('900');
        expect(outcome(lines, true)).toEqual(outcome(lines, false));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('the pattern fast path, field by field', () => {
  const base =
    '250,VABC005890,11,1,11,11,METSER123,E,006342.8,20031005093055,A,,,007654.9,20040107100333,A,,,1312.1,kWh,20040407,20040108100333,20040108091133';
  const singles = Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 -.+\t\u0001\u00a0');
  const nearMisses = [
    '',
    '00',
    '000',
    '0000',
    '01',
    '10',
    '99',
    '100',
    '999',
    '1000',
    'A1',
    'E6',
    'E641',
    'S5',
    'AA',
    'kW',
    'KWH',
    'kWhh',
    'pf',
    '1.',
    '.1',
    '-0',
    '-1.5',
    '1.5.5',
    '123456789012345',
    '1234567890123456',
    '20040230135331',
    '20041231235959',
    '20041231240000',
    '2004123123595',
    '200412312359599',
    '20040229',
    '20050229',
    'VABC00589O',
    'VABC00589I',
    'VABC0058901',
    'x'.repeat(10),
    'x'.repeat(11),
    'x'.repeat(12),
    'x'.repeat(13),
    'x'.repeat(15),
    'x'.repeat(16),
    'x'.repeat(240),
    'x'.repeat(241),
  ];
  it('agrees with field-by-field checking on every near-miss value of every field', () => {
    for (let field = 1; field < 23; field++) {
      for (const value of [...singles, ...nearMisses]) {
        const fields = base.split(',');
        fields[field] = value;
        const lines = ['100,NEM13,200401101030,MDA1,Ret1', fields.join(','), '550,N,,E,', '900'];
        const fast = new Nem13Parser(true);
        const slow = new Nem13Parser(false);
        lines.forEach((text, i) => {
          fast.line(i + 1, text);
          slow.line(i + 1, text);
        });
        fast.finish();
        slow.finish();
        expect({ field, value, out: fast.out }).toEqual({ field, value, out: slow.out });
      }
    }
  });
});
