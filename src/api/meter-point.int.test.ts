/**
 * A meter point summary as support staff read it on the phone: the latest actual read of each register,
 * what was used per day in each read period, the last 12 months' total and the next scheduled read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nem13File, record250 } from '../domain/nem13/nem13.fixtures.js';
import type { Database } from '../infrastructure/db/database.js';
import { body, multipart, signIn, testApi, type SignedIn, type TestApi } from '../../test/api.js';
import { TEST_DATABASES } from '../../test/databases.js';

const NMI = 'VUSE000001';

function read(
  previous: [string, string],
  current: [string, string, string],
  quantity: string,
  extra: Record<string, string> = {},
): string {
  return record250({
    NMI,
    MeterSerialNumber: 'METUSE1',
    PreviousRegisterRead: previous[0],
    PreviousRegisterReadDateTime: previous[1],
    CurrentRegisterRead: current[0],
    CurrentRegisterReadDateTime: current[1],
    CurrentQualityMethod: current[2],
    Quantity: quantity,
    ...extra,
  });
}

const FIRST_FILE = nem13File(
  read(['1000.0', '20021101000000'], ['1100.0', '20030101000000', 'A'], '100.0'),
  read(['1100.0', '20030101000000'], ['1159.0', '20030301000000', 'A'], '59.0'),
  read(['1159.0', '20030301000000'], ['1281.0', '20030501000000', 'A'], '122.0'),
  read(['1281.0', '20030501000000'], ['1586.5', '20040301000000', 'E64'], '305.5', {
    NextScheduledReadDate: '20040501',
  }),
  read(['50.0', '20030501000000'], ['60.0', '20040301000000', 'A'], '10.0', {
    NMISuffix: '12',
    RegisterID: '2',
    DirectionIndicator: 'I',
    NextScheduledReadDate: '20040501',
  }),
);
// The same read of 1 May 2003 sent again, later: two versions.
const CORRECTION = nem13File(
  read(['1159.0', '20030301000000'], ['1281.0', '20030501000000', 'A'], '122.0', {
    UpdateDateTime: '20040601000000',
  }),
);

interface MeterPoint {
  latestReadings: Array<{ registerId: string; currentQuality: string; currentRead: string }>;
  latestActualReadings: Array<{ registerId: string; currentQuality: string; currentRead: string }>;
  nextScheduledReadDate: string | null;
  usage: {
    periods: Array<{
      registerId: string;
      direction: string;
      from: string;
      to: string;
      days: string;
      quantity: string;
      perDay: string | null;
      quality: string;
      corrected: boolean;
    }>;
    last12Months: Array<{ direction: string; uom: string; quantity: string; reads: number; from: string; to: string }>;
  };
}

describe.each(TEST_DATABASES)('a meter point summary on $name', (target) => {
  let database: Database;
  let api: TestApi;
  let point: MeterPoint;

  beforeAll(async () => {
    database = await target.open();
    api = await testApi(database);
    const admin: SignedIn = await signIn(api.app, 'admin');
    const form = multipart([
      { name: 'first.csv', content: FIRST_FILE },
      { name: 'correction.csv', content: CORRECTION },
    ]);
    const uploaded = await api.app.inject({
      method: 'POST',
      url: '/api/files',
      cookies: admin.cookies,
      headers: { ...form.headers, 'x-csrf-token': admin.csrfToken },
      payload: form.payload,
    });
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    expect(
      body<{ results: Array<{ status: string; errors: unknown[] }> }>(uploaded).results.map((r) => [
        r.status,
        r.errors,
      ]),
    ).toEqual([
      ['imported', []],
      ['imported', []],
    ]);
    const viewer = await signIn(api.app, 'viewer');
    const response = await api.app.inject({ method: 'GET', url: `/api/meter-points/${NMI}`, cookies: viewer.cookies });
    expect(response.statusCode, response.body).toBe(200);
    point = body<MeterPoint>(response);
  });
  afterAll(async () => {
    await api.close();
    await database.close();
  });

  it('gives the latest actual read of a register beside its latest read, which is an estimate', () => {
    const latest = point.latestReadings.find((r) => r.registerId === '1');
    const actual = point.latestActualReadings.find((r) => r.registerId === '1');
    expect(latest).toMatchObject({ currentQuality: 'E64', currentRead: '1586.5' });
    expect(actual).toMatchObject({ currentQuality: 'A', currentRead: '1281.0' });
    expect(point.latestActualReadings.map((r) => r.registerId)).toEqual(['1', '2']);
  });

  it('gives each read period oldest first with its length and exact use per day', () => {
    const consumption = point.usage.periods.filter((p) => p.registerId === '1');
    expect(consumption.map((p) => [p.from, p.to, p.days, p.quantity, p.perDay, p.quality])).toEqual([
      ['2002-11-01T00:00:00+10:00', '2003-01-01T00:00:00+10:00', '61.00', '100.0', '1.639', 'A'],
      ['2003-01-01T00:00:00+10:00', '2003-03-01T00:00:00+10:00', '59.00', '59.0', '1.000', 'A'],
      ['2003-03-01T00:00:00+10:00', '2003-05-01T00:00:00+10:00', '61.00', '122.0', '2.000', 'A'],
      ['2003-05-01T00:00:00+10:00', '2004-03-01T00:00:00+10:00', '305.00', '305.5', '1.002', 'E64'],
    ]);
    expect(consumption.map((p) => p.corrected)).toEqual([false, false, true, false]);
    expect(point.usage.periods.filter((p) => p.direction === 'I')).toHaveLength(1);
  });

  it('totals the 12 months up to the last read per direction, saying what they cover', () => {
    // 1 March 2003 itself is a year before the last read: that read belongs to the year before.
    expect(point.usage.last12Months).toEqual([
      {
        direction: 'E',
        uom: 'kWh',
        quantity: '427.5',
        reads: 2,
        from: '2003-03-01T00:00:00+10:00',
        to: '2004-03-01T00:00:00+10:00',
      },
      {
        direction: 'I',
        uom: 'kWh',
        quantity: '10.0',
        reads: 1,
        from: '2003-05-01T00:00:00+10:00',
        to: '2004-03-01T00:00:00+10:00',
      },
    ]);
  });

  it('gives the next scheduled read of the newest reading', () => {
    expect(point.nextScheduledReadDate).toBe('2004-05-01');
  });
});
