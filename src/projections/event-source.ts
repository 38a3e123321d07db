import type { CommonQueryMethods } from 'slonik';
import type { EventStore, RecordedEvent } from '../domain/event-store/event-store.js';

/** An event as the projection reads it: all but when it was recorded, which it takes from FileImported. */
export type SourcedEvent = Omit<RecordedEvent, 'recordedAt'>;

/**
 * How the projection reads the events it applies, the port it owns. A file's record events are read when
 * its FileImported is applied, inside the transaction that writes their rows: an adapter whose events live
 * in that same database reads them through that transaction's connection (PGlite has one session; a
 * second connection would wait for the transaction forever), any other reads them from its store.
 */
export interface ProjectionEventSource {
  /** The events of one stream of these types, in stream order. */
  readStream(db: CommonQueryMethods, stream: string, types: readonly string[]): AsyncIterable<SourcedEvent>;
  /** The position of the newest file-level event (FileReceived, FileImported, FileRejected), or null. */
  headPosition(db: CommonQueryMethods): Promise<bigint | null>;
  /**
   * The events still to apply after `checkpoint` (a closed file's record events included, an open one's
   * not), when the store can count them cheaply; else null.
   */
  lag(db: CommonQueryMethods, checkpoint: bigint | null): Promise<number | null>;
}

/** Events read from any store through the event-store port (EventStoreDB): nothing is read through `db`. */
export function storeEventSource(store: EventStore): ProjectionEventSource {
  return {
    async *readStream(_db, stream, types) {
      for await (const event of store.readStream(stream)) {
        if (types.includes(event.type)) yield event;
      }
    },
    headPosition: () => store.headPosition(),
    lag: () => Promise.resolve(null),
  };
}
