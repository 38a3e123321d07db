/**
 * A file page that explains itself: the NMIs and readings a file brought, the lines its problems are on,
 * and a download of its original, checked against its SHA-256.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../infrastructure/db/database.js';
import { body, multipart, signIn, testApi, type SignedIn, type TestApi } from '../../test/api.js';
import { TEST_DATABASES } from '../../test/databases.js';
import { samplePath } from '../../test/samples.js';

const SAMPLE = 'aemo-mdp-test-2005/aemo-mdp-test-NEM13_000000000000011_CNRGYMDP_NEMMCO.csv';
const BAD_FILE = [
  '100,NEM13,200401101030,MDA1,Ret1',
  '250,VDEF005890,1141,1,11,11,MET12345,E,000888,20040108103055,A,,,000999,20040408000000,E64,,,1x1,kWh,20040408,20040409000000,20040109103023',
  '900',
].join('\r\n');

interface FileBody {
  fileId: string;
  status: string;
  errors: Array<{ line: number; field: string | null }>;
  original: { basis: string; size: number; storedSize: number } | null;
  nmis: Array<{ nmi: string; readings: number }>;
  moreNmis: boolean;
}

describe.each(TEST_DATABASES)('a file page on $name', (target) => {
  let database: Database;
  let api: TestApi;
  let viewer: SignedIn;
  let admin: SignedIn;
  const sample = readFileSync(samplePath(SAMPLE));
  const sampleId = createHash('sha256').update(sample).digest('hex');
  const get = (url: string) => api.app.inject({ method: 'GET', url, cookies: viewer.cookies });

  async function upload(name: string, content: Buffer | string): Promise<{ sha256: string; status: string }> {
    const form = multipart([{ name, content }]);
    const response = await api.app.inject({
      method: 'POST',
      url: '/api/files',
      cookies: admin.cookies,
      headers: { ...form.headers, 'x-csrf-token': admin.csrfToken },
      payload: form.payload,
    });
    expect(response.statusCode, response.body).toBe(200);
    return body<{ results: Array<{ sha256: string; status: string }> }>(response).results[0]!;
  }

  beforeAll(async () => {
    database = await target.open();
    api = await testApi(database);
    admin = await signIn(api.app, 'admin');
    viewer = await signIn(api.app, 'viewer');
    await upload('sample.csv.gz', gzipSync(sample));
    await upload('bad.csv', BAD_FILE);
  });
  afterAll(async () => {
    await api.close();
    await database.close();
  });

  it('lists the NMIs a file brought with their counts, and says whether its original is kept', async () => {
    const file = body<FileBody>(await get(`/api/files/${sampleId}`));
    expect(file.original).toMatchObject({ basis: 'content', size: sample.length });
    expect(file.original!.storedSize).toBeLessThan(sample.length);
    const total = file.nmis.reduce((sum, n) => sum + n.readings, 0);
    expect(total).toBe(
      sample
        .toString()
        .split('\n')
        .filter((l) => l.startsWith('250,')).length,
    );
    expect(file.nmis.map((n) => n.nmi)).toEqual([...new Set(file.nmis.map((n) => n.nmi))].sort());
    expect(file.moreNmis).toBe(false);
  });

  it('downloads the original as sent inside the gzip, named without .gz, its SHA-256 in Repr-Digest', async () => {
    const response = await get(`/api/files/${sampleId.slice(0, 12)}/original`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.rawPayload.equals(sample)).toBe(true);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-length']).toBe(String(sample.length));
    expect(response.headers['content-disposition']).toContain('filename="sample.csv"');
    expect(response.headers['repr-digest']).toBe(`sha-256=:${Buffer.from(sampleId, 'hex').toString('base64')}:`);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('shows the lines of a rejected file with the names of their fields, the bad one among them', async () => {
    const file = body<FileBody>(await get('/api/files/bad.csv'));
    expect(file.status).toBe('rejected');
    const error = file.errors[0]!;
    const response = await get(`/api/files/bad.csv/lines?numbers=${error.line},1,99`);
    expect(response.statusCode, response.body).toBe(200);
    const { lines } = body<{ lines: Array<{ number: number; text: string; fieldNames: string[] | null }> }>(response);
    expect(lines.map((l) => l.number)).toEqual([1, 2]);
    const line = lines.find((l) => l.number === error.line)!;
    const index = line.fieldNames!.indexOf(error.field!);
    expect(line.text.split(',')[index]).toBe('1x1');
  });

  it('pages the readings a file brought in line order', async () => {
    const lines: number[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/files/${sampleId}/readings?limit=3${cursor === null ? '' : `&cursor=${cursor}`}`;
      const page = body<{ items: Array<{ line: number; fileId: string }>; nextCursor: string | null }>(await get(url));
      expect(page.items.every((r) => r.fileId === sampleId)).toBe(true);
      lines.push(...page.items.map((r) => r.line));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(lines.length).toBe(
      body<FileBody>(await get(`/api/files/${sampleId}`)).nmis.reduce((s, n) => s + n.readings, 0),
    );
  });

  it('refuses line numbers that are not, too many of them, and a forged cursor', async () => {
    for (const numbers of [
      '0',
      '-1',
      'a',
      '1,,2',
      Array.from({ length: 101 }, (_, i) => i + 1).join(','),
      '9999999999',
    ]) {
      const response = await get(`/api/files/bad.csv/lines?numbers=${encodeURIComponent(numbers)}`);
      expect(response.statusCode, numbers).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    const forged = Buffer.from(JSON.stringify(['line', -5])).toString('base64url');
    expect((await get(`/api/files/${sampleId}/readings?cursor=${forged}`)).statusCode).toBe(400);
  });

  it('answers 404 for an unknown file, and for an original that is not kept', async () => {
    for (const url of [
      '/api/files/nope.csv/original',
      '/api/files/nope.csv/lines?numbers=1',
      '/api/files/nope.csv/readings',
    ]) {
      expect((await get(url)).statusCode, url).toBe(404);
    }
    await database.pool.query(sql.unsafe`DELETE FROM nem_originals WHERE file_id = ${sampleId}`);
    const response = await get(`/api/files/${sampleId}/original`);
    expect(response.statusCode).toBe(404);
    expect(response.json<{ detail: string }>().detail).toContain('not kept');
    expect((await get(`/api/files/${sampleId}/lines?numbers=1`)).statusCode).toBe(404);
    expect(body<FileBody>(await get(`/api/files/${sampleId}`)).original).toBeNull();
  });

  it('lets nobody signed out download an original', async () => {
    const response = await api.app.inject({ method: 'GET', url: `/api/files/bad.csv/original` });
    expect(response.statusCode).toBe(401);
  });
});
