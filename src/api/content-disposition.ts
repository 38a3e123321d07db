/**
 * A Content-Disposition for a download (RFC 6266): an ASCII `filename` every client reads, and the
 * exact name in `filename*` (RFC 8187 encoding) for those that read it.
 */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
