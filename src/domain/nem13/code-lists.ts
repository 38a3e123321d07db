/** Value lists from the MDFF specification (SPEC.md sections 5 and 6). */

export const QUALITY_FLAGS = ['A', 'E', 'S', 'F', 'N'] as const;
export type QualityFlag = (typeof QUALITY_FLAGS)[number];

export const QUALITY_FLAG_MEANINGS: Record<QualityFlag, string> = {
  A: 'Actual reading',
  E: 'Forward estimate',
  S: 'Substituted',
  F: 'Final substitute',
  N: 'Null data (legacy)',
};

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
