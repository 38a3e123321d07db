import { randomBytes } from 'node:crypto';
import { sql, type CommonQueryMethods, type DatabasePool } from 'slonik';
import { z } from 'zod';
import type { EventStore, RecordedEvent } from '../domain/event-store/event-store.js';
import { FILE_STREAM_PREFIXES } from '../domain/events/file-events.js';
import { isProcessGone, PROCESS_IDENTITY } from './process-identity.js';
import { PROJECTION_LOCK, ProjectionStoppedError, RebuildRunningError } from './errors.js';
import {
  diffGenerations,
  type GenerationDiffItem,
  type GenerationDiffPage,
} from './read-model/generation-diff.queries.js';
import type { ProjectionEventSource } from './event-source.js';
import { applyReadModelEvents } from './read-model/read-model.projection.js';
import {
  createReadModelTables,
  dropReadModelTables,
  READ_MODEL_PROJECTION,
  READ_MODEL_TABLES,
  tableOf,
} from './read-model/read-model.schema.js';

/**
 * Side-by-side rebuilds (docs/adr/0011-side-by-side-rebuilds.md): labelled generations of the read model
 * built from the events up to a global position or a recorded instant, beside the live one, which keeps
 * serving and catching up untouched (no view ever points at a side generation). They answer "what did
 * the service show then" and "does a fresh projection agree with the live one" by a set-based diff.
 */

/** A side generation's label: lower case letters, digits and dashes, up to 40 characters. */
export const GENERATION_LABEL = /^[a-z0-9][a-z0-9-]{0,39}$/;
/** The live read model, as `diff` names it; no side generation may take this label. */
export const LIVE_LABEL = 'live';

/** Where a side generation stops: every event up to this global position, or recorded up to this instant. */
export type Until = { readonly position: bigint } | { readonly at: Date };

export type SideGenerationState = 'building' | 'interrupted' | 'ready' | 'failed';

export interface SideGeneration {
  readonly label: string;
  readonly projection: string;
  readonly generation: number;
  /** The position it was built to: the one given, or the last event recorded by `untilAt`; null: none. */
  readonly untilPosition: bigint | null;
  /** The instant it was built to, when one was given. */
  readonly untilAt: Date | null;
  /** `interrupted`: was building in a process that is gone (drop it and build again). */
  readonly state: SideGenerationState;
  /** File-level events applied (FileReceived, FileImported, FileRejected; readings come with their file). */
  readonly events: number;
  /** Register reads in it (every version), once built. */
  readonly readings: number | null;
  readonly startedAt: Date;
  readonly builtAt: Date | null;
  readonly error: string | null;
}

export interface LiveGeneration {
  readonly projection: string;
  readonly generation: number;
  readonly checkpoint: bigint | null;
  readonly readings: number;
}

export interface SideBuildStart {
  readonly label: string;
  readonly generation: number;
  /** The store's head, or the until position when lower: about how far the build goes. */
  readonly head: bigint | null;
}

export interface SideBuildOptions {
  readonly batchSize?: number;
  /** After each batch: the position of its last event, the file-level events it applied, the store's head. */
  readonly onProgress?: (progress: {
    readonly generation: number;
    readonly position: bigint;
    readonly applied: number;
    readonly head: bigint | null;
  }) => void;
  /** Stops the build at the next batch boundary: it throws {@link ProjectionStoppedError}. */
  readonly signal?: AbortSignal;
  readonly onStart?: (start: SideBuildStart) => void;
}

/** What side builds need of the live projection (the runner). */
export interface LiveReadModel {
  ensureReadModel(): Promise<number>;
  status(): Promise<{ readonly checkpoint: bigint | null }>;
}

export class GenerationLabelError extends Error {
  constructor(label: string) {
    super(
      label === LIVE_LABEL
        ? `"${LIVE_LABEL}" names the live read model; choose another label`
        : `"${label}" is not a label (expected 1 to 40 lower-case letters, digits or dashes, starting with a letter or digit)`,
    );
    this.name = 'GenerationLabelError';
  }
}

export class GenerationLabelTakenError extends Error {
  constructor(readonly label: string) {
    super(`a generation labelled "${label}" exists already; drop it first or choose another label`);
    this.name = 'GenerationLabelTakenError';
  }
}

export class UnknownGenerationError extends Error {
  constructor(readonly label: string) {
    super(`no generation labelled "${label}" (nem projections list shows them)`);
    this.name = 'UnknownGenerationError';
  }
}

/** A generation that is not ready (still building, interrupted or failed) cannot be compared. */
export class GenerationNotReadyError extends Error {
  constructor(
    readonly label: string,
    readonly state: SideGenerationState,
  ) {
    super(`the generation "${label}" is ${state}, not ready`);
    this.name = 'GenerationNotReadyError';
  }
}

/** An until the store has not reached: a generation built to it would not be what it says. */
export class UntilBeyondHeadError extends Error {
  constructor(until: Until, head: bigint | null) {
    super(
      'position' in until
        ? `position ${until.position.toString()} is beyond the event store's head (${head?.toString() ?? 'empty'})`
        : `${until.at.toISOString()} is in the future`,
    );
    this.name = 'UntilBeyondHeadError';
  }
}

export function checkLabel(label: string): string {
  if (label === LIVE_LABEL || !GENERATION_LABEL.test(label)) throw new GenerationLabelError(label);
  return label;
}

const instant = z.string().transform((value) => new Date(value));
const GenerationRow = z.object({
  label: z.string(),
  projection: z.string(),
  generation: z.number(),
  untilPosition: z.bigint().nullable(),
  untilAt: instant.nullable(),
  state: z.enum(['building', 'ready', 'failed']),
  position: z.bigint().nullable(),
  events: z.number(),
  readings: z.bigint().nullable(),
  builder: z.string().nullable(),
  temporary: z.boolean(),
  error: z.string().nullable(),
  startedAt: instant,
  builtAt: instant.nullable(),
  updatedAt: instant,
});
type GenerationRow = z.infer<typeof GenerationRow>;
const GENERATION_COLUMNS = sql.fragment`label, projection, generation, until_position AS "untilPosition",
  until_at AS "untilAt", state, position, events, readings, builder, temporary, error, started_at AS "startedAt",
  built_at AS "builtAt", updated_at AS "updatedAt"`;

function isBuilderAlive(row: { builder: string | null; updatedAt: Date }): boolean {
  return row.builder !== null && !isProcessGone(row.builder, row.updatedAt);
}

function stateOf(row: GenerationRow): SideGenerationState {
  if (row.state === 'building' && !isBuilderAlive(row)) return 'interrupted';
  return row.state;
}

function toSideGeneration(row: GenerationRow): SideGeneration {
  return {
    label: row.label,
    projection: row.projection,
    generation: row.generation,
    untilPosition: row.untilPosition,
    untilAt: row.untilAt,
    state: stateOf(row),
    events: row.events,
    readings: row.readings === null ? null : Number(row.readings),
    startedAt: row.startedAt,
    builtAt: row.builtAt,
    error: row.error,
  };
}

/** The next generation number, unused by the live model and by every side generation. Under the projection lock. */
export async function nextGenerationNumber(db: CommonQueryMethods): Promise<number> {
  const highest = await db.oneFirst(sql.type(z.object({ highest: z.number() }))`
    SELECT greatest(
      (SELECT coalesce(max(generation), 0) FROM projection_state WHERE projection = ${READ_MODEL_PROJECTION}),
      (SELECT coalesce(max(generation), 0) FROM read_model_generations)) AS highest`);
  return highest + 1;
}

/** A side generation being built now by a live process, if any (one build at a time: see ADR 0011). */
export async function sideBuildRunning(
  db: CommonQueryMethods,
): Promise<{ label: string; generation: number; builder: string } | null> {
  const building = await db.any(sql.type(GenerationRow)`
    SELECT ${GENERATION_COLUMNS} FROM read_model_generations WHERE state = 'building' ORDER BY generation`);
  const running = building.find(isBuilderAlive);
  return running === undefined
    ? null
    : { label: running.label, generation: running.generation, builder: running.builder ?? '' };
}

/** Drops the side generations of other versions of the model (when a new version replaces the live one). */
export async function retireSideGenerations(db: CommonQueryMethods): Promise<void> {
  const older = await db.any(sql.type(z.object({ projection: z.string(), generation: z.number() }))`
    DELETE FROM read_model_generations WHERE projection <> ${READ_MODEL_PROJECTION} RETURNING projection, generation`);
  for (const row of older) {
    const version = Number(row.projection.slice('read_model_v'.length));
    if (Number.isInteger(version)) await dropReadModelTables(db, row.generation, version);
  }
}

/** The stores' events the projection reads (its ReadingRecorded come with their file's FileImported). */
const PROJECTED_TYPES = ['FileReceived', 'FileImported', 'FileRejected'];
const DEFAULT_BATCH = 1000;

export interface VerifyReport {
  /** The live checkpoint both generations were compared at. */
  readonly checkpoint: bigint | null;
  readonly liveGeneration: number;
  /** Winning register reads that differ (each one was handed to `onDifference`). */
  readonly differences: number;
  /** Per table, rows (every version) only in the live generation and only in the fresh one. */
  readonly tables: ReadonlyArray<{ readonly table: string; readonly onlyLive: number; readonly onlyFresh: number }>;
  readonly identical: boolean;
}

export class SideGenerations {
  constructor(
    private readonly pool: DatabasePool,
    private readonly store: EventStore,
    private readonly events: ProjectionEventSource,
    private readonly runner: LiveReadModel,
  ) {}

  private async row(db: CommonQueryMethods, label: string): Promise<GenerationRow | null> {
    return db.maybeOne(sql.type(GenerationRow)`
      SELECT ${GENERATION_COLUMNS} FROM read_model_generations WHERE label = ${label}`);
  }

  async get(label: string): Promise<SideGeneration | null> {
    const row = await this.row(this.pool, label);
    return row === null ? null : toSideGeneration(row);
  }

  /** The live generation and the side ones (oldest first). */
  async list(): Promise<{ live: LiveGeneration; side: SideGeneration[] }> {
    await this.runner.ensureReadModel();
    const live = await this.pool.one(sql.type(
      z.object({ generation: z.number(), checkpoint: z.bigint().nullable(), readings: z.number() }),
    )`
      SELECT generation, position AS checkpoint, (SELECT count(*)::int FROM register_reads) AS readings
      FROM projection_state WHERE projection = ${READ_MODEL_PROJECTION} AND active`);
    const rows = await this.pool.any(sql.type(GenerationRow)`
      SELECT ${GENERATION_COLUMNS} FROM read_model_generations WHERE NOT temporary ORDER BY generation`);
    return { live: { projection: READ_MODEL_PROJECTION, ...live }, side: rows.map(toSideGeneration) };
  }

  /**
   * Claims a label and a generation number under the projection lock, creating the generation's tables.
   * One build at a time: refused while a live rebuild or another side build runs in a live process.
   */
  private async claim(label: string, until: Until, temporary: boolean): Promise<GenerationRow> {
    return this.pool.transaction(async (tx) => {
      await tx.query(sql.unsafe`SELECT pg_advisory_xact_lock(${PROJECTION_LOCK})`);
      const live = await tx.any(sql.type(
        z.object({ generation: z.number(), builder: z.string().nullable(), updatedAt: instant }),
      )`
        SELECT generation, builder, updated_at AS "updatedAt" FROM projection_state
        WHERE projection = ${READ_MODEL_PROJECTION} AND NOT active`);
      const rebuilding = live.find(isBuilderAlive);
      if (rebuilding !== undefined) throw new RebuildRunningError(rebuilding.generation, rebuilding.builder ?? '');
      const side = await sideBuildRunning(tx);
      if (side !== null) throw new RebuildRunningError(side.generation, side.builder, side.label);
      if ((await this.row(tx, label)) !== null) throw new GenerationLabelTakenError(label);
      const generation = await nextGenerationNumber(tx);
      await dropReadModelTables(tx, generation);
      await createReadModelTables(tx, generation);
      return tx.one(sql.type(GenerationRow)`
        INSERT INTO read_model_generations (label, projection, generation, until_position, until_at, state, builder, temporary)
        VALUES (${label}, ${READ_MODEL_PROJECTION}, ${generation},
          ${'position' in until ? until.position.toString() : null}::int8,
          ${'at' in until ? until.at.toISOString() : null}::timestamptz, 'building', ${PROCESS_IDENTITY}, ${temporary})
        RETURNING ${GENERATION_COLUMNS}`);
    });
  }

  /**
   * Applies the events after the generation's checkpoint up to `until`, in batches, each in one
   * transaction with the checkpoint. No projection lock: the tables are this build's alone, and the live
   * runner must not wait for it.
   */
  private async fill(label: string, generation: number, until: Until, options: SideBuildOptions): Promise<void> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    const row = await this.row(this.pool, label);
    let position = row?.position ?? null;
    for (;;) {
      if (options.signal?.aborted === true) throw new ProjectionStoppedError(generation);
      const events = await this.store.readAll({
        ...(position === null ? {} : { after: position }),
        maxCount: batchSize,
        streamPrefixes: FILE_STREAM_PREFIXES,
        types: PROJECTED_TYPES,
      });
      const stop = events.findIndex((event) => !isWithin(event, until));
      const batch = stop === -1 ? events : events.slice(0, stop);
      const last = batch.at(-1);
      if (last !== undefined) {
        await this.pool.transaction(async (tx) => {
          await applyReadModelEvents(tx, batch, { generation, events: this.events });
          await tx.query(sql.unsafe`
            UPDATE read_model_generations
            SET position = ${last.position.toString()}::int8, events = events + ${batch.length}, updated_at = now()
            WHERE label = ${label}`);
        });
        position = last.position;
        options.onProgress?.({ generation, position, applied: batch.length, head: await this.store.headPosition() });
      }
      if (stop !== -1 || events.length < batchSize) return;
    }
  }

  private async finish(label: string, until: Until): Promise<void> {
    await this.pool.transaction(async (tx) => {
      const row = await this.row(tx, label);
      if (row === null) return;
      const readings = await tx.oneFirst(sql.type(z.object({ count: z.bigint() }))`
        SELECT count(*) AS count FROM ${tableOf('register_reads', row.generation)}`);
      await tx.query(sql.unsafe`
        UPDATE read_model_generations SET state = 'ready', built_at = now(), updated_at = now(),
          builder = CASE WHEN temporary THEN builder END, readings = ${readings.toString()}::int8,
          until_position = ${'position' in until ? until.position.toString() : (row.position?.toString() ?? null)}::int8
        WHERE label = ${label}`);
    });
  }

  private async fail(label: string, error: unknown): Promise<void> {
    const reason =
      error instanceof ProjectionStoppedError ? 'stopped before it was complete' : 'the build failed; see the log';
    await this.pool
      .query(
        sql.unsafe`
        UPDATE read_model_generations SET state = 'failed', error = ${reason}, builder = NULL, updated_at = now()
        WHERE label = ${label} AND state = 'building'`,
      )
      .catch(() => undefined);
  }

  /**
   * Builds a labelled generation from the events up to `until`, beside the live one. A stopped or failed
   * build is kept, marked failed, until dropped.
   */
  async build(label: string, until: Until, options: SideBuildOptions = {}): Promise<SideGeneration> {
    checkLabel(label);
    await this.runner.ensureReadModel();
    const head = await this.store.headPosition();
    if ('position' in until ? head === null || until.position > head : until.at.getTime() > Date.now()) {
      throw new UntilBeyondHeadError(until, head);
    }
    const claimed = await this.claim(label, until, false);
    options.onStart?.({
      label,
      generation: claimed.generation,
      head: 'position' in until && head !== null && until.position < head ? until.position : head,
    });
    try {
      await this.fill(label, claimed.generation, until, options);
      await this.finish(label, until);
    } catch (error) {
      await this.fail(label, error);
      throw error;
    }
    const built = await this.get(label);
    if (built === null) throw new Error(`the generation "${label}" was dropped while it was built`);
    return built;
  }

  /** Drops a side generation's tables and record. Answers false when there is none by that label. */
  async drop(label: string, options: { readonly ownBuild?: boolean } = {}): Promise<boolean> {
    return this.pool.transaction(async (tx) => {
      await tx.query(sql.unsafe`SELECT pg_advisory_xact_lock(${PROJECTION_LOCK})`);
      const row = await this.row(tx, label);
      if (row === null) return false;
      // A build in progress is dropped only by itself (verify's temporary generation, afterwards).
      if (stateOf(row) === 'building' && !(options.ownBuild === true && row.builder === PROCESS_IDENTITY)) {
        throw new RebuildRunningError(row.generation, row.builder ?? '', label);
      }
      await dropReadModelTables(tx, row.generation, Number(row.projection.slice('read_model_v'.length)));
      await tx.query(sql.unsafe`DELETE FROM read_model_generations WHERE label = ${label}`);
      return true;
    });
  }

  /** The physical generation a label names (`live`: the active one); only ready side generations compare. */
  async resolve(label: string, db: CommonQueryMethods = this.pool): Promise<number> {
    if (label === LIVE_LABEL) {
      return db.oneFirst(sql.type(z.object({ generation: z.number() }))`
        SELECT generation FROM projection_state WHERE projection = ${READ_MODEL_PROJECTION} AND active`);
    }
    const row = await this.row(db, label);
    if (row === null || row.temporary) throw new UnknownGenerationError(label);
    if (row.state !== 'ready') throw new GenerationNotReadyError(label, stateOf(row));
    if (row.projection !== READ_MODEL_PROJECTION) throw new UnknownGenerationError(label);
    return row.generation;
  }

  /** One page of the readings added, removed or changed from generation `from` to `to` (labels or `live`). */
  async diff(
    from: string,
    to: string,
    options: { readonly nmi?: string; readonly after?: string; readonly limit: number },
  ): Promise<GenerationDiffPage> {
    await this.runner.ensureReadModel();
    return diffGenerations(this.pool, await this.resolve(from), await this.resolve(to), options);
  }

  /**
   * Rebuilds into a temporary side generation up to the live checkpoint and compares the two: the winning
   * register reads (each difference handed to `onDifference`, a page at a time) and every row of every
   * table. The comparison holds the projection lock, so the live generation stands still while it runs;
   * when the live one moved on during the build, the fresh one catches up first. The temporary generation
   * is dropped afterwards, whatever happens.
   */
  async verify(
    onDifference: (item: GenerationDiffItem) => void,
    options: SideBuildOptions = {},
  ): Promise<VerifyReport> {
    await this.runner.ensureReadModel();
    await this.dropAbandonedTemporaries();
    const label = `verify-${randomBytes(4).toString('hex')}`;
    let checkpoint = (await this.runner.status()).checkpoint;
    const claimed = await this.claim(label, { position: checkpoint ?? 0n }, true);
    options.onStart?.({ label, generation: claimed.generation, head: checkpoint });
    try {
      for (;;) {
        await this.fill(label, claimed.generation, { position: checkpoint ?? 0n }, options);
        const report = await this.pool.transaction(async (tx) => {
          await tx.query(sql.unsafe`SELECT pg_advisory_xact_lock(${PROJECTION_LOCK})`);
          const live = await tx.one(sql.type(z.object({ generation: z.number(), position: z.bigint().nullable() }))`
            SELECT generation, position FROM projection_state WHERE projection = ${READ_MODEL_PROJECTION} AND active`);
          if (live.position !== checkpoint) return { moved: live.position };
          let differences = 0;
          let after: string | undefined;
          for (;;) {
            const page = await diffGenerations(tx, claimed.generation, live.generation, {
              limit: 500,
              ...(after === undefined ? {} : { after }),
            });
            for (const item of page.items) onDifference(item);
            differences += page.items.length;
            if (page.nextCursor === null) break;
            after = page.nextCursor;
          }
          const tables = [];
          for (const table of READ_MODEL_TABLES) {
            tables.push({ table, ...(await compareTable(tx, table, live.generation, claimed.generation)) });
          }
          const identical = differences === 0 && tables.every((t) => t.onlyLive === 0 && t.onlyFresh === 0);
          return { report: { checkpoint, liveGeneration: live.generation, differences, tables, identical } };
        });
        if ('report' in report) return report.report;
        checkpoint = report.moved;
      }
    } finally {
      await this.drop(label, { ownBuild: true }).catch(() => undefined);
    }
  }

  /** Temporary generations of a verify whose process died before it could drop them. */
  private async dropAbandonedTemporaries(): Promise<void> {
    const rows = await this.pool.any(sql.type(GenerationRow)`
      SELECT ${GENERATION_COLUMNS} FROM read_model_generations WHERE temporary`);
    for (const row of rows) if (!isBuilderAlive(row)) await this.drop(row.label, { ownBuild: true });
  }
}

function isWithin(event: RecordedEvent, until: Until): boolean {
  return 'position' in until ? event.position <= until.position : Date.parse(event.recordedAt) <= until.at.getTime();
}

/** Rows (all columns, every version) in one generation's table and not in the other's, both ways. */
async function compareTable(
  db: CommonQueryMethods,
  table: (typeof READ_MODEL_TABLES)[number],
  live: number,
  fresh: number,
): Promise<{ onlyLive: number; onlyFresh: number }> {
  const a = tableOf(table, live);
  const b = tableOf(table, fresh);
  return db.one(sql.type(z.object({ onlyLive: z.number(), onlyFresh: z.number() }))`
    SELECT
      (SELECT count(*)::int FROM (SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b}) x) AS "onlyLive",
      (SELECT count(*)::int FROM (SELECT * FROM ${b} EXCEPT ALL SELECT * FROM ${a}) y) AS "onlyFresh"`);
}
