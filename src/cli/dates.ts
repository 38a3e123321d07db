import { InvalidArgumentError } from 'commander';

const DATE = /^\d{4}-\d\d-\d\d$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A command-line date or instant. A plain date is a day in NEM time (UTC+10): `from` is its start,
 * `to` the start of the next day, so `--from 2004-01-01 --to 2004-01-31` covers all of January.
 */
export function parseDateOption(value: string, bound: 'from' | 'to'): Date {
  if (DATE.test(value)) {
    const start = Date.parse(`${value}T00:00:00+10:00`);
    if (Number.isNaN(start) || new Date(start + 10 * 3600_000).toISOString().slice(0, 10) !== value) {
      throw new InvalidArgumentError(`"${value}" is not a real date (expected YYYY-MM-DD)`);
    }
    return new Date(bound === 'from' ? start : start + DAY_MS);
  }
  const instant = Date.parse(value);
  if (Number.isNaN(instant) || !/[zZ]|[+-]\d\d:?\d\d$/.test(value)) {
    throw new InvalidArgumentError(`"${value}" is not a date (YYYY-MM-DD) or an instant with an offset`);
  }
  return new Date(instant);
}
