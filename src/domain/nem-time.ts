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

function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

export type DateTimeFormat = 'CCYYMMDD' | 'CCYYMMDDhhmm' | 'CCYYMMDDhhmmss';

const FORMAT_LENGTH: Record<DateTimeFormat, number> = {
  CCYYMMDD: 8,
  CCYYMMDDhhmm: 12,
  CCYYMMDDhhmmss: 14,
};

export type DateProblem = 'length' | 'not-digits' | 'not-a-date' | 'not-a-time';

export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** Parses a NEM date or date-time field; answers the parts or why the text is not one. */
export function parseNemDateParts(text: string, format: DateTimeFormat): DateParts | DateProblem {
  if (text.length !== FORMAT_LENGTH[format]) return 'length';
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 4, 2);
  const day = digitsAt(text, 6, 2);
  const hour = format === 'CCYYMMDD' ? 0 : digitsAt(text, 8, 2);
  const minute = format === 'CCYYMMDD' ? 0 : digitsAt(text, 10, 2);
  const second = format === 'CCYYMMDDhhmmss' ? digitsAt(text, 12, 2) : 0;
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return 'not-digits';
  if (year < 1 || month < 1 || month > 12 || day < 1) return 'not-a-date';
  const monthDays = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (day > monthDays) return 'not-a-date';
  if (hour > 23 || minute > 59 || second > 59) return 'not-a-time';
  return { year, month, day, hour, minute, second };
}

function pad(value: number, width: number): string {
  return value.toString().padStart(width, '0');
}

export function toNemInstant(parts: DateParts): NemInstant {
  return `${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)}T${pad(parts.hour, 2)}:${pad(
    parts.minute,
    2,
  )}:${pad(parts.second, 2)}${NEM_TIME_OFFSET}` as NemInstant;
}

export function toCalendarDate(parts: DateParts): CalendarDate {
  return `${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)}` as CalendarDate;
}

/** Milliseconds since the Unix epoch of an instant written in any ISO offset. */
export function instantEpochMs(instant: string): number {
  return Date.parse(instant);
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
