/**
 * What the admin's interval views ask for: the channels of a NMI or a meter, the daily totals of one
 * channel (lean: no values), and a NEM12 file's format, day count and NMIs, accepted or rejected.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from '../domain/decimal.js';
import type { Database } from '../infrastructure/db/database.js';
import { body, multipart, signIn, testApi, type SignedIn, type TestApi } from '../../test/api.js';
import { TEST_DATABASES } from '../../test/databases.js';
import { EXPECTED_NEM12, nem12SamplePath, type ExpectedNem12Channel } from '../../test/samples.js';

interface Channel {
  nmi: string;
  nmiSuffix: string;
  meterSerialNumber: string | null;
  uom: string;
  intervalLength: number;
  days: number;
  firstDate: string;
  lastDate: string;
}
interface Day {
  intervalDate: string;
  dayTotal: string;
  quality: string;
  qualitySummary: Record<string, number>;
  fileName: string;
  versions: number;
}
interface DayPage {
  items: Day[];
  nextCursor: string | null;
}

const ACCEPTED = [
  'aemo-mdp-test-2005/NEM12_Scenario09_ETSAMDP_NEMMCO.csv',
  'aemo-mdp-test-2005/NEM12_Scenario10_POWERMDP_NEMMCO.csv',
];
const REJECTED = 'invalid/Example_NEM12_15min_200_30min_400.csv';
const baseName = (path: string) => path.split('/').at(-1) ?? path;

function oracle(file: string): ExpectedNem12Channel[] {
  const channels = EXPECTED_NEM12.find((f) => f.file === file)?.channels;
  if (channels === undefined) throw new Error(`no channels for ${file} in expected.json`);
  return channels;
}
const isoDate = (compact: string) => `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;

describe.each(TEST_DATABASES)('interval channels over HTTP on $name', (target) => {
  let database: Database;
  let api: TestApi;
  let viewer: SignedIn;
  const get = (url: string) => api.app.inject({ method: 'GET', url, cookies: viewer.cookies });

  beforeAll(async () => {
    database = await target.open();
    api = await testApi(database);
    const admin = await signIn(api.app, 'admin');
    viewer = await signIn(api.app, 'viewer');
    const upload = multipart(
      [...ACCEPTED, REJECTED].map((f) => ({ name: baseName(f), content: readFileSync(nem12SamplePath(f)) })),
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
      'rejected',
    ]);
  });
  afterAll(async () => {
    await api.close();
    await database.close();
  });

  it("lists a NMI's channels as the oracle states them, and the same channels by their meter's serial", async () => {
    const expected = oracle(ACCEPTED[1] ?? '');
    const nmi = expected[0]?.nmi ?? '';
    const response = await get(`/api/interval-channels?nmi=${nmi.toLowerCase()}`);
    expect(response.statusCode, response.body).toBe(200);
    const channels = body<{ items: Channel[] }>(response).items;
    expect(channels.map((c) => [c.nmi, c.nmiSuffix, c.uom, c.intervalLength, c.days, c.firstDate, c.lastDate])).toEqual(
      expected.map((c) => [
        c.nmi,
        c.suffix,
        c.uom,
        c.interval_length,
        c.days,
        isoDate(c.first_date),
        isoDate(c.last_date),
      ]),
    );

    const serial = channels[0]?.meterSerialNumber ?? '';
    expect(serial).not.toBe('');
    const bySerial = body<{ items: Channel[] }>(await get(`/api/interval-channels?serial=${serial.toLowerCase()}`));
    const onThatMeter = channels.filter((c) => c.meterSerialNumber === serial);
    expect(bySerial.items.map((c) => `${c.nmi} ${c.nmiSuffix}`)).toEqual(
      onThatMeter.map((c) => `${c.nmi} ${c.nmiSuffix}`),
    );
  });

  it('answers no channels for a NMI or serial without interval data, and 400 for neither or both', async () => {
    expect(body<{ items: Channel[] }>(await get('/api/interval-channels?nmi=VABD000163')).items).toEqual([]);
    expect(body<{ items: Channel[] }>(await get('/api/interval-channels?serial=NOSUCH')).items).toEqual([]);
    expect((await get('/api/interval-channels')).statusCode).toBe(400);
    expect((await get('/api/interval-channels?nmi=NEM1209171&serial=X')).statusCode).toBe(400);
    expect((await get('/api/interval-channels?nmi=nope')).statusCode).toBe(400);
  });

  it("pages through a channel's days oldest first, the totals and quality counts adding up to the oracle", async () => {
    const [channel] = oracle(ACCEPTED[0] ?? '');
    if (channel === undefined) throw new Error('no channel');
    const days: Day[] = [];
    let cursor: string | null = null;
    do {
      const response = await get(
        `/api/interval-channels/days?nmi=${channel.nmi}&suffix=${channel.suffix.toLowerCase()}&limit=3${cursor === null ? '' : `&cursor=${cursor}`}`,
      );
      expect(response.statusCode, response.body).toBe(200);
      const page = body<DayPage>(response);
      expect(page.items.length).toBeLessThanOrEqual(3);
      days.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(days).toHaveLength(channel.days);
    expect(days[0]?.intervalDate).toBe(isoDate(channel.first_date));
    expect(days.at(-1)?.intervalDate).toBe(isoDate(channel.last_date));
    const dates = days.map((d) => d.intervalDate);
    expect(dates).toEqual([...dates].sort());
    const total = days.reduce((sum, d) => sum.add(Decimal.parse(d.dayTotal)), Decimal.ZERO);
    expect(total.toString()).toBe(channel.value_sum);
    const qualities: Record<string, number> = {};
    for (const d of days)
      for (const [flag, n] of Object.entries(d.qualitySummary)) qualities[flag] = (qualities[flag] ?? 0) + n;
    expect(qualities).toEqual(channel.interval_quality);
    expect(days.every((d) => d.fileName === baseName(ACCEPTED[0] ?? '') && d.versions === 1)).toBe(true);
    expect(days[0]).not.toHaveProperty('values');
  });

  it('narrows days by date and serial, and answers 400 for a bad suffix, day or cursor', async () => {
    const [channel] = oracle(ACCEPTED[0] ?? '');
    const url = `/api/interval-channels/days?nmi=${channel?.nmi}&suffix=${channel?.suffix}`;
    const narrowed = body<DayPage>(await get(`${url}&from=2005-01-05&to=2005-01-06`));
    expect(narrowed.items.map((d) => d.intervalDate)).toEqual(['2005-01-05', '2005-01-06']);
    expect(body<DayPage>(await get(`${url}&serial=NOSUCH`)).items).toEqual([]);
    expect((await get(`/api/interval-channels/days?nmi=${channel?.nmi}&suffix=E`)).statusCode).toBe(400);
    expect((await get(`${url}&from=2005-02-30`)).statusCode).toBe(400);
    const forged = await get(`${url}&cursor=forged`);
    expect(forged.statusCode).toBe(400);
    expect(forged.headers['content-type']).toContain('application/problem+json');
  });

  it("tells a NEM12 file's format, its interval days and NMIs; a rejected one its errors by line", async () => {
    const [channel] = oracle(ACCEPTED[0] ?? '');
    const accepted = await get(`/api/files/${encodeURIComponent(baseName(ACCEPTED[0] ?? ''))}`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(body<Record<string, unknown>>(accepted)).toMatchObject({
      format: 'NEM12',
      status: 'imported',
      intervalDays: channel?.days,
      registerReads: 0,
      nmis: [{ nmi: channel?.nmi, readings: channel?.days }],
    });

    const expected = EXPECTED_NEM12.find((f) => f.file === REJECTED);
    const rejected = await get(`/api/files/${encodeURIComponent(baseName(REJECTED))}`);
    expect(rejected.statusCode, rejected.body).toBe(200);
    const file = body<{ format: string; status: string; intervalDays: number; errors: Array<{ line: number }> }>(
      rejected,
    );
    expect(file).toMatchObject({ format: 'NEM12', status: 'rejected', intervalDays: 0 });
    expect(file.errors[0]?.line).toBe(expected?.error_line);
  });
});
