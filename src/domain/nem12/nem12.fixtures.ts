/** Builders for small NEM12 texts used by the reader's tests (not shipped: only tests import it). */
import { intervalDayFieldNames, NEM12_FIELD_NAMES } from './reader.js';
import type { IntervalLength } from './records.js';

export const HEADER = '100,NEM12,200405011135,MDA1,Ret1';
export const END = '900';

const BASE_200 = '200,VABD000163,E1Q1,1,E1,N1,METSER123,kWh,30,20040301';
const BASE_400 = '400,1,48,A,,';
const BASE_500 = '500,O,S01009,20040201120000,';

function withFields(base: string, names: readonly string[], overrides: Record<string, string>): string {
  const fields = base.split(',');
  for (const [name, value] of Object.entries(overrides)) {
    const index = names.indexOf(name);
    if (index < 0) throw new Error(`unknown field ${name}`);
    fields[index] = value;
  }
  return fields.join(',');
}

/** A valid 200 line with some fields replaced, by their specification names. */
export function record200(overrides: Record<string, string> = {}): string {
  return withFields(BASE_200, NEM12_FIELD_NAMES['200'], overrides);
}

/** A valid 300 line for `length`-minute data: every value 1.111 unless given, quality A. */
export function record300(overrides: Record<string, string> = {}, length: IntervalLength = 30): string {
  const values = Array.from({ length: 1440 / length }, () => '1.111');
  const base = ['300', '20040201', ...values, 'A', '', '', '20040202120025', ''].join(',');
  return withFields(base, intervalDayFieldNames(length), overrides);
}

export function record400(overrides: Record<string, string> = {}): string {
  return withFields(BASE_400, NEM12_FIELD_NAMES['400'], overrides);
}

export function record500(overrides: Record<string, string> = {}): string {
  return withFields(BASE_500, NEM12_FIELD_NAMES['500'], overrides);
}

/** Header, the given lines, end; LF line ends. */
export function nem12File(...lines: string[]): string {
  return [HEADER, ...lines, END].join('\n');
}

export { bytesOf } from '../nem13/nem13.fixtures.js';
