/** CSV text as spreadsheets read it safely (RFC 4180 quoting, no formula injection). Pure. */

/** Characters that make a spreadsheet read a cell as a formula (OWASP's list, with tab and carriage return). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number (`-987`, `+1.5`, `-.25`): a spreadsheet reads it as that number, never as a formula. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * One CSV field: a value a spreadsheet would take for a formula gets a leading single quote (so `=1+2`
 * stays text), numbers stay numbers (`-987`), then the field is quoted when it holds a comma, a quote or
 * a line break, with quotes doubled. The same rules as the admin's CSV export.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record, ended by CRLF as RFC 4180 has it. */
export function csvLine(fields: ReadonlyArray<string | number | null | undefined>): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}
