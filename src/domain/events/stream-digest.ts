/**
 * The running digest of a file stream (docs/adr/0008-stream-digest.md): the closing event of a stream
 * (FileImported, FileRejected) records a SHA-256 over every earlier event of the stream, in stream
 * order, so an event edited, removed, added or moved after the import no longer matches it.
 *
 * Each event contributes one line: the canonical JSON of `[id, type, data]` and a newline. Canonical
 * JSON has no raw newline, so the lines cannot run into each other; it is the same text for the event
 * as built by the importer and as read back from any store (key order, spacing and number spelling
 * are fixed here, not by the store). Metadata is left out: the line an event comes from is part of its
 * deterministic id, which is in.
 *
 * The hash function is given by the caller: the domain holds no cryptography of its own.
 */

/** A SHA-256 being computed: text goes in as UTF-8; `hex` ends it. */
export interface Sha256 {
  update(text: string): void;
  /** The digest, lower-case hex. The hash takes no more input after it. */
  hex(): string;
}

/**
 * JSON with a single spelling for each value: object keys sorted by UTF-16 code units (as RFC 8785),
 * no whitespace, numbers and strings as JSON.stringify writes them. Properties that are undefined are
 * left out and undefined array items are null, as a JSON store gives them back. Refuses what JSON
 * cannot hold (non-finite numbers, bigints, functions, symbols, objects other than plain ones).
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return jsonString(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON has no number ${String(value)}`);
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      // Written with loops and concatenation: this runs for every event an import appends.
      if (Array.isArray(value)) {
        const items = value as readonly unknown[];
        let text = '[';
        for (let i = 0; i < items.length; i++) {
          const item = items[i];
          if (i > 0) text += ',';
          text += item === undefined ? 'null' : canonicalJson(item);
        }
        return `${text}]`;
      }
      const prototype: unknown = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) {
        throw new TypeError(`canonical JSON holds only plain objects, not ${value.constructor.name}`);
      }
      const record = value as Record<string, unknown>;
      let text = '{';
      for (const key of Object.keys(record).sort()) {
        const member = record[key];
        if (member === undefined) continue;
        if (text.length > 1) text += ',';
        text += `${jsonString(key)}:${canonicalJson(member)}`;
      }
      return `${text}}`;
    }
    default:
      throw new TypeError(`canonical JSON has no ${typeof value}`);
  }
}

/** Nothing JSON.stringify would escape: quotes, backslashes, control characters, surrogates. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const PLAIN_TEXT = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

function jsonString(text: string): string {
  return PLAIN_TEXT.test(text) ? `"${text}"` : JSON.stringify(text);
}

/** What of an event the digest covers. */
export interface DigestedEvent {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
}

/** The line an event adds to the digest. */
export function digestLine(event: DigestedEvent): string {
  return `${canonicalJson([event.id, event.type, event.data])}\n`;
}

/** The digest of a stream's events so far, fed in stream order. */
export class StreamDigest {
  private added = 0;
  private result: string | null = null;
  /** Lines not hashed yet: hashed some 64 KiB at a time, as one call per event costs more than the hashing. */
  private pending = '';

  constructor(private readonly hash: Sha256) {}

  add(event: DigestedEvent): void {
    if (this.result !== null) throw new Error('the stream digest has ended: no event can be added after it was read');
    this.pending += digestLine(event);
    if (this.pending.length >= 65_536) {
      this.hash.update(this.pending);
      this.pending = '';
    }
    this.added++;
  }

  /** How many events went in. */
  get events(): number {
    return this.added;
  }

  /** The SHA-256 of the events added, lower-case hex; ends the digest. */
  value(): string {
    if (this.result === null) {
      this.hash.update(this.pending);
      this.pending = '';
      this.result = this.hash.hex();
    }
    return this.result;
  }
}

/** The digest of `events`, in the order given. */
export function streamDigestOf(events: Iterable<DigestedEvent>, hash: Sha256): string {
  const digest = new StreamDigest(hash);
  for (const event of events) digest.add(event);
  return digest.value();
}
