import { describe, expect, it } from 'vitest';
import { describeProgress, ProgressMeter } from './progress.js';

describe('ProgressMeter', () => {
  it('measures done against the head, with a rate and the time left', () => {
    let now = 0;
    const meter = new ProgressMeter(100n, 30_100n, () => now);
    expect(meter.current()).toEqual({ done: 0, total: 30_000, fraction: 0, eventsPerSecond: null, secondsLeft: null });
    now = 5_000;
    expect(meter.update(10_100n, 30_100n)).toEqual({
      done: 10_000,
      total: 30_000,
      fraction: 1 / 3,
      eventsPerSecond: 2_000,
      secondsLeft: 10,
    });
    // The head grew while it ran: the total follows.
    now = 10_000;
    expect(meter.update(20_100n, 40_100n)).toMatchObject({
      done: 20_000,
      total: 40_000,
      fraction: 0.5,
      secondsLeft: 10,
    });
    expect(describeProgress(meter.current())).toBe('20,000 of 40,000 events (50%), 2,000 events/s, about 10 s left');
  });

  it('is done at once when there is nothing to do', () => {
    const meter = new ProgressMeter(0n, null);
    expect(meter.current().fraction).toBe(1);
    expect(describeProgress(meter.current())).toBe('0 of 0 events (100%)');
  });
});
