import type { ProjectionRunner } from '../projections/runner.js';

export type RebuildState = 'idle' | 'running' | 'succeeded' | 'failed';

export interface RebuildStatus {
  readonly state: RebuildState;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly eventsApplied: number;
  readonly generation: number | null;
  readonly error: string | null;
}

/** One rebuild of the read model at a time, in the background, with a status to poll. */
export class RebuildJob {
  private current: RebuildStatus = {
    state: 'idle',
    startedAt: null,
    finishedAt: null,
    eventsApplied: 0,
    generation: null,
    error: null,
  };
  private running: Promise<void> | null = null;

  constructor(private readonly projections: ProjectionRunner) {}

  status(): RebuildStatus {
    return this.current;
  }

  /** Starts a rebuild unless one is running; answers whether this call started it. */
  start(onError: (error: unknown) => void): boolean {
    if (this.running !== null) return false;
    this.current = {
      state: 'running',
      startedAt: new Date().toISOString(),
      finishedAt: null,
      eventsApplied: 0,
      generation: null,
      error: null,
    };
    this.running = this.projections
      .rebuild({
        onProgress: (progress) => {
          this.current = {
            ...this.current,
            eventsApplied: this.current.eventsApplied + progress.applied,
            generation: progress.generation,
          };
        },
      })
      .then((status) => {
        this.current = {
          ...this.current,
          state: 'succeeded',
          finishedAt: new Date().toISOString(),
          generation: status.generation,
        };
      })
      .catch((error: unknown) => {
        onError(error);
        this.current = {
          ...this.current,
          state: 'failed',
          finishedAt: new Date().toISOString(),
          error: 'the rebuild failed; see the server log',
        };
      })
      .finally(() => {
        this.running = null;
      });
    return true;
  }

  /** Waits for a running rebuild (for shutdown and tests). */
  async settled(): Promise<void> {
    await this.running;
  }
}
