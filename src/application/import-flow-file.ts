import {
  WrongExpectedRevisionError,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '../domain/event-store/event-store.js';
import {
  fileImported,
  fileReceived,
  fileRejected,
  FILE_STREAM_CATEGORIES,
  fileStreamName,
  lastEventOfFile,
  parseFileEvent,
  intervalDayRecorded,
  readingRecorded,
  type Channel,
} from '../domain/events/file-events.js';
import { recordCount, type FlowCounts, type FlowProblem, type FlowSummary } from '../domain/flow-summary.js';
import type { MdffFormat } from '../domain/mdff/format.js';
import { StreamDigest } from '../domain/events/stream-digest.js';
import { toNemIso } from '../domain/nem-time.js';
import { plural, recordedFileName } from '../domain/text.js';
import type { FlowFile } from './flow-file.js';
import type { OriginalDraft, OriginalsArchive } from './originals.js';
import { readFlowFile, validateFlowFile } from './read-flow-file.js';
import { createSha256 } from './sha256.js';

/**
 * `refused`: the file was not taken at all (larger than a limit), so nothing is recorded for it and it
 * has no identity; the error says which limit.
 */
export type ImportStatus = 'imported' | 'duplicate' | 'rejected' | 'refused';

/** What a file's record events are, counted: `7 readings`, or `7 interval days` for a NEM12 file. */
export function recordsOf(result: ImportResult): string {
  return plural(result.records, result.format === 'NEM12' ? 'interval day' : 'reading');
}

export interface ImportResult {
  readonly file: string;
  /** The file's identity; null when it was refused (it was never read whole). */
  readonly sha256: string | null;
  readonly status: ImportStatus;
  /** The reader that read it; null when it was refused unread. */
  readonly format: MdffFormat | null;
  /**
   * Record events the file has in the store (0 for a rejected file): ReadingRecorded for a NEM13 file,
   * IntervalDayRecorded for a NEM12 one; `registerReads` + `intervalDays`.
   */
  readonly records: number;
  /** Register reads (250 records) the file brought: a NEM13 file's. */
  readonly registerReads: number;
  /** Interval days (300 records) the file brought: a NEM12 file's. */
  readonly intervalDays: number;
  readonly errors: readonly FlowProblem[];
  readonly warnings: readonly FlowProblem[];
  readonly errorCount: number;
  readonly warningCount: number;
  /** For a duplicate: what became of the file when it was first received, and when that was. */
  readonly duplicateOf?: { readonly status: 'imported' | 'rejected'; readonly receivedAt: string };
}

/**
 * An ImportResult as the API's upload and `nem import --json` answer it: the problems listed, and how
 * many more there were.
 */
export interface ImportResultView extends Omit<
  ImportResult,
  'records' | 'errors' | 'warnings' | 'errorCount' | 'warningCount' | 'duplicateOf'
> {
  /** The result's `records`, under the name the API has always given them (kept for its clients). */
  readonly readings: number;
  readonly errors: FlowProblem[];
  readonly warnings: FlowProblem[];
  readonly errorsOmitted: number;
  readonly warningsOmitted: number;
  readonly duplicateOf: NonNullable<ImportResult['duplicateOf']> | null;
}

/** The view of a result, under the name the file is known by (`file`: an upload's client-side name). */
export function importResultView(result: ImportResult, file: string = result.file): ImportResultView {
  return {
    file,
    sha256: result.sha256,
    status: result.status,
    format: result.format,
    readings: result.records,
    registerReads: result.registerReads,
    intervalDays: result.intervalDays,
    errors: [...result.errors],
    warnings: [...result.warnings],
    errorsOmitted: result.errorCount - result.errors.length,
    warningsOmitted: result.warningCount - result.warnings.length,
    duplicateOf: result.duplicateOf ?? null,
  };
}

export interface ImportOptions {
  readonly channel: Channel;
  /** The name to record (an upload's client-side name); the path's last segment by default. */
  readonly fileName?: string;
  /** Events per append. */
  readonly chunkSize?: number;
  readonly now?: () => Date;
  /**
   * Called after each append of record events with how many of the file's records are in the store, and
   * the file's format (a NEM13 file's records are readings, a NEM12 file's interval days).
   */
  readonly onProgress?: ((done: number, total: number, format: MdffFormat) => void) | undefined;
  /** Where the file's original content is kept (read on the way through the validation pass). */
  readonly originals?: OriginalsArchive | undefined;
}

/** A file that is not taken (larger than a limit): nothing is recorded for it. */
export function refused(file: string, code: 'FILE_TOO_LARGE' | 'CONTENT_TOO_LARGE', message: string): ImportResult {
  return {
    file,
    sha256: null,
    format: null,
    status: 'refused',
    records: 0,
    registerReads: 0,
    intervalDays: 0,
    errors: [{ line: 0, record: null, field: null, code, severity: 'error', message }],
    warnings: [],
    errorCount: 1,
    warningCount: 0,
  };
}

/** The file changed between the validation pass and the append pass. */
export class FileChangedError extends Error {
  constructor(readonly path: string) {
    super(`${path} changed while it was being imported; nothing more was appended, run the import again`);
    this.name = 'FileChangedError';
  }
}

/**
 * Events per append: large enough that commits are few (each waits for the WAL to reach disk), small
 * enough that a chunk's JSON (about 1.3 KiB an event) stays a few MiB.
 */
const DEFAULT_CHUNK = 5000;

/** A file already received and closed: what its stream says of it (null while it is still open). */
async function fromStored(
  store: EventStore,
  stream: string,
  file: string,
  sha256: string,
  last: RecordedEvent,
): Promise<ImportResult | null> {
  if (last.type !== 'FileImported' && last.type !== 'FileRejected') return null;
  let receivedAt = last.recordedAt;
  let format: MdffFormat = 'NEM13';
  for await (const first of store.readStream(stream, { maxCount: 1 })) {
    const received = parseFileEvent(first);
    if (received.type !== 'FileReceived') continue;
    receivedAt = received.data.receivedAt;
    // A file whose 100 was not valid says its format by its stream's name alone.
    if (received.data.header?.versionHeader === 'NEM12' || stream.startsWith(`${FILE_STREAM_CATEGORIES.NEM12}-`)) {
      format = 'NEM12';
    }
  }
  const parsed = parseFileEvent(last);
  if (parsed.type === 'FileImported') {
    const data = parsed.data;
    return {
      file,
      sha256,
      format: data.counts.intervalDays === undefined ? format : 'NEM12',
      status: 'duplicate',
      ...brought(data.counts),
      errors: [],
      warnings: data.warnings,
      errorCount: 0,
      warningCount: data.warningCount,
      duplicateOf: { status: 'imported', receivedAt: toNemIso(receivedAt) },
    };
  }
  if (parsed.type !== 'FileRejected') return null;
  const data = parsed.data;
  return {
    file,
    sha256,
    format,
    status: 'duplicate',
    records: 0,
    registerReads: 0,
    intervalDays: 0,
    errors: data.errors,
    warnings: data.warnings,
    errorCount: data.errorCount,
    warningCount: data.warningCount,
    duplicateOf: { status: 'rejected', receivedAt: toNemIso(receivedAt) },
  };
}

/** What a file's counts say it brought, in an import result's terms. */
function brought(counts: FlowCounts): Pick<ImportResult, 'records' | 'registerReads' | 'intervalDays'> {
  return { records: recordCount(counts), registerReads: counts.registerReads, intervalDays: counts.intervalDays ?? 0 };
}

function fresh(file: string, sha256: string, status: ImportStatus, summary: FlowSummary): ImportResult {
  return {
    file,
    sha256,
    format: summary.format,
    status,
    ...(status === 'imported' ? brought(summary.counts) : { records: 0, registerReads: 0, intervalDays: 0 }),
    errors: summary.errors,
    warnings: summary.warnings,
    errorCount: summary.errorCount,
    warningCount: summary.warningCount,
  };
}

/** The file with its content written to the draft as it is read. */
function keepingContent(file: FlowFile, draft: OriginalDraft): FlowFile {
  return {
    ...file,
    content: async function* () {
      for await (const chunk of file.content()) {
        await draft.write(chunk);
        yield chunk;
      }
    },
  };
}

/**
 * Imports one flow file: validates it whole (streaming), then appends FileReceived and either
 * FileRejected, or its ReadingRecorded events in chunks and FileImported. Safe to repeat (a finished
 * stream makes it a duplicate), to resume (a stream without its closing event is continued from its last
 * revision) and to run from two processes at once (expected revisions arbitrate; the loser re-reads the
 * stream and carries on from there).
 */
export async function importFlowFile(
  store: EventStore,
  open: () => Promise<FlowFile>,
  options: ImportOptions,
): Promise<ImportResult> {
  const draft = options.originals?.draft('content') ?? null;
  let first: FlowFile;
  let report: Awaited<ReturnType<typeof validateFlowFile>>;
  try {
    first = await open();
    report = await validateFlowFile(draft === null ? first : keepingContent(first, draft));
  } catch (error) {
    await draft?.discard();
    throw error;
  }
  const containerProblem = first.problem();
  // Its identity would be the hash of a prefix: refuse without recording anything.
  if (containerProblem?.limitExceeded === true) {
    await draft?.discard();
    return refused(report.file, 'CONTENT_TOO_LARGE', `nothing recorded: ${containerProblem.message}`);
  }
  const { sha256 } = report.digest;
  // Kept before the first event, so a file the store knows has its original (a crash between the two
  // leaves an original whose file the next run imports).
  if (draft !== null) {
    if (report.digest.basis === 'raw') {
      // The container could not be read: what its id hashes is the file itself, read again as it is.
      await draft.discard();
      const raw = options.originals?.draft('raw');
      if (raw !== undefined) {
        for await (const chunk of first.raw()) await raw.write(chunk);
        await raw.keep(sha256);
      }
    } else {
      await draft.keep(sha256);
    }
  }
  const file = report.file;
  // A file's stream is named by its format; one the store has already (under an older name too) is it.
  let found: RecordedEvent | null | undefined = await lastEventOfFile(store, sha256);
  const stream = found?.streamName ?? fileStreamName(sha256, report.summary.format);
  const total = recordCount(report.summary.counts);
  const now = options.now ?? (() => new Date());
  const receivedEvent = () =>
    fileReceived({
      fileId: sha256,
      fileName: recordedFileName(options.fileName ?? first.name, 'file'),
      size: report.digest.size,
      identity: report.digest.basis,
      container: first.container,
      zipMember: first.member,
      header: report.summary.header,
      receivedAt: toNemIso(now()),
      channel: options.channel,
    });

  for (;;) {
    // The first time round it was just read; after another importer moved the stream on, read again.
    const last = found === undefined ? await store.lastEvent(stream) : found;
    found = undefined;
    const stored = last === null ? null : await fromStored(store, stream, file, sha256, last);
    if (stored !== null) return stored;
    try {
      // A new stream, on a store that writes one whole: every event in one transaction, the file read
      // once more on the way; a crash leaves nothing of it, and the next run starts it again.
      if (last === null && store.writeStream !== undefined) {
        const received = receivedEvent();
        const valid = report.summary.valid;
        await store.writeStream({
          name: stream,
          count: valid ? total + 2 : 2,
          chunks: wholeStream(received, valid ? { open, total, format: report.summary.format } : null, {
            sha256,
            summary: report.summary,
            options,
          }),
        });
        return fresh(file, sha256, valid ? 'imported' : 'rejected', report.summary);
      }
      // The closing event records the digest of every event before it: those already in the stream (an
      // import resumed after a crash, or continued after another importer's append) as read back.
      const digest = new StreamDigest(createSha256());
      let revision: number;
      if (last === null) {
        const received = receivedEvent();
        revision = (await store.append(stream, [received], 'no_stream')).nextExpectedRevision;
        digest.add(received);
      } else {
        revision = last.revision;
        for await (const event of store.readStream(stream, { maxCount: revision + 1 })) digest.add(event);
      }
      if (!report.summary.valid) {
        const rejected = fileRejected(sha256, report.summary, options.channel, digest.value());
        await store.append(stream, [rejected], revision);
        return fresh(file, sha256, 'rejected', report.summary);
      }
      const records = { open, total, format: report.summary.format };
      revision = await appendReadings(store, stream, records, sha256, revision, digest, options);
      const imported = fileImported(sha256, report.summary, options.channel, digest.value());
      await store.append(stream, [imported], revision);
      return fresh(file, sha256, 'imported', report.summary);
    } catch (error) {
      // Another importer of the same file moved the stream on: look again and continue from there.
      if (error instanceof WrongExpectedRevisionError) continue;
      throw error;
    }
  }
}

/** A file's records to write: how it is opened again, how many the validation pass counted, its format. */
interface FileRecords {
  readonly open: () => Promise<FlowFile>;
  readonly total: number;
  readonly format: MdffFormat;
}

/**
 * Reads the file again and yields its record events (readings of a NEM13 file, interval days of a NEM12
 * one) in chunks, the first `skip` records left out. A file that is not the one validated (more records,
 * fewer, or other bytes) stops it with FileChangedError.
 */
async function* recordChunks(
  records: FileRecords,
  sha256: string,
  skip: number,
  chunkSize: number,
): AsyncIterable<NewEvent[]> {
  let index = 0;
  let chunk: NewEvent[] = [];
  const file = await records.open();
  for await (const batch of readFlowFile(file)) {
    for (const item of batch) {
      if (item.kind !== 'registerRead' && item.kind !== 'intervalDay') continue;
      if (++index > records.total) throw new FileChangedError(file.path);
      if (index <= skip) continue;
      chunk.push(
        item.kind === 'registerRead' ? readingRecorded(sha256, item.read) : intervalDayRecorded(sha256, item.day),
      );
      if (chunk.length >= chunkSize) {
        yield chunk;
        chunk = [];
      }
    }
  }
  if (file.digest().sha256 !== sha256 || index !== records.total) throw new FileChangedError(file.path);
  if (chunk.length > 0) yield chunk;
}

/**
 * A new file's stream in chunks: FileReceived, then (for a valid file, read again) its record events,
 * then the closing event with the digest of all before it. Progress is reported as each chunk is taken,
 * the one before it written (not yet committed: the stream is written in one transaction).
 */
async function* wholeStream(
  received: NewEvent,
  records: FileRecords | null,
  closing: { readonly sha256: string; readonly summary: FlowSummary; readonly options: ImportOptions },
): AsyncIterable<readonly NewEvent[]> {
  const { sha256, summary, options } = closing;
  const digest = new StreamDigest(createSha256());
  digest.add(received);
  yield [received];
  if (records === null) {
    yield [fileRejected(sha256, summary, options.channel, digest.value())];
    return;
  }
  let done = 0;
  for await (const chunk of recordChunks(records, sha256, 0, options.chunkSize ?? DEFAULT_CHUNK)) {
    for (const event of chunk) digest.add(event);
    yield chunk;
    done += chunk.length;
    if (done < records.total) options.onProgress?.(done, records.total, records.format);
  }
  options.onProgress?.(records.total, records.total, records.format);
  yield [fileImported(sha256, summary, options.channel, digest.value())];
}

/**
 * Appends the record events the stream does not have yet, adding them to the stream's digest. Revision
 * r of the stream holds record r (FileReceived is revision 0), so `revision` records are already stored.
 */
async function appendReadings(
  store: EventStore,
  stream: string,
  records: FileRecords,
  sha256: string,
  startRevision: number,
  digest: StreamDigest,
  options: ImportOptions,
): Promise<number> {
  let revision = startRevision;
  for await (const chunk of recordChunks(records, sha256, startRevision, options.chunkSize ?? DEFAULT_CHUNK)) {
    revision = (await store.append(stream, chunk, revision)).nextExpectedRevision;
    for (const event of chunk) digest.add(event);
    options.onProgress?.(revision, records.total, records.format);
  }
  options.onProgress?.(revision, records.total, records.format);
  return revision;
}
