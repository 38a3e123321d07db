/**
 * Characters that must not reach a terminal, a log line or a page as they are: C0 and C1 controls
 * (escape sequences, NUL), line and paragraph separators, and the bidirectional controls that make text
 * display in another order than it is stored (U+202E "right-to-left override" turns `txt.exe` into
 * `exe.txt`).
 */
const UNSAFE_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- control characters are what this matches
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/gu;

/** Whether text holds a character of {@link UNSAFE_CHARACTERS}. */
export function hasUnsafeCharacters(text: string): boolean {
  UNSAFE_CHARACTERS.lastIndex = 0;
  return UNSAFE_CHARACTERS.test(text);
}

/** Text with every unsafe character removed: for names recorded from outside (a client's file name). */
export function withoutUnsafeCharacters(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, '');
}

/** Text with every unsafe character shown as `\u{...}`: for printing text recorded before it was cleaned. */
export function escapeUnsafeCharacters(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16)}}`);
}

const segmenter = new Intl.Segmenter();

/** The user-perceived characters of a text, so a cut never splits an emoji or an accent from its letter. */
function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (part) => part.segment);
}

/**
 * A file name received from outside (an upload's client-side name, a name in the landing folder) as it is
 * recorded and shown: its last path segment, without unsafe characters, trimmed, at most 255 characters;
 * `fallback` when nothing is left. It is data only, never used to build a path.
 */
export function recordedFileName(raw: string | undefined, fallback: string): string {
  const last = withoutUnsafeCharacters((raw ?? '').split(/[\\/]/).at(-1) ?? '').trim();
  const name = last === '.' || last === '..' ? '' : graphemes(last).slice(0, 255).join('');
  return name === '' ? fallback : name;
}

/** `1 reading`, `2 readings`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
