/**
 * Searching as support staff type: a NMI with its checksum digit or spaces, a serial in lower case, the
 * order chosen on the server with keyset pages both ways, how many match, and what was matched.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../infrastructure/db/database.js';
import { body, multipart, signIn, testApi, type SignedIn, type TestApi } from '../../test/api.js';
import { TEST_DATABASES } from '../../test/databases.js';
import { EXPECTED, samplePath } from '../../test/samples.js';

interface Page {
  items: Array<{ currentReadAt: string; nmi: string; meterSerial: string; corrected: boolean; superseded: boolean }>;
  nextCursor: string | null;
  total: { count: number; capped: boolean };
  matched: { by: string; value: string; typed: string; note: string | null; known: boolean };
}

describe.each(TEST_DATABASES)('searching readings on $name', (target) => {
  let database: Database;
  let api: TestApi;
  let viewer: SignedIn;
  const search = async (query: string): Promise<Page> => {
    const response = await api.app.inject({ method: 'GET', url: `/api/readings?${query}`, cookies: viewer.cookies });
    expect(response.statusCode, response.body).toBe(200);
    return body<Page>(response);
  };

  beforeAll(async () => {
    database = await target.open();
    api = await testApi(database);
    const admin = await signIn(api.app, 'admin');
    viewer = await signIn(api.app, 'viewer');
    const files = EXPECTED.map((f) => ({
      name: f.file.split('/').at(-1) ?? f.file,
      content: readFileSync(samplePath(f.file)),
    }));
    for (let i = 0; i < files.length; i += 20) {
      const upload = multipart(files.slice(i, i + 20));
      const imported = await api.app.inject({
        method: 'POST',
        url: '/api/files',
        cookies: admin.cookies,
        headers: { ...upload.headers, 'x-csrf-token': admin.csrfToken },
        payload: upload.payload,
      });
      expect(imported.statusCode).toBe(200);
    }
  });
  afterAll(async () => {
    await api.close();
    await database.close();
  });

  it('finds a NMI typed with its checksum digit and spaces, and says what it matched', async () => {
    const plain = await search('nmi=5787326565');
    const typed = await search(`nmi=${encodeURIComponent('5787 3265 65 8')}`);
    expect(typed.items).toEqual(plain.items);
    expect(typed.matched).toEqual({
      by: 'nmi',
      value: '5787326565',
      typed: '5787 3265 65 8',
      note: 'checksum digit 8 checked and removed, spaces removed',
      known: true,
    });
    const lower = await search('nmi=nem1316101');
    expect(lower.matched).toMatchObject({ value: 'NEM1316101', note: 'upper-cased', known: true });
    const wrong = await api.app.inject({
      method: 'GET',
      url: '/api/readings?nmi=57873265651',
      cookies: viewer.cookies,
    });
    expect(wrong.statusCode).toBe(400);
    expect(body<{ code: string; detail: string }>(wrong)).toMatchObject({
      code: 'BAD_NMI',
      detail: expect.stringContaining('for NMI 5787326565 it is 8'),
    });
    const point = await api.app.inject({
      method: 'GET',
      url: '/api/meter-points/57873265658',
      cookies: viewer.cookies,
    });
    expect(body<{ nmi: string }>(point).nmi).toBe('5787326565');
  });

  it('finds a serial whatever its case, and its meter', async () => {
    const upper = await search('serial=PSMIL89KM79J');
    const lower = await search('serial=psmil89km79j');
    expect(lower.items.map((r) => r.meterSerial)).toEqual(['PSMIL89KM79J', 'PSMIL89KM79J']);
    expect(lower.items).toEqual(upper.items);
    expect(lower.matched).toMatchObject({ by: 'serial', value: 'psmil89km79j', known: true });
    const prefix = await search('serial=psmil&prefix=true');
    expect(prefix.items).toHaveLength(2);
    const meter = await api.app.inject({ method: 'GET', url: '/api/meters/psmil89km79j', cookies: viewer.cookies });
    expect(body<{ meterSerial: string }>(meter).meterSerial).toBe('PSMIL89KM79J');
  });

  it('tells a known NMI without reads in a date range from an unknown one', async () => {
    const empty = await search('nmi=NEM1316101&from=2030-01-01');
    expect(empty.items).toEqual([]);
    expect(empty.total).toEqual({ count: 0, capped: false });
    expect(empty.matched.known).toBe(true);
    expect((await search('nmi=NEM9999999')).matched.known).toBe(false);
  });

  it('sorts on the server both ways, pages through all of it with keyset cursors, and counts', async () => {
    const collect = async (order: 'asc' | 'desc') => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let total: number;
      do {
        const page: Page = await search(
          `nmi=NEM13&prefix=true&order=${order}&limit=2${cursor === null ? '' : `&cursor=${cursor}`}`,
        );
        total = page.total.count;
        seen.push(...page.items.map((r) => `${r.nmi} ${r.currentReadAt}`));
        cursor = page.nextCursor;
      } while (cursor !== null);
      return { seen, total };
    };
    const newest = await collect('desc');
    const oldest = await collect('asc');
    expect(newest.seen.length).toBeGreaterThan(10);
    expect(newest.total).toBe(newest.seen.length);
    expect(new Set(oldest.seen)).toEqual(new Set(newest.seen));
    // By NMI, then by time in the chosen order.
    for (const [list, sign] of [
      [newest.seen, -1],
      [oldest.seen, 1],
    ] as const) {
      for (let i = 1; i < list.length; i++) {
        const [nmiA, atA] = (list[i - 1] ?? '').split(' ');
        const [nmiB, atB] = (list[i] ?? '').split(' ');
        if (nmiA === nmiB)
          expect(Math.sign(Date.parse(atB ?? '') - Date.parse(atA ?? '')) * sign).toBeGreaterThanOrEqual(0);
        else expect((nmiA ?? '') < (nmiB ?? '')).toBe(true);
      }
    }
    const exact = await search('nmi=NEM1316101&order=asc');
    expect(exact.items.map((r) => r.currentReadAt)).toEqual([
      '2004-07-23T00:00:01+10:00',
      '2004-08-24T00:00:01+10:00',
      '2004-09-23T00:00:01+10:00',
    ]);
    // A cursor belongs to its order: used with the other one it is refused, not misread.
    const first = await search('nmi=NEM1316101&order=asc&limit=1');
    const mixed = await api.app.inject({
      method: 'GET',
      url: `/api/readings?nmi=NEM1316101&order=desc&limit=1&cursor=${first.nextCursor ?? ''}`,
      cookies: viewer.cookies,
    });
    expect(body<{ code: string }>(mixed).code).toBe('BAD_CURSOR');
  });
});
