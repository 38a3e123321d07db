import { sql, type CommonQueryMethods } from 'slonik';
import { z } from 'zod';
import type { RecordedEvent } from '../domain/event-store/event-store.js';
import { fileIdOfStream } from '../domain/events/file-events.js';
import { PROJECTION_LOCK } from './errors.js';
import type { ProjectionEventSource } from './event-source.js';
import { applyReadModelEvents, FileRows, RECORD_EVENT_TYPES } from './read-model/read-model.projection.js';
import { READ_MODEL_PROJECTION } from './read-model/read-model.schema.js';

/** Where the stream being written will close: its last event's position and the time it is recorded. */
export interface StreamClosing {
  readonly position: bigint;
  readonly recordedAt: string;
}

/**
 * The projection run by a store that writes a file's stream whole in one transaction of the read
 * model's own database (PostgreSQL, PGlite): the rows are written next to the events, so the read model
 * is current when the transaction commits and nothing reads the events back. The port the projection
 * owns; the store calls it.
 */
export interface InlineProjection {
  /**
   * Called inside the store's transaction, after it has taken its append lock and before the first
   * event. Answers how to project the stream, or null when the live read model is not exactly at the
   * store's head (it is behind, or a runner is applying a batch now): the catch-up then projects the
   * stream from the events, as it does any other.
   */
  open(db: CommonQueryMethods, stream: string, closing: StreamClosing): Promise<InlineStream | null>;
}

export interface InlineStream {
  /** Each event as written, in stream order. */
  written(event: RecordedEvent): Promise<void>;
  /** After the last event: the file-level events applied and the checkpoint moved to the last one. */
  close(): Promise<void>;
  /** Waits for the rows being written, if any, whatever becomes of them (before a rollback). */
  settled(): Promise<void>;
}

const Checkpoint = z.object({ generation: z.number(), position: z.bigint().nullable() });

/** The live read model's generation and checkpoint, if it is exactly at the head of the file-level events. */
async function currentGeneration(
  db: CommonQueryMethods,
  events: ProjectionEventSource,
): Promise<{ generation: number; position: bigint | null } | null> {
  const state = await db.maybeOne(sql.type(Checkpoint)`
    SELECT generation, position FROM projection_state WHERE projection = ${READ_MODEL_PROJECTION} AND active`);
  if (state === null) return null;
  const head = await events.headPosition(db);
  return head === state.position ? state : null;
}

/** The read model, projected by the import that writes a file's stream (see {@link InlineProjection}). */
export function inlineReadModel(events: ProjectionEventSource): InlineProjection {
  return {
    async open(db, stream, closing) {
      const fileId = fileIdOfStream(stream);
      if (fileId === null) return null;
      // Checked before the lock, so that an import taking no part does not hold runners back; then
      // again under it, as a runner may have moved the checkpoint in between.
      if ((await currentGeneration(db, events)) === null) return null;
      const locked = await db.oneFirst(sql.type(z.object({ locked: z.boolean() }))`
        SELECT pg_try_advisory_xact_lock(${PROJECTION_LOCK}) AS locked`);
      if (!locked) return null;
      const current = await currentGeneration(db, events);
      if (current === null) return null;
      const { generation } = current;
      const fileLevel: RecordedEvent[] = [];
      let rows: FileRows | null = null;
      return {
        async written(event) {
          if (RECORD_EVENT_TYPES.includes(event.type)) {
            rows ??= new FileRows(db, {
              fileId,
              importPosition: closing.position,
              importedAt: closing.recordedAt,
              generation,
            });
            await rows.add(event);
          } else {
            fileLevel.push(event);
          }
        },
        settled: async () => {
          await rows?.settled();
        },
        async close() {
          await rows?.flush();
          // FileImported finds its rows written and reads nothing back.
          await applyReadModelEvents(db, fileLevel, { generation, events });
          const last = fileLevel.at(-1);
          if (last === undefined || last.position !== closing.position) {
            throw new Error(`stream ${stream} did not close at position ${closing.position} as announced`);
          }
          await db.query(sql.unsafe`
            UPDATE projection_state SET position = ${last.position.toString()}::int8, updated_at = now()
            WHERE projection = ${READ_MODEL_PROJECTION} AND generation = ${generation}`);
        },
      };
    },
  };
}
