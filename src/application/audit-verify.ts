/**
 * `nem audit verify`: walks every file stream through the event-store port and checks that its events
 * are the ones the importer wrote (docs/adr/0008-stream-digest.md). One pass over the store in global
 * order, a small state per stream; where a file's original is kept, the original is read again beside
 * its stream, event by event.
 */
import { createHash } from 'node:crypto';
import { ZodError } from 'zod';
import type { EventStore, RecordedEvent } from '../domain/event-store/event-store.js';
import { fileEventId } from '../domain/events/event-ids.js';
import {
  FILE_STREAM_PREFIXES,
  fileIdOfStream,
  fileImported,
  fileRejected,
  intervalDayRecorded,
  isFileEventType,
  parseFileEvent,
  readingRecorded,
  schemaVersionOf,
  type FileEvent,
} from '../domain/events/file-events.js';
import { canonicalJson, StreamDigest } from '../domain/events/stream-digest.js';
import type { FlowSummary } from '../domain/flow-summary.js';
import {
  B2B_FIELD_KEYS,
  b2bFieldName,
  decodeReading,
  READING_FIELD_KEYS,
  readingFieldName,
  type StoredReading,
} from '../domain/events/reading-recorded.js';
import type { KeptOriginal, OriginalsArchive } from './originals.js';
import { readFlowContent, type FlowItem } from './read-flow-file.js';
import { createSha256 } from './sha256.js';

/** The checks, in the order they are reported when two fail at the same event. */
export const AUDIT_CHECKS = ['first-event', 'order', 'closing', 'schema', 'ids', 'digest', 'original'] as const;
export type AuditCheck = (typeof AUDIT_CHECKS)[number];
export type CheckOutcome = 'passed' | 'failed' | 'not applicable';

/** An event where a check failed: the first such event of that check in its stream. */
export interface EventDifference {
  readonly check: AuditCheck;
  readonly revision: number;
  readonly position: bigint;
  readonly eventId: string;
  readonly eventType: string;
  readonly message: string;
}

export interface StreamAuditReport {
  readonly stream: string;
  /** The SHA-256 the stream is named by; null when its name is not a file stream's. */
  readonly fileId: string | null;
  /** The name on its FileReceived, when it has one that can be read. */
  readonly fileName: string | null;
  readonly events: number;
  readonly status: 'ok' | 'broken';
  readonly checks: Readonly<Record<AuditCheck, CheckOutcome>>;
  /** Why each check that did not apply did not. */
  readonly notApplicable: ReadonlyArray<{ readonly check: AuditCheck; readonly reason: string }>;
  /** The earliest event in the stream where a check failed; null for a stream that is ok. */
  readonly firstDifference: EventDifference | null;
  /** The first failing event of each failed check, in stream order. */
  readonly differences: readonly EventDifference[];
}

export interface AuditReport {
  readonly streams: number;
  readonly ok: number;
  readonly broken: number;
  /** Every file stream, in the order its first event was stored. */
  readonly reports: readonly StreamAuditReport[];
}

export interface AuditSources {
  readonly store: EventStore;
  /** Where originals are kept; null checks nothing against them. */
  readonly originals: OriginalsArchive | null;
}

const PAGE = 1000;

const REASONS = {
  preDigest: (type: string) => `${type} of schema version 1: written before the stream digest existed`,
  noClosing: 'the stream has no closing event to hold a digest',
  notKept:
    'the original is not kept (larger than NEM_ORIGINALS_MAX_MB when the file came, or received before originals were kept)',
  raw: 'the original is a container that could not be read: its SHA-256 was checked, but there are no events to derive from it',
  noArchive: 'no originals archive was given',
} as const;

/** What is said of a value from the store in a message: quoted, and short. */
function quoted(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : canonicalJson(value ?? null);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function schemaMessage(error: unknown): string {
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const path = issue === undefined || issue.path.length === 0 ? 'data' : `data.${issue.path.join('.')}`;
    return `its data does not fit its schema: ${path}: ${issue?.message ?? error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}

function sourceLineOf(event: RecordedEvent): number | null {
  const line = event.metadata.sourceLine;
  return typeof line === 'number' && Number.isInteger(line) && line >= 0 ? line : null;
}

/** How two records of NEM13 fields differ: the first field that does, by the specification's name. */
function fieldDifference<Key extends string>(
  keys: readonly Key[],
  nameOf: (key: Key) => string,
  stored: { readonly [K in Key]: string },
  reread: { readonly [K in Key]: string },
): string | null {
  for (const key of keys) {
    if (stored[key] !== reread[key]) {
      return `${nameOf(key)} is ${quoted(stored[key])} here, ${quoted(reread[key])} in the original`;
    }
  }
  return null;
}

/** The keys whose values differ between two objects, for a message. */
function differingKeys(stored: Record<string, unknown>, reread: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(stored), ...Object.keys(reread)])].sort();
  return keys.filter((key) => canonicalJson(stored[key] ?? null) !== canonicalJson(reread[key] ?? null));
}

function withoutDigest(data: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([key]) => key !== 'earlierEventsSha256'));
}

/** The event of a file's next record, as the importer writes it. */
type RecordEvent = ReturnType<typeof readingRecorded>;

/** A kept original read again, one record (register read or interval day) at a time, as the importer read the file. */
class OriginalReread {
  private readonly hash = createHash('sha256');
  private size = 0;
  private readonly items: AsyncIterator<readonly FlowItem[]>;
  private pending: FlowItem[] = [];
  private summaryFound: FlowSummary | null = null;

  constructor(
    private readonly fileId: string,
    content: AsyncIterable<Uint8Array>,
  ) {
    const counted = async function* (this: OriginalReread): AsyncGenerator<Uint8Array> {
      for await (const chunk of content) {
        this.hash.update(chunk);
        this.size += chunk.length;
        yield chunk;
      }
    }.call(this);
    this.items = readFlowContent(counted)[Symbol.asyncIterator]();
  }

  /** The next record's event (ReadingRecorded or IntervalDayRecorded), or null when the original has no more. */
  async nextReading(): Promise<RecordEvent | null> {
    for (;;) {
      const item = this.pending.shift();
      if (item === undefined) {
        if (this.summaryFound !== null) return null;
        const next = await this.items.next();
        if (next.done === true) throw new Error(`re-reading the original of ${this.fileId} gave no summary`);
        this.pending = [...next.value];
        continue;
      }
      if (item.kind === 'registerRead') return readingRecorded(this.fileId, item.read);
      if (item.kind === 'intervalDay') return intervalDayRecorded(this.fileId, item.day);
      if (item.kind === 'summary') this.summaryFound = item.summary;
    }
  }

  /** Reads to the end: the reader's verdict, and the SHA-256 and size of the original's bytes. */
  async end(): Promise<{ summary: FlowSummary; sha256: string; size: number }> {
    while ((await this.nextReading()) !== null);
    if (this.summaryFound === null) throw new Error(`re-reading the original of ${this.fileId} gave no summary`);
    return { summary: this.summaryFound, sha256: this.hash.digest('hex'), size: this.size };
  }

  async close(): Promise<void> {
    await this.items.return?.();
  }
}

/** A kept original that cannot be decompressed (its stored bytes were changed or cut): a finding, not a crash. */
function isCorruptOriginal(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}

function unreadableOriginal(error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `the kept original cannot be read (${reason}): its stored bytes were changed or cut`;
}

interface Failure extends EventDifference {
  /** How many events of the stream came before it in the walk: the order of failures. */
  readonly index: number;
}

/** The checks of one stream, fed its events in the order the store holds them. */
class StreamAudit {
  private readonly fileId: string | null;
  private fileName: string | null = null;
  private seen = 0;
  private last: RecordedEvent | null = null;
  private readings = 0;
  private intervalDays = 0;
  private lastReadingLine = 0;
  private closing: RecordedEvent | null = null;
  private received: { event: RecordedEvent; index: number; data: Record<string, unknown> } | null = null;
  private readonly digest = new StreamDigest(createSha256());
  private readonly failures = new Map<AuditCheck, Failure>();
  private readonly notApplicable = new Map<AuditCheck, string>();
  private reread: OriginalReread | null = null;
  private rawOriginal: AsyncIterable<Uint8Array> | null = null;

  private constructor(readonly stream: string) {
    this.fileId = fileIdOfStream(stream);
  }

  static async open(stream: string, originals: OriginalsArchive | null): Promise<StreamAudit> {
    const audit = new StreamAudit(stream);
    if (originals === null) {
      audit.notApplicable.set('original', REASONS.noArchive);
      return audit;
    }
    const kept: KeptOriginal | null = audit.fileId === null ? null : await originals.describe(audit.fileId);
    const content = kept === null || audit.fileId === null ? null : await originals.read(audit.fileId);
    if (kept === null || content === null || audit.fileId === null) {
      audit.notApplicable.set('original', REASONS.notKept);
    } else if (kept.basis === 'raw') {
      audit.notApplicable.set('original', REASONS.raw);
      audit.rawOriginal = content;
    } else {
      audit.reread = new OriginalReread(audit.fileId, content);
    }
    return audit;
  }

  private fail(check: AuditCheck, event: RecordedEvent, index: number, message: string): void {
    if (this.failures.has(check)) return;
    this.failures.set(check, {
      check,
      revision: event.revision,
      position: event.position,
      eventId: event.id,
      eventType: event.type,
      message,
      index,
    });
  }

  async accept(event: RecordedEvent): Promise<void> {
    const index = this.seen++;
    this.last = event;
    if (event.revision !== index) {
      this.fail(
        'order',
        event,
        index,
        event.revision > index
          ? `revision ${event.revision} where ${index} was expected: ${event.revision - index === 1 ? 'an event is' : `${event.revision - index} events are`} missing before it`
          : `revision ${event.revision} where ${index} was expected: a revision out of order or twice`,
      );
    }
    if (index === 0 && event.type !== 'FileReceived') {
      this.fail('first-event', event, index, `the stream begins with ${event.type}, not FileReceived`);
    }
    const parsed = this.parse(event, index);
    this.checkId(event, index);
    if (this.closing !== null) {
      this.fail(
        'closing',
        event,
        index,
        `an event after the closing ${this.closing.type} (revision ${this.closing.revision})`,
      );
      return;
    }
    switch (event.type) {
      case 'FileReceived':
        if (index > 0) this.fail('order', event, index, 'a second FileReceived');
        else if (parsed?.type === 'FileReceived') {
          this.fileName = parsed.data.fileName;
          this.received = { event, index, data: parsed.data };
        }
        this.digest.add(event);
        break;
      case 'ReadingRecorded':
      case 'IntervalDayRecorded':
        await this.acceptReading(event, index, parsed);
        this.digest.add(event);
        break;
      case 'FileImported':
      case 'FileRejected':
        this.closing = event;
        await this.acceptClosing(event, index, parsed);
        break;
      default:
        this.digest.add(event);
    }
  }

  /** The event as a file event of the current shape, or null (and a failed schema check) when it is not one. */
  private parse(event: RecordedEvent, index: number): FileEvent | null {
    if (!isFileEventType(event.type)) {
      this.fail('schema', event, index, `${event.type} is not an event of a file stream`);
      return null;
    }
    try {
      return parseFileEvent(event);
    } catch (error) {
      this.fail('schema', event, index, schemaMessage(error));
      return null;
    }
  }

  private checkId(event: RecordedEvent, index: number): void {
    if (this.fileId === null) {
      this.fail(
        'ids',
        event,
        index,
        `the stream's name is not ${FILE_STREAM_PREFIXES.map((prefix) => `${prefix}<sha256>`).join(' or ')}: no id can be derived`,
      );
      return;
    }
    if (!isFileEventType(event.type)) return;
    const line = sourceLineOf(event);
    const fileLevel = event.type !== 'ReadingRecorded' && event.type !== 'IntervalDayRecorded';
    if (line === null || (fileLevel && line !== 0) || (!fileLevel && line === 0)) {
      this.fail(
        'ids',
        event,
        index,
        `its metadata.sourceLine ${quoted(event.metadata.sourceLine ?? null)} is not one it can have`,
      );
      return;
    }
    const expected = fileEventId(this.fileId, event.type, line);
    if (event.id !== expected) {
      this.fail(
        'ids',
        event,
        index,
        `its id is not the deterministic one for ${event.type} of line ${line} (${expected})`,
      );
    }
  }

  /** A record's event: ReadingRecorded (a 250 of a NEM13 file) or IntervalDayRecorded (a 300 of a NEM12 file). */
  private async acceptReading(event: RecordedEvent, index: number, parsed: FileEvent | null): Promise<void> {
    if (event.type === 'IntervalDayRecorded') this.intervalDays++;
    else this.readings++;
    const line = sourceLineOf(event);
    if (line !== null && line <= this.lastReadingLine) {
      this.fail('order', event, index, `line ${line} is not after the previous record's line ${this.lastReadingLine}`);
    }
    if (line !== null) this.lastReadingLine = line;
    if (this.reread === null || this.failures.has('original')) return;
    let expected: Awaited<ReturnType<OriginalReread['nextReading']>>;
    try {
      expected = await this.reread.nextReading();
    } catch (error) {
      if (!isCorruptOriginal(error)) throw error;
      this.failOnReceived(unreadableOriginal(error), { event, index });
      await this.reread.close();
      this.reread = null;
      return;
    }
    if (expected === null) {
      this.fail('original', event, index, `the original has no more records: this ${event.type} is not in it`);
      return;
    }
    const expectedLine = expected.metadata.sourceLine as number;
    if (event.id !== expected.id || line !== expectedLine) {
      this.fail(
        'original',
        event,
        index,
        `the original's next record is ${expected.type} of line ${expectedLine} (event ${expected.id}), this event is ${event.type} of line ${quoted(event.metadata.sourceLine ?? null)}`,
      );
      return;
    }
    if (parsed?.type === 'IntervalDayRecorded') {
      const differing = differingKeys(parsed.data, expected.data);
      if (differing.length > 0) {
        this.fail(
          'original',
          event,
          index,
          `it differs from line ${line} of the original: its ${differing.join(', ')}`,
        );
      }
      return;
    }
    if (parsed?.type !== 'ReadingRecorded') return;
    // The importer's own encoding of the re-read line (readingRecorded), so no schema check is needed.
    const reread = decodeReading(expected.data as unknown as StoredReading);
    if (canonicalJson(parsed.data) === canonicalJson(reread)) return;
    const detail =
      fieldDifference(READING_FIELD_KEYS, readingFieldName, parsed.data.fields, reread.fields) ??
      (parsed.data.b2b === null || reread.b2b === null
        ? `its 550 is ${parsed.data.b2b === null ? 'absent' : `line ${parsed.data.b2b.line}`} here, ${reread.b2b === null ? 'absent' : `line ${reread.b2b.line}`} in the original`
        : (fieldDifference(B2B_FIELD_KEYS, b2bFieldName, parsed.data.b2b.fields, reread.b2b.fields) ??
          `its 550 is line ${parsed.data.b2b.line} here, line ${reread.b2b.line} in the original`));
    this.fail('original', event, index, `it differs from line ${line} of the original: ${detail}`);
  }

  private async acceptClosing(event: RecordedEvent, index: number, parsed: FileEvent | null): Promise<void> {
    if (parsed?.type === 'FileImported' && parsed.data.counts.registerReads !== this.readings) {
      this.fail(
        'closing',
        event,
        index,
        `it counts ${parsed.data.counts.registerReads} register reads, the stream has ${this.readings} ReadingRecorded before it`,
      );
    }
    if (parsed?.type === 'FileImported' && (parsed.data.counts.intervalDays ?? 0) !== this.intervalDays) {
      this.fail(
        'closing',
        event,
        index,
        `it counts ${parsed.data.counts.intervalDays ?? 0} interval days, the stream has ${this.intervalDays} IntervalDayRecorded before it`,
      );
    }
    if (event.type === 'FileRejected' && this.readings + this.intervalDays > 0) {
      this.fail(
        'closing',
        event,
        index,
        `a rejected file's stream has ${this.readings + this.intervalDays} record events before it`,
      );
    }
    this.checkDigest(event, index, parsed);
    await this.settleOriginal(event, index, parsed);
  }

  private checkDigest(event: RecordedEvent, index: number, parsed: FileEvent | null): void {
    const computed = this.digest.value();
    const recorded: unknown =
      parsed?.type === 'FileImported' || parsed?.type === 'FileRejected'
        ? parsed.data.earlierEventsSha256
        : event.data.earlierEventsSha256;
    if (recorded === null || (recorded === undefined && schemaVersionOf(event) === 1)) {
      this.notApplicable.set('digest', REASONS.preDigest(event.type));
      return;
    }
    if (recorded !== computed) {
      this.fail(
        'digest',
        event,
        index,
        `it records the digest ${quoted(recorded ?? null)}, the ${this.digest.events} events before it give ${computed}: one of them was changed, removed, added or moved`,
      );
    }
  }

  /** Ends the re-read of the original at the closing event: the file-level facts it gives, compared. */
  private async settleOriginal(event: RecordedEvent, index: number, parsed: FileEvent | null): Promise<void> {
    const reread = this.reread;
    if (reread === null || this.fileId === null) return;
    this.reread = null;
    try {
      // A rejected file's readings were never recorded: only an imported one must have them all.
      if (event.type === 'FileImported' && !this.failures.has('original')) {
        const more = await reread.nextReading();
        if (more !== null) {
          this.fail(
            'original',
            event,
            index,
            `the original has more records than the stream: the next is line ${String(more.metadata.sourceLine)}`,
          );
        }
      }
      const { summary, sha256, size } = await reread.end();
      if (sha256 !== this.fileId) {
        this.failOnReceived(`the kept original's SHA-256 is ${sha256}, not the file id: the original was changed`);
        return;
      }
      if (this.received !== null) {
        const data = this.received.data;
        const facts = { fileId: this.fileId, size, identity: data.identity ?? 'content', header: summary.header };
        const stored = {
          fileId: data.fileId,
          size: data.size,
          identity: data.identity ?? 'content',
          header: data.header,
        };
        const differing = differingKeys(stored, facts);
        if (differing.length > 0) {
          this.failOnReceived(`its ${differing.join(', ')} differ from re-reading the original`);
        }
      }
      if (parsed === null || this.failures.has('original')) return;
      if (parsed.type !== 'FileImported' && parsed.type !== 'FileRejected') return;
      const expected = summary.valid
        ? fileImported(this.fileId, summary, 'cli', '')
        : fileRejected(this.fileId, summary, 'cli', '');
      if (expected.type !== event.type) {
        this.fail('original', event, index, `re-reading the original gives ${expected.type}, not ${event.type}`);
        return;
      }
      const storedFacts = withoutDigest(parsed.data);
      const rereadFacts = withoutDigest(expected.data);
      // FileRejected events written before `lines` existed do not have it.
      if (storedFacts.lines === undefined) delete rereadFacts.lines;
      const differing = differingKeys(storedFacts, rereadFacts);
      if (differing.length > 0) {
        this.fail('original', event, index, `its ${differing.join(', ')} differ from re-reading the original`);
      }
    } catch (error) {
      if (!isCorruptOriginal(error)) throw error;
      this.failOnReceived(unreadableOriginal(error), { event, index });
    } finally {
      await reread.close();
    }
  }

  /** A difference of the original as a whole, reported at the FileReceived (or here, when it has none). */
  private failOnReceived(message: string, fallback?: { event: RecordedEvent; index: number }): void {
    const received = this.received;
    if (received === null) {
      if (fallback !== undefined) this.fail('original', fallback.event, fallback.index, message);
      return;
    }
    // The FileReceived comes first: its difference replaces one found later in the stream.
    this.failures.delete('original');
    this.fail('original', received.event, received.index, message);
  }

  async finish(): Promise<StreamAuditReport> {
    const last = this.last;
    if (this.closing === null && last !== null) {
      this.fail(
        'closing',
        last,
        this.seen - 1,
        'the stream ends here without FileImported or FileRejected: an import in progress, or one that died (nem import of the file continues it), or its closing event was removed',
      );
      this.notApplicable.set('digest', REASONS.noClosing);
    }
    await this.reread?.close();
    if (this.rawOriginal !== null && this.fileId !== null && last !== null) {
      const hash = createHash('sha256');
      let finding: string | null = null;
      try {
        for await (const chunk of this.rawOriginal) hash.update(chunk);
        const sha256 = hash.digest('hex');
        if (sha256 !== this.fileId) {
          finding = `the kept original's SHA-256 is ${sha256}, not the file id: the original was changed`;
        }
      } catch (error) {
        if (!isCorruptOriginal(error)) throw error;
        finding = unreadableOriginal(error);
      }
      if (finding !== null) {
        this.notApplicable.delete('original');
        this.failOnReceived(finding, { event: last, index: this.seen - 1 });
      }
    }
    const differences = [...this.failures.values()].sort(
      (a, b) => a.index - b.index || AUDIT_CHECKS.indexOf(a.check) - AUDIT_CHECKS.indexOf(b.check),
    );
    const checks = Object.fromEntries(
      AUDIT_CHECKS.map((check): [AuditCheck, CheckOutcome] => [
        check,
        this.failures.has(check) ? 'failed' : this.notApplicable.has(check) ? 'not applicable' : 'passed',
      ]),
    ) as Record<AuditCheck, CheckOutcome>;
    const publicDifferences = differences.map((failure): EventDifference => ({
      check: failure.check,
      revision: failure.revision,
      position: failure.position,
      eventId: failure.eventId,
      eventType: failure.eventType,
      message: failure.message,
    }));
    return {
      stream: this.stream,
      fileId: this.fileId,
      fileName: this.fileName,
      events: this.seen,
      status: differences.length === 0 ? 'ok' : 'broken',
      checks,
      notApplicable: AUDIT_CHECKS.filter((check) => checks[check] === 'not applicable').map((check) => ({
        check,
        reason: this.notApplicable.get(check) ?? '',
      })),
      firstDifference: publicDifferences[0] ?? null,
      differences: publicDifferences,
    };
  }
}

/**
 * Checks every file stream: the first event is FileReceived; revisions follow each other from 0;
 * ReadingRecorded events come in line order between FileReceived and exactly one closing event, which
 * is last and counts them; every event fits its schema; ids are the deterministic ones; the closing
 * event's digest is that of the events before it; and, where the original is kept, reading it again
 * gives the same events.
 */
export async function verifyAudit(sources: AuditSources): Promise<AuditReport> {
  const audits = new Map<string, StreamAudit>();
  let after: bigint | undefined;
  for (;;) {
    const batch = await sources.store.readAll({
      ...(after === undefined ? {} : { after }),
      maxCount: PAGE,
      streamPrefixes: FILE_STREAM_PREFIXES,
    });
    for (const event of batch) {
      let audit = audits.get(event.streamName);
      if (audit === undefined) {
        audit = await StreamAudit.open(event.streamName, sources.originals);
        audits.set(event.streamName, audit);
      }
      await audit.accept(event);
    }
    const last = batch.at(-1);
    if (batch.length < PAGE || last === undefined) break;
    after = last.position;
  }
  const all: StreamAuditReport[] = [];
  for (const audit of audits.values()) all.push(await audit.finish());
  const broken = all.filter((report) => report.status === 'broken').length;
  return { streams: all.length, ok: all.length - broken, broken, reports: all };
}
