/**
 * Issue 13's acceptance for interval data: every valid NEM12 sample imported (the use case `nem import`
 * runs), then for each channel of the oracle the API (every page) and `nem intervals` (its JSON and its
 * CSV, run in-process on the same database) give the same days, first and last date and exact sum.
 * Then time travel and a rebuild: as of the moment the first files were in, the answers are those given
 * then; after a rebuild from the events, the same again.
 *
 * It lives in test/, beside the other tests that span layers, because it drives the HTTP API and the
 * CLI's printing together: neither src/api nor src/cli may import the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFlowFile } from '../src/application/import-flow-file.js';
import { printIntervals } from '../src/cli/commands/intervals.command.js';
import { Decimal } from '../src/domain/decimal.js';
import { toNemIso } from '../src/domain/nem-time.js';
import type { Database } from '../src/infrastructure/db/database.js';
import type { PostgresEventStore } from '../src/infrastructure/event-store/postgres/postgres-event-store.js';
import { openFlowFile } from '../src/infrastructure/files/flow-file.js';
import { body, signIn, testApi, type SignedIn, type TestApi } from './api.js';
import { captureOutput } from './captured-output.js';
import { setClosedAt } from './as-of-history.js';
import { eventStoreOn, TEST_DATABASES } from './databases.js';
import { TEST_LIMITS } from './limits.js';
import { EXPECTED_NEM12, nem12SamplePath, type ExpectedNem12Channel } from './samples.js';

/** The valid samples (those valid only with the NMI rule off are rejected here, as they should be). */
const VALID = EXPECTED_NEM12.filter((f) => f.valid && f.nmi_relaxed === undefined);
/** The first files imported, up to the first of the two that send the same days of VABD000163. */
const FIRST_PART = VALID.slice(0, VALID.findIndex((f) => f.file === 'examples/Example_NEM12_actual_interval.csv') + 1);

const oracleFacts = (c: ExpectedNem12Channel) => ({
  days: c.days,
  first: c.first_date,
  last: c.last_date,
  sum: c.value_sum,
});

/** Each channel once: files that send the same channel (a zipped copy, a file sent again) agree on its days. */
function oracleChannels(): ExpectedNem12Channel[] {
  const channels = new Map<string, ExpectedNem12Channel>();
  for (const file of VALID) {
    for (const channel of file.channels ?? []) {
      const key = `${channel.nmi}/${channel.suffix}`;
      const seen = channels.get(key);
      if (seen !== undefined) expect(oracleFacts(channel), `${file.file} ${key}`).toEqual(oracleFacts(seen));
      channels.set(key, channel);
    }
  }
  return [...channels.values()];
}

interface Day {
  nmi: string;
  nmiSuffix: string;
  intervalDate: string;
  values: string[];
  dayTotal: string;
  fileName: string;
}

/** Days, first and last date, and the exact sum of the values, as the oracle states them. */
function facts(days: ReadonlyArray<Pick<Day, 'intervalDate'> & { values: readonly string[] }>) {
  const dates = days.map((d) => d.intervalDate.replaceAll('-', ''));
  return {
    days: days.length,
    first: dates[0],
    last: dates.at(-1),
    sum: days
      .flatMap((d) => d.values)
      .reduce((s, v) => s.add(Decimal.parse(v)), Decimal.ZERO)
      .toString(),
  };
}

describe.each(TEST_DATABASES)('interval data of every valid NEM12 sample on $name', (target) => {
  let database: Database;
  let store: PostgresEventStore;
  let api: TestApi;
  let viewer: SignedIn;
  /** Every NMI's days as the API answered once the first part was imported. */
  const answeredThen = new Map<string, Day[]>();
  let firstPartKnownAt = '';

  /** Every page of a NMI's days (narrowed by `query`). */
  async function apiDays(nmi: string, query = ''): Promise<Day[]> {
    const days: Day[] = [];
    let cursor: string | null = null;
    do {
      const response: Awaited<ReturnType<typeof api.app.inject>> = await api.app.inject({
        method: 'GET',
        url: `/api/intervals?nmi=${nmi}&limit=3${query}${cursor === null ? '' : `&cursor=${cursor}`}`,
        cookies: viewer.cookies,
      });
      expect(response.statusCode, response.body).toBe(200);
      const page: { items: Day[]; nextCursor: string | null } = body(response);
      days.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return days;
  }

  /** Imports files, each closed one minute after the previous (so an instant between them exists). */
  let minute = 0;
  /** The closing time of the `minute`th file imported: 10:00 NEM time on 1 June 2005, plus that many minutes. */
  const closedAt = () => toNemIso(new Date(Date.parse('2005-06-01T10:00:00+10:00') + minute * 60_000));
  async function importAll(files: typeof VALID): Promise<void> {
    for (const file of files) {
      const report = await importFlowFile(store, () => openFlowFile(nem12SamplePath(file.file), TEST_LIMITS), {
        channel: 'cli',
      });
      expect(['imported', 'duplicate'], `${file.file}: ${JSON.stringify(report.errors)}`).toContain(report.status);
      if (report.status !== 'imported') continue;
      minute++;
      await setClosedAt(database.pool, report.sha256 ?? '', {
        name: file.file,
        content: '',
        ends: 'imported',
        closedAt: closedAt(),
        read: '',
      });
    }
    await api.projections.catchUp();
  }

  beforeAll(async () => {
    database = await target.open();
    store = eventStoreOn(database);
    api = await testApi(database);
    viewer = await signIn(api.app, 'viewer');
    expect(VALID.length).toBeGreaterThan(30);
    await importAll(FIRST_PART);
    firstPartKnownAt = closedAt();
    for (const nmi of new Set(oracleChannels().map((c) => c.nmi))) answeredThen.set(nmi, await apiDays(nmi));
    await importAll(VALID.slice(FIRST_PART.length));
  });
  afterAll(async () => {
    await store.close();
    await api.close();
    await database.close();
  });

  it('answers each channel over HTTP (every page) and in nem intervals (JSON and CSV) as the oracle: days, dates, exact sum', async () => {
    const channels = oracleChannels();
    expect(channels.length).toBeGreaterThan(50);
    for (const channel of channels) {
      const where = `${channel.nmi}/${channel.suffix}`;
      const expected = oracleFacts(channel);
      const overHttp = await apiDays(channel.nmi, `&suffix=${channel.suffix}`);
      expect(facts(overHttp), `API ${where}`).toEqual(expected);
      const totals = overHttp.reduce((s, d) => s.add(Decimal.parse(d.dayTotal)), Decimal.ZERO);
      expect(totals.toString(), `API day totals ${where}`).toBe(channel.value_sum);

      const json = captureOutput();
      const options = { nmi: channel.nmi, suffix: channel.suffix, limit: 100_000, csv: false };
      expect(await printIntervals(database.pool, { ...options, json: true }, json)).toEqual({ more: false });
      const cliDays = JSON.parse(json.lines.join('\n')) as Day[];
      expect(facts(cliDays), `nem intervals --json ${where}`).toEqual(expected);
      expect(cliDays).toEqual(overHttp);

      const csv = captureOutput();
      await printIntervals(database.pool, { ...options, json: false, csv: true }, csv);
      const rows = csv
        .text()
        .split('\r\n')
        .slice(1, -1)
        .map((line) => line.split(','));
      const byDay = new Map<string, string[]>();
      for (const row of rows) byDay.set(row[4] ?? '', [...(byDay.get(row[4] ?? '') ?? []), row[9] ?? '']);
      const csvDays = [...byDay].map(([intervalDate, values]) => ({ intervalDate, values }));
      expect(facts(csvDays), `nem intervals --csv ${where}`).toEqual(expected);
    }
  });

  it('answers as of the moment the first files were in exactly as it answered then, and again after a rebuild', async () => {
    const asOf = encodeURIComponent(firstPartKnownAt);
    const check = async () => {
      for (const [nmi, then] of answeredThen) {
        expect(await apiDays(nmi, `&asOf=${asOf}`), `${nmi} as of ${firstPartKnownAt}`).toEqual(then);
      }
    };
    await check();
    // The day sent again later is in force now, and was not then.
    const now = await apiDays('VABD000163', '&suffix=E1');
    expect(now.map((d) => [d.intervalDate, d.fileName])).toEqual([
      ['2004-02-01', 'Example_NEM12_upper_case_units.csv'],
    ]);
    expect(answeredThen.get('VABD000163')?.map((d) => d.fileName)).toEqual([
      'Example_NEM12_actual_interval.csv',
      'Example_NEM12_actual_interval.csv',
    ]);

    const live = new Map<string, Day[]>();
    for (const nmi of answeredThen.keys()) live.set(nmi, await apiDays(nmi));
    await api.projections.rebuild();
    for (const [nmi, days] of live) expect(await apiDays(nmi), `${nmi} after a rebuild`).toEqual(days);
    await check();
  });
});
