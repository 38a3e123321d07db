/**
 * The events of one flow file's import, one stream per file (`nem13File-<sha256>`):
 *
 *   FileReceived, then ReadingRecorded x n (one per accepted 250, in file order), then FileImported;
 *   or FileReceived, then FileRejected.
 *
 * A file's readings count only once its FileImported exists. Facts go in `data`, provenance in
 * `metadata`. Versioning: docs/events.md.
 */
import { z } from 'zod';
import type { NewEvent, RecordedEvent } from '../event-store/event-store.js';
import { Nem13HeaderSchema, NemInstantSchema, ProblemSchema, RegisterReadSchema } from '../nem13/schemas.js';
import type { Nem13Header, Nem13Summary, RegisterRead } from '../nem13/records.js';
import type { NemInstant } from '../nem-time.js';
import { fileEventId } from './event-ids.js';

export const FILE_STREAM_CATEGORY = 'nem13File';
const SHA256 = /^[0-9a-f]{64}$/;

/** The stream of a file's events, named by its content hash. */
export function fileStreamName(fileId: string): string {
  if (!SHA256.test(fileId)) throw new RangeError(`not a SHA-256 file id: ${fileId}`);
  return `${FILE_STREAM_CATEGORY}-${fileId}`;
}

export function fileIdOfStream(streamName: string): string | null {
  const id = streamName.slice(FILE_STREAM_CATEGORY.length + 1);
  return streamName.startsWith(`${FILE_STREAM_CATEGORY}-`) && SHA256.test(id) ? id : null;
}

export const CHANNELS = ['cli', 'api', 'inbox'] as const;
export type Channel = (typeof CHANNELS)[number];

export const FileReceivedData = z.object({
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
  header: Nem13HeaderSchema.nullable().describe('the 100 record, when it was valid'),
  receivedAt: NemInstantSchema,
  channel: z.enum(CHANNELS),
});
export const ReadingRecordedData = RegisterReadSchema.extend({ fileId: z.string().regex(SHA256) });
export const FileImportedData = z.object({
  fileId: z.string().regex(SHA256),
  counts: z.object({ registerReads: z.number().int(), b2bDetails: z.number().int() }),
  lines: z.number().int(),
  warnings: z.array(ProblemSchema),
  warningCount: z.number().int(),
});
export const FileRejectedData = z.object({
  fileId: z.string().regex(SHA256),
  /** Added after the first version: optional, so events recorded without it still parse. */
  lines: z.number().int().optional(),
  errors: z.array(ProblemSchema),
  errorCount: z.number().int(),
  warnings: z.array(ProblemSchema),
  warningCount: z.number().int(),
});
export const FileEventMetadata = z.object({
  schemaVersion: z.literal(1),
  channel: z.enum(CHANNELS),
  /** The line of the file the event comes from (0 for the file as a whole). */
  sourceLine: z.number().int().nonnegative(),
  importer: z.string(),
});

export type FileReceivedData = z.infer<typeof FileReceivedData>;
export type ReadingRecordedData = z.infer<typeof ReadingRecordedData>;
export type FileImportedData = z.infer<typeof FileImportedData>;
export type FileRejectedData = z.infer<typeof FileRejectedData>;
export type FileEventMetadata = z.infer<typeof FileEventMetadata>;

export type FileEvent =
  | { readonly type: 'FileReceived'; readonly data: FileReceivedData }
  | { readonly type: 'ReadingRecorded'; readonly data: ReadingRecordedData }
  | { readonly type: 'FileImported'; readonly data: FileImportedData }
  | { readonly type: 'FileRejected'; readonly data: FileRejectedData };
export type FileEventType = FileEvent['type'];

const DATA_SCHEMAS = {
  FileReceived: FileReceivedData,
  ReadingRecorded: ReadingRecordedData,
  FileImported: FileImportedData,
  FileRejected: FileRejectedData,
} as const;

export function isFileEventType(type: string): type is FileEventType {
  return type in DATA_SCHEMAS;
}

/** Reads a stored event as a file event (the place where older versions would be upcast). */
export function parseFileEvent(event: RecordedEvent): FileEvent {
  if (!isFileEventType(event.type)) throw new RangeError(`not a file event: ${event.type}`);
  return { type: event.type, data: DATA_SCHEMAS[event.type].parse(event.data) } as FileEvent;
}

export const IMPORTER = 'nem/0.1.0';

function metadata(channel: Channel, sourceLine: number): FileEventMetadata {
  return { schemaVersion: 1, channel, sourceLine, importer: IMPORTER };
}

export interface ReceivedFile {
  readonly fileId: string;
  readonly fileName: string;
  readonly size: number;
  readonly identity: 'content' | 'raw';
  readonly container: 'plain' | 'gzip' | 'zip';
  readonly zipMember: string | null;
  readonly header: Nem13Header | null;
  readonly receivedAt: NemInstant;
  readonly channel: Channel;
}

export function fileReceived(file: ReceivedFile): NewEvent {
  const data: FileReceivedData = { ...file };
  return {
    id: fileEventId(file.fileId, 'FileReceived', 0),
    type: 'FileReceived',
    data,
    metadata: metadata(file.channel, 0),
  };
}

export function readingRecorded(fileId: string, read: RegisterRead, channel: Channel): NewEvent {
  const data: ReadingRecordedData = { ...read, fileId };
  return {
    id: fileEventId(fileId, 'ReadingRecorded', read.line),
    type: 'ReadingRecorded',
    data,
    metadata: metadata(channel, read.line),
  };
}

export function fileImported(fileId: string, summary: Nem13Summary, channel: Channel): NewEvent {
  const data: FileImportedData = {
    fileId,
    counts: { ...summary.counts },
    lines: summary.lines,
    warnings: [...summary.warnings],
    warningCount: summary.warningCount,
  };
  return { id: fileEventId(fileId, 'FileImported', 0), type: 'FileImported', data, metadata: metadata(channel, 0) };
}

export function fileRejected(fileId: string, summary: Nem13Summary, channel: Channel): NewEvent {
  const data: FileRejectedData = {
    fileId,
    lines: summary.lines,
    errors: [...summary.errors],
    errorCount: summary.errorCount,
    warnings: [...summary.warnings],
    warningCount: summary.warningCount,
  };
  return { id: fileEventId(fileId, 'FileRejected', 0), type: 'FileRejected', data, metadata: metadata(channel, 0) };
}
