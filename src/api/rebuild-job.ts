import { toNemIso } from '../domain/nem-time.js';
import {
  ProjectionStoppedError,
  RebuildRunningError,
  type ProjectionRunner,
  type RebuildStart,
} from '../projections/runner.js';
import { ProgressMeter, type Progress } from '../projections/progress.js';

export type RebuildState = 'idle' | 'running' | 'succeeded' | 'failed' | 'stopped';

export interface RebuildStatus {
  readonly state: RebuildState;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly eventsApplied: number;
  readonly generation: number | null;
  /** The rebuild continues one whose process went away (`builder`), from where it stopped. */
  readonly resumed: boolean;
  /** How far it has come against the events to replay (null until it has started). */
  readonly progress: Progress | null;
  readonly error: string | null;
}

const IDLE: RebuildStatus = {
  state: 'idle',
  startedAt: null,
  finishedAt: null,
  eventsApplied: 0,
  generation: null,
  resumed: false,
  progress: null,
  error: null,
};

/**
 * One rebuild of the read model at a time, in the background, with a status to poll. `stop` ends it at a
 * batch boundary (shutdown); the next start of the server resumes it.
 */
export class RebuildJob {
  private current: RebuildStatus = IDLE;
  private running: Promise<void> | null = null;
  private abort: AbortController | null = null;

  constructor(
    private readonly projections: ProjectionRunner,
    private readonly log: { info(message: string): void; error(message: string, error: unknown): void },
  ) {}

  status(): RebuildStatus {
    return this.current;
  }

  /** Starts (or resumes) a rebuild unless one is running in this process; answers whether it started. */
  start(): boolean {
    if (this.running !== null) return false;
    const abort = new AbortController();
    this.abort = abort;
    let meter: ProgressMeter | null = null;
    this.current = { ...IDLE, state: 'running', startedAt: toNemIso(new Date()) };
    this.running = this.projections
      .rebuild({
        signal: abort.signal,
        onStart: (start: RebuildStart) => {
          meter = new ProgressMeter(start.from ?? 0n, start.head);
          this.current = {
            ...this.current,
            generation: start.generation,
            resumed: start.resumed !== null,
            progress: meter.current(),
          };
          if (start.resumed !== null) {
            this.log.info(
              `resuming the rebuild of read-model generation ${start.generation} left by ${start.resumed.builder} at position ${start.resumed.position?.toString() ?? 'the start'}`,
            );
          }
        },
        onProgress: (progress) => {
          this.current = {
            ...this.current,
            eventsApplied: this.current.eventsApplied + progress.applied,
            progress: meter?.update(progress.position, progress.head) ?? null,
          };
        },
      })
      .then((status) => {
        const finished = meter?.current();
        this.current = {
          ...this.current,
          progress: finished === undefined ? null : { ...finished, done: finished.total, fraction: 1, secondsLeft: 0 },
          state: 'succeeded',
          finishedAt: toNemIso(new Date()),
          generation: status.generation,
        };
      })
      .catch((error: unknown) => {
        const stopped = error instanceof ProjectionStoppedError;
        if (!stopped) this.log.error('the rebuild failed', error);
        this.current = {
          ...this.current,
          state: stopped ? 'stopped' : 'failed',
          finishedAt: toNemIso(new Date()),
          error: stopped
            ? 'stopped by a shutdown; the next start resumes it'
            : error instanceof RebuildRunningError
              ? error.message
              : 'the rebuild failed; see the server log',
        };
      })
      .finally(() => {
        this.running = null;
        this.abort = null;
      });
    return true;
  }

  /** Stops a running rebuild at its next batch boundary and waits for it. */
  async stop(): Promise<void> {
    this.abort?.abort();
    await this.running;
  }

  /** Waits for a running rebuild (tests). */
  async settled(): Promise<void> {
    await this.running;
  }
}
