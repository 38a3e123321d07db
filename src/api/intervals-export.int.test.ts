/**
 * Interval data over HTTP beyond the NMI search: by meter serial and suffix, one row per interval as CSV
 * (5, 15 and 30-minute data, their instants in NEM time), a day's versions (history) and the days as of
 * an instant before a correction arrived.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFlowFile } from '../application/import-flow-file.js';
import { Decimal } from '../domain/decimal.js';
import { nem12File, record200, record300 } from '../domain/nem12/nem12.fixtures.js';
import type { Database } from '../infrastructure/db/database.js';
import type { PostgresEventStore } from '../infrastructure/event-store/postgres/postgres-event-store.js';
import { openFlowFile } from '../infrastructure/files/flow-file.js';
import { body, signIn, testApi, type SignedIn, type TestApi } from '../../test/api.js';
import { setClosedAt } from '../../test/as-of-history.js';
import { eventStoreOn, TEST_DATABASES } from '../../test/databases.js';
import { TEST_LIMITS } from '../../test/limits.js';
import { EXPECTED_NEM12, nem12SamplePath } from '../../test/samples.js';

const FIVE_NMI = 'VFAV000005';
const FIVE_SERIAL = 'MtrFive1';
/** `IntervalValue1..n` of a 300 record, interval i (1-based) holding `value(i)`. */
const intervalValues = (count: number, value: (i: number) => string) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`IntervalValue${i + 1}`, value(i + 1)]));
const FIVE_200 = record200({
  NMI: FIVE_NMI,
  NMIConfiguration: 'E1',
  NMISuffix: 'E1',
  MeterSerialNumber: FIVE_SERIAL,
  IntervalLength: '5',
});
/** 5-minute data of one day: interval i holds i/1000; its 400s make 1-100 actual and 101-288 estimated. */
const FIVE_FIRST = nem12File(
  FIVE_200,
  record300(
    { ...intervalValues(288, (i) => (i / 1000).toFixed(3)), QualityMethod: 'V', UpdateDateTime: '20040202120000' },
    5,
  ),
  '400,1,100,A,,',
  '400,101,288,E52,,',
);
/** The same day sent again with a later UpdateDateTime: every value 1. */
const FIVE_CORRECTION = nem12File(
  FIVE_200,
  record300({ ...intervalValues(288, () => '1'), UpdateDateTime: '20040301120000' }, 5),
);
/** A day sent twice, the newer UpdateDateTime imported first: the file imported later never wins. */
const LATE_NMI = 'VFAV000006';
const lateDay = (value: string, updatedAt: string) =>
  nem12File(
    record200({ NMI: LATE_NMI, NMIConfiguration: 'E1', NMISuffix: 'E1', MeterSerialNumber: 'MtrLate1' }),
    record300({ ...intervalValues(48, () => value), UpdateDateTime: updatedAt }),
  );
const LATE_NEWER = lateDay('2', '20040301120000');
const LATE_OLDER = lateDay('3', '20040201120000');
const FIFTEEN = 'aemo-mdp-test-2005/NEM12_mdffl0000000008_ACTEWM_NEMMCO.txt';
const THIRTY = 'examples/Example_NEM12_multiple_quality.csv';

interface Day {
  nmi: string;
  nmiSuffix: string;
  meterSerialNumber: string | null;
  intervalDate: string;
  values: string[];
  dayTotal: string;
  superseded: boolean;
  versions: number;
  fileName: string;
}
interface Page {
  items: Day[];
  nextCursor: string | null;
  asOf?: string;
}

/** CSV text to rows of fields (the export quotes nothing these files hold). */
const csvRows = (text: string) =>
  text
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => line.split(','));

/** Interval `index` of `date` ends `index` x `length` minutes after its 00:00 (+10:00), counted here by hand. */
function endOf(date: string, index: number, length: number): string {
  const minutes = index * length;
  const dayShift = Math.floor(minutes / 1440);
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + dayShift);
  const hh = String(Math.floor((minutes % 1440) / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${day.toISOString().slice(0, 10)}T${hh}:${mm}:00+10:00`;
}

describe.each(TEST_DATABASES)('interval search, CSV, history and as of on $name', (target) => {
  let database: Database;
  let store: PostgresEventStore;
  let api: TestApi;
  let viewer: SignedIn;
  const get = (url: string) => api.app.inject({ method: 'GET', url, cookies: viewer.cookies });
  const page = async (query: string) => {
    const response = await get(`/api/intervals?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return body<Page>(response);
  };

  beforeAll(async () => {
    database = await target.open();
    store = eventStoreOn(database);
    api = await testApi(database);
    viewer = await signIn(api.app, 'viewer');
    const dir = mkdtempSync(join(tmpdir(), 'nem-intervals-export-'));
    const files = [
      { path: nem12SamplePath(FIFTEEN), closedAt: '2005-02-01T12:00:00+10:00' },
      { path: nem12SamplePath(THIRTY), closedAt: '2005-02-01T12:00:01+10:00' },
      { path: join(dir, 'five-first.csv'), content: FIVE_FIRST, closedAt: '2005-03-01T12:00:00+10:00' },
      { path: join(dir, 'five-correction.csv'), content: FIVE_CORRECTION, closedAt: '2005-03-05T12:00:00+10:00' },
      { path: join(dir, 'late-newer.csv'), content: LATE_NEWER, closedAt: '2005-04-01T12:00:00+10:00' },
      { path: join(dir, 'late-older.csv'), content: LATE_OLDER, closedAt: '2005-04-05T12:00:00+10:00' },
    ];
    for (const file of files) {
      if (file.content !== undefined) writeFileSync(file.path, file.content);
      const report = await importFlowFile(store, () => openFlowFile(file.path, TEST_LIMITS), { channel: 'cli' });
      expect(report.status, JSON.stringify(report.errors)).toBe('imported');
      await setClosedAt(database.pool, report.sha256 ?? '', {
        name: file.path,
        content: '',
        ends: 'imported',
        closedAt: file.closedAt,
        read: '',
      });
    }
    await api.projections.catchUp();
  });
  afterAll(async () => {
    await store.close();
    await api.close();
    await database.close();
  });

  it('finds the days of a meter serial in any case, narrows by suffix, and wants exactly one of nmi and serial', async () => {
    const bySerial = await page(`serial=${FIVE_SERIAL.toLowerCase()}`);
    expect(bySerial.items.map((d) => [d.nmi, d.nmiSuffix, d.intervalDate, d.meterSerialNumber])).toEqual([
      [FIVE_NMI, 'E1', '2004-02-01', FIVE_SERIAL],
    ]);
    const thirty = EXPECTED_NEM12.find((f) => f.file === THIRTY)?.channels?.[0];
    const bySuffix = await page(`nmi=${thirty?.nmi ?? ''}&suffix=${(thirty?.suffix ?? '').toLowerCase()}`);
    expect(bySuffix.items).toHaveLength(thirty?.days ?? -1);
    expect(bySuffix.items.every((d) => d.nmiSuffix === thirty?.suffix)).toBe(true);
    expect((await page(`nmi=${thirty?.nmi ?? ''}&suffix=Q1`)).items).toEqual([]);
    for (const bad of [`nmi=${FIVE_NMI}&serial=${FIVE_SERIAL}`, 'from=2004-01-01', `nmi=${FIVE_NMI}&suffix=E`]) {
      expect((await get(`/api/intervals?${bad}`)).statusCode, bad).toBe(400);
    }
  });

  it('exports 5-minute data as one CSV row per interval: NEM-time instants, exact values, each run its quality', async () => {
    const response = await get(`/api/intervals/csv?nmi=${FIVE_NMI}&asOf=2005-03-02`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toContain(`intervals-${FIVE_NMI}`);
    const [header, ...rows] = csvRows(response.body);
    expect(header?.slice(0, 13)).toEqual([
      'NMI',
      'NMI suffix',
      'Meter serial',
      'Unit',
      'Interval date',
      'Interval',
      'Interval length (min)',
      'Start',
      'End',
      'Value',
      'Quality',
      'Reason code',
      'Reason',
    ]);
    expect(rows).toHaveLength(288);
    expect(rows[0]?.slice(0, 11)).toEqual([
      FIVE_NMI,
      'E1',
      FIVE_SERIAL,
      'kWh',
      '2004-02-01',
      '1',
      '5',
      '2004-02-01T00:00:00+10:00',
      '2004-02-01T00:05:00+10:00',
      '0.001',
      'A',
    ]);
    expect(rows[99]?.slice(8, 11)).toEqual(['2004-02-01T08:20:00+10:00', '0.100', 'A']);
    expect(rows[100]?.slice(7, 11)).toEqual(['2004-02-01T08:20:00+10:00', '2004-02-01T08:25:00+10:00', '0.101', 'E52']);
    expect(rows[287]?.slice(5, 11)).toEqual([
      '288',
      '5',
      '2004-02-01T23:55:00+10:00',
      '2004-02-02T00:00:00+10:00',
      '0.288',
      'E52',
    ]);
    const sum = rows.reduce((s, row) => s.add(Decimal.parse(row[9] ?? '')), Decimal.ZERO);
    expect(sum.toString()).toBe('41.616');
    // Now the correction is in force.
    const now = csvRows((await get(`/api/intervals/csv?serial=${FIVE_SERIAL}`)).body).slice(1);
    expect(now.map((row) => row[9])).toEqual(Array<string>(288).fill('1'));
  });

  it.each([
    [FIFTEEN, 15],
    [THIRTY, 30],
  ])(
    'exports %s: interval i of day D ends at D 00:00 + i x %i minutes, the last at D+1 00:00',
    async (file, length) => {
      const expected = EXPECTED_NEM12.find((f) => f.file === file);
      for (const channel of expected?.channels ?? []) {
        const response = await get(`/api/intervals/csv?nmi=${channel.nmi}&suffix=${channel.suffix}`);
        expect(response.statusCode, response.body).toBe(200);
        const rows = csvRows(response.body).slice(1);
        expect(rows).toHaveLength(channel.days * (1440 / length));
        for (const row of rows) {
          const [, , , , date = '', index = '', rowLength, start, end] = row;
          expect(rowLength).toBe(String(length));
          expect([start, end]).toEqual([endOf(date, Number(index) - 1, length), endOf(date, Number(index), length)]);
        }
        const last = rows.at(-1);
        expect(last?.[8]).toBe(endOf(last?.[4] ?? '', 1440 / length, length));
        expect(last?.[8]?.slice(11)).toBe('00:00:00+10:00');
        const sum = rows.reduce((s, row) => s.add(Decimal.parse(row[9] ?? '')), Decimal.ZERO);
        expect(sum.toString()).toBe(channel.value_sum);
        const flags: Record<string, number> = {};
        for (const row of rows) flags[row[10]?.[0] ?? ''] = (flags[row[10]?.[0] ?? ''] ?? 0) + 1;
        expect(flags).toEqual(channel.interval_quality);
      }
    },
  );

  it('lists every version of a day sent again, with file, line, UpdateDateTime, total, in-force flag and event', async () => {
    const response = await get(`/api/intervals/history?nmi=${FIVE_NMI.toLowerCase()}&suffix=e1&date=2004-02-01`);
    expect(response.statusCode, response.body).toBe(200);
    const history = body<{
      key: unknown;
      versions: Array<{
        rank: number;
        inForce: boolean;
        decidedBy: string;
        day: { fileName: string; line: number; updatedAt: string; dayTotal: string; superseded: boolean };
        event: { streamName: string; revision: number; position: string; eventId: string } | null;
      }>;
    }>(response);
    expect(history.key).toEqual({ nmi: FIVE_NMI, nmiSuffix: 'E1', intervalDate: '2004-02-01' });
    expect(
      history.versions.map((v) => [
        v.rank,
        v.inForce,
        v.decidedBy,
        v.day.fileName,
        v.day.line,
        v.day.updatedAt,
        v.day.dayTotal,
        v.day.superseded,
      ]),
    ).toEqual([
      [1, true, 'updateDateTime', 'five-correction.csv', 3, '2004-03-01T12:00:00+10:00', '288', false],
      [2, false, 'updateDateTime', 'five-first.csv', 3, '2004-02-02T12:00:00+10:00', '41.616', true],
    ]);
    for (const version of history.versions) {
      expect(version.event).toMatchObject({
        revision: 1,
        streamName: expect.stringMatching(/^nem12File-[0-9a-f]{64}$/),
      });
    }
    const [first, second] = history.versions;
    expect(BigInt(first?.event?.position ?? 0)).toBeGreaterThan(BigInt(second?.event?.position ?? 0));
    expect((await get(`/api/intervals/history?nmi=${FIVE_NMI}&suffix=E1&date=2004-02-02`)).statusCode).toBe(404);
    expect((await get(`/api/intervals/history?nmi=${FIVE_NMI}&suffix=E1&date=2004-02-30`)).statusCode).toBe(400);
  });

  it('answers as of an instant: nothing before the first file, the first version before the correction', async () => {
    expect(await page(`nmi=${FIVE_NMI}&asOf=2005-02-15`)).toMatchObject({
      items: [],
      asOf: '2005-02-15T00:00:00+10:00',
    });
    const before = await page(`nmi=${FIVE_NMI}&asOf=${encodeURIComponent('2005-03-05T11:59:59+10:00')}`);
    expect(before.items.map((d) => [d.dayTotal, d.fileName, d.versions, d.superseded])).toEqual([
      ['41.616', 'five-first.csv', 1, false],
    ]);
    const after = await page(`nmi=${FIVE_NMI}&asOf=${encodeURIComponent('2005-03-05T12:00:00+10:00')}`);
    expect(after.items.map((d) => [d.dayTotal, d.fileName, d.versions])).toEqual([['288', 'five-correction.csv', 2]]);
    const live = await page(`nmi=${FIVE_NMI}`);
    expect(live).not.toHaveProperty('asOf');
    expect(live.items.map((d) => [d.dayTotal, d.versions])).toEqual([['288', 2]]);
  });

  it('keeps a day with a newer UpdateDateTime in force at every instant after a file with an older one is imported', async () => {
    const days = async (asOf: string) =>
      (await page(`nmi=${LATE_NMI}&asOf=${encodeURIComponent(asOf)}`)).items.map((d) => [
        d.dayTotal,
        d.fileName,
        d.versions,
      ]);
    expect(await days('2005-04-01T11:59:59+10:00')).toEqual([]);
    expect(await days('2005-04-01T12:00:00+10:00')).toEqual([['96', 'late-newer.csv', 1]]);
    expect(await days('2005-04-05T12:00:00+10:00')).toEqual([['96', 'late-newer.csv', 2]]);
    expect((await page(`nmi=${LATE_NMI}`)).items.map((d) => [d.dayTotal, d.fileName])).toEqual([
      ['96', 'late-newer.csv'],
    ]);
    const csv = csvRows((await get(`/api/intervals/csv?nmi=${LATE_NMI}&asOf=2005-04-06`)).body).slice(1);
    expect(csv.map((row) => row[9])).toEqual(Array<string>(48).fill('2'));
    const history = await get(`/api/intervals/history?nmi=${LATE_NMI}&suffix=E1&date=2004-02-01`);
    expect(
      body<{ versions: Array<{ inForce: boolean; decidedBy: string; day: { fileName: string } }> }>(
        history,
      ).versions.map((v) => [v.inForce, v.decidedBy, v.day.fileName]),
    ).toEqual([
      [true, 'updateDateTime', 'late-newer.csv'],
      [false, 'updateDateTime', 'late-older.csv'],
    ]);
  });

  it('answers a problem, not a 200 with a CSV cut after its header, when the first days cannot be read', async () => {
    await database.pool.query(sql.unsafe`ALTER VIEW interval_days RENAME TO interval_days_away`);
    try {
      const response = await get(`/api/intervals/csv?nmi=${FIVE_NMI}`);
      expect(response.statusCode, response.body).toBe(500);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      await database.pool.query(sql.unsafe`ALTER VIEW interval_days_away RENAME TO interval_days`);
    }
  });

  it('lists a NEM12 file with its format and interval-day count, and its details with the NMIs it brought', async () => {
    const files = await get('/api/files?limit=10');
    expect(files.statusCode, files.body).toBe(200);
    const listed = body<{
      items: Array<{ fileName: string; format: string | null; registerReads: number; intervalDays: number }>;
    }>(files).items.map((f) => [f.fileName, f.format, f.registerReads, f.intervalDays]);
    const fifteen = EXPECTED_NEM12.find((f) => f.file === FIFTEEN);
    expect(listed).toEqual([
      ['late-older.csv', 'NEM12', 0, 1],
      ['late-newer.csv', 'NEM12', 0, 1],
      ['five-correction.csv', 'NEM12', 0, 1],
      ['five-first.csv', 'NEM12', 0, 1],
      ['Example_NEM12_multiple_quality.csv', 'NEM12', 0, 1],
      [FIFTEEN.split('/').at(-1), 'NEM12', 0, fifteen?.records?.['300']],
    ]);
    const details = await get(`/api/files/${encodeURIComponent('five-first.csv')}`);
    expect(details.statusCode, details.body).toBe(200);
    expect(body(details)).toMatchObject({
      format: 'NEM12',
      registerReads: 0,
      intervalDays: 1,
      nmis: [{ nmi: FIVE_NMI, readings: 1 }],
    });
  });
});
