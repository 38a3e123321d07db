import SwaggerParser from '@apidevtools/swagger-parser';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Database } from '../infrastructure/db/database.js';
import { body, multipart, signIn, testApi, type SignedIn, type TestApi } from '../../test/api.js';
import { TEST_DATABASES } from '../../test/databases.js';
import { EXPECTED, samplePath } from '../../test/samples.js';

const fixture = (name: string) => resolve(import.meta.dirname, '../../test/fixtures', name);
const sample = (name: string) => readFileSync(samplePath(name));

interface OpenApi {
  paths: Record<string, Record<string, unknown>>;
}

/** A concrete URL for a route pattern. */
function concrete(url: string): string {
  return url
    .replace(':nmi', '2291137510')
    .replace(':serial', 'PSMIL89KM79J')
    .replace(':fileId', '0'.repeat(64))
    .replace(':file', 'challenge-sample.csv')
    .replace(':username', 'viewer')
    .replace(':token', 'nem_unknown');
}

describe.each(TEST_DATABASES)('the HTTP API on $name', (target) => {
  let database: Database;
  let api: TestApi;
  let admin: SignedIn;
  let viewer: SignedIn;
  const as = (who: SignedIn, write = false) => ({
    cookies: who.cookies,
    headers: write ? { 'x-csrf-token': who.csrfToken } : {},
  });

  beforeAll(async () => {
    database = await target.open();
    api = await testApi(database);
    admin = await signIn(api.app, 'admin');
    viewer = await signIn(api.app, 'viewer');
  });
  afterAll(async () => {
    await api.close();
    await database.close();
  });

  it('serves a valid OpenAPI document that lists every route', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const document = body<OpenApi>(response);
    await SwaggerParser.validate(structuredClone(document) as never);
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    const served = api.app.routeInventory
      .filter((route) => !route.hidden && !route.url.startsWith('/docs') && route.method !== 'HEAD')
      .map((route) => `${route.method} ${route.url}`);
    expect(served.length).toBeGreaterThan(15);
    expect(served.filter((route) => !documented.has(route))).toEqual([]);
  });

  it('answers 401 on every /api route without credentials, except signing in', async () => {
    const routes = api.app.routeInventory.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD');
    for (const route of routes) {
      if (route.method === 'POST' && route.url === '/api/session') continue;
      const response = await api.app.inject({ method: route.method as 'GET', url: concrete(route.url) });
      expect({ route: `${route.method} ${route.url}`, status: response.statusCode }).toEqual({
        route: `${route.method} ${route.url}`,
        status: 401,
      });
      expect(body<{ code: string }>(response).code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers 403 to a viewer on admin routes', async () => {
    const adminRoutes = [
      ['POST', '/api/files'],
      ['POST', `/api/files/${'0'.repeat(64)}/replay`],
      ['POST', '/api/projections/rebuild'],
      ['GET', '/api/projections/rebuild'],
      ['GET', '/api/users'],
      ['POST', '/api/users'],
      ['DELETE', '/api/users/admin'],
      ['PUT', '/api/users/admin/password'],
      ['GET', '/api/tokens'],
      ['POST', '/api/tokens'],
      ['DELETE', '/api/tokens/nem_x'],
    ] as const;
    for (const [method, url] of adminRoutes) {
      const response = await api.app.inject({ method, url, ...as(viewer, true), payload: {} });
      expect({ url, method, status: response.statusCode }).toEqual({ url, method, status: 403 });
    }
  });

  it('refuses a change made with a session but without the CSRF token', async () => {
    const response = await api.app.inject({ method: 'POST', url: '/api/projections/rebuild', cookies: admin.cookies });
    expect(response.statusCode).toBe(403);
    expect(body<{ code: string }>(response).code).toBe('CSRF');
  });

  it('sets security headers and HttpOnly, SameSite=Strict session cookies', async () => {
    const response = await api.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'viewer', password: 'viewer-password-1' },
    });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    const session = response.cookies.find((c) => c.name === 'nem_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  });

  it('uploads every shared sample with the expected result, then finds its readings', async () => {
    for (const expected of EXPECTED) {
      const name = expected.file.split('/').at(-1) ?? '';
      const response = await api.app.inject({
        method: 'POST',
        url: '/api/files',
        cookies: admin.cookies,
        ...withCsrf(multipart([{ name, content: sample(expected.file) }]), admin),
      });
      expect(response.statusCode).toBe(200);
      expect(
        body<{ results: Array<{ status: string; readings: number; file: string }> }>(response).results[0],
      ).toMatchObject({
        file: name,
        status: 'imported',
        format: 'NEM13',
        readings: expected.n250,
        registerReads: expected.n250,
        intervalDays: 0,
      });
    }
    for (const [name, status] of [
      ['nem12/nem12-aemo-spec-example-actual-interval.csv', 'imported'],
      ['malformed/handcopied-spec-example-nem13-meter-change.csv', 'rejected'],
    ] as const) {
      const response = await api.app.inject({
        method: 'POST',
        url: '/api/files',
        cookies: admin.cookies,
        ...withCsrf(multipart([{ name: name.split('/')[1] ?? '', content: sample(name) }]), admin),
      });
      expect(body<{ results: Array<{ status: string }> }>(response).results[0]?.status).toBe(status);
    }
    const zipped = await api.app.inject({
      method: 'POST',
      url: '/api/files',
      cookies: admin.cookies,
      ...withCsrf(
        multipart([
          {
            name: 'NEM13#000000000000013#CNRGYMDP#NEMMCO.zip',
            content: sample('zipped/NEM13#000000000000013#CNRGYMDP#NEMMCO.zip'),
          },
        ]),
        admin,
      ),
    });
    expect(body<{ results: Array<{ status: string }> }>(zipped).results[0]?.status).toBe('duplicate');
    const readings = await api.app.inject({ method: 'GET', url: '/api/readings?nmi=2291137510', ...as(viewer) });
    expect(readings.statusCode).toBe(200);
    expect(
      body<{ items: Array<{ currentRead: string; currentReadAt: string; fileName: string }> }>(readings).items,
    ).toEqual([
      expect.objectContaining({
        currentRead: '56311.0',
        currentReadAt: '2004-01-07T10:03:33+10:00',
        fileName: 'challenge-sample.csv',
      }),
    ]);
  });

  it('answers each read route: readings by serial with pages, versions, meter point, meter, files', async () => {
    const bySerial = await api.app.inject({
      method: 'GET',
      url: '/api/readings?serial=PSMIL89KM79J&limit=1',
      ...as(viewer),
    });
    const first = body<{ items: Array<{ registerId: string }>; nextCursor: string }>(bySerial);
    expect(first.items).toHaveLength(1);
    const next = await api.app.inject({
      method: 'GET',
      url: `/api/readings?serial=PSMIL89KM79J&limit=1&cursor=${first.nextCursor}`,
      ...as(viewer),
    });
    expect(body<{ items: unknown[]; nextCursor: null }>(next)).toMatchObject({ nextCursor: null });
    const versions = await api.app.inject({
      method: 'GET',
      url: '/api/readings/versions?nmi=2291137510&nmiSuffix=11&registerId=1&meterSerial=R4ZFLS6ZY1UV&currentReadAt=2004-01-07T10:03:33%2B10:00',
      ...as(viewer),
    });
    expect(body<unknown[]>(versions)).toHaveLength(1);
    const point = await api.app.inject({ method: 'GET', url: '/api/meter-points/5787326565', ...as(viewer) });
    expect(body<{ registers: unknown[]; meterSerials: string[] }>(point)).toMatchObject({
      meterSerials: ['PSMIL89KM79J'],
    });
    expect(
      (await api.app.inject({ method: 'GET', url: '/api/meter-points/NEM9999999', ...as(viewer) })).statusCode,
    ).toBe(404);
    const meter = await api.app.inject({ method: 'GET', url: '/api/meters/PSMIL89KM79J', ...as(viewer) });
    expect(body<{ nmis: string[] }>(meter).nmis).toEqual(['5787326565']);
    const files = await api.app.inject({ method: 'GET', url: '/api/files?status=rejected', ...as(viewer) });
    expect(
      body<{ items: Array<{ fileName: string }> }>(files)
        .items.map((f) => f.fileName)
        .sort(),
    ).toEqual(['handcopied-spec-example-nem13-meter-change.csv']);
    const file = await api.app.inject({
      method: 'GET',
      url: '/api/files/handcopied-spec-example-nem13-meter-change.csv',
      ...as(viewer),
    });
    expect(body<{ errors: Array<{ line: number; field: string }> }>(file).errors).toEqual([
      expect.objectContaining({ line: 4, field: 'Quantity' }),
    ]);
  });

  it('answers 400 with issues for bad query parameters', async () => {
    for (const url of [
      '/api/readings?nmi=2291137510&serial=X',
      '/api/readings',
      '/api/readings?nmi=2291137510&limit=0',
      '/api/readings?nmi=2291137510&from=2004-13-01',
      '/api/readings?nmi=2291137510&cursor=garbage',
      '/api/files?status=lost',
    ]) {
      const response = await api.app.inject({ method: 'GET', url, ...as(viewer) });
      expect({ url, status: response.statusCode }).toEqual({ url, status: 400 });
      const answer = body<{ code: string; detail: string; issues?: unknown[] }>(response);
      expect(answer.detail.length).toBeGreaterThan(5);
      if (!url.includes('cursor')) expect(answer.issues?.length).toBeGreaterThan(0);
    }
  });

  it('refuses a file over the size limit, and a zip bomb, per file, recording nothing for them', async () => {
    const small = await testApi(await target.open().then((db) => (extra.push(db), db)), {
      maxUploadBytes: 100_000,
      maxContentBytes: 1_000_000,
    });
    try {
      const signedIn = await signIn(small.app, 'admin');
      const upload = await small.app.inject({
        method: 'POST',
        url: '/api/files',
        cookies: signedIn.cookies,
        ...withCsrf(
          multipart([
            { name: 'big.csv', content: 'x'.repeat(300_000) },
            { name: 'bomb.zip', content: readFileSync(fixture('bomb.zip')) },
            { name: 'bomb.csv.gz', content: gzipSync(Buffer.alloc(5_000_000, 0x30)) },
          ]),
          signedIn,
        ),
      });
      expect(upload.statusCode).toBe(200);
      const results = body<{
        results: Array<{ file: string; status: string; sha256: string | null; errors: Array<{ code: string }> }>;
      }>(upload).results;
      expect(results.map((r) => [r.file, r.status, r.sha256, r.errors[0]?.code])).toEqual([
        ['big.csv', 'refused', null, 'FILE_TOO_LARGE'],
        ['bomb.zip', 'refused', null, 'CONTENT_TOO_LARGE'],
        ['bomb.csv.gz', 'refused', null, 'CONTENT_TOO_LARGE'],
      ]);
      const events = await extra[0]!.pool.oneFirst(
        sql.type(z.object({ count: z.number() }))`SELECT count(*)::int AS count FROM nem_events`,
      );
      expect(events).toBe(0);
    } finally {
      await small.close();
    }
  });

  it('treats an uploaded file name as data only', async () => {
    const content = sample('aemo-spec-example-nem13-consumption-data.csv')
      .toString('utf8')
      .replace('VABC005890', 'VABC005892');
    const response = await api.app.inject({
      method: 'POST',
      url: '/api/files',
      cookies: admin.cookies,
      ...withCsrf(multipart([{ name: '../../etc/passwd', content }]), admin),
    });
    expect(response.statusCode).toBe(200);
    const [result] = body<{ results: Array<{ file: string; status: string; sha256: string }> }>(response).results;
    expect(result).toMatchObject({ file: 'passwd', status: 'imported' });
    const file = await api.app.inject({ method: 'GET', url: `/api/files/${result?.sha256 ?? ''}`, ...as(viewer) });
    expect(body<{ fileName: string }>(file).fileName).toBe('passwd');
  });

  it('replays a file and rebuilds the read model in the background', async () => {
    const file = await api.app.inject({ method: 'GET', url: '/api/files/challenge-sample.csv', ...as(viewer) });
    const fileId = body<{ fileId: string }>(file).fileId;
    const replay = await api.app.inject({ method: 'POST', url: `/api/files/${fileId}/replay`, ...as(admin, true) });
    expect(replay.statusCode).toBe(200);
    expect(
      (await api.app.inject({ method: 'GET', url: '/api/readings?nmi=2291137510', ...as(viewer) })).json<{
        items: unknown[];
      }>().items,
    ).toHaveLength(1);
    expect(
      (await api.app.inject({ method: 'POST', url: `/api/files/${'0'.repeat(64)}/replay`, ...as(admin, true) }))
        .statusCode,
    ).toBe(404);
    const started = await api.app.inject({ method: 'POST', url: '/api/projections/rebuild', ...as(admin, true) });
    expect(started.statusCode).toBe(202);
    let state = 'running';
    for (let i = 0; i < 200 && state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      state = body<{ state: string }>(
        await api.app.inject({ method: 'GET', url: '/api/projections/rebuild', ...as(admin) }),
      ).state;
    }
    expect(state).toBe('succeeded');
    const finished = body<{ progress: { done: number; total: number; fraction: number } | null }>(
      await api.app.inject({ method: 'GET', url: '/api/projections/rebuild', ...as(admin) }),
    );
    // Progress is against the whole store (readings included), and complete at the end.
    expect(finished.progress).toMatchObject({ fraction: 1 });
    expect(finished.progress?.total).toBeGreaterThan(100);
    expect(finished.progress?.done).toBe(finished.progress?.total);
    const status = body<{ generation: number; lag: number }>(
      await api.app.inject({ method: 'GET', url: '/api/projections', ...as(viewer) }),
    );
    expect(status).toMatchObject({ generation: 2, lag: 0 });
  });

  it('manages users and tokens; a bearer token works for scripts', async () => {
    const created = await api.app.inject({
      method: 'POST',
      url: '/api/users',
      ...as(admin, true),
      payload: { username: 'Script', role: 'viewer', password: 'script-password-1' },
    });
    expect(created.statusCode).toBe(201);
    expect(
      (
        await api.app.inject({
          method: 'POST',
          url: '/api/users',
          ...as(admin, true),
          payload: { username: 'script', role: 'viewer', password: 'script-password-1' },
        })
      ).statusCode,
    ).toBe(409);
    const token = body<{ token: string; prefix: string }>(
      await api.app.inject({
        method: 'POST',
        url: '/api/tokens',
        ...as(admin, true),
        payload: { username: 'script', name: 'nightly' },
      }),
    );
    const withToken = await api.app.inject({
      method: 'GET',
      url: '/api/readings?nmi=2291137510',
      headers: { authorization: `Bearer ${token.token}` },
    });
    expect(withToken.statusCode).toBe(200);
    const listed = body<Array<{ prefix: string; name: string }>>(
      await api.app.inject({ method: 'GET', url: '/api/tokens', ...as(admin) }),
    );
    expect(listed.map((t) => t.name)).toContain('nightly');
    expect(JSON.stringify(listed)).not.toContain(token.token);
    expect(
      (await api.app.inject({ method: 'DELETE', url: `/api/tokens/${token.prefix}`, ...as(admin, true) })).statusCode,
    ).toBe(204);
    expect(
      (await api.app.inject({ method: 'GET', url: '/api/files', headers: { authorization: `Bearer ${token.token}` } }))
        .statusCode,
    ).toBe(401);
    expect((await api.app.inject({ method: 'DELETE', url: '/api/users/script', ...as(admin, true) })).statusCode).toBe(
      204,
    );
  });

  it('tells anyone whether it is healthy, and only signed-in callers where the database is', async () => {
    const anonymous = await api.app.inject({ method: 'GET', url: '/health' });
    expect(anonymous.statusCode).toBe(200);
    expect(body(anonymous)).toEqual({ status: 'ok' });

    const expected = {
      status: 'ok',
      database: { ok: true, detail: `${database.kind} at ${database.location}` },
      eventStore: { ok: true, detail: database.kind },
      projection: { ok: true, checkpoint: expect.any(String), head: expect.any(String), lag: 0 },
    };
    const bySession = await api.app.inject({ method: 'GET', url: '/health', cookies: viewer.cookies });
    expect(bySession.statusCode).toBe(200);
    expect(body(bySession)).toEqual(expected);
    const token = await api.accounts.createToken('viewer', 'health check');
    const byToken = await api.app.inject({
      method: 'GET',
      url: '/health',
      headers: { authorization: `Bearer ${token.token}` },
    });
    expect(byToken.statusCode).toBe(200);
    expect(body(byToken)).toEqual(expected);
  });

  it('limits sign-in attempts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push(
        (
          await api.app.inject({
            method: 'POST',
            url: '/api/session',
            payload: { username: 'admin', password: 'wrong-password-x' },
          })
        ).statusCode,
      );
    }
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(statuses).toContain(429);
  });

  const extra: Database[] = [];
  afterAll(async () => {
    for (const db of extra) await db.close();
  });
});

function withCsrf(form: { payload: Buffer; headers: Record<string, string> }, who: SignedIn) {
  return { payload: form.payload, headers: { ...form.headers, 'x-csrf-token': who.csrfToken } };
}
