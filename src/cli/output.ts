import type { FlowProblem } from '../domain/flow-summary.js';
import { escapeUnsafeCharacters, plural } from '../domain/text.js';

export { plural };

/**
 * Text from outside (file names, values quoted from a file) as a terminal may show it: controls and
 * bidirectional overrides escaped, so nothing recorded can move the cursor or reorder what is printed.
 */
export function shown(text: string): string {
  return escapeUnsafeCharacters(text);
}

/** Where a command writes: stdout for results, stderr for progress and diagnostics. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
  /** Raw text to stderr, for a progress bar redrawn in place. */
  progress(text: string): void;
  /** Whether stderr is a terminal (progress bars only then). */
  readonly interactive: boolean;
  /** Standard output for bytes (a download written to `-`). */
  readonly data: NodeJS.WritableStream;
}

export const processOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  progress: (text) => process.stderr.write(text),
  interactive: process.stderr.isTTY,
  data: process.stdout,
};

/** `file:line: field: message (severity CODE)`; line 0 means the file as a whole. */
export function formatProblem(file: string, problem: FlowProblem): string {
  const where = problem.line > 0 ? `${shown(file)}:${problem.line}` : shown(file);
  return `${where}: ${problem.field ?? '-'}: ${shown(problem.message)} (${problem.severity} ${problem.code})`;
}

export function formatOmitted(file: string, errors: number, warnings: number): string[] {
  const lines: string[] = [];
  if (errors > 0) lines.push(`${file}: ... and ${plural(errors, 'more error')} not shown`);
  if (warnings > 0) lines.push(`${file}: ... and ${plural(warnings, 'more warning')} not shown`);
  return lines;
}

/** Columns padded to their widest cell; numbers and the like are right-aligned by the caller's choice. */
export function renderTable(
  headers: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  rightAligned: ReadonlySet<number> = new Set(),
): string[] {
  const cleanRows = rows.map((row) => row.map(shown));
  const widths = headers.map((header, i) => Math.max(header.length, ...cleanRows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (rightAligned.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cleanRows.map(line)];
}

/** JSON with bigints as strings. */
export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), indent);
}
