/**
 * Deterministic event ids: the same file always gives its events the same ids, so a retried or
 * resumed append is recognised by the store instead of duplicated. A UUID (version 8, "custom") built
 * from the first 88 bits of the file's SHA-256, a code for the event type and the source line.
 */
const TYPE_CODES = {
  FileReceived: 1,
  ReadingRecorded: 2,
  FileImported: 3,
  FileRejected: 4,
  IntervalDayRecorded: 5,
} as const;

export function fileEventId(fileId: string, type: keyof typeof TYPE_CODES, line: number): string {
  if (!Number.isInteger(line) || line < 0 || line >= 2 ** 28) throw new RangeError(`line ${line} out of range`);
  const tail = ((TYPE_CODES[type] * 2 ** 28 + line) >>> 0).toString(16).padStart(8, '0');
  const hex = fileId.slice(0, 24) + tail;
  // Version 8 in the 13th hex digit, variant 10xx in the 17th.
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
