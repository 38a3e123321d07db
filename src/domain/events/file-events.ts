/**
 * The events of one flow file's import, one stream per file, named by its format and content hash
 * (`nem13File-<sha256>`, `nem12File-<sha256>`: docs/adr/0014-a-stream-category-per-format.md):
 *
 *   FileReceived, then one event per record in file order (ReadingRecorded per accepted 250 of a NEM13
 *   file, IntervalDayRecorded per accepted 300 of a NEM12 file), then FileImported;
 *   or FileReceived, then FileRejected.
 *
 * A file's readings count only once its FileImported exists. Facts go in `data`, provenance in
 * `metadata`. Versioning: docs/events.md.
 */
import { z } from 'zod';
import type { EventStore, NewEvent, RecordedEvent } from '../event-store/event-store.js';
import type { MdffFormat } from '../mdff/format.js';
import { FlowProblemSchema, type FlowHeader, type FlowSummary } from '../flow-summary.js';
import { Nem12HeaderSchema } from '../nem12/schemas.js';
import { Nem13HeaderSchema, NemInstantSchema, RegisterReadSchema } from '../nem13/schemas.js';
import type { RegisterRead } from '../nem13/records.js';
import type { IntervalDay } from '../nem12/records.js';
import {
  intervalDayFacts,
  IntervalDayRecordedData,
  IntervalDayRecordedV1Data,
  leanIntervalDay,
} from './interval-day-recorded.js';
import type { NemInstant } from '../nem-time.js';
import { fileEventId } from './event-ids.js';
import {
  B2B_FIELD_KEYS,
  decodeReading,
  READING_FIELD_KEYS,
  readingOfLines,
  storedReadingOfLines,
  type RecordedReading,
  type StoredReading,
} from './reading-recorded.js';

/** The category of a file's stream, by the reader that read it. */
export const FILE_STREAM_CATEGORIES = { NEM13: 'nem13File', NEM12: 'nem12File' } as const satisfies Record<
  MdffFormat,
  string
>;
/** What every file stream's name starts with: what the projection and audits read. */
export const FILE_STREAM_PREFIXES: readonly string[] = Object.values(FILE_STREAM_CATEGORIES).map(
  (category) => `${category}-`,
);
const SHA256 = /^[0-9a-f]{64}$/;

/** The stream of a file's events, named by its format and its content hash. */
export function fileStreamName(fileId: string, format: MdffFormat): string {
  if (!SHA256.test(fileId)) throw new RangeError(`not a SHA-256 file id: ${fileId}`);
  return `${FILE_STREAM_CATEGORIES[format]}-${fileId}`;
}

export function isFileStream(streamName: string): boolean {
  return FILE_STREAM_PREFIXES.some((prefix) => streamName.startsWith(prefix));
}

export function fileIdOfStream(streamName: string): string | null {
  const prefix = FILE_STREAM_PREFIXES.find((candidate) => streamName.startsWith(candidate));
  const id = prefix === undefined ? '' : streamName.slice(prefix.length);
  return SHA256.test(id) ? id : null;
}

/**
 * The last event of a file's stream, of either format (its `streamName` says which), or null when the
 * store has none. A NEM12 file imported before 2026-12-07 kept its stream under `nem13File-` in an
 * EventStoreDB (PostgreSQL renamed it, migration 012): that name is asked for too.
 */
export async function lastEventOfFile(
  store: Pick<EventStore, 'lastEvent'>,
  fileId: string,
): Promise<RecordedEvent | null> {
  for (const format of ['NEM13', 'NEM12'] as const) {
    const last = await store.lastEvent(fileStreamName(fileId, format));
    if (last !== null) return last;
  }
  return null;
}

/** The stream a file's events are in, of either format, or null when the store has none. */
export async function storedFileStream(store: Pick<EventStore, 'lastEvent'>, fileId: string): Promise<string | null> {
  return (await lastEventOfFile(store, fileId))?.streamName ?? null;
}

export const CHANNELS = ['cli', 'api', 'inbox'] as const;
export type Channel = (typeof CHANNELS)[number];

export const FileReceivedData = z.object({
  /** The SHA-256 of the file's bytes (see `identity`): the stream's name, and so its events' ids, hold it too. */
  fileId: z.string().regex(SHA256),
  fileName: z.string(),
  size: z.number().int().nonnegative().describe('size in bytes of what fileId hashes'),
  /**
   * What fileId hashes: the decompressed content, or the raw bytes of a container that could not be read
   * (a corrupt archive has no content to name it by). Absent in events recorded before it existed, where
   * it was the content.
   */
  identity: z.enum(['content', 'raw']).optional(),
  container: z.enum(['plain', 'gzip', 'zip']),
  zipMember: z.string().nullable(),
  header: z
    .union([Nem13HeaderSchema, Nem12HeaderSchema])
    .nullable()
    .describe('the 100 record, when it was valid (its versionHeader tells the format)'),
  receivedAt: NemInstantSchema,
  channel: z.enum(CHANNELS),
});
/**
 * ReadingRecorded, schema version 2 (current): each fact of the 250 (and its 550) once, as the reader
 * accepted it: the 22 fields after the record indicator in the specification's order (NMI,
 * NMIConfiguration, RegisterID, NMISuffix, MDMDataStreamIdentifier, MeterSerialNumber,
 * DirectionIndicator, PreviousRegisterRead, PreviousRegisterReadDateTime, PreviousQualityMethod,
 * PreviousReasonCode, PreviousReasonDescription, CurrentRegisterRead, CurrentRegisterReadDateTime,
 * CurrentQualityMethod, CurrentReasonCode, CurrentReasonDescription, Quantity, UOM,
 * NextScheduledReadDate, UpdateDateTime, MSATSLoadDateTime), surrounding spaces removed. The exact text
 * of a decimal is its value; instants are NEM time as written (CCYYMMDDhhmmss); descriptions of codes
 * belong to the code lists. The file is the stream's, the line the metadata's `sourceLine`. Code reads
 * and writes it by name through its codec (reading-recorded.ts).
 */
export const ReadingRecordedData = z.object({
  fields: z.array(z.string()).length(READING_FIELD_KEYS.length).describe("the 250's fields after its record indicator"),
  b2b: z
    .object({
      line: z.number().int().positive(),
      fields: z.array(z.string()).length(B2B_FIELD_KEYS.length).describe("the 550's fields after its record indicator"),
    })
    .nullable()
    .describe('the 550 that follows the 250, if any'),
});

/** ReadingRecorded, schema version 1: every field typed, most of them twice, with the raw lines. */
export const ReadingRecordedV1Data = RegisterReadSchema.extend({ fileId: z.string().regex(SHA256) });
/** FileImported, schema version 1: written before the stream digest existed. */
export const FileImportedV1Data = z.object({
  fileId: z.string().regex(SHA256),
  counts: z.object({
    registerReads: z.number().int(),
    b2bDetails: z.number().int().describe('550 records of a NEM13 file, 500 records of a NEM12 file'),
    /** NEM12 files only: absent from a NEM13 file's event. */
    channels: z.number().int().optional().describe('NEM12: 200 records'),
    intervalDays: z.number().int().optional().describe('NEM12: 300 records'),
    intervalEvents: z.number().int().optional().describe('NEM12: 400 records'),
  }),
  lines: z.number().int(),
  warnings: z.array(FlowProblemSchema),
  warningCount: z.number().int(),
});
/** FileRejected, schema version 1: written before the stream digest existed. */
export const FileRejectedV1Data = z.object({
  fileId: z.string().regex(SHA256),
  /** Added after the first version: optional, so events recorded without it still parse. */
  lines: z.number().int().optional(),
  errors: z.array(FlowProblemSchema),
  errorCount: z.number().int(),
  warnings: z.array(FlowProblemSchema),
  warningCount: z.number().int(),
});
const EARLIER_EVENTS_SHA256 = z
  .string()
  .regex(SHA256)
  .describe("SHA-256 over the stream's earlier events in order (stream-digest.ts)");
/** FileImported, schema version 2 (current): version 1 and the running digest of the stream. */
export const FileImportedData = FileImportedV1Data.extend({ earlierEventsSha256: EARLIER_EVENTS_SHA256 });
/** FileRejected, schema version 2 (current): version 1 and the running digest of the stream. */
export const FileRejectedData = FileRejectedV1Data.extend({ earlierEventsSha256: EARLIER_EVENTS_SHA256 });
/**
 * A closing event as readers see it: a version 1 event is upcast with `earlierEventsSha256` null, since
 * nothing recorded its stream's digest.
 */
export type FileImportedView = FileImportedV1Data & { readonly earlierEventsSha256: string | null };
export type FileRejectedView = FileRejectedV1Data & { readonly earlierEventsSha256: string | null };
export const FileEventMetadata = z.object({
  schemaVersion: z.number().int().positive(),
  /** The line of the file the event comes from (0 for the file as a whole). */
  sourceLine: z.number().int().nonnegative(),
  /** How the file came in and which importer wrote it: on file-level events (and on v1 readings). */
  channel: z.enum(CHANNELS).optional(),
  importer: z.string().optional(),
});

export type FileReceivedData = z.infer<typeof FileReceivedData>;
export type ReadingRecordedData = z.infer<typeof ReadingRecordedData>;
export type ReadingRecordedV1Data = z.infer<typeof ReadingRecordedV1Data>;
export type FileImportedV1Data = z.infer<typeof FileImportedV1Data>;
export type FileRejectedV1Data = z.infer<typeof FileRejectedV1Data>;
export type FileImportedData = z.infer<typeof FileImportedData>;
export type FileRejectedData = z.infer<typeof FileRejectedData>;
export type FileEventMetadata = z.infer<typeof FileEventMetadata>;

export type FileEvent =
  | { readonly type: 'FileReceived'; readonly data: FileReceivedData }
  | { readonly type: 'ReadingRecorded'; readonly data: RecordedReading }
  | { readonly type: 'IntervalDayRecorded'; readonly data: IntervalDayRecordedData }
  | { readonly type: 'FileImported'; readonly data: FileImportedView }
  | { readonly type: 'FileRejected'; readonly data: FileRejectedView };

/** The schema version new events of each type are written with: what projections read. */
export const CURRENT_SCHEMA_VERSIONS = {
  FileReceived: 1,
  ReadingRecorded: 2,
  IntervalDayRecorded: 2,
  FileImported: 2,
  FileRejected: 2,
} as const satisfies Record<FileEvent['type'], number>;
export type FileEventType = keyof typeof CURRENT_SCHEMA_VERSIONS;

/** The events of a file as a whole; the others are its records' (ReadingRecorded, IntervalDayRecorded). */
export const FILE_LEVEL_EVENT_TYPES = [
  'FileReceived',
  'FileImported',
  'FileRejected',
] as const satisfies readonly FileEventType[];

export function isFileEventType(type: string): type is FileEventType {
  return type in CURRENT_SCHEMA_VERSIONS;
}

/** A stored event of a schema version this version of nem does not know: refused, never skipped. */
export class UnknownEventVersionError extends Error {
  constructor(
    readonly event: Pick<RecordedEvent, 'id' | 'type' | 'streamName' | 'revision' | 'position'>,
    readonly schemaVersion: unknown,
  ) {
    super(
      `event ${event.id} (${event.type}, ${event.streamName} revision ${event.revision}, position ${event.position}) has schema version ${JSON.stringify(schemaVersion)}, which this version of nem does not know: upgrade nem to read it`,
    );
    this.name = 'UnknownEventVersionError';
  }
}

/** The line of the file a record event comes from (its metadata's `sourceLine`). */
export function sourceLineOf(event: Pick<RecordedEvent, 'id' | 'metadata'>): number {
  const line = event.metadata.sourceLine;
  if (typeof line !== 'number' || !Number.isInteger(line) || line < 0) {
    throw new RangeError(`event ${event.id} has no line of its file (metadata.sourceLine ${JSON.stringify(line)})`);
  }
  return line;
}

/** An event's schema version: from its metadata (events written before it was recorded are version 1). */
export function schemaVersionOf(event: Pick<RecordedEvent, 'metadata'>): unknown {
  return event.metadata.schemaVersion ?? 1;
}

/**
 * ReadingRecorded v1 to v2: the fields as the reader accepted them are those of the lines v1 kept
 * (`sourceText`), so the upcast is exact.
 */
export function upcastReadingRecordedV1(v1: ReadingRecordedV1Data): RecordedReading {
  return readingOfLines(v1.sourceText, v1.b2bDetails);
}

/**
 * IntervalDayRecorded v1 to v2: the same facts, the nulls and empty lists left out, the values packed; the
 * interval length was the values' count's (the reader checks it), so the upcast is exact.
 */
export function upcastIntervalDayRecordedV1(v1: IntervalDayRecordedV1Data): IntervalDayRecordedData {
  return leanIntervalDay(v1);
}

/**
 * Reads a stored event as a file event of the current schema: the one place older versions are upcast
 * and unknown ones refused ({@link UnknownEventVersionError}), so every reader sees one shape.
 */
export function parseFileEvent(event: Omit<RecordedEvent, 'recordedAt'>): FileEvent {
  if (!isFileEventType(event.type)) throw new RangeError(`not a file event: ${event.type}`);
  const version = schemaVersionOf(event);
  switch (event.type) {
    case 'ReadingRecorded':
      if (version === 2) return { type: event.type, data: decodeReading(ReadingRecordedData.parse(event.data)) };
      if (version === 1) {
        return { type: event.type, data: upcastReadingRecordedV1(ReadingRecordedV1Data.parse(event.data)) };
      }
      break;
    case 'IntervalDayRecorded':
      if (version === 2) return { type: event.type, data: IntervalDayRecordedData.parse(event.data) };
      if (version === 1) {
        return {
          type: event.type,
          data: upcastIntervalDayRecordedV1(IntervalDayRecordedV1Data.parse(event.data)),
        };
      }
      break;
    case 'FileReceived':
      if (version === 1) return { type: event.type, data: FileReceivedData.parse(event.data) };
      break;
    case 'FileImported':
      if (version === 2) return { type: event.type, data: FileImportedData.parse(event.data) };
      if (version === 1) {
        return { type: event.type, data: { ...FileImportedV1Data.parse(event.data), earlierEventsSha256: null } };
      }
      break;
    case 'FileRejected':
      if (version === 2) return { type: event.type, data: FileRejectedData.parse(event.data) };
      if (version === 1) {
        return { type: event.type, data: { ...FileRejectedV1Data.parse(event.data), earlierEventsSha256: null } };
      }
      break;
  }
  throw new UnknownEventVersionError(event, version);
}

export const IMPORTER = 'nem/0.1.0';

function metadata(type: FileEventType, channel: Channel, sourceLine: number): FileEventMetadata {
  return { schemaVersion: CURRENT_SCHEMA_VERSIONS[type], channel, sourceLine, importer: IMPORTER };
}

export interface ReceivedFile {
  readonly fileId: string;
  readonly fileName: string;
  readonly size: number;
  readonly identity: 'content' | 'raw';
  readonly container: 'plain' | 'gzip' | 'zip';
  readonly zipMember: string | null;
  readonly header: FlowHeader | null;
  readonly receivedAt: NemInstant;
  readonly channel: Channel;
}

export function fileReceived(file: ReceivedFile): NewEvent {
  const data: FileReceivedData = { ...file };
  return {
    id: fileEventId(file.fileId, 'FileReceived', 0),
    type: 'FileReceived',
    data,
    metadata: metadata('FileReceived', file.channel, 0),
  };
}

/**
 * One reading's event. Its metadata is the version and the line alone: the channel and the importer are
 * the file's, on its FileReceived (a reading is small, and there are millions of them).
 */
export function readingRecorded(fileId: string, read: RegisterRead): NewEvent {
  const data: StoredReading = storedReadingOfLines(read.sourceText, read.b2bDetails);
  const meta: FileEventMetadata = { schemaVersion: CURRENT_SCHEMA_VERSIONS.ReadingRecorded, sourceLine: read.line };
  return { id: fileEventId(fileId, 'ReadingRecorded', read.line), type: 'ReadingRecorded', data, metadata: meta };
}

/** One interval day's event (v2); like a reading's, its metadata is the version and the line of its 300. */
export function intervalDayRecorded(fileId: string, day: IntervalDay): NewEvent {
  const data = leanIntervalDay(intervalDayFacts(day));
  const meta: FileEventMetadata = { schemaVersion: CURRENT_SCHEMA_VERSIONS.IntervalDayRecorded, sourceLine: day.line };
  return {
    id: fileEventId(fileId, 'IntervalDayRecorded', day.line),
    type: 'IntervalDayRecorded',
    data,
    metadata: meta,
  };
}

/** `earlierEventsSha256`: the stream digest (stream-digest.ts) of the stream's events before this one. */
export function fileImported(
  fileId: string,
  summary: FlowSummary,
  channel: Channel,
  earlierEventsSha256: string,
): NewEvent {
  const data: FileImportedData = {
    fileId,
    counts: { ...summary.counts },
    lines: summary.lines,
    warnings: [...summary.warnings],
    warningCount: summary.warningCount,
    earlierEventsSha256,
  };
  return {
    id: fileEventId(fileId, 'FileImported', 0),
    type: 'FileImported',
    data,
    metadata: metadata('FileImported', channel, 0),
  };
}

/** `earlierEventsSha256`: the stream digest (stream-digest.ts) of the stream's events before this one. */
export function fileRejected(
  fileId: string,
  summary: FlowSummary,
  channel: Channel,
  earlierEventsSha256: string,
): NewEvent {
  const data: FileRejectedData = {
    fileId,
    lines: summary.lines,
    errors: [...summary.errors],
    errorCount: summary.errorCount,
    warnings: [...summary.warnings],
    warningCount: summary.warningCount,
    earlierEventsSha256,
  };
  return {
    id: fileEventId(fileId, 'FileRejected', 0),
    type: 'FileRejected',
    data,
    metadata: metadata('FileRejected', channel, 0),
  };
}
