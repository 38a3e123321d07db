/**
 * What the admin's interval views ask for: the channels of a NMI or a meter, the daily totals of one
 * channel (lean: no values), both now and as known at an instant before a correction arrived, and a NEM12
 * file's format, day count and NMIs, accepted or rejected.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFlowFile } from '../application/import-flow-file.js';
import { Decimal } from '../domain/decimal.js';
import { nem12File, record200, record300 } from '../domain/nem12/nem12.fixtures.js';
import type { Database } from '../infrastructure/db/database.js';
import type { PostgresEventStore } from '../infrastructure/event-store/postgres/postgres-event-store.js';
import { openFlowFile } from '../infrastructure/files/flow-file.js';
import { body, multipart, signIn, testApi, type SignedIn, type TestApi } from '../../test/api.js';
import { setClosedAt } from '../../test/as-of-history.js';
import { eventStoreOn, TEST_DATABASES } from '../../test/databases.js';
import { TEST_LIMITS } from '../../test/limits.js';
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
interface UploadResult {
  status: string;
  format: string | null;
  readings: number;
  registerReads: number;
  intervalDays: number;
}
interface DayPage {
  items: Day[];
  nextCursor: string | null;
  asOf?: string;
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
  let admin: SignedIn;
  let uploaded: UploadResult[] = [];
  const get = (url: string) => api.app.inject({ method: 'GET', url, cookies: viewer.cookies });
  const upload = async (files: readonly string[]) => {
    const parts = multipart(files.map((f) => ({ name: baseName(f), content: readFileSync(nem12SamplePath(f)) })));
    const response = await api.app.inject({
      method: 'POST',
      url: '/api/files',
      cookies: admin.cookies,
      headers: { ...parts.headers, 'x-csrf-token': admin.csrfToken },
      payload: parts.payload,
    });
    expect(response.statusCode, response.body).toBe(200);
    return body<{ results: UploadResult[] }>(response).results;
  };

  beforeAll(async () => {
    database = await target.open();
    api = await testApi(database);
    admin = await signIn(api.app, 'admin');
    viewer = await signIn(api.app, 'viewer');
    uploaded = await upload([...ACCEPTED, REJECTED]);
    expect(uploaded.map((r) => r.status)).toEqual(['imported', 'imported', 'rejected']);
  });
  afterAll(async () => {
    await api.close();
    await database.close();
  });

  it('answers an upload of NEM12 files with their format and interval days (readings kept, the same count)', async () => {
    const days = ACCEPTED.map((f) => oracle(f).reduce((n, c) => n + c.days, 0));
    const fields = (r: UploadResult) => [r.status, r.format, r.intervalDays, r.registerReads, r.readings];
    expect(uploaded.map(fields)).toEqual([
      ['imported', 'NEM12', days[0], 0, days[0]],
      ['imported', 'NEM12', days[1], 0, days[1]],
      ['rejected', 'NEM12', 0, 0, 0],
    ]);
    // Sent again: a duplicate says what the file brought when it was imported.
    expect((await upload(ACCEPTED.slice(0, 1))).map(fields)).toEqual([['duplicate', 'NEM12', days[0], 0, days[0]]]);
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

const AS_OF_NMI = 'VASC000001';
const AS_OF_SERIAL = 'MtrAsOf1';
const asOfChannel = record200({
  NMI: AS_OF_NMI,
  NMIConfiguration: 'E1',
  NMISuffix: 'E1',
  MeterSerialNumber: AS_OF_SERIAL,
});
const day = (date: string, value: string, updated: string) =>
  record300({
    IntervalDate: date,
    UpdateDateTime: updated,
    ...Object.fromEntries(Array.from({ length: 48 }, (_, i) => [`IntervalValue${i + 1}`, value])),
  });
/** Two days; then a later file sends the second again (a newer UpdateDateTime) and a third. */
const AS_OF_FILES = [
  {
    name: 'channel-first.csv',
    content: nem12File(asOfChannel, day('20040201', '1', '20040202120000'), day('20040202', '2', '20040203120000')),
    closedAt: '2005-03-01T12:00:00+10:00',
  },
  {
    name: 'channel-correction.csv',
    content: nem12File(asOfChannel, day('20040202', '3', '20040301120000'), day('20040203', '4', '20040301120000')),
    closedAt: '2005-03-05T12:00:00+10:00',
  },
];

describe.each(TEST_DATABASES)('interval channels as known at an instant on $name', (target) => {
  let database: Database;
  let store: PostgresEventStore;
  let api: TestApi;
  let viewer: SignedIn;
  const get = async (url: string) => {
    const response = await api.app.inject({ method: 'GET', url, cookies: viewer.cookies });
    expect(response.statusCode, response.body).toBe(200);
    return response;
  };
  const channels = async (query: string) =>
    body<{ items: Channel[]; asOf?: string }>(await get(`/api/interval-channels?${query}`));
  const days = async (query: string) =>
    body<DayPage>(await get(`/api/interval-channels/days?nmi=${AS_OF_NMI}&suffix=E1&${query}`));
  const at = (instant: string) => `asOf=${encodeURIComponent(instant)}`;

  beforeAll(async () => {
    database = await target.open();
    store = eventStoreOn(database);
    api = await testApi(database);
    viewer = await signIn(api.app, 'viewer');
    const dir = mkdtempSync(join(tmpdir(), 'nem-channels-as-of-'));
    for (const file of AS_OF_FILES) {
      const path = join(dir, file.name);
      writeFileSync(path, file.content);
      const report = await importFlowFile(store, () => openFlowFile(path, TEST_LIMITS), { channel: 'cli' });
      expect(report.status, JSON.stringify(report.errors)).toBe('imported');
      await setClosedAt(database.pool, report.sha256 ?? '', { ...file, ends: 'imported', read: '' });
    }
    await api.projections.catchUp();
  });
  afterAll(async () => {
    await store.close();
    await api.close();
    await database.close();
  });

  it('knows no channel before the first file, and echoes the instant', async () => {
    expect(await channels(`nmi=${AS_OF_NMI}&asOf=2005-02-15`)).toEqual({
      items: [],
      asOf: '2005-02-15T00:00:00+10:00',
    });
    expect(await channels(`serial=${AS_OF_SERIAL}&asOf=2005-02-15`)).toEqual({
      items: [],
      asOf: '2005-02-15T00:00:00+10:00',
    });
    expect(await days('asOf=2005-02-15')).toEqual({ items: [], nextCursor: null, asOf: '2005-02-15T00:00:00+10:00' });
  });

  it('shows the first version of a day between the two files, and the correction from its instant on', async () => {
    const summary = (c: { items: Channel[] }) => c.items.map((x) => [x.nmiSuffix, x.days, x.firstDate, x.lastDate]);
    const dayRows = (p: DayPage) => p.items.map((d) => [d.intervalDate, d.dayTotal, d.fileName, d.versions]);

    const before = at('2005-03-05T11:59:59+10:00');
    expect(summary(await channels(`nmi=${AS_OF_NMI}&${before}`))).toEqual([['E1', 2, '2004-02-01', '2004-02-02']]);
    expect(summary(await channels(`serial=${AS_OF_SERIAL.toLowerCase()}&${before}`))).toEqual([
      ['E1', 2, '2004-02-01', '2004-02-02'],
    ]);
    const then = await days(before);
    expect(then.asOf).toBe('2005-03-05T11:59:59+10:00');
    expect(dayRows(then)).toEqual([
      ['2004-02-01', '48', 'channel-first.csv', 1],
      ['2004-02-02', '96', 'channel-first.csv', 1],
    ]);

    const after = at('2005-03-05T12:00:00+10:00');
    expect(summary(await channels(`nmi=${AS_OF_NMI}&${after}`))).toEqual([['E1', 3, '2004-02-01', '2004-02-03']]);
    const later = [
      ['2004-02-01', '48', 'channel-first.csv', 1],
      ['2004-02-02', '144', 'channel-correction.csv', 2],
      ['2004-02-03', '192', 'channel-correction.csv', 1],
    ];
    expect(dayRows(await days(after))).toEqual(later);

    // Now is the same as after the correction, and says no instant.
    const now = await days('');
    expect(now).not.toHaveProperty('asOf');
    expect(dayRows(now)).toEqual(later);
    expect(await channels(`nmi=${AS_OF_NMI}`)).not.toHaveProperty('asOf');
  });

  it('pages and narrows by date as of an instant, and answers 400 for a moment that is not one', async () => {
    const before = at('2005-03-05T11:59:59+10:00');
    const first = await days(`${before}&limit=1`);
    expect(first.items.map((d) => d.intervalDate)).toEqual(['2004-02-01']);
    const second = await days(`${before}&limit=1&cursor=${first.nextCursor ?? ''}`);
    expect(second.items.map((d) => [d.intervalDate, d.dayTotal])).toEqual([['2004-02-02', '96']]);
    expect(second.nextCursor).toBeNull();
    expect((await days(`${before}&from=2004-02-02`)).items.map((d) => d.dayTotal)).toEqual(['96']);
    for (const url of [
      `/api/interval-channels?nmi=${AS_OF_NMI}&asOf=yesterday`,
      `/api/interval-channels/days?nmi=${AS_OF_NMI}&suffix=E1&asOf=2005-02-30`,
    ]) {
      const response = await api.app.inject({ method: 'GET', url, cookies: viewer.cookies });
      expect(response.statusCode, url).toBe(400);
    }
  });
});
