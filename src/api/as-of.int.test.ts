/** The readings, meter point and meter APIs as of an instant (`asOf`), which the answer echoes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../infrastructure/db/database.js';
import type { PostgresEventStore } from '../infrastructure/event-store/postgres/postgres-event-store.js';
import { body, signIn, testApi, type SignedIn, type TestApi } from '../../test/api.js';
import { eventStoreOn, TEST_DATABASES } from '../../test/databases.js';
import { AS_OF_NMI, AS_OF_SERIAL, importAsOfHistory } from '../../test/as-of-history.js';

interface Reading {
  registerId: string;
  currentRead: string;
  superseded: boolean;
  corrected: boolean;
}
interface ReadingPage {
  items: Reading[];
  matched: { known: boolean };
  asOf?: string;
}

describe.each(TEST_DATABASES)('answers as of an instant on $name', (target) => {
  let database: Database;
  let store: PostgresEventStore;
  let api: TestApi;
  let viewer: SignedIn;

  beforeAll(async () => {
    database = await target.open();
    api = await testApi(database);
    store = eventStoreOn(database);
    await importAsOfHistory(database.pool, store);
    await api.projections.catchUp();
    viewer = await signIn(api.app, 'viewer');
  });
  afterAll(async () => {
    await store.close();
    await api.close();
    await database.close();
  });

  const get = (url: string) => api.app.inject({ method: 'GET', url, cookies: viewer.cookies });
  const readings = async (query: string) => {
    const response = await get(`/api/readings?nmi=${AS_OF_NMI}&${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return body<ReadingPage>(response);
  };
  const register1 = (page: ReadingPage) =>
    page.items.filter((r) => r.registerId === '1').map((r) => [r.currentRead, r.superseded, r.corrected]);

  it('searches readings as of a day (its start in NEM time) or an instant, and says so', async () => {
    const before = await readings('asOf=2005-03-01');
    expect(before).toMatchObject({ items: [], matched: { known: false }, asOf: '2005-03-01T00:00:00+10:00' });

    const first = await readings('asOf=2005-03-03');
    expect(first.asOf).toBe('2005-03-03T00:00:00+10:00');
    expect(first.matched.known).toBe(true);
    expect(register1(first)).toEqual([['007654.9', false, false]]);

    // The correction's FileImported was recorded at 12:00:00.400 NEM time: it counts from 12:00:00.
    expect(register1(await readings('asOf=2005-03-05T01:59:59Z'))).toEqual([['007654.9', false, false]]);
    const corrected = await readings('asOf=2005-03-05T12:00&includeSuperseded=true');
    expect(corrected.asOf).toBe('2005-03-05T12:00:00+10:00');
    expect(register1(corrected)).toEqual([
      ['007700.0', false, true],
      ['007654.9', true, true],
    ]);

    const live = await readings('includeSuperseded=false');
    expect(live).not.toHaveProperty('asOf');
    expect(register1(live)).toEqual([['007700.0', false, true]]);
  });

  it('answers a meter point and a meter as of an instant, and 404 before they were known', async () => {
    const point = await get(`/api/meter-points/${AS_OF_NMI}?asOf=${encodeURIComponent('2005-03-03 00:00 +10:00')}`);
    expect(point.statusCode, point.body).toBe(200);
    expect(body<{ asOf: string; latestReadings: Reading[] }>(point)).toMatchObject({
      asOf: '2005-03-03T00:00:00+10:00',
      latestReadings: [{ registerId: '1', currentRead: '007654.9', corrected: false }, { registerId: '2' }],
    });
    const meter = await get(`/api/meters/${AS_OF_SERIAL.toLowerCase()}?asOf=2005-03-06`);
    expect(meter.statusCode, meter.body).toBe(200);
    expect(body<{ asOf: string; latestReadings: Reading[] }>(meter)).toMatchObject({
      asOf: '2005-03-06T00:00:00+10:00',
      latestReadings: [{ registerId: '1', currentRead: '007700.0', corrected: true }, { registerId: '2' }],
    });

    const unknownPoint = await get(`/api/meter-points/${AS_OF_NMI}?asOf=2005-03-01`);
    expect(unknownPoint.statusCode).toBe(404);
    expect(body<{ detail: string }>(unknownPoint).detail).toBe(
      `no meter point ${AS_OF_NMI} as known on 2005-03-01 00:00 +10:00`,
    );
    expect((await get(`/api/meters/${AS_OF_SERIAL}?asOf=2005-03-01`)).statusCode).toBe(404);
    expect(body<{ asOf?: string }>(await get(`/api/meter-points/${AS_OF_NMI}`))).not.toHaveProperty('asOf');
  });

  it('refuses an asOf that is not a day or a date and time', async () => {
    for (const asOf of ['2005-02-30', 'yesterday', '2005-03-03T25:00', '2005-03-03T10:00+25:00']) {
      for (const url of [
        `/api/readings?nmi=${AS_OF_NMI}&asOf=${encodeURIComponent(asOf)}`,
        `/api/meter-points/${AS_OF_NMI}?asOf=${encodeURIComponent(asOf)}`,
        `/api/meters/${AS_OF_SERIAL}?asOf=${encodeURIComponent(asOf)}`,
      ]) {
        const response = await get(url);
        expect(response.statusCode, `${url}: ${response.body}`).toBe(400);
      }
    }
  });
});
