/**
 * NEM12's own records, field by field (src/domain/mdff/catalogue.ts says how a catalogue is read): the
 * 200 (a channel), the 300 (one day of it), the 400 (a run of a day's intervals with one quality) and the
 * 500 (B2B details). The 300's width depends on its channel's interval length: its values come between
 * its date and its trailing fields ({@link intervalDayLayout}).
 */
import { TRANSACTION_CODES, UOMS } from '../mdff/code-lists.js';
import {
  dataStreamFields,
  DATE_TIME_14,
  optional,
  recordSpec,
  required,
  text,
  type FieldSpec,
} from '../mdff/catalogue.js';

/** The interval lengths a 200 may give, in minutes. */
const INTERVAL_LENGTHS = ['5', '15', '30'] as const;

export const RECORD_200 = recordSpec('200', [
  ...dataStreamFields({ registerAndSerial: false }),
  required('uom', 'UOM', { kind: 'uom', codes: UOMS }),
  required('intervalLength', 'IntervalLength', { kind: 'intervalLength', codes: INTERVAL_LENGTHS }),
  optional('nextScheduledReadDate', 'NextScheduledReadDate', { kind: 'date' }),
]);

/** The 300's one field before its values. */
const INTERVAL_DATE = required('intervalDate', 'IntervalDate', { kind: 'date' });
/** Each of the 300's values: an exact decimal without a sign. */
const INTERVAL_VALUE: FieldSpec<'intervalValue'> = required('intervalValue', 'IntervalValue', {
  kind: 'decimal',
  maxLength: 15,
  signed: false,
});
/** The 300's fields after its values. */
const DAY_TRAILER = recordSpec('300', [
  required('quality', 'QualityMethod', { kind: 'quality' }),
  optional('reasonCode', 'ReasonCode', { kind: 'reasonCode' }),
  optional('reasonDescription', 'ReasonDescription', { kind: 'reasonDescription' }),
  optional('updatedAt', 'UpdateDateTime', DATE_TIME_14),
  optional('msatsLoadedAt', 'MSATSLoadDateTime', DATE_TIME_14),
]);
type TrailerKey = (typeof DAY_TRAILER.fields)[number]['key'];

export interface IntervalDayLayout {
  /** Every field's specification name, `RecordIndicator` first, the values as IntervalValue1 to N. */
  readonly names: readonly string[];
  /** The position of each field in a line; `firstValue` is IntervalValue1's. */
  readonly at: { readonly intervalDate: number; readonly firstValue: number } & { readonly [K in TrailerKey]: number };
}

const layouts = new Map<number, IntervalDayLayout>();

/** The 300 of a channel whose days have `values` intervals (48, 96 or 288). */
export function intervalDayLayout(values: number): IntervalDayLayout {
  const known = layouts.get(values);
  if (known !== undefined) return known;
  const at = Object.fromEntries([
    ['intervalDate', 1],
    ['firstValue', 2],
    ...Object.entries(DAY_TRAILER.at).map(([key, position]) => [key, position + values + 1] as const),
  ]);
  const layout: IntervalDayLayout = {
    names: [
      'RecordIndicator',
      INTERVAL_DATE.name,
      ...Array.from({ length: values }, (_, i) => `${INTERVAL_VALUE.name}${i + 1}`),
      ...DAY_TRAILER.fields.map((spec) => spec.name),
    ],
    at: at as IntervalDayLayout['at'],
  };
  layouts.set(values, layout);
  return layout;
}

export const RECORD_400 = recordSpec('400', [
  required('startInterval', 'StartInterval', { kind: 'interval' }),
  required('endInterval', 'EndInterval', { kind: 'interval' }),
  required('quality', 'QualityMethod', { kind: 'quality' }),
  optional('reasonCode', 'ReasonCode', { kind: 'reasonCode' }),
  optional('reasonDescription', 'ReasonDescription', { kind: 'reasonDescription' }),
]);

export const RECORD_500 = recordSpec('500', [
  required('transactionCode', 'TransCode', { kind: 'transactionCode', codes: TRANSACTION_CODES }),
  optional('retailerServiceOrder', 'RetServiceOrder', text(15)),
  optional('readAt', 'ReadDateTime', DATE_TIME_14),
  optional('indexRead', 'IndexRead', text(15)),
]);
