import {
  DIRECTION_WORDS,
  isIntervalQualityFlag,
  TRANSACTION_CODE_MEANINGS,
  qualityMethodMeaning,
  reasonCodeMeaning,
  type Direction,
  type TransactionCode,
} from '../../src/domain/mdff/code-lists.js';
import type { Reading } from './api/types.js';

/**
 * Formatting for people: NEM time, code meanings, counts, and the CSV export. Pure functions, no DOM.
 *
 * NEM time is UTC+10:00 all year. The API answers instants as ISO 8601 strings with that offset; they are
 * shown as they are (`2004-01-07 10:03:33 +10:00`), never in the browser's time zone.
 */

const NEM_OFFSET = '+10:00';
const NEM_OFFSET_MS = 10 * 3600_000;
const ISO_INSTANT = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d)(:\d\d)?(\.\d+)?(Z|[+-]\d\d:?\d\d)$/i;

/** The date and time of an instant in NEM time, or null when the text is not an ISO 8601 instant. */
function nemParts(iso: string): { date: string; time: string } | null {
  const match = ISO_INSTANT.exec(iso.trim());
  if (match === null) return null;
  const [, date = '', hm = '', seconds = ':00', , offset = ''] = match;
  if (offset === NEM_OFFSET || offset === '+1000') return { date, time: `${hm}${seconds}` };
  // Another offset (an account's createdAt in UTC, say): the same instant, in NEM time.
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const shifted = new Date(ms + NEM_OFFSET_MS).toISOString();
  return { date: shifted.slice(0, 10), time: shifted.slice(11, 19) };
}

/** `2004-01-07T10:03:33+10:00` → `2004-01-07 10:03:33 +10:00`; null → ''; text that is no instant unchanged. */
export function formatNemTime(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === '') return '';
  const parts = nemParts(iso);
  return parts === null ? iso : `${parts.date} ${parts.time} ${NEM_OFFSET}`;
}

/** The calendar day of an instant in NEM time: `2004-01-07`. */
export function formatNemDate(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === '') return '';
  return nemParts(iso)?.date ?? iso;
}

/** Today's date in NEM time, YYYY-MM-DD (for file names). */
export function nemToday(now: Date = new Date()): string {
  return new Date(now.getTime() + NEM_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The MDFF meaning of a quality flag and its method: `A` → `Actual reading`, `E62` → `Forward estimate,
 * method 62, previous read`.
 */
export function qualityMeaning(flag: string): string {
  const upper = flag.trim().toUpperCase();
  if (isIntervalQualityFlag(upper.slice(0, 1)) && /^[A-Z](\d\d)?$/.test(upper)) return qualityMethodMeaning(upper);
  return `Unknown quality flag "${flag}"`;
}

/** A reason code in words (`27` → `reason 27, Retailer of last resort (RoLR)`), with the file's free text. */
export function reasonMeaning(reasonCode: number | null, reasonDescription: string | null): string {
  if (reasonCode === null) return reasonDescription === null || reasonDescription === '' ? '' : reasonDescription;
  const text = reasonDescription === null || reasonDescription === '' ? '' : `: “${reasonDescription}”`;
  return `reason ${reasonCode}, ${reasonCodeMeaning(reasonCode)}${text}`;
}

/** A reading's quality in one line: the flag and method meaning, with the reason when there is one. */
export function qualityDescription(flag: string, reasonCode: number | null, reasonDescription: string | null): string {
  const reason = reasonMeaning(reasonCode, reasonDescription);
  return `${qualityMeaning(flag)}${reason === '' ? '' : `; ${reason}`}`;
}

function isDirection(code: string): code is Direction {
  return Object.hasOwn(DIRECTION_WORDS, code);
}

/**
 * A register's direction for people (`E` → `Consumption`) with the MDFF term for a title; unknown codes
 * as they are.
 */
export function directionWords(code: string): { readonly word: string; readonly term: string } {
  const upper = code.toUpperCase();
  return isDirection(upper) ? DIRECTION_WORDS[upper] : { word: code, term: `Direction "${code}"` };
}

function isTransactionCode(code: string): code is TransactionCode {
  return Object.hasOwn(TRANSACTION_CODE_MEANINGS, code);
}

/** The MDFF meaning of a B2B transaction code (`N` → `Normal scheduled read`). */
export function transactionMeaning(code: string | null): string {
  if (code === null || code === '') return '';
  const upper = code.toUpperCase();
  return isTransactionCode(upper) ? TRANSACTION_CODE_MEANINGS[upper] : `Unknown transaction code "${code}"`;
}

const COUNT = new Intl.NumberFormat('en-AU');

const DECIMAL = /^([+-]?)(\d+)(\.\d*)?$/;

/**
 * A decimal as text with thousands separators, exactly as given otherwise (`-12345.670` →
 * `-12,345.670`): the digits are grouped as text, never parsed to a float. Text that is no decimal, or
 * has leading zeros as a register's dials do (`00123.40`), comes back unchanged.
 */
export function formatDecimal(text: string): string {
  const match = DECIMAL.exec(text.trim());
  if (match === null || /^[+-]?0\d/.test(text.trim())) return text;
  const [, sign = '', whole = '', fraction = ''] = match;
  return `${sign}${whole.replace(/\B(?=(\d{3})+$)/g, ',')}${fraction}`;
}

export function formatCount(n: number): string {
  return COUNT.format(n);
}

/** `1` → `1 reading`, `2` → `2 readings`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/**
 * How many readings match and where the page is: `77 readings, page 1 of 2`; a total counted only up to
 * a cap reads `more than 10,000 readings, page 3`.
 */
export function pageSummary(
  total: { readonly count: number; readonly capped: boolean },
  page: number,
  pageSize: number,
): string {
  const count = total.capped ? `more than ${plural(total.count, 'reading')}` : plural(total.count, 'reading');
  const pages = Math.max(1, Math.ceil(total.count / pageSize));
  return `${count}, page ${formatCount(page)}${total.capped ? '' : ` of ${formatCount(pages)}`}`;
}

const ONE_DECIMAL = new Intl.NumberFormat('en-AU', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

const DECIMAL_SIZE_UNITS = ['kB', 'MB', 'GB', 'TB'] as const;

/**
 * A size as people read it: `950 B`, `1.5 kB`, `12.3 MB` (1 kB = 1000 B, one decimal, thousands separated
 * below 1 kB: never `1023 B` beside `1.0 kB`).
 */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${formatCount(bytes)} B`;
  let value = bytes / 1000;
  let unit = 0;
  // Rounded to one decimal first, so 999,960 B is `1.0 MB`, not `1000.0 kB`.
  while (Math.round(value * 10) / 10 >= 1000 && unit < DECIMAL_SIZE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${ONE_DECIMAL.format(value)} ${DECIMAL_SIZE_UNITS[unit] ?? 'TB'}`;
}

/** A span of time for people: `45 s`, `3 min 20 s`, `2 h 5 min`. */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes} min${whole % 60 === 0 ? '' : ` ${whole % 60} s`}`;
  const hours = Math.floor(minutes / 60);
  return `${formatCount(hours)} h${minutes % 60 === 0 ? '' : ` ${minutes % 60} min`}`;
}

/** Text with its first letter a capital, for a message that starts with a value (`the server ...`). */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A file name in pieces that may wrap between them: after each `_`, `.`, `-` and `#` (the separators of
 * MDFF names such as `NEM13#0001#MDP#RET.csv`), so a long name breaks where people would break it
 * rather than in the middle of a word.
 */
export function nameBreaks(name: string): string[] {
  return name.split(/(?<=[_.#-])/).filter((piece) => piece !== '');
}

/** The key that names one register of a meter point: meter serial, NMI suffix, register id. */
export function registerKey(reading: Pick<Reading, 'nmi' | 'meterSerial' | 'nmiSuffix' | 'registerId'>): string {
  return `${reading.nmi} ${reading.meterSerial} ${reading.nmiSuffix} ${reading.registerId}`;
}

// CSV

/** Characters that make a spreadsheet read a cell as a formula (OWASP's list, with tab and carriage return). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number (`-987`, `+1.5`, `-.25`): a spreadsheet reads it as that number, never as a formula. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * One CSV field: a value a spreadsheet would take for a formula gets a leading single quote (so `=1+2`
 * stays text), numbers stay numbers (`-987`), then the field is quoted when it holds a comma, a quote or
 * a line break, with quotes doubled (RFC 4180).
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV text, lines ended by CRLF as RFC 4180 has it. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined>>): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export const READING_CSV_COLUMNS: ReadonlyArray<readonly [string, (reading: Reading) => string | number | boolean]> = [
  ['NMI', (r) => r.nmi],
  ['NMI configuration', (r) => r.nmiConfiguration],
  ['Meter serial', (r) => r.meterSerial],
  ['Register', (r) => r.registerId],
  ['NMI suffix', (r) => r.nmiSuffix],
  ['Direction', (r) => r.direction],
  ['Direction in words', (r) => directionWords(r.direction).word],
  ['Previous read', (r) => r.previousRead],
  ['Previous read date', (r) => formatNemTime(r.previousReadAt)],
  ['Previous quality', (r) => r.previousQuality],
  ['Current read', (r) => r.currentRead],
  ['Current read date', (r) => formatNemTime(r.currentReadAt)],
  ['Current quality', (r) => r.currentQuality],
  ['Current reason code', (r) => r.currentReasonCode ?? ''],
  ['Current reason', (r) => reasonMeaning(r.currentReasonCode, r.currentReasonDescription)],
  ['Previous reason code', (r) => r.previousReasonCode ?? ''],
  ['Previous reason', (r) => reasonMeaning(r.previousReasonCode, r.previousReasonDescription)],
  ['Quantity', (r) => r.quantity],
  ['Unit', (r) => r.uom],
  ['Next scheduled read date', (r) => r.nextScheduledReadDate ?? ''],
  ['Current transaction code', (r) => r.currentTransactionCode ?? ''],
  ['Current transaction', (r) => transactionMeaning(r.currentTransactionCode)],
  ['Current retailer service order', (r) => r.currentRetailerServiceOrder ?? ''],
  ['Previous transaction code', (r) => r.previousTransactionCode ?? ''],
  ['Previous transaction', (r) => transactionMeaning(r.previousTransactionCode)],
  ['Previous retailer service order', (r) => r.previousRetailerServiceOrder ?? ''],
  ['Updated', (r) => formatNemTime(r.updatedAt)],
  ['MSATS loaded', (r) => formatNemTime(r.msatsLoadedAt)],
  ['Superseded', (r) => (r.superseded ? 'yes' : 'no')],
  ['Corrected', (r) => (r.corrected ? 'yes' : 'no')],
  ['File', (r) => r.fileName],
  ['File SHA-256', (r) => r.fileId],
  ['Line', (r) => r.line],
];

/** Readings as CSV, with a header row; values as sent in the file, times in NEM time. */
export function readingsToCsv(readings: readonly Reading[]): string {
  return toCsv([
    READING_CSV_COLUMNS.map(([header]) => header),
    ...readings.map((reading) => READING_CSV_COLUMNS.map(([, value]) => value(reading))),
  ]);
}

/** A file name made safe to download as: letters, digits, dot, dash and underscore. */
export function safeFileName(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '');
  return cleaned === '' ? 'export' : cleaned.slice(0, 100);
}
