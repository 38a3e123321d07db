import { toNemIso } from '../domain/nem-time.js';
import { ProjectionStoppedError } from '../projections/errors.js';
import { ProgressMeter, type Progress } from '../projections/progress.js';
import type { SideGenerations, Until } from '../projections/side-generations.js';

export type SideBuildState = 'idle' | 'running' | 'succeeded' | 'failed' | 'stopped';

export interface SideBuildStatus {
  readonly state: SideBuildState;
  readonly label: string | null;
  readonly generation: number | null;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly progress: Progress | null;
  readonly error: string | null;
}

const IDLE: SideBuildStatus = {
  state: 'idle',
  label: null,
  generation: null,
  startedAt: null,
  finishedAt: null,
  progress: null,
  error: null,
};

/**
 * One labelled side build at a time in the background, with a status to poll (the lock in the database
 * keeps it to one across servers too). `start` answers once the build has claimed its label, so that a
 * taken label or a build running elsewhere is the caller's answer, not a status to poll for.
 */
export class SideBuildJob {
  private current: SideBuildStatus = IDLE;
  private running: Promise<void> | null = null;
  private abort: AbortController | null = null;

  constructor(
    private readonly generations: SideGenerations,
    private readonly log: { error(message: string, error: unknown): void },
  ) {}

  status(): SideBuildStatus {
    return this.current;
  }

  /** Starts a build; resolves once it runs, rejects with the build's error when it could not start. */
  start(label: string, until: Until): Promise<SideBuildStatus> {
    if (this.running !== null) return Promise.resolve(this.current);
    const abort = new AbortController();
    this.abort = abort;
    let meter: ProgressMeter | null = null;
    let started = false;
    let onStarted: () => void = () => undefined;
    let onRefused: (error: unknown) => void = () => undefined;
    const claimed = new Promise<SideBuildStatus>((resolve, reject) => {
      onStarted = () => resolve(this.current);
      onRefused = reject;
    });
    this.current = { ...IDLE, state: 'running', label, startedAt: toNemIso(new Date()) };
    this.running = this.generations
      .build(label, until, {
        signal: abort.signal,
        onStart: (start) => {
          started = true;
          meter = new ProgressMeter(0n, start.head);
          this.current = { ...this.current, generation: start.generation, progress: meter.current() };
          onStarted();
        },
        onProgress: (progress) => {
          this.current = { ...this.current, progress: meter?.update(progress.position, progress.head) ?? null };
        },
      })
      .then(() => {
        const finished = meter?.current();
        this.current = {
          ...this.current,
          state: 'succeeded',
          finishedAt: toNemIso(new Date()),
          progress: finished === undefined ? null : { ...finished, done: finished.total, fraction: 1, secondsLeft: 0 },
        };
      })
      .catch((error: unknown) => {
        if (!started) {
          this.current = IDLE;
          onRefused(error);
          return;
        }
        const stopped = error instanceof ProjectionStoppedError;
        if (!stopped) this.log.error(`the side build ${label} failed`, error);
        this.current = {
          ...this.current,
          state: stopped ? 'stopped' : 'failed',
          finishedAt: toNemIso(new Date()),
          error: stopped ? 'stopped by a shutdown; drop it and build it again' : 'the build failed; see the server log',
        };
      })
      .finally(() => {
        this.running = null;
        this.abort = null;
      });
    return claimed;
  }

  get busy(): boolean {
    return this.running !== null;
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    await this.running;
  }

  /** Waits for a running build (tests). */
  async settled(): Promise<void> {
    await this.running;
  }
}
