// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { deepQueryAll, mount, text, until, useFetch } from './component.fixtures.js';
import { fakeFetch, readingFixture } from '../api/api.fixtures.js';
import { NemConsumptionCharts, seriesByRegister } from './consumption-charts.js';

describe('seriesByRegister', () => {
  it('groups readings by NMI, meter, suffix and register', () => {
    const series = seriesByRegister([
      readingFixture({ registerId: 'E2', nmiSuffix: '12' }),
      readingFixture(),
      readingFixture({ registerId: 'E2', nmiSuffix: '12', currentReadAt: '2004-01-07T10:03:33+10:00' }),
    ]);
    expect(series.map((s) => [s.key, s.readings.length])).toEqual([
      ['5787326565 PSMIL89KM79J 11 E1', 1],
      ['5787326565 PSMIL89KM79J 12 E2', 2],
    ]);
    expect(series[0]?.heading).toBe('NMI 5787326565, meter PSMIL89KM79J, register E1 (suffix 11): kWh per read period');
  });
});

describe('nem-consumption-charts', () => {
  it('reads every page of a meter’s readings and draws one chart per register', async () => {
    const fake = fakeFetch({
      'GET /api/readings': (request) =>
        request.url.searchParams.get('cursor') === null
          ? { body: { items: [readingFixture()], nextCursor: 'more' } }
          : { body: { items: [readingFixture({ registerId: 'E2' })], nextCursor: null } },
    });
    useFetch(fake.fetch);
    const element = new NemConsumptionCharts();
    element.by = 'serial';
    element.value = 'PSMIL89KM79J';
    await mount(element);
    await until(() => expect(deepQueryAll(element, '[data-testid="consumption-chart"] canvas')).toHaveLength(2));
    expect(fake.requests.map((r) => r.url.search)).toEqual([
      '?serial=PSMIL89KM79J&limit=500',
      '?serial=PSMIL89KM79J&limit=500&cursor=more',
    ]);
    // The figures are also offered as a table.
    const cells = deepQueryAll(element, 'details td').map(text);
    expect(cells).toContain('23.40 kWh');
  });

  it('says when there is nothing to chart', async () => {
    useFetch(fakeFetch({ 'GET /api/readings': () => ({ body: { items: [], nextCursor: null } }) }).fetch);
    const element = new NemConsumptionCharts();
    element.value = '0000000000';
    await mount(element);
    await until(() => expect(text(element.shadowRoot!.querySelector('.status')!)).toBe('No readings to chart.'));
  });
});
