import type { ProjectionRunner, ProjectionStatus } from './runner.js';

export interface LiveProjectionsLog {
  error(message: string, error: unknown): void;
  info?(message: string): void;
}

/**
 * Keeps the read model up to date in a long-running process: catches up now and then (every
 * `intervalMs`) and whenever nudged (after an upload), one catch-up at a time. A failed catch-up is
 * retried on the next turn, for as long as it takes (a database restarting, say): the first failure of
 * a run is logged, and the recovery, not every turn in between.
 */
export class LiveProjections {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<ProjectionStatus | null> | null = null;
  private stopped = false;
  private failing = false;

  constructor(
    private readonly runner: ProjectionRunner,
    private readonly log: LiveProjectionsLog,
    private readonly intervalMs = 1000,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.catchUp().finally(() => this.schedule(this.intervalMs));
    }, delay);
    this.timer.unref();
  }

  /** Catches up now (or waits for the catch-up in progress, then runs another). */
  async catchUp(): Promise<ProjectionStatus | null> {
    while (this.running !== null) await this.running;
    this.running = this.runner.catchUp().then(
      (status) => {
        if (this.failing) this.log.info?.('the read model is catching up again');
        this.failing = false;
        return status;
      },
      (error: unknown) => {
        if (!this.failing) this.log.error('the read model could not catch up; retrying', error);
        this.failing = true;
        return null;
      },
    );
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    await this.running;
  }
}
