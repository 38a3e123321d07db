import { sql, type DatabasePool, type DatabaseTransactionConnection } from 'slonik';
import { z } from 'zod';
import type { EventStore, RecordedEvent } from '../domain/event-store/event-store.js';
import { FILE_LEVEL_EVENT_TYPES, FILE_STREAM_PREFIXES, storedFileStream } from '../domain/events/file-events.js';
import type { ProjectionEventSource } from './event-source.js';
import { isProcessGone, PROCESS_IDENTITY } from './process-identity.js';
import { PROJECTION_LOCK, ProjectionStoppedError, RebuildRunningError } from './errors.js';
import { applyReadModelEvents } from './read-model/read-model.projection.js';
import {
  createReadModelTables,
  createSearchIndexes,
  dropReadModelTables,
  dropReadModelViews,
  pointViewsAt,
  READ_MODEL_PROJECTION,
  tableOf,
} from './read-model/read-model.schema.js';
import { nextGenerationNumber, retireSideGenerations, SideGenerations, sideBuildRunning } from './side-generations.js';

const DEFAULT_BATCH = 1000;
/**
 * The events the runner reads: a file's record events (ReadingRecorded, IntervalDayRecorded) are written
 * to the read model from their file's stream when its FileImported is applied, so reading them here too
 * would only move megabytes of JSON. The checkpoint moves on these alone, so the events of a stream still
 * open (an import running, or one that died and was never run again) count for nothing in the lag or in
 * when a rebuild may switch.
 */
const PROJECTED_TYPES: readonly string[] = FILE_LEVEL_EVENT_TYPES;

export { ProjectionStoppedError, RebuildRunningError } from './errors.js';

const StateRow = z.object({
  generation: z.number(),
  position: z.bigint().nullable(),
  active: z.boolean(),
  builder: z.string().nullable(),
  updatedAt: z.string().transform((value) => new Date(value)),
});
type StateRow = z.infer<typeof StateRow>;
const STATE_COLUMNS = sql.fragment`generation, position, active, builder, updated_at AS "updatedAt"`;

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
  /** The position of the last event applied: every event up to it is in the generation. */
  readonly position: bigint;
  /** File-level events applied by this batch. */
  readonly applied: number;
  /** The store's head when the batch was applied (for a rebuild's progress: how far is left). */
  readonly head: bigint | null;
}

export interface RunnerOptions {
  readonly batchSize?: number;
  readonly onProgress?: (progress: CatchUpProgress) => void;
  /** Stops the run at the next batch boundary (shutdown): it throws {@link ProjectionStoppedError}. */
  readonly signal?: AbortSignal;
}

export interface RebuildOptions extends RunnerOptions {
  /** Called once the generation to fill is known: a new one, or one whose builder died, resumed. */
  readonly onStart?: (start: RebuildStart) => void;
}

export interface RebuildStart {
  readonly generation: number;
  /** Where the rebuild starts (the resumed generation's checkpoint; null: from the first event). */
  readonly from: bigint | null;
  /** The store's head when it started: the work to do is from `from` to about here. */
  readonly head: bigint | null;
  /** The rebuild this one continues (its process is gone), or null for a fresh one. */
  readonly resumed: { readonly builder: string; readonly position: bigint | null } | null;
}

/** A generation that a rebuild was filling when its process went away: the next rebuild resumes it. */
export interface InterruptedRebuild {
  readonly generation: number;
  readonly builder: string;
  readonly position: bigint | null;
}

/**
 * Keeps the read model up to date with the event store: reads events after its checkpoint in batches and
 * applies each batch in one transaction that also moves the checkpoint, so a crash can neither lose nor
 * double an event. Several runners (processes) may run: a lock makes them take turns, and one that finds
 * the checkpoint moved re-reads from the new one.
 */
export class ProjectionRunner {
  /** Labelled generations built beside the live one, for audits (docs/adr/0011-side-by-side-rebuilds.md). */
  readonly generations: SideGenerations;

  constructor(
    private readonly pool: DatabasePool,
    private readonly store: EventStore,
    private readonly events: ProjectionEventSource,
  ) {
    this.generations = new SideGenerations(pool, store, events, this);
  }

  /**
   * Creates the first generation of the read model and its views when there is none. The tables of an
   * earlier version of the model (a change of projection logic) are dropped: the new version is built
   * from the events, and `notice` says so.
   */
  async ensureReadModel(notice?: (message: string) => void): Promise<number> {
    const { generation, retired } = await this.pool.transaction(async (tx) => {
      await tx.query(sql.unsafe`SELECT pg_advisory_xact_lock(${PROJECTION_LOCK})`);
      const active = await this.activeState(tx);
      if (active !== null) return { generation: active.generation, retired: [] };
      const older = await tx.any(sql.type(z.object({ projection: z.string(), generation: z.number() }))`
        SELECT projection, generation FROM projection_state
        WHERE projection <> ${READ_MODEL_PROJECTION} AND projection LIKE 'read\_model\_v%'`);
      if (older.length > 0) await dropReadModelViews(tx);
      for (const state of older) {
        const version = Number(state.projection.slice('read_model_v'.length));
        if (Number.isInteger(version)) await dropReadModelTables(tx, state.generation, version);
        await tx.query(sql.unsafe`
          DELETE FROM projection_state WHERE projection = ${state.projection} AND generation = ${state.generation}`);
      }
      await retireSideGenerations(tx);
      await createReadModelTables(tx, 1);
      await pointViewsAt(tx, 1);
      await tx.query(sql.unsafe`
        INSERT INTO projection_state (projection, generation, position, active)
        VALUES (${READ_MODEL_PROJECTION}, 1, NULL, true)`);
      return { generation: 1, retired: [...new Set(older.map((state) => state.projection))] };
    });
    if (retired.length > 0) {
      notice?.(
        `the read model changed (${retired.join(', ')} to ${READ_MODEL_PROJECTION}): it is being built again from the events, and answers are incomplete until it has caught up`,
      );
    }
    return generation;
  }

  private async activeState(db: DatabasePool | DatabaseTransactionConnection): Promise<StateRow | null> {
    return db.maybeOne(sql.type(StateRow)`
      SELECT ${STATE_COLUMNS} FROM projection_state
      WHERE projection = ${READ_MODEL_PROJECTION} AND active`);
  }

  private async stateOf(
    db: DatabasePool | DatabaseTransactionConnection,
    generation: number,
  ): Promise<StateRow | null> {
    return db.maybeOne(sql.type(StateRow)`
      SELECT ${STATE_COLUMNS} FROM projection_state
      WHERE projection = ${READ_MODEL_PROJECTION} AND generation = ${generation}`);
  }

  /** Generations being built (not active yet), newest first. */
  private async buildingStates(db: DatabasePool | DatabaseTransactionConnection): Promise<readonly StateRow[]> {
    return db.any(sql.type(StateRow)`
      SELECT ${STATE_COLUMNS} FROM projection_state
      WHERE projection = ${READ_MODEL_PROJECTION} AND NOT active
      ORDER BY generation DESC`);
  }

  /** A rebuild running now in another live process, if any. */
  async rebuildElsewhere(): Promise<{ generation: number; builder: string } | null> {
    for (const state of await this.buildingStates(this.pool)) {
      if (
        state.builder !== null &&
        state.builder !== PROCESS_IDENTITY &&
        !isProcessGone(state.builder, state.updatedAt)
      ) {
        return { generation: state.generation, builder: state.builder };
      }
    }
    return null;
  }

  /** A rebuild whose process is gone, left part-way: the next rebuild (or `nem serve`) resumes it. */
  async interruptedRebuild(): Promise<InterruptedRebuild | null> {
    for (const state of await this.buildingStates(this.pool)) {
      const builder = state.builder ?? 'an earlier version';
      if (state.builder === null || isProcessGone(state.builder, state.updatedAt)) {
        return { generation: state.generation, builder, position: state.position };
      }
    }
    return null;
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
      streamPrefixes: FILE_STREAM_PREFIXES,
      types: PROJECTED_TYPES,
    });
    const last = events.at(-1);
    if (last === undefined) return null;
    const applied = await this.pool.transaction(async (tx) => {
      await tx.query(sql.unsafe`SELECT pg_advisory_xact_lock(${PROJECTION_LOCK})`);
      const now = await this.stateOf(tx, state.generation);
      // Another runner moved on (or a rebuild switched generations) since the read: read again.
      if (now === null || now.position !== state.position || (generation === null && !now.active)) return false;
      await applyReadModelEvents(tx, events, { generation: state.generation, events: this.events });
      await tx.query(sql.unsafe`
        UPDATE projection_state SET position = ${last.position.toString()}::int8, updated_at = now()
        WHERE projection = ${READ_MODEL_PROJECTION} AND generation = ${state.generation}`);
      return true;
    });
    return { generation: state.generation, position: last.position, applied: applied ? events.length : 0, head: null };
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
      if (options.signal?.aborted === true) {
        throw new ProjectionStoppedError(generation ?? (await this.activeState(this.pool))?.generation ?? 0);
      }
      const progress = await this.step(generation, batchSize);
      if (progress === null) return;
      options.onProgress?.({ ...progress, head: await this.store.headPosition() });
    }
  }

  /**
   * The version of what the read model answers: its model version, generation and checkpoint. It changes
   * whenever an event is applied or a rebuild switches tables (an ETag for answers built from it).
   */
  async readModelVersion(): Promise<string> {
    const state = await this.activeState(this.pool);
    return `${READ_MODEL_PROJECTION}.g${state?.generation ?? 0}.p${state?.position?.toString() ?? 'none'}`;
  }

  async status(): Promise<ProjectionStatus> {
    const state = await this.activeState(this.pool);
    const head = await this.store.headPosition();
    const checkpoint = state?.position ?? null;
    const lag = await this.events.lag(this.pool, checkpoint);
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
    const stream = await storedFileStream(this.store, fileId);
    if (stream === null) return false;
    const events: RecordedEvent[] = [];
    for await (const event of this.store.readStream(stream)) {
      if (PROJECTED_TYPES.includes(event.type)) events.push(event);
    }
    if (events.length === 0) return false;
    await this.pool.transaction(async (tx) => {
      await tx.query(sql.unsafe`SELECT pg_advisory_xact_lock(${PROJECTION_LOCK})`);
      // Read under the lock: a runner that applied the file's FileImported a moment ago has moved it.
      const state = await this.activeState(tx);
      if (state === null) throw new Error('no active read model generation');
      const { generation, position: checkpoint } = state;
      await tx.query(sql.unsafe`
        DELETE FROM ${tableOf('register_reads', generation)}
        WHERE import_position = (SELECT closed_position FROM ${tableOf('files', generation)} WHERE file_id = ${fileId})`);
      await tx.query(sql.unsafe`DELETE FROM ${tableOf('interval_days', generation)} WHERE file_id = ${fileId}`);
      await tx.query(sql.unsafe`DELETE FROM ${tableOf('files', generation)} WHERE file_id = ${fileId}`);
      // Only what the runner has already reached: later events are the runner's to apply.
      const reached = events.filter((event) => checkpoint !== null && event.position <= checkpoint);
      await applyReadModelEvents(tx, reached, { generation, events: this.events });
    });
    return true;
  }

  /**
   * Claims the generation a rebuild fills, under the projection lock: the one of a rebuild whose process
   * is gone (resumed where it stopped: each of its batches was committed with its checkpoint), or a new
   * one. Refuses while another live process is rebuilding.
   */
  private async claimRebuildGeneration(): Promise<Omit<RebuildStart, 'from' | 'head'>> {
    return this.pool.transaction(async (tx) => {
      await tx.query(sql.unsafe`SELECT pg_advisory_xact_lock(${PROJECTION_LOCK})`);
      const building = await this.buildingStates(tx);
      for (const state of building) {
        if (state.builder !== null && !isProcessGone(state.builder, state.updatedAt)) {
          throw new RebuildRunningError(state.generation, state.builder);
        }
      }
      // One build at a time (ADR 0011): a side rebuild running in a live process makes this one wait its turn.
      const side = await sideBuildRunning(tx);
      if (side !== null) throw new RebuildRunningError(side.generation, side.builder, side.label);
      const [resumable, ...older] = building;
      for (const state of older) {
        await dropReadModelTables(tx, state.generation);
        await tx.query(sql.unsafe`
          DELETE FROM projection_state WHERE projection = ${READ_MODEL_PROJECTION} AND generation = ${state.generation}`);
      }
      if (resumable !== undefined) {
        await createReadModelTables(tx, resumable.generation, { searchIndexes: false });
        await tx.query(sql.unsafe`
          UPDATE projection_state SET builder = ${PROCESS_IDENTITY}, updated_at = now()
          WHERE projection = ${READ_MODEL_PROJECTION} AND generation = ${resumable.generation}`);
        return {
          generation: resumable.generation,
          resumed: { builder: resumable.builder ?? 'an earlier version', position: resumable.position },
        };
      }
      const next = await nextGenerationNumber(tx);
      await dropReadModelTables(tx, next);
      await createReadModelTables(tx, next, { searchIndexes: false });
      await tx.query(sql.unsafe`
        INSERT INTO projection_state (projection, generation, position, active, builder)
        VALUES (${READ_MODEL_PROJECTION}, ${next}, NULL, false, ${PROCESS_IDENTITY})`);
      return { generation: next, resumed: null };
    });
  }

  /**
   * Replays every event into a new generation of the tables while the current one keeps serving, then
   * switches the views to it in one transaction (catching up the last events under the lock) and drops
   * the old tables. A rebuild left part-way by a process that died (or was stopped) is resumed.
   */
  async rebuild(options: RebuildOptions = {}): Promise<ProjectionStatus> {
    await this.ensureReadModel();
    const claimed = await this.claimRebuildGeneration();
    const { generation } = claimed;
    options.onStart?.({ ...claimed, from: claimed.resumed?.position ?? null, head: await this.store.headPosition() });
    for (;;) {
      await this.drain(generation, options);
      // Built once the generation is full, before it serves; events applied after it keep it up to date.
      await createSearchIndexes(this.pool, generation);
      const switched = await this.pool.transaction(async (tx) => {
        await tx.query(sql.unsafe`SELECT pg_advisory_xact_lock(${PROJECTION_LOCK})`);
        // Events appended while the rebuild ran: drain again before switching. (Under the lock no other
        // runner applies anything; appends go on, so this converges when imports pause.)
        const state = await this.stateOf(tx, generation);
        const head = await this.events.headPosition(tx);
        if (head !== null && (state?.position ?? null) !== null && head > (state?.position ?? 0n)) return false;
        if (head !== null && (state?.position ?? null) === null) return false;
        const old = await this.activeState(tx);
        await pointViewsAt(tx, generation);
        await tx.query(sql.unsafe`
          UPDATE projection_state SET active = (generation = ${generation}),
            builder = CASE WHEN generation = ${generation} THEN NULL ELSE builder END, updated_at = now()
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
