import {
  ANY,
  BACKWARDS,
  END,
  KurrentDBClient,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  isSystemStream,
  jsonEvent,
  streamNameFilter,
  type AppendResult as EsdbAppendResult,
  type AppendStreamState,
  type CurrentStreamState,
  type EventData,
  type ReadStreamOptions,
  type RecordedEvent as EsdbRecordedEvent,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import {
  EventStoreUnavailableError,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type RecordedEvent,
} from '../../../domain/event-store/event-store.js';

/**
 * The server refuses an append larger than 1 MiB (its MaxAppendSize), so a batch is appended in chunks
 * of at most this much serialized JSON; the rest of the 1 MiB is headroom for each event's envelope.
 */
const MAX_CHUNK_BYTES = 512 * 1024;

/** Streams whose name starts with `$` belong to the server (metadata, statistics, projections). */
const NON_SYSTEM_STREAMS = streamNameFilter({ regex: '^[^$]' });

/**
 * Opens the EventStoreDB (KurrentDB) adapter, e.g. `kurrentdb://localhost:2113?tls=false`. The client
 * connects on first use, so an unreachable server surfaces as EventStoreUnavailableError from the first
 * operation rather than from here.
 */
export function openEsdbEventStore(connectionString: string): Promise<EventStore> {
  try {
    return Promise.resolve(new EsdbEventStore(KurrentDBClient.connectionString(connectionString)));
  } catch (error) {
    // No `cause`: the parser's error keeps the whole connection string, credentials included.
    return Promise.reject(
      new EventStoreUnavailableError(`eventstoredb: invalid connection string: ${describe(error)}`),
    );
  }
}

interface ChunkWritten {
  readonly nextExpectedRevision: number;
  readonly position: bigint | undefined;
}

class EsdbEventStore implements EventStore {
  readonly kind = 'eventstoredb';

  constructor(private readonly client: KurrentDBClient) {}

  /**
   * Each chunk after the first expects the revision the previous one ended at, and a conflict there
   * reports that revision as the expected one. A retry of the same events is recognised chunk by chunk
   * by the server's idempotency check on event ids, so a batch cut short between chunks can be retried
   * as a whole.
   */
  async append(streamName: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    let written: ChunkWritten | null = null;
    for (const chunk of chunksOf(events)) {
      written = await this.appendChunk(streamName, chunk, written === null ? expected : written.nextExpectedRevision);
    }
    if (written === null) throw new RangeError('append needs at least one event');
    const { nextExpectedRevision, position } = written;
    return { nextExpectedRevision, position: position ?? (await this.positionOf(streamName, nextExpectedRevision)) };
  }

  private async appendChunk(streamName: string, chunk: EventData[], expected: ExpectedRevision): Promise<ChunkWritten> {
    let written: EsdbAppendResult;
    try {
      written = await this.client.appendToStream(streamName, chunk, { streamState: toStreamState(expected) });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        throw new WrongExpectedRevisionError(streamName, expected, actualRevisionOf(error.actualState), {
          cause: error,
        });
      }
      throw unavailable(`appending to ${streamName}`, error);
    }
    // Only reached when the connection string sets throwOnAppendFailure=false.
    if (!written.success) throw new WrongExpectedRevisionError(streamName, expected, undefined);
    return { nextExpectedRevision: Number(written.nextExpectedRevision), position: written.position?.commit };
  }

  /** An idempotent retry is answered without a position: the server wrote nothing new. */
  private async positionOf(streamName: string, revision: number): Promise<bigint> {
    for await (const event of this.readStream(streamName, { fromRevision: revision, maxCount: 1 })) {
      return event.position;
    }
    throw new EventStoreUnavailableError(
      `eventstoredb: ${streamName} has no event at revision ${revision} after appending it`,
    );
  }

  readStream(
    streamName: string,
    options: { fromRevision?: number; maxCount?: number } = {},
  ): AsyncIterable<RecordedEvent> {
    const { fromRevision, maxCount } = options;
    return this.readEvents(streamName, {
      fromRevision: fromRevision === undefined ? START : BigInt(fromRevision),
      ...(maxCount === undefined ? {} : { maxCount }),
    });
  }

  async lastEvent(streamName: string): Promise<RecordedEvent | null> {
    for await (const event of this.readEvents(streamName, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
      return event;
    }
    return null;
  }

  /** A stream that does not exist reads as empty. */
  private async *readEvents(streamName: string, options: ReadStreamOptions): AsyncGenerator<RecordedEvent> {
    if (options.maxCount === 0) return;
    const source = this.client.readStream(streamName, options);
    try {
      for (;;) {
        let next: IteratorResult<ResolvedEvent>;
        try {
          next = await source.next();
        } catch (error) {
          if (error instanceof StreamNotFoundError) return;
          throw unavailable(`reading ${streamName}`, error);
        }
        if (next.done === true) return;
        const { event, commitPosition } = next.value;
        if (event !== undefined) yield toRecordedEvent(event, commitPosition);
      }
    } finally {
      await source.return?.(undefined);
    }
  }

  /**
   * Positions are commit positions. EventStoreDB (v20+) writes every event with its commit position
   * equal to its prepare position, so `{ commit: p, prepare: p }` is the exact position of the event
   * at p; the server starts a forward read there inclusively, hence the event at `after` is dropped
   * and each page asks for one more. The server appends in one log, in order, and serves $all only up
   * to what it has indexed, so a reader resuming after the last position it saw misses nothing.
   */
  async readAll({ after, maxCount, streamPrefixes, types }: ReadAllOptions): Promise<RecordedEvent[]> {
    if (streamPrefixes?.length === 0) return [];
    const filter =
      streamPrefixes === undefined ? NON_SYSTEM_STREAMS : streamNameFilter({ prefixes: [...streamPrefixes] });
    const events: RecordedEvent[] = [];
    let cursor = after;
    while (events.length < maxCount) {
      const pageSize = maxCount - events.length + (cursor === undefined ? 0 : 1);
      const page = await drain(
        this.client.readAll({
          fromPosition: cursor === undefined ? START : { commit: cursor, prepare: cursor },
          maxCount: pageSize,
          filter,
        }),
        'reading $all',
      );
      let lastSeen = cursor;
      for (const { event, commitPosition } of page) {
        if (events.length === maxCount) break;
        if (event === undefined || (cursor !== undefined && event.position.commit <= cursor)) continue;
        lastSeen = event.position.commit;
        // The filter already leaves system streams out unless the prefix asks for them; link and
        // other `$` events can still sit in ordinary streams.
        // Types are filtered here: the server takes one filter per read, and it already selects streams.
        if (
          !isSystemStream(event.streamId) &&
          !event.type.startsWith('$') &&
          (types === undefined || types.includes(event.type))
        ) {
          events.push(toRecordedEvent(event, commitPosition));
        }
      }
      if (page.length < pageSize || lastSeen === cursor) break;
      cursor = lastSeen;
    }
    return events;
  }

  async headPosition(): Promise<bigint | null> {
    const [newest] = await drain(
      this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1, filter: NON_SYSTEM_STREAMS }),
      'reading the end of $all',
    );
    return newest?.event?.position.commit ?? null;
  }

  close(): Promise<void> {
    return this.client.dispose();
  }
}

function toStreamState(expected: ExpectedRevision): AppendStreamState {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      return BigInt(expected);
  }
}

/** The client reports a missing stream as `no_stream` (or -1 in older error metadata), deleted ones below -1. */
function actualRevisionOf(state: CurrentStreamState): number | null | undefined {
  if (state === NO_STREAM || state === -1n) return null;
  return state >= 0n ? Number(state) : undefined;
}

function chunksOf(events: readonly NewEvent[]): EventData[][] {
  const chunks: EventData[][] = [];
  let chunk: EventData[] = [];
  let chunkBytes = 0;
  for (const event of events) {
    const bytes =
      Buffer.byteLength(event.type) +
      Buffer.byteLength(JSON.stringify(event.data)) +
      Buffer.byteLength(JSON.stringify(event.metadata));
    if (chunk.length > 0 && chunkBytes + bytes > MAX_CHUNK_BYTES) {
      chunks.push(chunk);
      chunk = [];
      chunkBytes = 0;
    }
    chunk.push(jsonEvent({ id: event.id, type: event.type, data: event.data, metadata: event.metadata }));
    chunkBytes += bytes;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

function toRecordedEvent(event: EsdbRecordedEvent, commitPosition: bigint | undefined): RecordedEvent {
  const where = `event ${event.id} of ${event.streamId} at revision ${event.revision}`;
  const metadata = event.metadata ?? {};
  if (!isJsonObject(event.data) || !isJsonObject(metadata)) {
    throw new EventStoreUnavailableError(`eventstoredb: ${where} does not hold JSON objects as data and metadata`);
  }
  // Servers before 22.6 send an event's own position only when reading $all.
  const position = event.position?.commit ?? commitPosition;
  if (position === undefined) {
    throw new EventStoreUnavailableError(
      `eventstoredb: ${where} came without a position (needs a server of 22.6 or later)`,
    );
  }
  return {
    id: event.id,
    type: event.type,
    data: event.data,
    metadata,
    streamName: event.streamId,
    revision: Number(event.revision),
    position,
    recordedAt: event.created.toISOString(),
  };
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** Reads a bounded result of the client, translating its failures. */
async function drain<T>(source: AsyncIterable<T>, operation: string): Promise<T[]> {
  const items: T[] = [];
  try {
    for await (const item of source) items.push(item);
  } catch (error) {
    throw unavailable(operation, error);
  }
  return items;
}

function unavailable(operation: string, cause: unknown): EventStoreUnavailableError {
  return new EventStoreUnavailableError(`eventstoredb: ${operation} failed: ${describe(cause)}`, { cause });
}

/** The client's messages can span lines (gRPC status details); ours are one line. */
function describe(error: unknown): string {
  const text = error instanceof Error ? (error.message === '' ? error.name : error.message) : String(error);
  return text.replace(/\s+/g, ' ').trim();
}
