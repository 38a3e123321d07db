/**
 * The codec of ReadingRecorded: what code sees of a stored 250 (and its 550) is a record of named fields,
 * keyed as the field catalogue keys them (src/domain/nem13/catalogue.ts); what is stored is the fields in
 * the catalogue's order, a list that costs no key per field in a million events. This module is the one
 * place that knows a field's position in a stored event.
 */
import { keysOf } from '../mdff/catalogue.js';
import { RECORD_250, RECORD_550, type B2BFieldKey, type ReadingFieldKey } from '../nem13/catalogue.js';

export type { B2BFieldKey, ReadingFieldKey } from '../nem13/catalogue.js';

/** The keys of a 250's fields in the catalogue's order: the order ReadingRecorded stores them in. */
export const READING_FIELD_KEYS: readonly ReadingFieldKey[] = keysOf(RECORD_250);
/** The keys of a 550's fields, likewise. */
export const B2B_FIELD_KEYS: readonly B2BFieldKey[] = keysOf(RECORD_550);

/** Each field of the 250 as sent, surrounding spaces removed; an empty optional field is ''. */
export type ReadingFields = { readonly [K in ReadingFieldKey]: string };
/** Each field of the 550 as sent, likewise. */
export type B2BFields = { readonly [K in B2BFieldKey]: string };

/** A ReadingRecorded event's facts, by name. */
export interface RecordedReading {
  readonly fields: ReadingFields;
  /** The 550 that followed the 250, with its line; null when none did. */
  readonly b2b: { readonly line: number; readonly fields: B2BFields } | null;
}

/** ReadingRecorded's stored data (schema version 2): the fields in the catalogue's order. */
// A type, not an interface: it is an event's data, a record of JSON members.
export type StoredReading = {
  readonly fields: readonly string[];
  readonly b2b: { readonly line: number; readonly fields: readonly string[] } | null;
};

function named<Key extends string>(keys: readonly Key[], values: readonly string[]): { readonly [K in Key]: string } {
  const result = {} as Record<Key, string>;
  for (let i = 0; i < keys.length; i++) result[keys[i] as Key] = values[i] ?? '';
  return result;
}

export function decodeReading(stored: StoredReading): RecordedReading {
  return {
    fields: named(READING_FIELD_KEYS, stored.fields),
    b2b: stored.b2b === null ? null : { line: stored.b2b.line, fields: named(B2B_FIELD_KEYS, stored.b2b.fields) },
  };
}

export function encodeReading(reading: RecordedReading): StoredReading {
  const { b2b } = reading;
  return {
    fields: READING_FIELD_KEYS.map((key) => reading.fields[key]),
    b2b: b2b === null ? null : { line: b2b.line, fields: B2B_FIELD_KEYS.map((key) => b2b.fields[key]) },
  };
}

/** The fields of a record's line after its indicator, each without surrounding spaces (padding dropped). */
function fieldsOfLine(line: string, count: number): string[] {
  const fields = line
    .split(',')
    .slice(1, count + 1)
    .map((field) => field.trim());
  while (fields.length < count) fields.push('');
  return fields;
}

type SourceLines = readonly [line250: string, b2b: { readonly line: number; readonly sourceText: string } | null];

/** What ReadingRecorded stores of a reading's lines as sent: the 250's, and the 550's with its line number. */
export function storedReadingOfLines(...[line250, b2b]: SourceLines): StoredReading {
  return {
    fields: fieldsOfLine(line250, READING_FIELD_KEYS.length),
    b2b: b2b === null ? null : { line: b2b.line, fields: fieldsOfLine(b2b.sourceText, B2B_FIELD_KEYS.length) },
  };
}

/** A reading's facts from its lines as sent (see {@link storedReadingOfLines}). */
export function readingOfLines(...lines: SourceLines): RecordedReading {
  return decodeReading(storedReadingOfLines(...lines));
}

/** The catalogue's name of a field, as problems and people name it: `CurrentQualityMethod`. */
export function readingFieldName(key: ReadingFieldKey): string {
  return RECORD_250.field[key].name;
}

export function b2bFieldName(key: B2BFieldKey): string {
  return RECORD_550.field[key].name;
}
