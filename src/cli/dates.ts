import { InvalidArgumentError } from 'commander';
import { nemInstantFromDateTime14 } from '../domain/nem-time.js';

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

const DURATION = /^(\d{1,5})([dhm])$/;
const UNIT_MS = { d: DAY_MS, h: 3600_000, m: 60_000 } as const;

/**
 * When something ends, given as a duration from now (`90d`, `12h`, `30m`), a day in NEM time (its end)
 * or an instant with an offset; it must be in the future.
 */
export function parseExpiry(value: string, now = new Date()): Date {
  const duration = DURATION.exec(value.trim());
  let at: Date;
  if (duration !== null) {
    at = new Date(now.getTime() + Number(duration[1]) * UNIT_MS[duration[2] as keyof typeof UNIT_MS]);
  } else {
    try {
      at = parseDateOption(value, 'to');
    } catch {
      throw new InvalidArgumentError(
        `"${value}" is not a duration (90d, 12h, 30m), a day (YYYY-MM-DD) or an instant with an offset`,
      );
    }
  }
  if (at.getTime() <= now.getTime() || Number(duration?.[1] ?? 1) === 0) {
    throw new InvalidArgumentError(`"${value}" is not in the future`);
  }
  return at;
}

const PRINTED_INSTANT = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d(?::\d\d)?)\s*([zZ]|[+-]\d\d:?\d\d)$/;

/**
 * One instant, as a person copies it: ISO 8601 with its offset, as nem prints it (`2004-01-07 10:03:33
 * +10:00`), or as a flow file writes it (CCYYMMDDhhmmss, NEM time).
 */
export function parseInstantOption(value: string): Date {
  const text = value.trim();
  if (/^\d{14}$/.test(text)) {
    const instant = nemInstantFromDateTime14(text);
    if (instant === null) throw new InvalidArgumentError(`"${value}" is not a real date and time (CCYYMMDDhhmmss)`);
    return new Date(instant);
  }
  const printed = PRINTED_INSTANT.exec(text);
  const iso = printed === null ? text : `${printed[1]}T${printed[2]}${printed[3]}`;
  const instant = Date.parse(iso);
  if (Number.isNaN(instant) || !/[zZ]|[+-]\d\d:?\d\d$/.test(iso) || !/^\d{4}-\d\d-\d\dT/.test(iso)) {
    throw new InvalidArgumentError(
      `"${value}" is not an instant with an offset (2004-01-07T10:03:33+10:00, 2004-01-07 10:03:33 +10:00 or 20040107100333)`,
    );
  }
  return new Date(instant);
}
