import type { AppendResult, EventStore, ReadAllOptions, RecordedEvent } from '../src/domain/event-store/event-store.js';

/**
 * A read-only event store over events already recorded elsewhere (copied from a real store), for
 * exercising the projection's path for stores outside the database, as EventStoreDB is. Appending is
 * not supported: it is not an adapter.
 */
export class ArrayEventStore implements EventStore {
  readonly kind = 'array';

  constructor(private readonly events: readonly RecordedEvent[]) {}

  append(): Promise<AppendResult> {
    return Promise.reject(new Error('ArrayEventStore is read-only'));
  }

  async *readStream(
    streamName: string,
    options: { fromRevision?: number; maxCount?: number } = {},
  ): AsyncIterable<RecordedEvent> {
    const from = options.fromRevision ?? 0;
    const selected = this.events.filter((e) => e.streamName === streamName && e.revision >= from);
    yield* selected.slice(0, options.maxCount ?? selected.length);
    await Promise.resolve();
  }

  lastEvent(streamName: string): Promise<RecordedEvent | null> {
    return Promise.resolve(this.events.filter((e) => e.streamName === streamName).at(-1) ?? null);
  }

  readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const after = options.after ?? -1n;
    return Promise.resolve(
      this.events
        .filter(
          (e) =>
            e.position > after &&
            (options.streamPrefixes === undefined ||
              options.streamPrefixes.some((prefix) => e.streamName.startsWith(prefix))),
        )
        .slice(0, options.maxCount),
    );
  }

  headPosition(): Promise<bigint | null> {
    return Promise.resolve(this.events.at(-1)?.position ?? null);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
