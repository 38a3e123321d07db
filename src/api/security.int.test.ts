/**
 * What the API promises a security reviewer: sign-in back-off that a forged X-Forwarded-For cannot
 * escape and every instance shares, expiring tokens, and the headers of every answer.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../infrastructure/db/database.js';
import { body, signIn, testApi, type SignedIn, type TestApi } from '../../test/api.js';
import { TEST_DATABASES } from '../../test/databases.js';

function badSignIn(api: TestApi, username: string, forwardedFor?: string) {
  return api.app.inject({
    method: 'POST',
    url: '/api/session',
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
    payload: { username, password: 'not-the-password' },
  });
}

describe.each(TEST_DATABASES)('security of the API on $name', (target) => {
  let database: Database;
  let api: TestApi;
  let behindProxy: TestApi;
  let admin: SignedIn;
  const ui = mkdtempSync(join(tmpdir(), 'nem-ui-'));

  beforeAll(async () => {
    mkdirSync(join(ui, 'assets'));
    writeFileSync(
      join(ui, 'index.html'),
      '<!doctype html><title>nem</title><script src="/assets/main-1a2b3c.js"></script>',
    );
    writeFileSync(join(ui, 'assets', 'main-1a2b3c.js'), `console.log(${JSON.stringify('x'.repeat(5000))});`);
    database = await target.open();
    api = await testApi(database, { uiDir: ui });
    // A second instance on the same database, behind a proxy it trusts.
    behindProxy = await testApi(database, {}, { trustProxy: true, addUsers: false });
    admin = await signIn(api.app, 'admin');
  });
  afterAll(async () => {
    await behindProxy.close();
    await api.close();
    await database.close();
  });

  it('does not believe X-Forwarded-For by default: a spoofed address per attempt still meets the back-off', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) {
      statuses.push((await badSignIn(api, `nobody${i}`, `203.0.113.${i}`)).statusCode);
    }
    expect(statuses.slice(0, 10)).toEqual(Array<number>(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array<number>(5).fill(429));
    const refused = await badSignIn(api, 'nobody99', '198.51.100.1');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(body<{ code: string }>(refused).code).toBe('RATE_LIMITED');
  });

  it('backs off per account, across addresses and across instances, and a success clears it', async () => {
    // From five addresses through the trusting instance: the account's free failures are used up.
    for (let i = 0; i < 5; i++) expect((await badSignIn(behindProxy, 'viewer', `192.0.2.${i}`)).statusCode).toBe(401);
    // Now the account waits, from any address; another account does not.
    const waiting = await badSignIn(behindProxy, 'viewer', '192.0.2.200');
    expect(waiting.statusCode).toBe(429);
    expect(Number(waiting.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect((await badSignIn(behindProxy, 'admin', '192.0.2.201')).statusCode).toBe(401);
    // The back-off is short: once it has passed (here: cleared as time would), the right password works
    // and clears the account's failures.
    await database.pool.query(
      (await import('slonik')).sql
        .unsafe`UPDATE nem_sign_in_failures SET blocked_until = now() WHERE key = 'user:viewer'`,
    );
    const ok = await behindProxy.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'x-forwarded-for': '192.0.2.202' },
      payload: { username: 'viewer', password: 'viewer-password-1' },
    });
    expect(ok.statusCode).toBe(200);
    expect((await badSignIn(behindProxy, 'viewer', '192.0.2.203')).statusCode).toBe(401);
  });

  it('creates expiring tokens through the API and lists their expiry', async () => {
    const expiresAt = new Date(Date.now() + 90 * 24 * 3600_000).toISOString();
    const created = await api.app.inject({
      method: 'POST',
      url: '/api/tokens',
      cookies: admin.cookies,
      headers: { 'x-csrf-token': admin.csrfToken },
      payload: { username: 'viewer', name: 'quarterly', expiresAt },
    });
    expect(created.statusCode).toBe(201);
    const token = body<{ token: string; expiresAt: string }>(created);
    expect(token.expiresAt).toMatch(/\+10:00$/);
    expect(Date.parse(token.expiresAt)).toBe(Math.floor(Date.parse(expiresAt) / 1000) * 1000);
    const listed = await api.app.inject({ method: 'GET', url: '/api/tokens', cookies: admin.cookies });
    expect(body<Array<{ name: string; expiresAt: string | null }>>(listed)).toContainEqual(
      expect.objectContaining({ name: 'quarterly', expiresAt: token.expiresAt }),
    );
    const past = await api.app.inject({
      method: 'POST',
      url: '/api/tokens',
      cookies: admin.cookies,
      headers: { 'x-csrf-token': admin.csrfToken },
      payload: { username: 'viewer', name: 'stale', expiresAt: '2004-01-01T00:00:00+10:00' },
    });
    expect(past.statusCode).toBe(400);
    const used = await api.app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { authorization: `Bearer ${token.token}` },
    });
    expect(used.statusCode).toBe(200);
  });

  it('says how to authenticate on 401, keeps API answers out of caches, and caches hashed assets for good', async () => {
    const anonymous = await api.app.inject({ method: 'GET', url: '/api/readings?nmi=2291137510' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="nem"');
    expect(anonymous.headers['cache-control']).toBe('no-store');
    const signedIn = await api.app.inject({ method: 'GET', url: '/api/projections', cookies: admin.cookies });
    expect(signedIn.headers['cache-control']).toBe('no-store');
    expect((await api.app.inject({ method: 'GET', url: '/health' })).headers['cache-control']).toBe('no-store');
    const asset = await api.app.inject({ method: 'GET', url: '/assets/main-1a2b3c.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await api.app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  it('compresses answers for clients that accept it', async () => {
    const asset = await api.app.inject({
      method: 'GET',
      url: '/assets/main-1a2b3c.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(asset.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(asset.rawPayload).toString()).toContain('x'.repeat(5000));
    const document = await api.app.inject({ method: 'GET', url: '/docs/json', headers: { 'accept-encoding': 'gzip' } });
    expect(document.headers['content-encoding']).toBe('gzip');
  });

  it('echoes a sane request id, makes one otherwise, and never takes one that could forge a log line', async () => {
    const given = await api.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'lb-7f3a.91' } });
    expect(given.headers['x-request-id']).toBe('lb-7f3a.91');
    const made = await api.app.inject({ method: 'GET', url: '/health' });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const forged = await api.app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': 'x" level=error msg="forged' },
    });
    expect(forged.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
