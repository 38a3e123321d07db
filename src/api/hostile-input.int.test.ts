/**
 * Input a client (or an attacker) can send: every answer is a 4xx in the API's error shape, never a 500.
 * Each case here answered 500 (or was accepted) before the edge validated it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { readFileSync } from 'node:fs';
import type { Database } from '../infrastructure/db/database.js';
import { body, multipart, signIn, testApi, type SignedIn, type TestApi } from '../../test/api.js';
import { TEST_DATABASES } from '../../test/databases.js';
import { samplePath } from '../../test/samples.js';

const cursor = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');

/** A client error, as RFC 9457 problem details with our code. */
function expectClientError(response: LightMyRequestResponse, status: number, code?: string): void {
  expect({ status: response.statusCode, body: response.body }).toMatchObject({ status });
  expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  const answer = body<{ type: string; title: string; status: number; detail: string; code: string }>(response);
  expect(answer).toMatchObject({ status, type: expect.stringMatching(/^urn:nem:problem:/) });
  expect(answer.title.length).toBeGreaterThan(3);
  expect(answer.detail.length).toBeGreaterThan(3);
  if (code !== undefined) expect(answer.code).toBe(code);
}

describe.each(TEST_DATABASES)('hostile input on $name', (target) => {
  let database: Database;
  let api: TestApi;
  let admin: SignedIn;
  const get = (url: string) => api.app.inject({ method: 'GET', url, cookies: admin.cookies });

  beforeAll(async () => {
    database = await target.open();
    api = await testApi(database);
    admin = await signIn(api.app, 'admin');
    const upload = multipart([{ name: 'challenge.csv', content: readFileSync(samplePath('challenge-sample.csv')) }]);
    const imported = await api.app.inject({
      method: 'POST',
      url: '/api/files',
      cookies: admin.cookies,
      headers: { ...upload.headers, 'x-csrf-token': admin.csrfToken },
      payload: upload.payload,
    });
    expect(imported.statusCode).toBe(200);
  });
  afterAll(async () => {
    await api.close();
    await database.close();
  });

  it('answers 400 to a multipart body without a boundary, with a wrong one, or cut off', async () => {
    const good = multipart([{ name: 'a.csv', content: readFileSync(samplePath('challenge-sample.csv')) }]);
    const boundary = /boundary=(.+)$/.exec(good.headers['content-type'] ?? '')?.[1] ?? '';
    const cases: Array<{ name: string; type: string; payload: Buffer }> = [
      { name: 'no boundary', type: 'multipart/form-data', payload: good.payload },
      { name: 'wrong boundary', type: 'multipart/form-data; boundary=other', payload: good.payload },
      {
        name: 'cut off',
        type: `multipart/form-data; boundary=${boundary}`,
        payload: good.payload.subarray(0, Math.floor(good.payload.length / 2)),
      },
      { name: 'garbage', type: `multipart/form-data; boundary=${boundary}`, payload: Buffer.from('\u0000\u0001junk') },
    ];
    for (const c of cases) {
      const response = await api.app.inject({
        method: 'POST',
        url: '/api/files',
        cookies: admin.cookies,
        headers: { 'content-type': c.type, 'x-csrf-token': admin.csrfToken },
        payload: c.payload,
      });
      expect({ case: c.name, status: response.statusCode }).toEqual({ case: c.name, status: 400 });
    }
  });

  it('reports the files of a multipart request read before it broke off', async () => {
    const two = multipart([
      { name: 'first.csv', content: readFileSync(samplePath('challenge-sample.csv')) },
      { name: 'second.csv', content: readFileSync(samplePath('challenge-sample.csv')) },
    ]);
    const second = two.payload.indexOf('second.csv');
    const response = await api.app.inject({
      method: 'POST',
      url: '/api/files',
      cookies: admin.cookies,
      headers: { ...two.headers, 'x-csrf-token': admin.csrfToken },
      payload: two.payload.subarray(0, second + 200),
    });
    expectClientError(response, 400, 'BAD_MULTIPART');
    expect(body<{ results: Array<{ file: string; status: string }> }>(response).results).toEqual([
      expect.objectContaining({ file: 'first.csv', status: 'duplicate' }),
    ]);
  });

  it('refuses a NUL byte or control character in any text: 400, not 500', async () => {
    const signInNul = await api.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'ad\u0000min', password: 'admin-password-1' },
    });
    expectClientError(signInNul, 400);
    for (const url of [
      '/api/readings?nmi=%00',
      '/api/readings?serial=A%00B',
      '/api/readings?nmi=22911%1B',
      '/api/files?search=%00',
      '/api/files?search=%E2%80%AE',
      '/api/meter-points/%00',
      '/api/meters/%C2%85',
      '/api/files/a%00',
      `/api/readings/versions?nmi=2291137510&nmiSuffix=E1&registerId=1&meterSerial=%00&currentReadAt=2004-01-07T10:03:33%2B10:00`,
    ]) {
      expectClientError(await get(url), 400);
    }
    const token = await api.app.inject({
      method: 'POST',
      url: '/api/tokens',
      cookies: admin.cookies,
      headers: { 'x-csrf-token': admin.csrfToken },
      payload: { username: 'admin', name: 'night\u0000ly' },
    });
    expectClientError(token, 400);
    const user = await api.app.inject({
      method: 'DELETE',
      url: '/api/users/a%00b',
      cookies: admin.cookies,
      headers: { 'x-csrf-token': admin.csrfToken },
    });
    expectClientError(user, 400);
  });

  it('refuses forged cursors, whatever they hold', async () => {
    for (const forged of [
      cursor(['x', 'y', 1]),
      cursor(['t', 'x', 'y', 1]),
      cursor(['t', '2004-01-07T10:03:33+10:00', '1', 2 ** 31]),
      cursor(['t', '2004-01-07T10:03:33+10:00', '99999999999999999999', 1]),
      cursor(['t', '0000-01-01T00:00:00Z', '1', 1]),
      cursor(['k', 'A\u0000', '2004-01-07T10:03:33+10:00', '1', 1]),
      cursor({ at: 1 }),
      'not base64 at all!',
      cursor(['t', '2004-01-07T10:03:33+10:00', '-1', 1]),
    ]) {
      expectClientError(
        await get(`/api/readings?nmi=2291137510&cursor=${encodeURIComponent(forged)}`),
        400,
        'BAD_CURSOR',
      );
    }
    expectClientError(await get(`/api/files?cursor=${cursor(['x'])}`), 400, 'BAD_CURSOR');
  });

  it('takes only real days and instants PostgreSQL can hold', async () => {
    for (const query of [
      'from=0000-01-01',
      'to=%2B275760-09-13T00:00:00Z',
      'from=2004-02-30',
      'from=2004',
      'to=2004-01-07T10:03:33',
      'from=yesterday',
    ]) {
      expectClientError(await get(`/api/readings?nmi=2291137510&${query}`), 400);
    }
    expectClientError(
      await get(
        '/api/readings/versions?nmi=2291137510&nmiSuffix=E1&registerId=1&meterSerial=PSMIL89KM79J&currentReadAt=2004',
      ),
      400,
    );
    expect((await get('/api/readings?nmi=2291137510&from=2004-02-29&to=2004-12-31')).statusCode).toBe(200);
  });

  it('routes long file names and answers over-long paths in its own shape', async () => {
    const long = 'x'.repeat(154);
    const missing = await get(`/api/files/${long}`);
    expectClientError(missing, 404, 'NOT_FOUND');
    expect(body<{ detail: string }>(missing).detail).toContain(long);
    expectClientError(await get(`/api/files/${'x'.repeat(256)}`), 400);
    expectClientError(await get(`/api/files/${'x'.repeat(5000)}`), 414, 'URI_TOO_LONG');
  });

  it("answers Fastify's own refusals as problem details too: 415, 413, 404, a bad URL", async () => {
    const text = await api.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/xml' },
      payload: '<credentials user="admin"/>',
    });
    expectClientError(text, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const huge = await api.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'admin', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expectClientError(huge, 413, 'TOO_LARGE');
    const broken = await api.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expectClientError(broken, 400, 'BAD_REQUEST');
    expectClientError(await get('/api/no-such-thing'), 404, 'NO_ROUTE');
    expectClientError(await get('/api/files/%E0%A4%A'), 400, 'BAD_REQUEST');
  });
});
