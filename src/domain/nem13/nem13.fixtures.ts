/** Builders for small NEM13 texts used by the reader's tests (not shipped: only tests import it). */
import { NEM13_FIELD_NAMES } from './reader.js';

export const HEADER = '100,NEM13,200401101030,MDA1,Ret1';
export const END = '900';

const BASE_250 =
  '250,VABC005890,11,1,11,11,METSER123,E,006342.8,20031005093055,A,,,007654.9,20040107100333,A,,,1312.1,kWh,20040407,20040108100333,20040108091133';
const BASE_550 = '550,N,,E,';

function withFields(base: string, names: readonly string[], overrides: Record<string, string>): string {
  const fields = base.split(',');
  for (const [name, value] of Object.entries(overrides)) {
    const index = names.indexOf(name);
    if (index < 0) throw new Error(`unknown field ${name}`);
    fields[index] = value;
  }
  return fields.join(',');
}

/** A valid 250 line with some fields replaced, by their specification names. */
export function record250(overrides: Record<string, string> = {}): string {
  return withFields(BASE_250, NEM13_FIELD_NAMES['250'], overrides);
}

export function record550(overrides: Record<string, string> = {}): string {
  return withFields(BASE_550, NEM13_FIELD_NAMES['550'], overrides);
}

/** Header, the given lines, end; LF line ends. */
export function nem13File(...lines: string[]): string {
  return [HEADER, ...lines, END].join('\n');
}

export async function* bytesOf(...chunks: Array<string | Uint8Array>): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  for (const chunk of chunks) yield typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
}
