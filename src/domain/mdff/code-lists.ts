/** Value lists from the MDFF specification (NEM13 SPEC.md sections 5 and 6, NEM12 SPEC.md section 4). */

/** The quality flags of register reads (NEM13). */
export const QUALITY_FLAGS = ['A', 'E', 'S', 'F', 'N'] as const;
export type QualityFlag = (typeof QUALITY_FLAGS)[number];

/** Interval data (NEM12) adds V: the day mixes flags, and its 400 records give them per interval. */
export const INTERVAL_QUALITY_FLAGS = [...QUALITY_FLAGS, 'V'] as const;
export type IntervalQualityFlag = (typeof INTERVAL_QUALITY_FLAGS)[number];

/** The flags one interval can have: all but V, which says a day mixes them. */
export type PerIntervalQualityFlag = Exclude<IntervalQualityFlag, 'V'>;
export const PER_INTERVAL_QUALITY_FLAGS: readonly PerIntervalQualityFlag[] = INTERVAL_QUALITY_FLAGS.filter(
  (flag): flag is PerIntervalQualityFlag => flag !== 'V',
);

/**
 * Each flag in words: a short `word` for legends and counts ("4 actual, 20 estimated") and its `meaning`
 * as the specification gives it. The admin takes both from here.
 */
export const QUALITY_FLAG_WORDS: Readonly<
  Record<IntervalQualityFlag, { readonly word: string; readonly meaning: string }>
> = {
  A: { word: 'Actual', meaning: 'Actual reading' },
  E: { word: 'Estimated', meaning: 'Forward estimate' },
  S: { word: 'Substituted', meaning: 'Substituted' },
  F: { word: 'Final substitute', meaning: 'Final substitute' },
  N: { word: 'Null', meaning: 'Null data (legacy)' },
  V: { word: 'Variable', meaning: 'Variable (per-interval quality in 400 records)' },
};

export const QUALITY_FLAG_MEANINGS: Readonly<Record<IntervalQualityFlag, string>> = Object.fromEntries(
  INTERVAL_QUALITY_FLAGS.map((flag) => [flag, QUALITY_FLAG_WORDS[flag].meaning]),
) as Record<IntervalQualityFlag, string>;

export function isIntervalQualityFlag(text: string): text is IntervalQualityFlag {
  return (INTERVAL_QUALITY_FLAGS as readonly string[]).includes(text);
}

/** `['A', 'E', 'S']` as people write it: `A, E or S`. */
export function orList(items: readonly string[]): string {
  return listed(items, 'or');
}

/** `a, b and c` or `a, b or c`, for messages. */
export function listed(items: readonly string[], conjunction: 'and' | 'or'): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1) ?? ''}`;
}

export const DIRECTIONS = ['E', 'I'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const TRANSACTION_CODES = ['A', 'C', 'G', 'D', 'E', 'N', 'O', 'S', 'R'] as const;
export type TransactionCode = (typeof TRANSACTION_CODES)[number];

export const TRANSACTION_CODE_MEANINGS: Record<TransactionCode, string> = {
  A: 'Alteration',
  C: 'Meter reconfiguration',
  G: 'Re-energisation',
  D: 'De-energisation',
  E: 'Estimate',
  N: 'Normal scheduled read',
  O: 'Other',
  S: 'Special read',
  R: 'Meter removed',
};

/** The method family of basic (accumulation) meters; others are accepted with a warning. */
export const BASIC_METER_METHODS = { min: 61, max: 69 } as const;

/** The method families of interval meters: 11-19 (types 1-4) and 51-59 (types 5-7). */
export function isIntervalMeterMethod(method: number): boolean {
  return (method >= 11 && method <= 19) || (method >= 51 && method <= 59);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Reason codes current in MDFF v2.6. */
export const CURRENT_REASON_CODES: ReadonlySet<number> = new Set([
  ...range(0, 3),
  ...range(5, 15),
  17,
  18,
  ...range(20, 29),
  ...range(31, 45),
  47,
  48,
  ...range(51, 55),
  60,
  61,
  62,
  64,
  65,
  ...range(67, 69),
  ...range(71, 81),
  87,
  89,
  ...range(100, 109),
]);

/** Reason codes withdrawn from the specification, still found in historical data. */
export const OBSOLETE_REASON_CODES: ReadonlySet<number> = new Set([
  4,
  16,
  19,
  30,
  46,
  49,
  50,
  58,
  70,
  ...range(82, 86),
  88,
  ...range(90, 99),
]);

/** Units of measure, keyed by their upper-case spelling, valued by the normalised spelling. */
const UNITS = [
  'MWh',
  'kWh',
  'Wh',
  'MW',
  'kW',
  'W',
  'MVArh',
  'kVArh',
  'VArh',
  'MVAr',
  'kVAr',
  'VAr',
  'MVAh',
  'kVAh',
  'VAh',
  'MVA',
  'kVA',
  'VA',
  'kV',
  'V',
  'kA',
  'A',
  'pf',
] as const;
export type Uom = (typeof UNITS)[number];
export const UOMS: readonly Uom[] = UNITS;

const UOM_BY_UPPER: ReadonlyMap<string, Uom> = new Map(UNITS.map((unit) => [unit.toUpperCase(), unit]));

export function normaliseUom(text: string): Uom | undefined {
  return UOM_BY_UPPER.get(text.toUpperCase());
}

/** Short descriptions of the reason codes (MDFF v2.6, SPEC.md section 5); obsolete ones as found in old files. */
export const REASON_CODE_DESCRIPTIONS: Readonly<Record<number, string>> = {
  0: 'Free text (see the description)',
  1: 'Meter or equipment changed',
  2: 'Extreme weather',
  3: 'Quarantined premises',
  5: 'Blank screen',
  6: 'De-energised premises',
  7: 'Unable to locate meter',
  8: 'Vacant premises',
  9: 'Under investigation',
  10: 'Lock damaged',
  11: 'In wrong route',
  12: 'Locked premises',
  13: 'Locked gate',
  14: 'Locked meter box',
  15: 'Overgrown vegetation',
  17: 'Unsafe equipment or location',
  18: 'Read less than previous',
  20: 'Damaged equipment or panel',
  21: 'Main switch off',
  22: 'Seals missing',
  23: 'Reader error',
  24: 'Substituted or replaced data',
  25: 'Unable to locate premises',
  26: 'Negative consumption (generation)',
  27: 'Retailer of last resort (RoLR)',
  28: 'CT/VT fault',
  29: 'Relay faulty',
  31: 'Not all meters read',
  32: 'Re-energised without readings',
  33: 'De-energised without readings',
  34: 'Meter not in handheld',
  35: 'Timeswitch faulty',
  36: 'Meter high or ladder required',
  37: 'Meter under churn',
  38: 'Unmarried lock',
  39: 'Reverse energy observed',
  40: 'Unrestrained livestock',
  41: 'Faulty display or dials',
  42: 'Channel added or removed',
  43: 'Power outage',
  44: 'Meter testing',
  45: 'Readings failed to validate',
  47: 'Refused access',
  48: 'Dog on premises',
  51: 'Installation demolished',
  52: 'Access blocked',
  53: 'Pests in meter box',
  54: 'Meter box damaged',
  55: 'Dials obscured',
  60: 'Illegal connection',
  61: 'Equipment tampered',
  62: 'NSRD window expired',
  64: 'Key required',
  65: 'Wrong key',
  67: 'Transfer',
  68: 'Zero consumption',
  69: 'Reading exceeds substitute',
  71: 'Probe read error',
  72: 'Re-calculated from actuals',
  73: 'Low consumption',
  74: 'High consumption',
  75: 'Customer read',
  76: 'Communications fault',
  77: 'Estimation forecast',
  78: 'Null data',
  79: 'Power outage alarm',
  80: 'Short interval alarm',
  81: 'Long interval alarm',
  87: 'Reset occurred',
  89: 'Time reset occurred',
  100: 'Incorrect multiplier',
  101: 'Temporarily unmetered',
  102: 'Customer by-pass',
  103: 'Network by-pass',
  104: 'Transposed channel',
  105: 'Transposed unit of measure',
  106: 'Transposed polarity',
  107: 'Transposed meter',
  108: 'Network by-pass (extreme weather)',
  109: 'Defined load method',
};

/** What a reason code means, for people; obsolete and unknown ones say so. */
export function reasonCodeMeaning(code: number): string {
  const described = REASON_CODE_DESCRIPTIONS[code];
  if (described !== undefined) return described;
  if (OBSOLETE_REASON_CODES.has(code)) return 'Obsolete reason code (historical data)';
  return 'Unknown reason code';
}

/** Method codes (the 2 digits after an E, S or F quality flag), as SPEC.md section 5 groups them. */
const METHOD_MEANINGS: Readonly<Record<number, string>> = {
  61: 'previous year',
  62: 'previous read',
  63: 'customer class',
  64: 'agreed',
  65: 'average daily load (ADL)',
  66: 'revision',
  67: 'customer read',
  68: 'zero',
  69: 'linear extrapolation',
};

/** What a method code means (`62`: previous read), with its meter family when it has no name of its own. */
export function methodMeaning(method: number): string {
  const named = METHOD_MEANINGS[method];
  if (named !== undefined) return `method ${method}, ${named}`;
  if (method >= 11 && method <= 25) return `method ${method} (interval meters)`;
  if (method >= 51 && method <= 59) return `method ${method} (manually read interval meters)`;
  if (method >= 71 && method <= 75) return `method ${method} (unmetered)`;
  return `method ${method}`;
}

/**
 * A quality flag with its method in words: `E62` is "Forward estimate, method 62, previous read"; `A`
 * is "Actual reading". Text that is not a quality says so.
 */
export function qualityMethodMeaning(text: string): string {
  const match = /^([A-Za-z])(\d{2})?$/.exec(text.trim());
  const flag = match?.[1]?.toUpperCase();
  if (match === null || flag === undefined || !isIntervalQualityFlag(flag)) {
    return `Unknown quality ${JSON.stringify(text)}`;
  }
  const meaning = QUALITY_FLAG_MEANINGS[flag];
  return match[2] === undefined ? meaning : `${meaning}, ${methodMeaning(Number(match[2]))}`;
}

/**
 * A register's direction as support staff say it: in MDFF, `E` is energy exported *from the grid* to the
 * customer (consumption) and `I` energy imported *into the grid* (generation, such as solar).
 */
export const DIRECTION_WORDS: Readonly<Record<Direction, { readonly word: string; readonly term: string }>> = {
  E: { word: 'Consumption', term: 'E: export from the grid (the customer consumes)' },
  I: { word: 'Generation', term: 'I: import to the grid (the customer generates)' },
};
