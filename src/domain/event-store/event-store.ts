/**
 * The event-store port: what the importer and the projections need from any store. Adapters
 * (PostgreSQL/PGlite, EventStoreDB) live in src/infrastructure/event-store and pass one contract suite
 * (event-store.contract.ts). Library errors and version constants are translated at the adapter's edge.
 */

/** An event to append. `id` is a UUID; ids are deterministic so that a retried append is recognisable. */
export interface NewEvent {
  readonly id: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** An event as stored. */
export interface RecordedEvent extends NewEvent {
  readonly streamName: string;
  /** 0-based position of the event in its stream. */
  readonly revision: number;
  /**
   * Position in the store's global order (all streams). Increases with commit order, so a reader
   * that has seen position p has seen every event before it; not necessarily contiguous.
   */
  readonly position: bigint;
  /** When the store recorded it, ISO 8601. */
  readonly recordedAt: string;
}

/**
 * What the writer believes about the stream: it does not exist yet, it exists, anything, or its last
 * event has exactly this revision.
 */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | number;

export interface AppendResult {
  /** Revision of the stream's last event after the append. */
  readonly nextExpectedRevision: number;
  /** Global position of the last event appended (or already present, for an idempotent retry). */
  readonly position: bigint;
}

export interface ReadAllOptions {
  /** Return events after this position (exclusive); from the start when absent. */
  readonly after?: bigint;
  readonly maxCount: number;
  /** Only events of streams whose name starts with one of these prefixes. */
  readonly streamPrefixes?: readonly string[];
  /** Only events of these types. */
  readonly types?: readonly string[];
}

/** A stream written whole: its events, in chunks, and how many there are. */
export interface NewStream {
  readonly name: string;
  /** How many events `chunks` gives: a store may draw their positions before the first is written. */
  readonly count: number;
  readonly chunks: AsyncIterable<readonly NewEvent[]>;
}

export interface EventStore {
  /** A short name for messages and health checks: `postgres`, `pglite`, `eventstoredb`. */
  readonly kind: string;
  /**
   * Appends atomically when the batch fits the store's limits (EventStoreDB: 1 MiB; larger batches are
   * appended in chunks, each with its expected revision). Appending events whose ids are already the
   * stream's events at those revisions is an idempotent no-op.
   * @throws WrongExpectedRevisionError when the stream is not in the expected state.
   */
  append(streamName: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /**
   * Writes a stream that does not exist yet, every event in one transaction: all are stored, or none
   * (a failure of `chunks` included). Offered by the stores that have such transactions (PostgreSQL,
   * PGlite); whoever writes through the port falls back to {@link append} when it is absent.
   * @throws WrongExpectedRevisionError when the stream exists.
   */
  writeStream?(stream: NewStream): Promise<AppendResult>;
  /** Events of one stream in order, from a revision; empty when the stream does not exist. */
  readStream(streamName: string, options?: { fromRevision?: number; maxCount?: number }): AsyncIterable<RecordedEvent>;
  /** The last event of a stream, or null when the stream does not exist. */
  lastEvent(streamName: string): Promise<RecordedEvent | null>;
  /** One batch of events across all streams in global order. */
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Position of the newest event in the store, or null when it is empty. */
  headPosition(): Promise<bigint | null>;
  close(): Promise<void>;
}

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual last revision, or null when it does not exist (when the store tells). */
    readonly actual: number | null | undefined,
    options?: { cause?: unknown },
  ) {
    super(
      `stream ${streamName}: expected ${typeof expected === 'number' ? `revision ${expected}` : expected}, found ${
        actual === undefined ? 'another state' : actual === null ? 'no stream' : `revision ${actual}`
      }`,
      options,
    );
    this.name = 'WrongExpectedRevisionError';
  }
}

/** The store cannot be reached or answered with something other than a domain outcome. */
export class EventStoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreUnavailableError';
  }
}
