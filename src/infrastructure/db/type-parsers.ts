import type { DriverTypeParser } from 'slonik';

/** `2004-01-07 00:03:33.123+00` (PostgreSQL's ISO output) to `2004-01-07T00:03:33.123Z`. */
function timestamptzToIso(value: string): string {
  const iso = value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`unexpected timestamptz text ${JSON.stringify(value)}`);
  return new Date(ms).toISOString();
}

/**
 * How column values come back, the same on PostgreSQL and PGlite: exact decimals stay text (never a
 * float), 64-bit integers become bigint, instants become ISO 8601 strings. Other types keep the
 * driver's defaults (json/jsonb parsed, int4 as number, text as string).
 */
export const TYPE_PARSERS: readonly DriverTypeParser[] = [
  { name: 'numeric', parse: (value) => value },
  { name: 'int8', parse: (value) => BigInt(value) },
  { name: 'timestamptz', parse: timestamptzToIso },
  { name: 'date', parse: (value) => value },
];
