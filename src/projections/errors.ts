/** Batches of one projection are applied one at a time, across processes too (a transaction-level advisory lock). */
export const PROJECTION_LOCK = 7_361_130_003;

/** Another process is rebuilding the read model now. */
export class RebuildRunningError extends Error {
  constructor(
    readonly generation: number,
    readonly builder: string,
    /** What is being built: the live read model's next generation, or a labelled side generation. */
    readonly label: string | null = null,
  ) {
    super(
      label === null
        ? `a rebuild of the read model (generation ${generation}) is already running in ${builder}`
        : `a side rebuild (${label}, generation ${generation}) is already running in ${builder}`,
    );
    this.name = 'RebuildRunningError';
  }
}

/** A run stopped at a batch boundary because its signal was aborted; what it applied is kept. */
export class ProjectionStoppedError extends Error {
  constructor(readonly generation: number) {
    super(`stopped at a batch boundary; generation ${generation} keeps what was applied`);
    this.name = 'ProjectionStoppedError';
  }
}
