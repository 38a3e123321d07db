import {
  sql,
  UniqueIntegrityConstraintViolationError,
  type DatabasePool,
  type DatabaseTransactionConnection,
} from 'slonik';
import { z } from 'zod';
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

const EventRow = z.object({
  position: z.bigint(),
  stream_name: z.string(),
  stream_revision: z.number(),
  event_id: z.string(),
  event_type: z.string(),
  data: z.record(z.string(), z.unknown()),
  metadata: z.record(z.string(), z.unknown()),
  recorded_at: z.string(),
});
type EventRow = z.infer<typeof EventRow>;

const EVENT_COLUMNS = sql.fragment`position, stream_name, stream_revision, event_id::text AS event_id, event_type, data, metadata, recorded_at`;

function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.event_type,
    data: row.data,
    metadata: row.metadata,
    streamName: row.stream_name,
    revision: row.stream_revision,
    position: row.position,
    recordedAt: row.recorded_at,
  };
}

/**
 * Appends are serialised by one transaction-level advisory lock, taken before positions are drawn
 * from the sequence: so positions increase in commit order, and a reader catching up with
 * `position > checkpoint` can never skip an event whose transaction committed late. The cost is one
 * writer at a time, which file imports (a few large appends) can afford.
 */
const APPEND_LOCK = 7_361_130_002;

function matches(expected: ExpectedRevision, current: number | null): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === null;
  if (expected === 'stream_exists') return current !== null;
  return current === expected;
}

export class PostgresEventStore implements EventStore {
  constructor(
    private readonly pool: DatabasePool,
    readonly kind: 'postgres' | 'pglite',
  ) {}

  async append(streamName: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError('append needs at least one event');
    try {
      return await this.pool.transaction((tx) => this.appendInTransaction(tx, streamName, events, expected));
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) throw error;
      if (error instanceof UniqueIntegrityConstraintViolationError) {
        throw new WrongExpectedRevisionError(streamName, expected, undefined, { cause: error });
      }
      throw new EventStoreUnavailableError(`appending to ${streamName} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  private async appendInTransaction(
    tx: DatabaseTransactionConnection,
    streamName: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    await tx.query(sql.unsafe`SELECT pg_advisory_xact_lock(${APPEND_LOCK})`);
    const current = await tx.oneFirst(
      sql.type(z.object({ revision: z.number().nullable() }))`
        SELECT max(stream_revision) AS revision FROM nem_events WHERE stream_name = ${streamName}`,
    );
    if (!matches(expected, current)) {
      const retried = await this.alreadyAppended(tx, streamName, events);
      if (retried !== null) return retried;
      throw new WrongExpectedRevisionError(streamName, expected, current);
    }
    const first = current === null ? 0 : current + 1;
    const position = await tx.oneFirst(
      sql.type(z.object({ position: z.bigint() }))`
        WITH inserted AS (
          INSERT INTO nem_events (stream_name, stream_revision, event_id, event_type, data, metadata)
          SELECT ${streamName}, revision, id, type, data, metadata
          FROM ${sql.unnest(
            events.map((event, i) => [
              first + i,
              event.id,
              event.type,
              JSON.stringify(event.data),
              JSON.stringify(event.metadata),
            ]),
            ['int4', 'uuid', 'text', 'jsonb', 'jsonb'],
          )} AS batch(revision, id, type, data, metadata)
          ORDER BY revision
          RETURNING position
        )
        SELECT max(position) AS position FROM inserted`,
    );
    return { nextExpectedRevision: first + events.length - 1, position };
  }

  /** An idempotent retry: every event already stored in this stream, in this order, consecutively. */
  private async alreadyAppended(
    tx: DatabaseTransactionConnection,
    streamName: string,
    events: readonly NewEvent[],
  ): Promise<AppendResult | null> {
    const rows = await tx.any(
      sql.type(z.object({ event_id: z.string(), stream_revision: z.number(), position: z.bigint() }))`
        SELECT event_id::text AS event_id, stream_revision, position FROM nem_events
        WHERE stream_name = ${streamName} AND event_id = ANY(${sql.array(
          events.map((event) => event.id),
          'uuid',
        )})
        ORDER BY stream_revision`,
    );
    if (rows.length !== events.length) return null;
    const start = rows[0]?.stream_revision ?? 0;
    const inOrder = rows.every((row, i) => row.event_id === events[i]?.id && row.stream_revision === start + i);
    const last = rows.at(-1);
    if (!inOrder || last === undefined) return null;
    return { nextExpectedRevision: last.stream_revision, position: last.position };
  }

  async *readStream(
    streamName: string,
    options: { fromRevision?: number; maxCount?: number } = {},
  ): AsyncIterable<RecordedEvent> {
    let from = options.fromRevision ?? 0;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const page = Math.min(1000, remaining);
      const rows = await this.pool.any(
        sql.type(EventRow)`
          SELECT ${EVENT_COLUMNS} FROM nem_events
          WHERE stream_name = ${streamName} AND stream_revision >= ${from}
          ORDER BY stream_revision LIMIT ${page}`,
      );
      for (const row of rows) yield toRecorded(row);
      const last = rows.at(-1);
      if (rows.length < page || last === undefined) return;
      from = last.stream_revision + 1;
      remaining -= rows.length;
    }
  }

  async lastEvent(streamName: string): Promise<RecordedEvent | null> {
    const row = await this.pool.maybeOne(
      sql.type(EventRow)`
        SELECT ${EVENT_COLUMNS} FROM nem_events WHERE stream_name = ${streamName}
        ORDER BY stream_revision DESC LIMIT 1`,
    );
    return row === null ? null : toRecorded(row);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const after = options.after ?? -1n;
    const prefix =
      options.streamPrefix === undefined
        ? sql.fragment`TRUE`
        : sql.fragment`starts_with(stream_name, ${options.streamPrefix})`;
    const rows = await this.pool.any(
      sql.type(EventRow)`
        SELECT ${EVENT_COLUMNS} FROM nem_events
        WHERE position > ${after.toString()}::int8 AND ${prefix}
        ORDER BY position LIMIT ${options.maxCount}`,
    );
    return rows.map(toRecorded);
  }

  async headPosition(): Promise<bigint | null> {
    return this.pool.oneFirst(
      sql.type(z.object({ position: z.bigint().nullable() }))`SELECT max(position) AS position FROM nem_events`,
    );
  }

  close(): Promise<void> {
    // The pool belongs to the Database that opened it.
    return Promise.resolve();
  }
}
