import { sql, type DatabasePool, type DatabaseTransactionConnection } from 'slonik';
import { z } from 'zod';
import type { EventStore, RecordedEvent } from '../domain/event-store/event-store.js';
import { FILE_STREAM_CATEGORY, fileStreamName } from '../domain/events/file-events.js';
import { applyReadModelEvents, type ReadingSource } from './read-model/read-model.projection.js';
import {
  createReadModelTables,
  dropReadModelTables,
  pointViewsAt,
  READ_MODEL_PROJECTION,
  tableOf,
} from './read-model/read-model.schema.js';

/** Batches of one projection are applied one at a time, across processes too. */
const PROJECTION_LOCK = 7_361_130_003;
const DEFAULT_BATCH = 1000;
/**
 * The events the runner reads: ReadingRecorded events are written to the read model from their file's
 * stream when its FileImported is applied, so reading them here too would only move megabytes of JSON.
 */
const PROJECTED_TYPES = ['FileReceived', 'FileImported', 'FileRejected'];

const StateRow = z.object({ generation: z.number(), position: z.bigint().nullable(), active: z.boolean() });
type StateRow = z.infer<typeof StateRow>;

export interface ProjectionStatus {
  readonly projection: string;
  readonly generation: number;
  /** Position of the last event applied, or null when none has been. */
  readonly checkpoint: bigint | null;
  /** Position of the newest event in the store, or null when it is empty. */
  readonly head: bigint | null;
  /** Events of our streams still to apply, when the store can count them cheaply (events table); else null. */
  readonly lag: number | null;
  readonly upToDate: boolean;
}

export interface CatchUpProgress {
  readonly generation: number;
  readonly position: bigint;
  readonly applied: number;
}

export interface RunnerOptions {
  readonly batchSize?: number;
  readonly onProgress?: (progress: CatchUpProgress) => void;
}

/**
 * Keeps the read model up to date with the event store: reads events after its checkpoint in batches and
 * applies each batch in one transaction that also moves the checkpoint, so a crash can neither lose nor
 * double an event. Several runners (processes) may run: a lock makes them take turns, and one that finds
 * the checkpoint moved re-reads from the new one.
 */
export class ProjectionRunner {
  constructor(
    private readonly pool: DatabasePool,
    private readonly store: EventStore,
    private readonly readings: ReadingSource,
  ) {}

  /** Creates the first generation of the read model and its views when there is none. */
  async ensureReadModel(): Promise<number> {
    return this.pool.transaction(async (tx) => {
      await tx.query(sql.unsafe`SELECT pg_advisory_xact_lock(${PROJECTION_LOCK})`);
      const active = await this.activeState(tx);
      if (active !== null) return active.generation;
      await createReadModelTables(tx, 1);
      await pointViewsAt(tx, 1);
      await tx.query(sql.unsafe`
        INSERT INTO projection_state (projection, generation, position, active)
        VALUES (${READ_MODEL_PROJECTION}, 1, NULL, true)`);
      return 1;
    });
  }

  private async activeState(db: DatabasePool | DatabaseTransactionConnection): Promise<StateRow | null> {
    return db.maybeOne(sql.type(StateRow)`
      SELECT generation, position, active FROM projection_state
      WHERE projection = ${READ_MODEL_PROJECTION} AND active`);
  }

  private async stateOf(
    db: DatabasePool | DatabaseTransactionConnection,
    generation: number,
  ): Promise<StateRow | null> {
    return db.maybeOne(sql.type(StateRow)`
      SELECT generation, position, active FROM projection_state
      WHERE projection = ${READ_MODEL_PROJECTION} AND generation = ${generation}`);
  }

  /**
   * Applies the next batch to `generation` (the active one when null). Answers how many events were
   * applied: 0 when there is nothing new.
   */
  private async step(generation: number | null, batchSize: number): Promise<CatchUpProgress | null> {
    const state = generation === null ? await this.activeState(this.pool) : await this.stateOf(this.pool, generation);
    if (state === null)
      throw new Error(`no read model generation ${generation ?? '(active)'}; run ensureReadModel first`);
    const events = await this.store.readAll({
      ...(state.position === null ? {} : { after: state.position }),
      maxCount: batchSize,
      streamPrefix: `${FILE_STREAM_CATEGORY}-`,
      types: PROJECTED_TYPES,
    });
    const last = events.at(-1);
    if (last === undefined) return null;
    const applied = await this.pool.transaction(async (tx) => {
      await tx.query(sql.unsafe`SELECT pg_advisory_xact_lock(${PROJECTION_LOCK})`);
      const now = await this.stateOf(tx, state.generation);
      // Another runner moved on (or a rebuild switched generations) since the read: read again.
      if (now === null || now.position !== state.position || (generation === null && !now.active)) return false;
      await applyReadModelEvents(tx, events, { generation: state.generation, readings: this.readings });
      await tx.query(sql.unsafe`
        UPDATE projection_state SET position = ${last.position.toString()}::int8, updated_at = now()
        WHERE projection = ${READ_MODEL_PROJECTION} AND generation = ${state.generation}`);
      return true;
    });
    return { generation: state.generation, position: last.position, applied: applied ? events.length : 0 };
  }

  /** Applies every event not yet applied to the active generation, then returns its status. */
  async catchUp(options: RunnerOptions = {}): Promise<ProjectionStatus> {
    await this.ensureReadModel();
    await this.drain(null, options);
    return this.status();
  }

  private async drain(generation: number | null, options: RunnerOptions): Promise<void> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    for (;;) {
      const progress = await this.step(generation, batchSize);
      if (progress === null) return;
      options.onProgress?.(progress);
    }
  }

  /**
   * The store's head, read through the transaction when the events are in this database (PGlite has one
   * session: asking the store's own pool from inside a transaction would wait forever).
   */
  private async headPosition(tx: DatabaseTransactionConnection): Promise<bigint | null> {
    if (this.readings.kind !== 'events-table') return this.store.headPosition();
    return tx.oneFirst(sql.type(z.object({ position: z.bigint().nullable() }))`
      SELECT max(position) AS position FROM nem_events WHERE starts_with(stream_name, ${`${FILE_STREAM_CATEGORY}-`})`);
  }

  async status(): Promise<ProjectionStatus> {
    const state = await this.activeState(this.pool);
    const head = await this.store.headPosition();
    const checkpoint = state?.position ?? null;
    let lag: number | null = null;
    if (this.readings.kind === 'events-table') {
      lag = Number(
        await this.pool.oneFirst(sql.type(z.object({ count: z.bigint() }))`
          SELECT count(*) AS count FROM nem_events
          WHERE position > ${(checkpoint ?? -1n).toString()}::int8
            AND starts_with(stream_name, ${`${FILE_STREAM_CATEGORY}-`})`),
      );
    }
    return {
      projection: READ_MODEL_PROJECTION,
      generation: state?.generation ?? 0,
      checkpoint,
      head,
      lag,
      upToDate: lag === null ? head === null || (checkpoint !== null && checkpoint >= head) : lag === 0,
    };
  }

  /**
   * Re-projects one file: removes its rows from the active read model and applies its stream's events
   * again, under the projection lock (as an audit step, or after a suspected inconsistency). Answers
   * false when the store has no such file.
   */
  async replayFile(fileId: string): Promise<boolean> {
    await this.ensureReadModel();
    const stream = fileStreamName(fileId);
    const events: RecordedEvent[] = [];
    for await (const event of this.store.readStream(stream)) {
      if (PROJECTED_TYPES.includes(event.type)) events.push(event);
    }
    if (events.length === 0) return false;
    const state = await this.activeState(this.pool);
    if (state === null) throw new Error('no active read model generation');
    const checkpoint = state.position;
    await this.pool.transaction(async (tx) => {
      await tx.query(sql.unsafe`SELECT pg_advisory_xact_lock(${PROJECTION_LOCK})`);
      const generation = state.generation;
      await tx.query(sql.unsafe`DELETE FROM ${tableOf('register_reads', generation)} WHERE file_id = ${fileId}`);
      await tx.query(sql.unsafe`DELETE FROM ${tableOf('files', generation)} WHERE file_id = ${fileId}`);
      // Only what the runner has already reached: later events are the runner's to apply.
      const reached = events.filter((event) => checkpoint !== null && event.position <= checkpoint);
      await applyReadModelEvents(tx, reached, { generation, readings: this.readings });
    });
    return true;
  }

  /**
   * Replays every event into a new generation of the tables while the current one keeps serving, then
   * switches the views to it in one transaction (catching up the last events under the lock) and drops
   * the old tables.
   */
  async rebuild(options: RunnerOptions = {}): Promise<ProjectionStatus> {
    await this.ensureReadModel();
    const generation = await this.pool.transaction(async (tx) => {
      await tx.query(sql.unsafe`SELECT pg_advisory_xact_lock(${PROJECTION_LOCK})`);
      const next =
        (await tx.oneFirst(sql.type(z.object({ max: z.number() }))`
          SELECT max(generation) AS max FROM projection_state WHERE projection = ${READ_MODEL_PROJECTION}`)) + 1;
      await dropReadModelTables(tx, next);
      await createReadModelTables(tx, next);
      await tx.query(sql.unsafe`
        INSERT INTO projection_state (projection, generation, position, active)
        VALUES (${READ_MODEL_PROJECTION}, ${next}, NULL, false)`);
      return next;
    });
    for (;;) {
      await this.drain(generation, options);
      const switched = await this.pool.transaction(async (tx) => {
        await tx.query(sql.unsafe`SELECT pg_advisory_xact_lock(${PROJECTION_LOCK})`);
        // Events appended while the rebuild ran: drain again before switching. (Under the lock no other
        // runner applies anything; appends go on, so this converges when imports pause.)
        const state = await this.stateOf(tx, generation);
        const head = await this.headPosition(tx);
        if (head !== null && (state?.position ?? null) !== null && head > (state?.position ?? 0n)) return false;
        if (head !== null && (state?.position ?? null) === null) return false;
        const old = await this.activeState(tx);
        await pointViewsAt(tx, generation);
        await tx.query(sql.unsafe`
          UPDATE projection_state SET active = (generation = ${generation}), updated_at = now()
          WHERE projection = ${READ_MODEL_PROJECTION}`);
        if (old !== null && old.generation !== generation) {
          await dropReadModelTables(tx, old.generation);
          await tx.query(sql.unsafe`
            DELETE FROM projection_state WHERE projection = ${READ_MODEL_PROJECTION} AND generation = ${old.generation}`);
        }
        return true;
      });
      if (switched) break;
    }
    return this.status();
  }
}
