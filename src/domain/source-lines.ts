import { NEM13_FIELD_NAMES } from './nem13/reader.js';
import { intervalDayFieldNames, NEM12_FIELD_NAMES } from './nem12/reader.js';
import { escapeUnsafeCharacters } from './text.js';

/** One line of a file as it was sent, to show beside the problems found on it. */
export interface SourceLine {
  /** 1-based, counted as the reader counts them (by line feed). */
  readonly number: number;
  /** The line without its line ending; characters that must not reach a page as they are shown as `\u{..}`. */
  readonly text: string;
  /** The line is longer than what is shown. */
  readonly truncated: boolean;
  /** The names of the line's fields, in order, when it starts with a record indicator the reader knows. */
  readonly fieldNames: readonly string[] | null;
}

/** Far beyond any well-formed MDFF line (under 1,000 characters): a longer line is cut there. */
export const MAX_SOURCE_LINE_BYTES = 4096;

const LF = 10;
const CR = 13;

/**
 * The lines of a file with these numbers, read from its content in one pass that stops after the last
 * one asked for; only those lines are held (each up to MAX_SOURCE_LINE_BYTES). Numbers past the end of
 * the file are left out of the answer.
 */
export async function sourceLines(
  content: AsyncIterable<Uint8Array>,
  numbers: readonly number[],
): Promise<SourceLine[]> {
  const wanted = new Set(numbers.filter((n) => Number.isInteger(n) && n >= 1));
  if (wanted.size === 0) return [];
  const last = Math.max(...wanted);
  const found = new Map<number, { parts: Uint8Array[]; bytes: number; truncated: boolean }>();
  let number = 1;
  // A line is in the file when a line feed ends it or it holds bytes (the last line may have no ending).
  let current = wanted.has(1) ? open(found, 1) : null;

  const take = (bytes: Uint8Array): void => {
    if (current === null || bytes.length === 0) return;
    const room = MAX_SOURCE_LINE_BYTES - current.bytes;
    if (bytes.length > room) current.truncated = true;
    const kept = bytes.subarray(0, Math.max(0, room));
    if (kept.length > 0) {
      current.parts.push(kept.slice());
      current.bytes += kept.length;
    }
  };

  reading: for await (const chunk of content) {
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(LF, start);
      if (newline === -1) {
        take(chunk.subarray(start));
        break;
      }
      take(chunk.subarray(start, newline));
      number++;
      if (number > last) break reading;
      current = wanted.has(number) ? open(found, number) : null;
      start = newline + 1;
    }
  }

  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  return [...found.entries()]
    .filter(([n, line]) => n < number || line.bytes > 0)
    .sort(([a], [b]) => a - b)
    .map(([n, line]) => {
      let text = decoder.decode(Buffer.concat(line.parts));
      if (n === 1 && text.startsWith('\ufeff')) text = text.slice(1);
      if (!line.truncated && text.charCodeAt(text.length - 1) === CR) text = text.slice(0, -1);
      return {
        number: n,
        text: escapeUnsafeCharacters(text),
        truncated: line.truncated,
        fieldNames: fieldNamesOf(text),
      };
    });
}

function open(
  found: Map<number, { parts: Uint8Array[]; bytes: number; truncated: boolean }>,
  number: number,
): { parts: Uint8Array[]; bytes: number; truncated: boolean } {
  const line = { parts: [], bytes: 0, truncated: false };
  found.set(number, line);
  return line;
}

/**
 * The field names of a line by its record indicator: 250 and 550 are NEM13's, 200, 400 and 500 NEM12's
 * (100 and 900 read alike in both). A 300's names depend on its channel's interval length, told here by
 * how many values it holds; a 300 of another size gets none.
 */
function fieldNamesOf(text: string): readonly string[] | null {
  const indicator = text.slice(0, text.indexOf(',') === -1 ? text.length : text.indexOf(','));
  if (indicator in NEM13_FIELD_NAMES) return NEM13_FIELD_NAMES[indicator as keyof typeof NEM13_FIELD_NAMES];
  if (indicator in NEM12_FIELD_NAMES) return NEM12_FIELD_NAMES[indicator as keyof typeof NEM12_FIELD_NAMES];
  if (indicator !== '300') return null;
  const length = ({ 48: 30, 96: 15, 288: 5 } as const)[text.split(',').length - 7];
  return length === undefined ? null : intervalDayFieldNames(length);
}
