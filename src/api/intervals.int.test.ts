/**
 * GET /api/intervals: NEM12 files uploaded, then each channel's days come back in keyset pages, their
 * values summing exactly to the oracle's value_sum.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from '../domain/decimal.js';
import type { Database } from '../infrastructure/db/database.js';
import { body, multipart, signIn, testApi, type SignedIn, type TestApi } from '../../test/api.js';
import { TEST_DATABASES } from '../../test/databases.js';
import { EXPECTED_NEM12, nem12SamplePath } from '../../test/samples.js';

interface Page {
  items: Array<{ nmiSuffix: string; intervalDate: string; values: string[]; dayTotal: string; fileName: string }>;
  nextCursor: string | null;
}

const FILES = ['aemo-mdp-test-2005/NEM12_Scenario06_ETSAMDP_NEMMCO.csv', 'examples/Example_NEM12_multiple_quality.csv'];

describe.each(TEST_DATABASES)('interval days over HTTP on $name', (target) => {
  let database: Database;
  let api: TestApi;
  let viewer: SignedIn;
  const get = (query: string) =>
    api.app.inject({ method: 'GET', url: `/api/intervals?${query}`, cookies: viewer.cookies });

  beforeAll(async () => {
    database = await target.open();
    api = await testApi(database);
    const admin = await signIn(api.app, 'admin');
    viewer = await signIn(api.app, 'viewer');
    const upload = multipart(
      FILES.map((f) => ({ name: f.split('/').at(-1) ?? f, content: readFileSync(nem12SamplePath(f)) })),
    );
    const imported = await api.app.inject({
      method: 'POST',
      url: '/api/files',
      cookies: admin.cookies,
      headers: { ...upload.headers, 'x-csrf-token': admin.csrfToken },
      payload: upload.payload,
    });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(body<{ results: Array<{ status: string }> }>(imported).results.map((r) => r.status)).toEqual([
      'imported',
      'imported',
    ]);
  });
  afterAll(async () => {
    await api.close();
    await database.close();
  });

  it('pages through each channel by suffix then day, the values summing to the oracle exactly', async () => {
    for (const file of FILES) {
      const expected = EXPECTED_NEM12.find((f) => f.file === file);
      for (const channel of expected?.channels ?? []) {
        const items: Page['items'] = [];
        let cursor: string | null = null;
        do {
          const response = await get(`nmi=${channel.nmi}&limit=2${cursor === null ? '' : `&cursor=${cursor}`}`);
          expect(response.statusCode, response.body).toBe(200);
          const page = body<Page>(response);
          items.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor !== null);
        const days = items.filter((d) => d.nmiSuffix === channel.suffix);
        expect(days).toHaveLength(channel.days);
        const keys = items.map((d) => `${d.nmiSuffix} ${d.intervalDate}`);
        expect(keys).toEqual([...keys].sort());
        const sum = days.flatMap((d) => d.values).reduce((s, v) => s.add(Decimal.parse(v)), Decimal.ZERO);
        expect(sum.toString()).toBe(channel.value_sum);
        expect(days.every((d) => d.fileName === file.split('/').at(-1))).toBe(true);
      }
    }
  });

  it('narrows by day, and answers 400 for a bad NMI, day or cursor', async () => {
    const response = await get('nmi=CCCC123456&from=2004-04-17&to=2004-04-17');
    expect(body<Page>(response).items.map((d) => d.intervalDate)).toEqual(['2004-04-17']);
    expect(body<Page>(await get('nmi=CCCC123456&from=2004-04-18')).items).toEqual([]);
    expect((await get('nmi=nope')).statusCode).toBe(400);
    expect((await get('nmi=CCCC123456&from=2004-02-30')).statusCode).toBe(400);
    expect((await get('nmi=CCCC123456&cursor=forged')).statusCode).toBe(400);
  });
});
