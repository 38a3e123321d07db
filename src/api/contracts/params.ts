/**
 * What the API accepts in parameters, checked where requests enter: what reaches SQL is already known
 * to fit (no NUL or control character, dates PostgreSQL can hold), so no input answers 500.
 */
import { z } from 'zod';
import { parseAsOf } from '../../domain/nem-time.js';
import { hasUnsafeCharacters } from '../../domain/text.js';

/** Text of at most `max` characters with no control, separator or bidirectional-override character. */
export function safeText(max: number, min = 1): z.ZodString {
  return z
    .string()
    .min(min, min === 1 ? 'must not be empty' : `must have at least ${min} characters`)
    .max(max, `must have at most ${max} characters`)
    .refine((value) => !hasUnsafeCharacters(value), 'must not contain control characters');
}

/** Years PostgreSQL can hold and a person can mean: 0001 to 9999, written with four digits. */
const year = (value: string) => Number(value.slice(0, 4)) >= 1;

/** A calendar day, `YYYY-MM-DD`, that exists (2004-02-30 does not). */
export const Day = z.iso.date('expected a real day as YYYY-MM-DD').refine(year, 'the year must be 0001 to 9999');

/** An instant with its offset, e.g. `2004-01-07T10:03:33+10:00` (or `Z`). */
export const Instant = z.iso
  .datetime({ offset: true, error: 'expected an ISO 8601 instant with an offset, e.g. 2004-01-07T10:03:33+10:00' })
  .refine(year, 'the year must be 0001 to 9999');

/** A day in NEM time or an instant with an offset. */
export const DayOrInstant = z.union([Day, Instant], {
  error: 'expected a day as YYYY-MM-DD or an ISO 8601 instant with an offset',
});

/**
 * An "as of" moment (docs/adr/0010-as-of-queries.md): a day, meaning its start (00:00 NEM time), or a date
 * and time, with its offset or without one (NEM time, +10:00).
 */
export const AsOf = z
  .string()
  .max(40, 'must have at most 40 characters')
  .refine((value) => {
    const instant = parseAsOf(value);
    return instant !== null && instant.getUTCFullYear() >= 1 && instant.getUTCFullYear() <= 9999;
  }, 'expected a day as YYYY-MM-DD or a date and time such as 2005-03-03T00:00+10:00 (NEM time without an offset)')
  .describe(
    'Answer as the service knew it at this moment: a day (YYYY-MM-DD: its start, 00:00 NEM time) or a date and time, with its offset or without one (then NEM time, +10:00), e.g. `2005-03-03`, `2005-03-03T09:30`, `2005-03-03T09:30:00Z`. Only files whose FileImported was recorded by then (to the second) count, and of their versions of a register read the one that was winning then. The answer echoes it as `asOf`.',
  );

/** The instant of a value that passed {@link AsOf}. */
export function asOfInstant(value: string): Date {
  const instant = parseAsOf(value);
  if (instant === null) throw new RangeError(`not an as-of moment: ${JSON.stringify(value)}`);
  return instant;
}

const NEM_OFFSET = '+10:00';

/**
 * The instant a `from`/`to` (or `asOf`) value stands for: a plain day starts at 00:00 NEM time; as an
 * upper bound it ends where the next day starts.
 */
export function instantOf(value: string, bound: 'start' | 'end'): Date {
  if (!/^\d{4}-\d\d-\d\d$/.test(value)) return new Date(value);
  const start = Date.parse(`${value}T00:00:00${NEM_OFFSET}`);
  return new Date(bound === 'start' ? start : start + 24 * 3600_000);
}

export const BooleanText = z.enum(['true', 'false']);

/** A keyset page's query parameter: where the previous page ended. */
export const PageCursor = z
  .string()
  .max(200)
  .optional()
  .describe('`nextCursor` of the previous page; absent for the first.');

/** A keyset page's link to the next one. */
export const NextCursor = z.string().nullable().describe('pass as `cursor` for the next page; null on the last page');
