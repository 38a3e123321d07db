import { describe, expect, it } from 'vitest';
import { intervalDayLayout, RECORD_200, RECORD_400, RECORD_500 } from '../nem12/catalogue.js';
import { RECORD_250, RECORD_550 } from '../nem13/catalogue.js';
import { keysOf, maxLengthOf, RECORD_100, RECORD_900, recordSpec, required } from './catalogue.js';
import { TRANSACTION_CODES, UOMS } from './code-lists.js';

const RECORDS = [RECORD_100, RECORD_200, RECORD_250, RECORD_400, RECORD_500, RECORD_550, RECORD_900];

describe('the field catalogue', () => {
  it('places each field where its name is, after the record indicator', () => {
    for (const record of RECORDS) {
      expect(record.names[0]).toBe('RecordIndicator');
      expect(record.names).toHaveLength(record.fields.length + 1);
      for (const key of keysOf(record)) {
        const at = (record.at as Record<string, number>)[key];
        expect(record.names[at ?? -1]).toBe((record.field as Record<string, { name: string }>)[key]?.name);
      }
    }
  });

  it('lays out a 300 for each interval length: date, the values, then the trailing fields', () => {
    for (const values of [48, 96, 288]) {
      const { names, at } = intervalDayLayout(values);
      expect(names).toHaveLength(values + 7);
      expect(names[at.intervalDate]).toBe('IntervalDate');
      expect(names[at.firstValue]).toBe('IntervalValue1');
      expect(names[at.firstValue + values - 1]).toBe(`IntervalValue${values}`);
      expect(names[at.quality]).toBe('QualityMethod');
      expect(names[at.msatsLoadedAt]).toBe('MSATSLoadDateTime');
      expect(at.msatsLoadedAt).toBe(names.length - 1);
    }
  });

  it("points at the domain's code lists and gives lengths only to text and decimals", () => {
    expect(RECORD_250.field.uom.type).toEqual({ kind: 'uom', codes: UOMS });
    expect(RECORD_500.field.transactionCode.type).toEqual({ kind: 'transactionCode', codes: TRANSACTION_CODES });
    expect(maxLengthOf(RECORD_250.field.meterSerialNumber)).toBe(12);
    expect(maxLengthOf(RECORD_250.field.quantity)).toBe(15);
    expect(() => maxLengthOf(RECORD_250.field.nmi)).toThrow(/nmi, which has no length/);
    expect(RECORD_400.field.startInterval.required).toBe(true);
  });

  it('refuses a record that uses a key twice', () => {
    expect(() =>
      recordSpec('999', [required('a', 'A', { kind: 'date' }), required('a', 'B', { kind: 'date' })]),
    ).toThrow(/field key a is used twice/);
  });
});
