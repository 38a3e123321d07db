import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFlowFile } from '../application/import-flow-file.js';
import type { Database } from '../infrastructure/db/database.js';
import { openFlowFile } from '../infrastructure/files/flow-file.js';
import { body, signIn, testApi, type SignedIn, type TestApi } from '../../test/api.js';
import { eventStoreOn, TEST_DATABASES } from '../../test/databases.js';
import { TEST_LIMITS } from '../../test/limits.js';
import { CHALLENGE_CORRECTION, samplePath } from '../../test/samples.js';

interface BuildStatus {
  state: string;
  label: string | null;
  progress: { fraction: number } | null;
}

describe.each(TEST_DATABASES)('side generations over HTTP on $name', (target) => {
  let database: Database;
  let api: TestApi;
  let admin: SignedIn;
  let viewer: SignedIn;
  let positionBefore = '';
  const as = (who: SignedIn, write = false) => ({
    cookies: who.cookies,
    headers: write ? { 'x-csrf-token': who.csrfToken } : {},
  });

  beforeAll(async () => {
    database = await target.open();
    api = await testApi(database);
    admin = await signIn(api.app, 'admin');
    viewer = await signIn(api.app, 'viewer');
    const store = eventStoreOn(database);
    const importPath = (path: string) =>
      importFlowFile(store, () => openFlowFile(path, TEST_LIMITS), { channel: 'cli' });
    await importPath(samplePath('challenge-sample.csv'));
    positionBefore = String(await store.headPosition());
    await importPath(CHALLENGE_CORRECTION);
    await api.projections.catchUp();
  });
  afterAll(async () => {
    await api.close();
    await database.close();
  });

  it('is for admins', async () => {
    for (const [method, url] of [
      ['GET', '/api/projections/generations'],
      ['POST', '/api/projections/generations'],
      ['GET', '/api/projections/generations/x/diff'],
      ['DELETE', '/api/projections/generations/x'],
    ] as const) {
      const response = await api.app.inject({ method, url, ...as(viewer, true), payload: {} });
      expect({ url, method, status: response.statusCode }).toEqual({ url, method, status: 403 });
    }
  });

  it('builds a labelled generation with progress, lists it, diffs it against live and drops it', async () => {
    const started = await api.app.inject({
      method: 'POST',
      url: '/api/projections/generations',
      ...as(admin, true),
      payload: { label: 'before-fix', until: positionBefore },
    });
    expect(started.statusCode).toBe(202);
    expect(body<BuildStatus>(started)).toMatchObject({ state: 'running', label: 'before-fix' });
    let list = body<{ build: BuildStatus; generations: Array<{ label: string; state: string; readings: number }> }>(
      await api.app.inject({ method: 'GET', url: '/api/projections/generations', ...as(admin) }),
    );
    for (let i = 0; i < 600 && list.build.state === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      list = body(await api.app.inject({ method: 'GET', url: '/api/projections/generations', ...as(admin) }));
    }
    expect(list.build).toMatchObject({ state: 'succeeded', label: 'before-fix', progress: { fraction: 1 } });
    expect(list.generations).toEqual([
      expect.objectContaining({ label: 'before-fix', state: 'ready', readings: 10, untilPosition: positionBefore }),
    ]);
    expect(list).toMatchObject({ live: { readings: 11 } });

    const diff = await api.app.inject({
      method: 'GET',
      url: '/api/projections/generations/before-fix/diff',
      ...as(admin),
    });
    expect(diff.statusCode).toBe(200);
    const page = body<{ items: Array<Record<string, unknown>>; nextCursor: string | null }>(diff);
    expect(page.nextCursor).toBeNull();
    expect(page.items).toEqual([
      expect.objectContaining({
        key: expect.objectContaining({ nmi: '2291137510', currentReadAt: '2004-01-07T10:03:33+10:00' }),
        change: 'changed',
        before: expect.objectContaining({ currentRead: '56311.0', fileName: 'challenge-sample.csv' }),
        after: expect.objectContaining({ currentRead: '56320.0', fileName: 'challenge-correction.csv' }),
      }),
    ]);
    const otherNmi = await api.app.inject({
      method: 'GET',
      url: '/api/projections/generations/live/diff?against=before-fix&nmi=7142747824',
      ...as(admin),
    });
    expect(body<{ items: unknown[] }>(otherNmi).items).toEqual([]);

    const taken = await api.app.inject({
      method: 'POST',
      url: '/api/projections/generations',
      ...as(admin, true),
      payload: { label: 'before-fix', until: '1' },
    });
    expect(taken.statusCode).toBe(409);
    expect(body<{ code: string }>(taken).code).toBe('GENERATION_LABEL_TAKEN');

    const dropped = await api.app.inject({
      method: 'DELETE',
      url: '/api/projections/generations/before-fix',
      ...as(admin, true),
    });
    expect(dropped.statusCode).toBe(204);
    const again = await api.app.inject({
      method: 'DELETE',
      url: '/api/projections/generations/before-fix',
      ...as(admin, true),
    });
    expect(again.statusCode).toBe(404);
    expect(body<{ code: string }>(again).code).toBe('GENERATION_NOT_FOUND');
  });

  it('answers problems for bad labels, untils, cursors and unknown generations', async () => {
    const post = (payload: Record<string, string>) =>
      api.app.inject({ method: 'POST', url: '/api/projections/generations', ...as(admin, true), payload });
    for (const payload of [
      { label: 'live', until: '1' },
      { label: 'Upper', until: '1' },
      { label: 'ok', until: 'soon' },
      { label: 'ok', until: '2004-02-30' },
    ]) {
      const response = await post(payload);
      expect({ payload, status: response.statusCode }).toEqual({ payload, status: 400 });
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    const beyond = await post({ label: 'ok', until: '99999999' });
    expect(beyond.statusCode).toBe(400);
    expect(body<{ code: string }>(beyond).code).toBe('UNTIL_BEYOND_HEAD');
    const unknown = await api.app.inject({
      method: 'GET',
      url: '/api/projections/generations/nope/diff',
      ...as(admin),
    });
    expect(unknown.statusCode).toBe(404);
    const cursor = await api.app.inject({
      method: 'GET',
      url: '/api/projections/generations/live/diff?against=live&cursor=bm9wZQ',
      ...as(admin),
    });
    expect(cursor.statusCode).toBe(400);
    expect(body<{ code: string }>(cursor).code).toBe('BAD_CURSOR');
  });
});
