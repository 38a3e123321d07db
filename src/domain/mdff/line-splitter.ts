/**
 * Splits a byte stream into numbered lines without holding more than one line (and one chunk) in
 * memory. Accepts LF and CRLF, a missing final newline and a UTF-8 byte order mark; reports invalid
 * UTF-8, control characters and over-long lines per line instead of throwing.
 */

export type LineFault = 'invalid-utf8' | 'binary' | 'too-long';

export interface LineSink {
  line(number: number, text: string): void;
  fault(number: number, fault: LineFault): void;
}

/**
 * Far above any legal MDFF line: a NEM13 250 with every Varchar full is under 1,000 characters, a NEM12
 * 300 of 288 five-minute values a few thousand.
 */
export const MAX_LINE_BYTES = 64 * 1024;

// A NUL marks binary content; a CR is allowed only right before the LF. Other control characters are
// caught by the field checks (FieldReader rejects them in free text; every other field has a strict
// format), which keeps this whole-chunk scan to a fast indexOf.
/* eslint-disable no-control-regex -- finding control characters is the point */
const STRAY_CR = /\r(?!\n|$)/;
const NUL_OR_STRAY_CR = /\x00|\r/;
/* eslint-enable no-control-regex */

export class LineSplitter {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private lineNumber = 0;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private discarding = false;
  private atStart = true;

  constructor(
    private readonly sink: LineSink,
    private readonly maxLineBytes: number = MAX_LINE_BYTES,
  ) {}

  /** Lines completed so far. */
  get lines(): number {
    return this.lineNumber;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    let start = 0;
    const firstNewline = chunk.indexOf(10);
    if (this.pendingBytes > 0 || this.discarding) {
      if (firstNewline === -1) {
        this.hold(chunk);
        return;
      }
      this.hold(chunk.subarray(0, firstNewline));
      this.completePending();
      start = firstNewline + 1;
    }
    const lastNewline = chunk.lastIndexOf(10);
    if (lastNewline >= start) {
      this.completeRegion(chunk.subarray(start, lastNewline));
      start = lastNewline + 1;
    }
    if (start < chunk.length) this.hold(chunk.subarray(start));
  }

  end(): void {
    if (this.pendingBytes > 0 || this.discarding) this.completePending();
  }

  private hold(bytes: Uint8Array): void {
    if (this.discarding) return;
    if (this.pendingBytes + bytes.length > this.maxLineBytes) {
      this.pending = [];
      this.pendingBytes = 0;
      this.discarding = true;
      return;
    }
    // Copy: the producer may reuse its buffer.
    this.pending.push(bytes.slice());
    this.pendingBytes += bytes.length;
  }

  private completePending(): void {
    const number = ++this.lineNumber;
    if (this.discarding) {
      this.discarding = false;
      this.atStart = false;
      this.sink.fault(number, 'too-long');
      return;
    }
    const bytes = concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    this.emitSingle(number, bytes);
  }

  private emitSingle(number: number, bytes: Uint8Array): void {
    let text: string;
    try {
      text = this.decoder.decode(bytes);
    } catch {
      this.atStart = false;
      this.sink.fault(number, 'invalid-utf8');
      return;
    }
    this.emitText(number, text);
  }

  private emitText(number: number, raw: string): void {
    let text = raw;
    if (this.atStart) {
      this.atStart = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
    if (text.length > this.maxLineBytes) {
      this.sink.fault(number, 'too-long');
    } else if (NUL_OR_STRAY_CR.test(text)) {
      this.sink.fault(number, 'binary');
    } else {
      this.sink.line(number, text);
    }
  }

  /** A run of complete lines, without the final LF. Decoded in one call when it is valid UTF-8. */
  private completeRegion(region: Uint8Array): void {
    let text: string | undefined;
    try {
      text = this.decoder.decode(region);
    } catch {
      text = undefined;
    }
    if (text === undefined) {
      this.completeRegionLineByLine(region);
      return;
    }
    const clean = !text.includes('\0') && (!text.includes('\r') || !STRAY_CR.test(text));
    let from = 0;
    for (;;) {
      const newline = text.indexOf('\n', from);
      const lineText = newline === -1 ? text.slice(from) : text.slice(from, newline);
      const number = ++this.lineNumber;
      if (clean && !this.atStart && lineText.length <= this.maxLineBytes) {
        this.sink.line(number, lineText.charCodeAt(lineText.length - 1) === 13 ? lineText.slice(0, -1) : lineText);
      } else {
        this.emitText(number, lineText);
      }
      if (newline === -1) break;
      from = newline + 1;
    }
  }

  private completeRegionLineByLine(region: Uint8Array): void {
    let from = 0;
    for (;;) {
      const newline = region.indexOf(10, from);
      const bytes = newline === -1 ? region.subarray(from) : region.subarray(from, newline);
      const number = ++this.lineNumber;
      if (bytes.length > this.maxLineBytes) {
        this.atStart = false;
        this.sink.fault(number, 'too-long');
      } else {
        this.emitSingle(number, bytes);
      }
      if (newline === -1) break;
      from = newline + 1;
    }
  }
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  const [only] = parts;
  if (parts.length === 1 && only !== undefined) return only;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
