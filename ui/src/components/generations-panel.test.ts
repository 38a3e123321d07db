// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { fakeFetch, problem } from '../api/api.fixtures.js';
import type { GenerationList, SideBuildStatus, SideGeneration } from '../api/types.js';
import { deepQuery, deepQueryAll, mount, text, until, useFetch } from './component.fixtures.js';
import { NemGenerationsPanel } from './generations-panel.js';

const idle: SideBuildStatus = {
  state: 'idle',
  label: null,
  generation: null,
  startedAt: null,
  finishedAt: null,
  progress: null,
  error: null,
};
const live = { projection: 'read_model_v3', generation: 1, checkpoint: '40', readings: 11 };
const beforeFix: SideGeneration = {
  label: 'before-fix',
  projection: 'read_model_v3',
  generation: 2,
  untilPosition: '14',
  untilAt: null,
  state: 'ready',
  events: 2,
  readings: 10,
  startedAt: '2026-11-30T16:20:00+10:00',
  builtAt: '2026-11-30T16:20:01+10:00',
  error: null,
};

function typeInto(element: Element, selector: string, value: string): void {
  const input = deepQuery(element, selector) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

describe('nem-generations-panel', () => {
  it('builds a side generation, follows its progress, compares it with live and drops it', async () => {
    let state: 'none' | 'running' | 'built' | 'dropped' = 'none';
    let polls = 0;
    const fake = fakeFetch({
      'GET /api/projections/generations': (): { body: GenerationList } => {
        if (state === 'running' && ++polls >= 2) state = 'built';
        const generations = state === 'built' ? [beforeFix] : [];
        const build: SideBuildStatus =
          state === 'running'
            ? {
                ...idle,
                state: 'running',
                label: 'before-fix',
                generation: 2,
                startedAt: '2026-11-30T16:20:00+10:00',
                progress: { done: 7, total: 14, fraction: 0.5, eventsPerSecond: null, secondsLeft: null },
              }
            : state === 'none' || state === 'dropped'
              ? idle
              : { ...idle, state: 'succeeded', label: 'before-fix', finishedAt: '2026-11-30T16:20:01+10:00' };
        return { body: { live, generations, build } };
      },
      'POST /api/projections/generations': (request) => {
        expect(JSON.parse(request.body as string)).toEqual({ label: 'before-fix', until: '14' });
        state = 'running';
        return { status: 202, body: { ...idle, state: 'running', label: 'before-fix' } };
      },
      'GET /api/projections/generations/before-fix/diff': (request) => {
        expect(request.url.searchParams.get('against')).toBe('live');
        return {
          body: {
            items: [
              {
                key: {
                  nmi: '2291137510',
                  nmiSuffix: '11',
                  registerId: '1',
                  meterSerial: 'R4ZFLS6ZY1UV',
                  currentReadAt: '2004-01-07T10:03:33+10:00',
                },
                change: 'changed',
                before: {
                  fileId: 'a'.repeat(64),
                  fileName: 'challenge-sample.csv',
                  line: 2,
                  currentRead: '56311.0',
                  currentQuality: 'A',
                  quantity: '418.0',
                  updatedAt: '2004-01-08T10:03:33+10:00',
                },
                after: {
                  fileId: 'b'.repeat(64),
                  fileName: 'challenge-correction.csv',
                  line: 2,
                  currentRead: '56320.0',
                  currentQuality: 'A',
                  quantity: '427.0',
                  updatedAt: '2004-02-01T12:00:00+10:00',
                },
                fields: [{ field: 'currentReadText', from: '56311.0', to: '56320.0' }],
              },
            ],
            nextCursor: null,
          },
        };
      },
      'DELETE /api/projections/generations/before-fix': () => {
        state = 'dropped';
        return { status: 204 };
      },
    });
    useFetch(fake.fetch);
    const element = await mount(new NemGenerationsPanel());
    await until(() =>
      expect(text(deepQuery(element, '[data-testid="generation-row"][data-label="live"]'))).toContain(
        'checkpoint 40, catching up',
      ),
    );
    typeInto(element, 'input[name="label"]', 'before-fix');
    typeInto(element, 'input[name="until"]', '14');
    (deepQuery(element, '[data-testid="build-generation"]') as HTMLButtonElement).click();
    await until(() =>
      expect(text(deepQuery(element, '[data-testid="generation-build"]'))).toContain(
        'Building before-fix: 7 of 14 events (50%).',
      ),
    );
    await until(
      () => expect(deepQuery(element, '[data-testid="generation-build"]').getAttribute('data-state')).toBe('succeeded'),
      4000,
    );
    const row = deepQuery(element, '[data-testid="generation-row"][data-label="before-fix"]');
    expect(text(row)).toContain('position 14');
    (deepQuery(row, '[data-testid="compare-generation"]') as HTMLButtonElement).click();
    const diffRow = await until(() => deepQuery(element, '[data-testid="generation-diff-row"]'));
    expect(diffRow.getAttribute('data-change')).toBe('changed');
    expect(text(diffRow)).toContain('56311.0 A, challenge-sample.csv line 2');
    expect(text(diffRow)).toContain('56320.0 A, challenge-correction.csv line 2');
    expect(text(diffRow)).toContain('currentReadText');

    (deepQuery(row, '[data-testid="drop-generation"]') as HTMLButtonElement).click();
    (await until(() => deepQuery(element, '[data-testid="confirm-drop-generation"]') as HTMLButtonElement)).click();
    await until(() =>
      expect(text(deepQuery(element, '[data-testid="generations-message"]'))).toBe('Dropped before-fix.'),
    );
    await until(() => expect(deepQueryAll(element, '[data-testid="generation-row"]')).toHaveLength(1));
    expect(deepQueryAll(element, '[data-testid="generation-diff-row"]')).toHaveLength(0);
  });

  it('says why a build was refused', async () => {
    useFetch(
      fakeFetch({
        'GET /api/projections/generations': () => ({ body: { live, generations: [beforeFix], build: idle } }),
        'POST /api/projections/generations': () => ({
          status: 409,
          body: problem(409, 'GENERATION_LABEL_TAKEN', 'a generation labelled "before-fix" exists already'),
        }),
      }).fetch,
    );
    const element = await mount(new NemGenerationsPanel());
    await until(() => deepQuery(element, '[data-testid="generation-row"][data-label="before-fix"]'));
    typeInto(element, 'input[name="label"]', 'before-fix');
    typeInto(element, 'input[name="until"]', '3');
    (deepQuery(element, '[data-testid="build-generation"]') as HTMLButtonElement).click();
    await until(() =>
      expect(text(deepQuery(element, '[data-testid="generations-message"]'))).toBe(
        'Could not build before-fix: a generation labelled "before-fix" exists already',
      ),
    );
  });
});
