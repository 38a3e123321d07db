// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  INTERVAL_QUALITY_FLAGS,
  QUALITY_FLAG_WORDS,
  type IntervalQualityFlag,
} from '../../../src/domain/mdff/code-lists.js';
import { deepQuery, deepQueryAll, mount, text, until, useFetch } from './component.fixtures.js';
import {
  channelDayFixture,
  fakeFetch,
  intervalChannelFixture,
  intervalDayFixture,
  problem,
} from '../api/api.fixtures.js';
import type { ChannelDay, IntervalDay, MeterDetail } from '../api/types.js';
import { FIRST_READINGS } from '../router.js';
import {
  addDays,
  CHART_BACKGROUND,
  dayCategory,
  defaultRange,
  intervalEnd,
  intervalQualities,
  NemIntervalData,
  QUALITY_CATEGORIES,
  qualitySummaryText,
} from './interval-data.js';
import { NemMeterPointPage } from './meter-point-page.js';
import { NemMeterPage } from './meter-page.js';

/** WCAG 2 contrast of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r = 0, g = 0, bl = 0] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const DAYS: ChannelDay[] = [
  channelDayFixture({ intervalDate: '2005-01-04', dayTotal: '100.5' }),
  channelDayFixture({
    intervalDate: '2005-01-05',
    dayTotal: '2345.25',
    quality: 'V',
    qualitySummary: { A: 4, F: 20, S: 24 },
    versions: 2,
  }),
  channelDayFixture({ intervalDate: '2005-01-06', dayTotal: '0', quality: 'E52', qualitySummary: { E: 48 } }),
];

function mixedDay(): IntervalDay {
  return intervalDayFixture({
    intervalDate: '2005-01-05',
    quality: 'V',
    qualitySummary: { A: 4, F: 20, S: 24 },
    intervalQuality: [
      { from: 1, to: 20, quality: 'F14', reasonCode: 76, reasonDescription: null },
      { from: 21, to: 24, quality: 'A', reasonCode: null, reasonDescription: null },
      { from: 25, to: 48, quality: 'S14', reasonCode: 1, reasonDescription: null },
    ],
  });
}

/** The API as the interval views use it: channels, the days of a channel, one day's values. */
function intervalApi(days = DAYS) {
  const byDate = new Map<string, IntervalDay>([
    ['2005-01-04', intervalDayFixture({ intervalDate: '2005-01-04' })],
    ['2005-01-05', mixedDay()],
    ['2005-01-06', intervalDayFixture({ intervalDate: '2005-01-06', quality: 'E52', qualitySummary: { E: 48 } })],
  ]);
  return fakeFetch({
    'GET /api/interval-channels': () => ({ body: { items: [intervalChannelFixture()] } }),
    'GET /api/interval-channels/days': (request) => {
      const from = request.url.searchParams.get('from') ?? '';
      const to = request.url.searchParams.get('to') ?? '9999';
      return { body: { items: days.filter((d) => d.intervalDate >= from && d.intervalDate <= to), nextCursor: null } };
    },
    'GET /api/intervals': (request) => {
      const day = byDate.get(request.url.searchParams.get('from') ?? '');
      return { body: { items: day === undefined ? [] : [day], nextCursor: null } };
    },
  });
}

async function mountData(): Promise<NemIntervalData> {
  const element = new NemIntervalData();
  element.channels = [intervalChannelFixture()];
  return mount(element);
}

describe('interval data, in pieces', () => {
  it('colours a day by its one quality, or as mixed, and words its intervals per quality', () => {
    expect(dayCategory({ quality: 'A', qualitySummary: { A: 48 } })).toBe('A');
    expect(dayCategory({ quality: 'E52', qualitySummary: { E: 48 } })).toBe('E');
    expect(dayCategory({ quality: 'V', qualitySummary: { A: 4, F: 20, S: 24 } })).toBe('mixed');
    expect(qualitySummaryText({ S: 24, A: 4, F: 20 })).toBe('4 actual, 24 substituted, 20 final substitute');
  });

  it('gives each interval the quality of the 400 run that holds it, else the day’s', () => {
    const qualities = intervalQualities(mixedDay()).map((q) => q.quality);
    expect(qualities).toHaveLength(48);
    expect([qualities[0], qualities[19], qualities[20], qualities[23], qualities[24], qualities[47]]).toEqual([
      'F14',
      'F14',
      'A',
      'A',
      'S14',
      'S14',
    ]);
    expect(new Set(intervalQualities(intervalDayFixture()).map((q) => q.quality))).toEqual(new Set(['A']));
  });

  it('names interval ends in NEM time, the last at 24:00, and ranges the last 365 days of data', () => {
    expect(intervalEnd(1, 30)).toBe('00:30');
    expect(intervalEnd(48, 30)).toBe('24:00');
    expect(intervalEnd(1, 5)).toBe('00:05');
    expect(intervalEnd(37, 15)).toBe('09:15');
    expect(addDays('2004-03-01', -1)).toBe('2004-02-29');
    expect(defaultRange({ firstDate: '2003-01-01', lastDate: '2005-01-06' })).toEqual({
      from: '2004-01-08',
      to: '2005-01-06',
    });
    expect(defaultRange({ firstDate: '2005-01-04', lastDate: '2005-01-06' })).toEqual({
      from: '2005-01-04',
      to: '2005-01-06',
    });
  });

  it('has quality colours of at least 3:1 against the chart, all different', () => {
    for (const c of QUALITY_CATEGORIES) expect(contrast(c.colour, CHART_BACKGROUND), c.word).toBeGreaterThanOrEqual(3);
    expect(new Set(QUALITY_CATEGORIES.map((c) => c.colour)).size).toBe(QUALITY_CATEGORIES.length);
  });
});

describe('the quality legend', () => {
  it('has every interval flag of the domain but V (a mixed day), in its order, with its word and a colour of its own', () => {
    const flags = QUALITY_CATEGORIES.filter((c) => c.key !== 'mixed');
    expect(flags.map((c) => c.key)).toEqual(INTERVAL_QUALITY_FLAGS.filter((flag) => flag !== 'V'));
    for (const c of flags) expect(c.word).toBe(QUALITY_FLAG_WORDS[c.key as IntervalQualityFlag].word);
    expect(new Set(QUALITY_CATEGORIES.map((c) => c.colour)).size).toBe(QUALITY_CATEGORIES.length);
  });
});

describe('<nem-interval-data>', () => {
  it('charts the daily totals by quality, with a legend, and shows the last day’s intervals first', async () => {
    const { fetch, requests } = intervalApi();
    useFetch(fetch);
    const element = await mountData();
    const bars = await until(() => {
      const found = deepQueryAll(element, '[data-testid="daily-bar"]');
      expect(found).toHaveLength(3);
      return found;
    });
    expect(bars.map((b) => b.getAttribute('data-quality'))).toEqual(['A', 'mixed', 'E']);
    expect(bars[1]?.getAttribute('aria-label')).toContain('2005-01-05: 2,345.25 kWh, mixed');
    expect(deepQueryAll(element, '[data-testid="quality-legend"] li').map(text)).toEqual([
      'Actual',
      'Estimated',
      'Substituted',
      'Final substitute',
      'Null',
      'Mixed',
    ]);
    const days = requests.find((r) => r.url.pathname === '/api/interval-channels/days');
    expect(Object.fromEntries(days?.url.searchParams ?? [])).toMatchObject({
      nmi: 'NEM1208151',
      suffix: 'E1',
      from: '2005-01-04',
      to: '2005-01-06',
    });
    await until(() => expect(deepQueryAll(element, '[data-testid="interval-bar"]')).toHaveLength(48));
    expect(text(deepQuery(element, '[data-testid="profile-date"]'))).toBe('2005-01-06');
    expect(bars[2]?.getAttribute('aria-pressed')).toBe('true');
    expect(bars[2]?.getAttribute('tabindex')).toBe('0');
  });

  it('shows a day’s profile on NEM time, each interval coloured by its own quality, when its bar is clicked', async () => {
    useFetch(intervalApi().fetch);
    const element = await mountData();
    const bar = await until(() => deepQuery(element, '[data-testid="daily-bar"][data-date="2005-01-05"]'));
    bar.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await until(() => expect(text(deepQuery(element, '[data-testid="profile-date"]'))).toBe('2005-01-05'));
    const intervals = await until(() => {
      const found = deepQueryAll(element, '[data-testid="interval-bar"]');
      expect(found[0]?.getAttribute('data-quality')).toBe('F');
      return found;
    });
    expect(intervals).toHaveLength(48);
    expect(intervals.map((b) => b.getAttribute('data-quality')).join('')).toBe(
      `${'F'.repeat(20)}${'A'.repeat(4)}${'S'.repeat(24)}`,
    );
    expect(deepQueryAll(element, '[data-testid="profile-tick"]').map(text)).toEqual([
      '00:00',
      '06:00',
      '12:00',
      '18:00',
      '24:00',
    ]);
    expect(text(deepQuery(element, '[data-testid="profile-chart"]'))).toContain('Interval end, NEM time (+10:00)');
    const rows = deepQueryAll(element, '[data-testid="profile-table"] tbody tr');
    expect(text(rows[0] as Element)).toContain('00:30');
    expect(text(rows[47] as Element)).toContain('24:00');
    expect(text(deepQuery(element, '[data-testid="profile-facts"]'))).toContain(
      '4 actual, 24 substituted, 20 final substitute',
    );
  });

  it('moves from day to day with the arrow keys on the chart', async () => {
    useFetch(intervalApi().fetch);
    const element = await mountData();
    const last = await until(() => deepQuery(element, '[data-testid="daily-bar"][data-date="2005-01-06"]'));
    last.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    await until(() => expect(text(deepQuery(element, '[data-testid="profile-date"]'))).toBe('2005-01-05'));
    deepQuery(element, '[data-testid="daily-bar"][data-date="2005-01-05"]').dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Home', bubbles: true }),
    );
    await until(() => expect(text(deepQuery(element, '[data-testid="profile-date"]'))).toBe('2005-01-04'));
    expect(deepQuery(element, '[data-testid="daily-bar"][data-date="2005-01-04"]').getAttribute('tabindex')).toBe('0');
  });

  it('lists the days with total, quality, file and versions, and a row’s date chooses the day', async () => {
    useFetch(intervalApi().fetch);
    const element = await mountData();
    const rows = await until(() => {
      const found = deepQueryAll(element, '[data-testid="interval-day-row"]');
      expect(found).toHaveLength(3);
      return found;
    });
    expect(text(rows[1] as Element)).toContain('2,345.25 kWh');
    expect(text(rows[1] as Element)).toContain('4 actual, 24 substituted, 20 final substitute');
    expect(text(rows[1] as Element)).toContain('NEM12_Scenario08_ETSAMDP_NEMMCO.csv');
    expect(deepQuery(rows[1] as Element, 'a').getAttribute('href')).toBe(`#/files/${'d'.repeat(64)}`);
    (deepQuery(rows[0] as Element, 'button') as HTMLButtonElement).click();
    await until(() => expect(text(deepQuery(element, '[data-testid="profile-date"]'))).toBe('2005-01-04'));
  });

  it('pages a long table of days a month at a time, by the cursor the API gave', async () => {
    const many = Array.from({ length: 40 }, (_, i) =>
      channelDayFixture({ intervalDate: addDays('2005-01-01', i), dayTotal: `${i}.5` }),
    );
    const { fetch, requests } = fakeFetch({
      'GET /api/interval-channels/days': (request) => {
        const limit = Number(request.url.searchParams.get('limit'));
        const start = Number(request.url.searchParams.get('cursor') ?? '0');
        const items = many.slice(start, start + limit);
        return { body: { items, nextCursor: start + limit < many.length ? String(start + limit) : null } };
      },
      'GET /api/intervals': () => ({ body: { items: [], nextCursor: null } }),
    });
    useFetch(fetch);
    const element = new NemIntervalData();
    element.channels = [intervalChannelFixture({ days: 40, firstDate: '2005-01-01', lastDate: '2005-02-09' })];
    await mount(element);
    await until(() => expect(deepQueryAll(element, '[data-testid="daily-bar"]')).toHaveLength(40));
    await until(() => expect(deepQueryAll(element, '[data-testid="interval-day-row"]')).toHaveLength(31));
    (deepQuery(element, '[data-testid="next-page"]') as HTMLButtonElement).click();
    await until(() => expect(deepQueryAll(element, '[data-testid="interval-day-row"]')).toHaveLength(9));
    expect(text(deepQueryAll(element, '[data-testid="interval-day-row"]')[0] as Element)).toContain('2005-02-01');
    const asked = requests.filter((r) => r.url.pathname === '/api/interval-channels/days');
    expect(asked.at(-1)?.url.searchParams.get('cursor')).toBe('31');
    expect(text(deepQuery(element, '[data-testid="page-number"]'))).toBe('Page 2');
  });

  it('asks again for the range typed, and says when it holds no day', async () => {
    const { fetch, requests } = intervalApi();
    useFetch(fetch);
    const element = await mountData();
    await until(() => expect(deepQueryAll(element, '[data-testid="daily-bar"]')).toHaveLength(3));
    const from = deepQuery(element, '[data-testid="interval-from"]') as HTMLInputElement;
    from.value = '2005-01-07';
    from.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => deepQuery(element, '[data-testid="no-interval-days"]'));
    expect(requests.at(-1)?.url.searchParams.get('from')).toBe('2005-01-07');
  });
});

describe('interval data on the meter point and meter pages', () => {
  it('shows a NMI with interval data only (no register reads) with its channels, not as not found', async () => {
    const { fetch } = intervalApi();
    useFetch(async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input), 'http://nem.test');
      if (url.pathname.startsWith('/api/meter-points/'))
        return new Response(JSON.stringify(problem(404, 'NOT_FOUND', 'no meter point')), {
          status: 404,
          headers: { 'content-type': 'application/problem+json' },
        });
      return fetch(input, init);
    });
    const page = new NemMeterPointPage();
    page.nmi = 'NEM1208151';
    await mount(page);
    await until(() => deepQuery(page, '[data-testid="no-register-reads"]'));
    expect(deepQueryAll(page, '[data-testid="not-found"]')).toHaveLength(0);
    await until(() => expect(deepQueryAll(page, '[data-testid="daily-bar"]')).toHaveLength(3));
  });

  it('shows a meter’s channels by its serial, and only the days it recorded', async () => {
    const { fetch, requests } = intervalApi();
    useFetch(async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input), 'http://nem.test');
      if (url.pathname.startsWith('/api/meters/'))
        return new Response(JSON.stringify(problem(404, 'NOT_FOUND', 'no meter')), {
          status: 404,
          headers: { 'content-type': 'application/problem+json' },
        });
      return fetch(input, init);
    });
    const page = new NemMeterPage();
    page.serial = 'meter81';
    await mount(page);
    await until(() => expect(deepQueryAll(page, '[data-testid="daily-bar"]')).toHaveLength(3));
    expect(text(deepQuery(page, '[data-testid="meter-serial"]'))).toBe('METER81');
    expect(requests.find((r) => r.url.pathname === '/api/interval-channels')?.url.searchParams.get('serial')).toBe(
      'meter81',
    );
    expect(requests.find((r) => r.url.pathname === '/api/interval-channels/days')?.url.searchParams.get('serial')).toBe(
      'METER81',
    );
  });
});

/** The moment asked ("As known on", as typed in the address) and how the API echoes it. */
const THEN = '2005-01-05T12:00';
const THEN_ECHO = '2005-01-05T12:00:00+10:00';
const CHANNEL_THEN = intervalChannelFixture({ days: 2, lastDate: '2005-01-05' });
/** What was known then: two days, the second in its first version (a later file corrected it). */
const DAYS_THEN: ChannelDay[] = [
  DAYS[0] as ChannelDay,
  channelDayFixture({ intervalDate: '2005-01-05', dayTotal: '2000' }),
];

/** The API of {@link intervalApi}, answering as known at `asOf` when it is asked (and echoing it). */
function asOfApi(options: { channels?: boolean; meter?: MeterDetail } = {}) {
  const now = intervalApi();
  const fake = fakeFetch({
    'GET /api/interval-channels': (request) =>
      request.url.searchParams.get('asOf') === THEN
        ? { body: { items: options.channels === false ? [] : [CHANNEL_THEN], asOf: THEN_ECHO } }
        : { body: { items: [intervalChannelFixture()] } },
    'GET /api/interval-channels/days': (request) => {
      if (request.url.searchParams.get('asOf') !== THEN) return { status: 500, body: problem(500, 'X', 'not as of') };
      const from = request.url.searchParams.get('from') ?? '';
      const to = request.url.searchParams.get('to') ?? '9999';
      const items = DAYS_THEN.filter((d) => d.intervalDate >= from && d.intervalDate <= to);
      return { body: { items, nextCursor: null, asOf: THEN_ECHO } };
    },
    'GET /api/intervals': (request) => {
      if (request.url.searchParams.get('asOf') !== THEN) return { status: 500, body: problem(500, 'X', 'not as of') };
      const date = request.url.searchParams.get('from') ?? '';
      const total = DAYS_THEN.find((d) => d.intervalDate === date)?.dayTotal;
      const items = total === undefined ? [] : [intervalDayFixture({ intervalDate: date, dayTotal: total })];
      return { body: { items, nextCursor: null, asOf: THEN_ECHO } };
    },
    ...(options.meter === undefined
      ? {}
      : { 'GET /api/meters/METER81': () => ({ body: { ...options.meter, asOf: THEN_ECHO } }) }),
  });
  return { ...fake, now };
}

const asOfOf = (requests: ReadonlyArray<{ url: URL }>, path: string) =>
  requests.filter((r) => r.url.pathname === path).map((r) => r.url.searchParams.get('asOf'));

describe('interval data as known on a moment', () => {
  it('shows a NMI’s interval data as known then under the banner, every part asked as of it', async () => {
    const { fetch, requests } = asOfApi();
    useFetch(fetch);
    const page = new NemMeterPointPage();
    page.nmi = 'NEM1208151';
    page.view = { ...FIRST_READINGS, asOf: THEN };
    await mount(page);
    const bars = await until(() => {
      const found = deepQueryAll(page, '[data-testid="daily-bar"]');
      expect(found).toHaveLength(2);
      return found;
    });
    expect(bars[1]?.getAttribute('aria-label')).toContain('2005-01-05: 2,000 kWh');
    expect(deepQueryAll(page, '[data-testid="as-of-banner"]')).toHaveLength(1);
    expect(text(deepQuery(page, '[data-testid="as-of-banner"]'))).toMatch(/^As known on 2005-01-05 12:00 \+10:00: /);
    expect(deepQuery(page, '[data-testid="as-of-now"]').getAttribute('href')).toBe('#/nmi/NEM1208151');
    expect(text(deepQuery(page, '[data-testid="no-register-reads"]'))).toMatch(
      /No register reads \(NEM13\) had been imported for NMI NEM1208151 by then/,
    );
    await until(() => expect(text(deepQuery(page, '[data-testid="profile-facts"]'))).toContain('2,000 kWh'));
    for (const path of [
      '/api/meter-points/NEM1208151',
      '/api/interval-channels',
      '/api/interval-channels/days',
      '/api/intervals',
    ]) {
      const asked = asOfOf(requests, path);
      expect(asked.length, path).toBeGreaterThan(0);
      expect(
        asked.every((asOf) => asOf === THEN),
        path,
      ).toBe(true);
    }
    // The range is the channel's as known then.
    const days = requests.find((r) => r.url.pathname === '/api/interval-channels/days');
    expect(days?.url.searchParams.get('to')).toBe('2005-01-05');
  });

  it('shows a meter’s interval data as known then under the one banner of its page', async () => {
    const meter: MeterDetail = { meterSerial: 'METER81', nmis: ['NEM1208151'], registers: [], latestReadings: [] };
    const { fetch, requests } = asOfApi({ meter });
    useFetch(fetch);
    const page = new NemMeterPage();
    page.serial = 'METER81';
    page.view = { ...FIRST_READINGS, asOf: THEN };
    await mount(page);
    await until(() => expect(deepQueryAll(page, '[data-testid="daily-bar"]')).toHaveLength(2));
    expect(deepQueryAll(page, '[data-testid="as-of-banner"]')).toHaveLength(1);
    expect(text(deepQuery(page, '[data-testid="as-of-banner"]'))).toMatch(/^As known on 2005-01-05 12:00 \+10:00: /);
    const days = requests.filter((r) => r.url.pathname === '/api/interval-channels/days');
    expect(
      days.every((r) => r.url.searchParams.get('asOf') === THEN && r.url.searchParams.get('serial') === 'METER81'),
    ).toBe(true);
    expect(asOfOf(requests, '/api/interval-channels')).toEqual([THEN]);
  });

  it('says a NMI unknown then was unknown by then, under the banner', async () => {
    const { fetch } = asOfApi({ channels: false });
    useFetch(fetch);
    const page = new NemMeterPointPage();
    page.nmi = 'NEM1208151';
    page.view = { ...FIRST_READINGS, asOf: THEN };
    await mount(page);
    await until(() =>
      expect(text(deepQuery(page, '[data-testid="not-found"]'))).toMatch(
        /No readings had been imported for NMI NEM1208151 by then/,
      ),
    );
    expect(text(deepQuery(page, '[data-testid="as-of-banner"]'))).toMatch(/^As known on 2005-01-05 12:00 \+10:00: /);
    expect(deepQueryAll(page, '[data-testid="interval-data"]')).toHaveLength(0);
  });

  it('asks again as of the new moment when it changes, the range starting from the channel as known then', async () => {
    const { fetch, requests, now } = asOfApi();
    useFetch(async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input), 'http://nem.test');
      return url.searchParams.has('asOf') ? fetch(input, init) : now.fetch(input, init);
    });
    const element = await mountData();
    await until(() => expect(deepQueryAll(element, '[data-testid="daily-bar"]')).toHaveLength(3));
    element.asOf = THEN;
    element.channels = [CHANNEL_THEN];
    await until(() => expect(deepQueryAll(element, '[data-testid="daily-bar"]')).toHaveLength(2));
    const days = requests.filter((r) => r.url.pathname === '/api/interval-channels/days');
    expect(days.map((r) => [r.url.searchParams.get('from'), r.url.searchParams.get('to')])).toContainEqual([
      '2005-01-04',
      '2005-01-05',
    ]);
    await until(() => expect(text(deepQuery(element, '[data-testid="profile-date"]'))).toBe('2005-01-05'));
    await until(() => expect(text(deepQuery(element, '[data-testid="profile-facts"]'))).toContain('2,000 kWh'));
  });
});
