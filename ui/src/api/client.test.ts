import { describe, expect, it, vi } from 'vitest';
import { fakeFetch, sessionFixture, problem } from './api.fixtures.js';
import { ApiClient, ApiError, errorMessage } from './client.js';

describe('ApiClient', () => {
  it('sends the CSRF token with changes, not with reads', async () => {
    const fake = fakeFetch({
      'POST /api/session': () => ({ body: sessionFixture() }),
      'GET /api/files': () => ({ body: { items: [], nextCursor: null } }),
      'DELETE /api/tokens/nem_abc': () => ({ status: 204 }),
    });
    const client = new ApiClient('', fake.fetch);
    await client.signIn('alice', 'correct horse battery');
    await client.files({ status: 'rejected', search: '' });
    await client.revokeToken('nem_abc');
    const [signIn, list, revoke] = fake.requests;
    expect(signIn?.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(signIn?.body as string)).toEqual({ username: 'alice', password: 'correct horse battery' });
    expect(list?.headers.get('x-csrf-token')).toBeNull();
    expect(list?.url.search).toBe('?status=rejected');
    expect(revoke?.headers.get('x-csrf-token')).toBe('csrf-123');
  });

  it('turns an error answer into an ApiError with its code, message and issues', async () => {
    const fake = fakeFetch({
      'GET /api/readings': () => ({
        status: 400,
        body: problem(400, 'BAD_REQUEST', "the request's querystring is not valid", [
          { path: 'querystring.nmi', message: 'give exactly one of nmi and serial' },
        ]),
      }),
    });
    const client = new ApiClient('', fake.fetch);
    const error = await client.readings({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    expect(errorMessage(error)).toBe(
      "the request's querystring is not valid (querystring.nmi: give exactly one of nmi and serial)",
    );
  });

  it('tells when the session has ended, except when signing in', async () => {
    const fake = fakeFetch({
      'GET /api/files': () => ({ status: 401, body: problem(401, 'UNAUTHENTICATED', 'sign in') }),
      'POST /api/session': () => ({ status: 401, body: problem(401, 'BAD_CREDENTIALS', 'wrong') }),
      'GET /api/session': () => ({ status: 401, body: problem(401, 'UNAUTHENTICATED', 'not signed in') }),
    });
    const client = new ApiClient('', fake.fetch);
    const ended = vi.fn();
    client.onUnauthenticated = ended;
    await expect(client.signIn('a', 'b')).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    expect(await client.session()).toBeNull();
    expect(ended).not.toHaveBeenCalled();
    await expect(client.files({})).rejects.toMatchObject({ status: 401 });
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it('reports a rebuild already running as its problem (409)', async () => {
    const fake = fakeFetch({
      'POST /api/projections/rebuild': () => ({
        status: 409,
        body: problem(409, 'REBUILD_RUNNING', 'a rebuild is already running here'),
      }),
    });
    await expect(new ApiClient('', fake.fetch).startRebuild()).rejects.toMatchObject({
      status: 409,
      code: 'REBUILD_RUNNING',
    });
  });

  it('words an answer that is not the API shape and a server out of reach', async () => {
    const html = (() => Promise.resolve(new Response('<h1>Bad gateway</h1>', { status: 502 }))) as typeof fetch;
    await expect(new ApiClient('', html).files({})).rejects.toMatchObject({ status: 502, code: 'HTTP_502' });
    const down = (() => Promise.reject(new TypeError('fetch failed'))) as typeof fetch;
    await expect(new ApiClient('', down).files({})).rejects.toMatchObject({ status: 0, code: 'NETWORK' });
  });

  it('encodes path segments', async () => {
    const fake = fakeFetch({});
    const client = new ApiClient('', fake.fetch);
    await client.file('NEM13#1 ?.csv').catch(() => undefined);
    await client.meter('A/B').catch(() => undefined);
    expect(fake.requests.map((r) => r.url.pathname)).toEqual(['/api/files/NEM13%231%20%3F.csv', '/api/meters/A%2FB']);
  });

  it('uploads every file in one multipart request, field name "file"', async () => {
    const fake = fakeFetch({ 'POST /api/files': () => ({ body: { results: [] } }) });
    const client = new ApiClient('', fake.fetch);
    await client.upload([new File(['100,NEM13'], 'one.csv'), new File(['100,NEM13'], 'two.csv')]);
    const form = fake.requests[0]?.body as FormData;
    expect(form.getAll('file').map((f) => (f as File).name)).toEqual(['one.csv', 'two.csv']);
  });
});

describe('the generated client', () => {
  it('leaves out empty and false query values and spells true as the API does', async () => {
    const fake = fakeFetch({ 'GET /api/readings': () => ({ body: { items: [], nextCursor: null } }) });
    const client = new ApiClient('', fake.fetch);
    await client.readings({ nmi: '1', prefix: false, includeSuperseded: true, limit: 50 });
    expect(Object.fromEntries(fake.requests[0]?.url.searchParams ?? [])).toEqual({
      nmi: '1',
      includeSuperseded: 'true',
      limit: '50',
    });
  });
});
