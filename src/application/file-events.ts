/**
 * The stored events of one file's stream, as they are (data and metadata not upcast), a page at a time,
 * read through the event-store port: what an auditor compares with the file and the read model.
 */
import type { CommonQueryMethods } from 'slonik';
import { z } from 'zod';
import type { EventStore, RecordedEvent } from '../domain/event-store/event-store.js';
import { fileIdOfStream, lastEventOfFile } from '../domain/events/file-events.js';
import { toNemIso } from '../domain/nem-time.js';
import { filesMatching, InvalidCursorError, type FileSummary } from '../projections/read-model/read-model.queries.js';

const NemTimeText = z.iso
  .datetime({ offset: true })
  .describe('an instant in NEM time (UTC+10:00, no daylight saving), e.g. 2026-11-30T16:05:12+10:00');

export const StoredEventView = z.object({
  streamName: z.string(),
  revision: z.number().int().describe('0-based position of the event in its stream'),
  position: z.string().describe("the event's position in the store's global order (all streams), a whole number"),
  eventId: z.string().describe('the event id (a UUID, deterministic from the file and its line)'),
  type: z.string().describe('FileReceived, ReadingRecorded, IntervalDayRecorded, FileImported or FileRejected'),
  recordedAt: NemTimeText.describe('when the store recorded the event, NEM time (+10:00)'),
  schemaVersion: z
    .number()
    .int()
    .nullable()
    .describe(
      "the metadata's schemaVersion (1 when it has none: events written before it was recorded); null when it holds something that is not a whole number",
    ),
  data: z.record(z.string(), z.unknown()).describe('the facts, as stored'),
  metadata: z.record(z.string(), z.unknown()).describe('the provenance (schemaVersion, sourceLine, ...), as stored'),
});
export type StoredEvent = z.output<typeof StoredEventView>;

export const FileEventPageView = z.object({
  fileId: z.string().describe('SHA-256 of the file'),
  fileName: z.string().nullable().describe('as the read model knows it; null when it does not (yet)'),
  streamName: z.string(),
  events: z.number().int().describe('events in the stream in all'),
  items: z.array(StoredEventView),
  nextCursor: z.string().nullable().describe('pass as `cursor` for the next page; null on the last page'),
});
export type FileEventPage = z.output<typeof FileEventPageView>;

export function storedEventView(event: RecordedEvent): StoredEvent {
  const version = event.metadata.schemaVersion;
  return {
    streamName: event.streamName,
    revision: event.revision,
    position: event.position.toString(),
    eventId: event.id,
    type: event.type,
    recordedAt: toNemIso(event.recordedAt),
    schemaVersion: version === undefined ? 1 : Number.isSafeInteger(version) ? (version as number) : null,
    data: { ...event.data },
    metadata: { ...event.metadata },
  };
}

export interface FileStream {
  readonly fileId: string;
  readonly fileName: string | null;
  /** The stream the text named; null when it named the file: its stream is the store's to say. */
  readonly streamName: string | null;
}

/** A file's stream, as a text names it. */
export type FileStreamTarget =
  | ({ readonly kind: 'found' } & FileStream)
  | { readonly kind: 'none' }
  /** A name (or a start of a SHA-256) that more than one file has: those files, newest first, and the newest. */
  | { readonly kind: 'ambiguous'; readonly files: FileSummary[]; readonly newest: FileStream };

const SHA256 = /^[0-9a-fA-F]{64}$/;
/** Files listed when a name is ambiguous. */
const AMBIGUOUS_LISTED = 20;

/**
 * The stream a text names: a stream name (`nem13File-<sha256>`, `nem12File-<sha256>`) or a whole SHA-256
 * name it directly, known
 * to the read model or not (the store decides whether it has events); a start of a SHA-256 or a file name
 * is looked up in the read model.
 */
export async function findFileStream(db: CommonQueryMethods, text: string): Promise<FileStreamTarget> {
  const streamId = fileIdOfStream(text);
  const fileId = streamId ?? (SHA256.test(text) ? text.toLowerCase() : null);
  const matches = await filesMatching(db, fileId ?? text, AMBIGUOUS_LISTED);
  if (fileId !== null) {
    const known = matches.find((file) => file.fileId === fileId);
    return { kind: 'found', fileId, fileName: known?.fileName ?? null, streamName: streamId === null ? null : text };
  }
  const [first] = matches;
  if (first === undefined) return { kind: 'none' };
  const newest = { fileId: first.fileId, fileName: first.fileName, streamName: null };
  return matches.length > 1 ? { kind: 'ambiguous', files: matches, newest } : { kind: 'found', ...newest };
}

const EventCursor = z.tuple([
  z.literal('revision'),
  z
    .number()
    .int()
    .min(0)
    .max(2 ** 31),
]);

export function encodeEventCursor(revision: number): string {
  return Buffer.from(JSON.stringify(['revision', revision])).toString('base64url');
}

/** The revision a cursor ends at; InvalidCursorError for one this service did not issue. */
export function decodeEventCursor(cursor: string): number {
  try {
    return EventCursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')))[1];
  } catch {
    throw new InvalidCursorError();
  }
}

/**
 * One page of a file's events in stream order, after a revision (exclusive; from the first when absent),
 * with how many the stream holds; null when the store has no event of the file.
 */
export async function listFileEvents(
  store: EventStore,
  file: FileStream,
  page: { readonly limit: number; readonly afterRevision?: number },
): Promise<FileEventPage | null> {
  const last =
    file.streamName === null ? await lastEventOfFile(store, file.fileId) : await store.lastEvent(file.streamName);
  if (last === null) return null;
  const { streamName } = last;
  const events: RecordedEvent[] = [];
  const fromRevision = page.afterRevision === undefined ? 0 : page.afterRevision + 1;
  for await (const event of store.readStream(streamName, { fromRevision, maxCount: page.limit + 1 })) {
    events.push(event);
  }
  const items = events.slice(0, page.limit).map(storedEventView);
  const end = items.at(-1);
  return {
    fileId: file.fileId,
    fileName: file.fileName,
    streamName,
    events: last.revision + 1,
    items,
    nextCursor: events.length > page.limit && end !== undefined ? encodeEventCursor(end.revision) : null,
  };
}
