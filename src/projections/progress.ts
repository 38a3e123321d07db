/**
 * How far a long run through the events has come, against a known total: events by position, from where
 * it started to the store's head (which may grow while it runs), with a rate and an estimate of the time
 * left. Positions count every event, readings included, so a file's many readings weigh as they take.
 */
export interface Progress {
  /** Events (by position) done since the start. */
  readonly done: number;
  /** Events (by position) from the start to the head. */
  readonly total: number;
  /** done / total, 0 to 1. */
  readonly fraction: number;
  readonly eventsPerSecond: number | null;
  readonly secondsLeft: number | null;
}

export class ProgressMeter {
  private readonly startedAt: number;
  private last: Progress;

  constructor(
    private readonly from: bigint,
    head: bigint | null,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.startedAt = clock();
    const total = head === null || head <= from ? 0 : Number(head - from);
    this.last = { done: 0, total, fraction: total === 0 ? 1 : 0, eventsPerSecond: null, secondsLeft: null };
  }

  /** The progress once every event up to `position` is done, with the head as it is now. */
  update(position: bigint, head: bigint | null): Progress {
    const done = Math.max(0, Number(position - this.from));
    const total = Math.max(done, head === null ? done : Number(head - this.from));
    const seconds = (this.clock() - this.startedAt) / 1000;
    const rate = seconds > 0 && done > 0 ? done / seconds : null;
    this.last = {
      done,
      total,
      fraction: total === 0 ? 1 : done / total,
      eventsPerSecond: rate === null ? null : Math.round(rate),
      secondsLeft: rate === null ? null : Math.ceil((total - done) / rate),
    };
    return this.last;
  }

  current(): Progress {
    return this.last;
  }
}

/** `12,345 of 30,207 events (41%), 2,100 events/s, about 9 s left`. */
export function describeProgress(progress: Progress): string {
  const count = (n: number) => n.toLocaleString('en-AU');
  const parts = [
    `${count(progress.done)} of ${count(progress.total)} events (${Math.floor(progress.fraction * 100)}%)`,
  ];
  if (progress.eventsPerSecond !== null) parts.push(`${count(progress.eventsPerSecond)} events/s`);
  if (progress.secondsLeft !== null) parts.push(`about ${describeSeconds(progress.secondsLeft)} left`);
  return parts.join(', ');
}

function describeSeconds(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
