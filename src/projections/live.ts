import type { ProjectionRunner, ProjectionStatus } from './runner.js';

export interface LiveProjectionsLog {
  error(message: string, error: unknown): void;
}

/**
 * Keeps the read model up to date in a long-running process: catches up now and then (every
 * `intervalMs`) and whenever nudged (after an upload), one catch-up at a time. A failed catch-up is
 * logged and retried on the next turn.
 */
export class LiveProjections {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<ProjectionStatus | null> | null = null;
  private stopped = false;

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
    this.running = this.runner.catchUp().catch((error: unknown) => {
      this.log.error('the read model could not catch up', error);
      return null;
    });
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
