/**
 * Which reader a flow file needs, told by its first record: the 100 header's VersionHeader, or, for a
 * file without its header, the record types only one format has. The application picks the reader from
 * the first bytes, so that each reader reports a file in its own terms.
 */
export const MDFF_FORMATS = ['NEM12', 'NEM13'] as const;
export type MdffFormat = (typeof MDFF_FORMATS)[number];

/** Each format's own record indicators, in the file's order; both have the 100 header and the 900 end. */
export const RECORDS_OF_FORMAT: Readonly<Record<MdffFormat, readonly string[]>> = {
  NEM12: ['200', '300', '400', '500'],
  NEM13: ['250', '550'],
};
/** Every record indicator of MDFF: a file whose first record has another is not a flow file. */
export const MDFF_RECORDS: ReadonlySet<string> = new Set([
  '100',
  ...MDFF_FORMATS.flatMap((f) => RECORDS_OF_FORMAT[f]),
  '900',
]);

const NEM12_ONLY = new Set(RECORDS_OF_FORMAT.NEM12);
const NEM13_ONLY = new Set(RECORDS_OF_FORMAT.NEM13);

/** The format of a file whose first record line is `line`, or null when the line does not say. */
export function formatOfFirstRecord(line: string): MdffFormat | null {
  const fields = line.split(',', 2);
  const indicator = (fields[0] ?? '').trim();
  if (indicator === '100') {
    const version = (fields[1] ?? '').trim().toUpperCase();
    return version === 'NEM12' || version === 'NEM13' ? version : null;
  }
  if (NEM12_ONLY.has(indicator)) return 'NEM12';
  if (NEM13_ONLY.has(indicator)) return 'NEM13';
  return null;
}

/**
 * The format told by the start of a file's text (a byte order mark and blank lines skipped), or null
 * when its first record does not say: a file that is no flow file, or one whose start is not yet known.
 */
export function formatOfFileStart(text: string): MdffFormat | null {
  const start = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (const line of start.split('\n')) {
    if (line.trim().length > 0) return formatOfFirstRecord(line);
  }
  return null;
}
