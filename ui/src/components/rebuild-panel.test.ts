// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { deepQuery, mount, text, until, useFetch } from './component.fixtures.js';
import { fakeFetch } from '../api/api.fixtures.js';
import type { RebuildStatus } from '../api/types.js';
import { NemRebuildPanel } from './rebuild-panel.js';

const idle: RebuildStatus = {
  state: 'idle',
  startedAt: null,
  finishedAt: null,
  eventsApplied: 0,
  generation: null,
  resumed: false,
  progress: null,
  error: null,
};

describe('nem-rebuild-panel', () => {
  it('starts a rebuild and follows it until it ends', async () => {
    let polls = 0;
    const fake = fakeFetch({
      'GET /api/projections': () => ({
        body: { projection: 'read_model_v1', generation: 1, checkpoint: '10', head: '12', lag: 2, upToDate: false },
      }),
      'GET /api/projections/rebuild': () => {
        if (fake.requests.every((r) => r.method === 'GET')) return { body: idle };
        polls++;
        return polls < 2
          ? {
              body: {
                ...idle,
                state: 'running',
                startedAt: '2024-01-01T00:00:00Z',
                eventsApplied: 1500,
                generation: 2,
                progress: { done: 1500, total: 6000, fraction: 0.25, eventsPerSecond: 750.4, secondsLeft: 6 },
              },
            }
          : {
              body: {
                ...idle,
                state: 'succeeded',
                startedAt: '2024-01-01T00:00:00Z',
                finishedAt: '2024-01-01T00:00:02Z',
                eventsApplied: 3000,
                generation: 2,
                progress: { done: 6000, total: 6000, fraction: 1, eventsPerSecond: 3000, secondsLeft: 0 },
              },
            };
      },
      'POST /api/projections/rebuild': () => ({
        status: 202,
        body: { ...idle, state: 'running', startedAt: '2024-01-01T00:00:00Z' },
      }),
    });
    useFetch(fake.fetch);
    const element = await mount(new NemRebuildPanel());
    await until(() => expect(text(deepQuery(element, '[data-testid="projection-lag"]'))).toBe('2 events behind'));
    (deepQuery(element, '[data-testid="rebuild-button"]') as HTMLButtonElement).click();
    await until(() => deepQuery(element, '[data-testid="rebuild-progress"]'));
    expect((deepQuery(element, '[data-testid="rebuild-button"]') as HTMLButtonElement).disabled).toBe(true);
    await until(() =>
      expect(text(deepQuery(element, '[data-testid="rebuild-status"]'))).toContain(
        'Rebuilding into generation 2: 1,500 of 6,000 events (25%), 750 events a second, about 6 s left.',
      ),
    );
    const bar = deepQuery(element, '[data-testid="rebuild-progress"]');
    expect([bar.getAttribute('max'), bar.getAttribute('value')]).toEqual(['6000', '1500']);
    await until(
      () => expect(deepQuery(element, '[data-testid="rebuild-status"]').getAttribute('data-state')).toBe('succeeded'),
      4000,
    );
    expect(text(deepQuery(element, '[data-testid="rebuild-status"]'))).toBe(
      'Rebuilt: 6,000 events replayed into generation 2 in 2 s (3,000 events a second); finished 2024-01-01 10:00:02 +10:00.',
    );
    expect((deepQuery(element, '[data-testid="rebuild-button"]') as HTMLButtonElement).disabled).toBe(false);
  });

  it('says it is working out the rate before the first batch, never "0 events applied"', async () => {
    const running: RebuildStatus = {
      ...idle,
      state: 'running',
      startedAt: '2024-01-01T00:00:00+10:00',
      generation: 3,
      progress: { done: 0, total: 120_000, fraction: 0, eventsPerSecond: null, secondsLeft: null },
    };
    useFetch(
      fakeFetch({
        'GET /api/projections': () => ({
          body: { projection: 'read_model_v1', generation: 2, checkpoint: '10', head: '10', lag: 0, upToDate: true },
        }),
        'GET /api/projections/rebuild': () => ({ body: running }),
      }).fetch,
    );
    const element = await mount(new NemRebuildPanel());
    const status = await until(() => deepQuery(element, '[data-testid="rebuild-status"]'));
    expect(text(status)).toContain('Rebuilding into generation 3: 0 of 120,000 events (0%), working out the rate.');
    expect(text(status)).not.toContain('events applied');
    element.remove();
  });
});
