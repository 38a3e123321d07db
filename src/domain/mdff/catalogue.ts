/**
 * The shape of a field catalogue: each MDFF record type described once, field by field, in the order of
 * the specification. The readers take positions, names, lengths and whether a field is required from it;
 * the event codecs take the names. The records both formats share (100, 900) are here; NEM13's 250 and
 * 550 in src/domain/nem13/catalogue.ts; NEM12's 200, 300, 400 and 500 in src/domain/nem12/catalogue.ts.
 */
import type { DateTimeFormat } from '../nem-time.js';
import { MDFF_FORMATS } from './format.js';

/** What a field holds, as the field checks of src/domain/mdff/fields.ts read it. */
export type FieldType =
  | { readonly kind: 'text'; readonly maxLength: number }
  | { readonly kind: 'nmi' }
  | { readonly kind: 'suffix' }
  | { readonly kind: 'direction'; readonly codes: readonly string[] }
  | { readonly kind: 'decimal'; readonly maxLength: number; readonly signed: boolean }
  | { readonly kind: 'instant'; readonly format: DateTimeFormat }
  | { readonly kind: 'date' }
  | { readonly kind: 'quality' }
  | { readonly kind: 'reasonCode' }
  | { readonly kind: 'reasonDescription' }
  | { readonly kind: 'uom'; readonly codes: readonly string[] }
  | { readonly kind: 'transactionCode'; readonly codes: readonly string[] }
  | { readonly kind: 'version'; readonly codes: readonly string[] }
  | { readonly kind: 'intervalLength'; readonly codes: readonly string[] }
  | { readonly kind: 'interval' };

export interface FieldSpec<Key extends string = string> {
  /** The name code sees: events, rows and JSON use it. */
  readonly key: Key;
  /** The name the specification gives, as problems name the field. */
  readonly name: string;
  readonly type: FieldType;
  readonly required: boolean;
}

export interface RecordSpec<Indicator extends string, Key extends string> {
  readonly indicator: Indicator;
  /** The fields after the record indicator, in the file's order. */
  readonly fields: readonly FieldSpec<Key>[];
  /** Every field's specification name, `RecordIndicator` first: what problems name, by position. */
  readonly names: readonly string[];
  /** The position of each field in a line (the record indicator is 0). */
  readonly at: { readonly [K in Key]: number };
  /** Each field's description, by key. */
  readonly field: { readonly [K in Key]: FieldSpec<K> };
}

export function recordSpec<const Indicator extends string, const Key extends string>(
  indicator: Indicator,
  fields: readonly FieldSpec<Key>[],
): RecordSpec<Indicator, Key> {
  const keys = new Set<string>();
  for (const spec of fields) {
    if (keys.has(spec.key)) throw new Error(`record ${indicator}: field key ${spec.key} is used twice`);
    keys.add(spec.key);
  }
  // Made whole by Object.fromEntries: built a key at a time, an object of more than a dozen members
  // becomes a dictionary, and the readers look positions up for every field of millions of lines.
  const at = Object.fromEntries(fields.map((spec, index) => [spec.key, index + 1])) as Record<Key, number>;
  const byKey = Object.fromEntries(fields.map((spec) => [spec.key, spec])) as Record<Key, FieldSpec<Key>>;
  return {
    indicator,
    fields,
    names: ['RecordIndicator', ...fields.map((spec) => spec.name)],
    at,
    field: byKey as { readonly [K in Key]: FieldSpec<K> },
  };
}

/** The length limit of a text or decimal field. */
export function maxLengthOf(spec: FieldSpec): number {
  const { type } = spec;
  if (type.kind === 'text' || type.kind === 'decimal') return type.maxLength;
  throw new TypeError(`field ${spec.name} is ${type.kind}, which has no length of its own`);
}

/** The keys of a record's fields in the file's order. */
export function keysOf<Key extends string>(record: RecordSpec<string, Key>): readonly Key[] {
  return record.fields.map((spec) => spec.key);
}

/** Free text of at most `maxLength` characters. */
export function text(maxLength: number): FieldType {
  return { kind: 'text', maxLength };
}

/** An instant written `CCYYMMDDhhmmss`, in NEM time. */
export const DATE_TIME_14: FieldType = { kind: 'instant', format: 'CCYYMMDDhhmmss' };

/** Field constructors: `required('nmi', 'NMI', { kind: 'nmi' })`. */
export function required<const Key extends string>(key: Key, name: string, type: FieldType): FieldSpec<Key> {
  return { key, name, type, required: true };
}

export function optional<const Key extends string>(key: Key, name: string, type: FieldType): FieldSpec<Key> {
  return { key, name, type, required: false };
}

/**
 * The fields that name a data stream, first in a NEM12 200 and a NEM13 250 alike; the formats differ in
 * whether the register and the meter serial are required (NEM13 reads are of a register of a meter).
 */
export function dataStreamFields(options: { readonly registerAndSerial: boolean }) {
  const registerAndSerial = options.registerAndSerial ? required : optional;
  return [
    required('nmi', 'NMI', { kind: 'nmi' }),
    required('nmiConfiguration', 'NMIConfiguration', text(240)),
    registerAndSerial('registerId', 'RegisterID', text(10)),
    required('nmiSuffix', 'NMISuffix', { kind: 'suffix' }),
    optional('mdmDataStreamIdentifier', 'MDMDataStreamIdentifier', { kind: 'suffix' }),
    registerAndSerial('meterSerialNumber', 'MeterSerialNumber', text(12)),
  ] as const;
}

/** The 100 header of both formats: its VersionHeader tells which (NEM12 or NEM13). */
export const RECORD_100 = recordSpec('100', [
  required('versionHeader', 'VersionHeader', { kind: 'version', codes: MDFF_FORMATS }),
  required('createdAt', 'DateTime', { kind: 'instant', format: 'CCYYMMDDhhmm' }),
  required('fromParticipant', 'FromParticipant', text(10)),
  required('toParticipant', 'ToParticipant', text(10)),
]);

/** The 900 end of both formats: the record indicator alone. */
export const RECORD_900 = recordSpec('900', []);
