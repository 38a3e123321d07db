/**
 * NEM time is Australian Eastern Standard Time, a fixed UTC+10:00 all year (no daylight saving).
 * Instants are kept as ISO 8601 strings carrying that offset, which are exact and sort as text.
 */
export type NemInstant = string & { readonly __brand: 'NemInstant' };
/** A calendar date with no time, `YYYY-MM-DD`. */
export type CalendarDate = string & { readonly __brand: 'CalendarDate' };

export const NEM_TIME_OFFSET = '+10:00';
const NEM_OFFSET_MS = 10 * 60 * 60 * 1000;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export type DateTimeFormat = 'CCYYMMDD' | 'CCYYMMDDhhmm' | 'CCYYMMDDhhmmss';

export type DateProblem = 'length' | 'not-digits' | 'not-a-date' | 'not-a-time';

/** The value of the two digits at `i`, or -1 when either is not a digit. */
function pairAt(text: string, i: number): number {
  const hi = text.charCodeAt(i) - 48;
  const lo = text.charCodeAt(i + 1) - 48;
  return hi >= 0 && hi <= 9 && lo >= 0 && lo <= 9 ? hi * 10 + lo : -1;
}

/** Why a NEM date or date-time text is not one, or null when it is. Allocates nothing: runs per field. */
export function checkNemDateText(text: string, format: DateTimeFormat): DateProblem | null {
  const length = format === 'CCYYMMDDhhmmss' ? 14 : format === 'CCYYMMDD' ? 8 : 12;
  if (text.length !== length) return 'length';
  const century = pairAt(text, 0);
  const yy = pairAt(text, 2);
  const month = pairAt(text, 4);
  const day = pairAt(text, 6);
  const hour = length > 8 ? pairAt(text, 8) : 0;
  const minute = length > 8 ? pairAt(text, 10) : 0;
  const second = length > 12 ? pairAt(text, 12) : 0;
  if ((century | yy | month | day | hour | minute | second) < 0) return 'not-digits';
  const year = century * 100 + yy;
  if (year < 1 || month < 1 || month > 12 || day < 1) return 'not-a-date';
  const monthDays = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (day > monthDays) return 'not-a-date';
  if (hour > 23 || minute > 59 || second > 59) return 'not-a-time';
  return null;
}

/**
 * The instant of a NEM date-time text that passed {@link checkNemDateText}, as ISO 8601 with `+10:00`.
 * Built in one call from character codes: this runs for every timestamp of every record, and was three
 * times slower as a template of slices.
 */
export function nemInstantOf(text: string, format: DateTimeFormat): NemInstant {
  const instant = nemInstantFromDateTime14(format === 'CCYYMMDDhhmmss' ? text : `${text.padEnd(12, '0')}00`);
  if (instant === null) throw new RangeError(`not a NEM date-time: ${JSON.stringify(text)}`);
  return instant;
}

/**
 * `checkNemDateText` and `nemInstantOf` in one pass for the 14-digit form, the hottest path of the
 * reader (four or five per record): the instant, or null when the text is not one (ask
 * {@link checkNemDateText} why).
 */
export function nemInstantFromDateTime14(text: string): NemInstant | null {
  if (text.length !== 14) return null;
  const y0 = text.charCodeAt(0);
  const y1 = text.charCodeAt(1);
  const y2 = text.charCodeAt(2);
  const y3 = text.charCodeAt(3);
  const mo0 = text.charCodeAt(4);
  const mo1 = text.charCodeAt(5);
  const d0 = text.charCodeAt(6);
  const d1 = text.charCodeAt(7);
  const h0 = text.charCodeAt(8);
  const h1 = text.charCodeAt(9);
  const mi0 = text.charCodeAt(10);
  const mi1 = text.charCodeAt(11);
  const s0 = text.charCodeAt(12);
  const s1 = text.charCodeAt(13);
  const digits = (c: number) => c >= 48 && c <= 57;
  if (
    !digits(y0) ||
    !digits(y1) ||
    !digits(y2) ||
    !digits(y3) ||
    !digits(mo0) ||
    !digits(mo1) ||
    !digits(d0) ||
    !digits(d1) ||
    !digits(h0) ||
    !digits(h1) ||
    !digits(mi0) ||
    !digits(mi1) ||
    !digits(s0) ||
    !digits(s1)
  ) {
    return null;
  }
  const year = (y0 - 48) * 1000 + (y1 - 48) * 100 + (y2 - 48) * 10 + (y3 - 48);
  const month = (mo0 - 48) * 10 + (mo1 - 48);
  const day = (d0 - 48) * 10 + (d1 - 48);
  if (year < 1 || month < 1 || month > 12 || day < 1) return null;
  if (day > (month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0))) return null;
  if ((h0 - 48) * 10 + (h1 - 48) > 23 || mi0 > 53 || s0 > 53) return null;
  return String.fromCharCode(
    y0,
    y1,
    y2,
    y3,
    45,
    mo0,
    mo1,
    45,
    d0,
    d1,
    84,
    h0,
    h1,
    58,
    mi0,
    mi1,
    58,
    s0,
    s1,
    43,
    49,
    48,
    58,
    48,
    48,
  ) as NemInstant;
}

/** The calendar date of a `CCYYMMDD` text that passed {@link checkNemDateText}. */
export function calendarDateOf(text: string): CalendarDate {
  const c = (i: number) => text.charCodeAt(i);
  return String.fromCharCode(c(0), c(1), c(2), c(3), 45, c(4), c(5), 45, c(6), c(7)) as CalendarDate;
}

/** Renders an instant in NEM time: `2004-01-07 10:03:33 +10:00`. */
export function formatNemTime(instant: string | Date): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  const nem = new Date(ms + NEM_OFFSET_MS);
  return `${nem.toISOString().slice(0, 10)} ${nem.toISOString().slice(11, 19)} ${NEM_TIME_OFFSET}`;
}

/** The ISO form with `+10:00` of any instant. */
export function toNemIso(instant: string | Date): NemInstant {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  const nem = new Date(ms + NEM_OFFSET_MS);
  return `${nem.toISOString().slice(0, 19)}${NEM_TIME_OFFSET}` as NemInstant;
}

/**
 * The same NEM wall-clock time `years` calendar years earlier (29 February becomes 28 February): where a
 * window of "the last 12 months" up to an instant starts.
 */
export function yearsBefore(instant: string, years: number): NemInstant {
  const nem = new Date(Date.parse(instant) + NEM_OFFSET_MS);
  const year = nem.getUTCFullYear() - years;
  const month = nem.getUTCMonth();
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const shifted = new Date(
    Date.UTC(
      year,
      month,
      Math.min(nem.getUTCDate(), lastDay),
      nem.getUTCHours(),
      nem.getUTCMinutes(),
      nem.getUTCSeconds(),
    ),
  );
  // Date.UTC maps years 0-99 to 1900-1999.
  shifted.setUTCFullYear(year);
  return toNemIso(new Date(shifted.getTime() - NEM_OFFSET_MS));
}

/**
 * When interval `index` (1-based) of a NEM12 day ends: `date` 00:00 + index x `lengthMinutes`, in NEM
 * time. The last interval of a day ends at 00:00 of the next day; no day is ever 23 or 25 hours long.
 */
export function intervalEndAt(date: CalendarDate, index: number, lengthMinutes: number): NemInstant {
  const midnight = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  midnight.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  const wallClock = new Date(midnight.getTime() + index * lengthMinutes * 60_000);
  return `${wallClock.toISOString().slice(0, 19)}${NEM_TIME_OFFSET}` as NemInstant;
}

/** When interval `index` (1-based) of a NEM12 day starts: one interval length before it ends. */
export function intervalStartAt(date: CalendarDate, index: number, lengthMinutes: number): NemInstant {
  return intervalEndAt(date, index - 1, lengthMinutes);
}

const AS_OF = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(\.\d{1,9})?)? ?(Z|[+-]\d\d:?\d\d)?)?$/i;

/**
 * An "as of" moment as people write it: a day (`2005-03-03`: its start, 00:00 NEM time), or a date and
 * time (`T` or a space between; to the minute, second or a fraction) with an offset (`Z`, `+10:00`,
 * ` +10:00`) or without one (then NEM time). So the text the service prints for one
 * (`2005-03-03 00:00 +10:00`) reads back as the same instant. Null when it is not a real date and time.
 */
export function parseAsOf(text: string): Date | null {
  const match = AS_OF.exec(text.trim());
  if (match === null) return null;
  const [, year = '', month = '', day = '', hour = '00', minute = '00', second = '00', fraction = '', zone] = match;
  if (checkNemDateText(`${year}${month}${day}${hour}${minute}${second}`, 'CCYYMMDDhhmmss') !== null) return null;
  let offset = NEM_TIME_OFFSET;
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    if (Number(digits.slice(1, 3)) > 23 || Number(digits.slice(3)) > 59) return null;
    offset = `${digits.slice(0, 3)}:${digits.slice(3)}`;
  } else if (zone !== undefined) {
    offset = 'Z';
  }
  const ms = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}${fraction.slice(0, 4)}${offset}`);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** An "as of" instant as the service prints it: `2005-03-03 00:00 +10:00` (seconds only when not 0). */
export function formatAsOf(instant: string | Date): string {
  const full = formatNemTime(instant);
  return full.slice(17, 19) === '00' ? `${full.slice(0, 16)}${full.slice(19)}` : full;
}
