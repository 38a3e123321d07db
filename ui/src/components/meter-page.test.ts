// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { deepQuery, deepQueryAll, mount, text, until, useFetch } from './component.fixtures.js';
import { fakeFetch, readingFixture, readingPageFixture } from '../api/api.fixtures.js';
import type { MeterDetail } from '../api/types.js';
import { NemMeterPage } from './meter-page.js';

const meter: MeterDetail = {
  meterSerial: 'PSMIL89KM79J',
  nmis: ['5787326565', '5787326566'],
  registers: [],
  latestReadings: [readingFixture()],
};

describe('nem-meter-page', () => {
  it('shows the meter points the meter served, its latest reads and its readings', async () => {
    const fake = fakeFetch({
      'GET /api/meters/PSMIL89KM79J': () => ({ body: meter }),
      'GET /api/readings': () => ({ body: readingPageFixture([readingFixture()]) }),
    });
    useFetch(fake.fetch);
    const element = new NemMeterPage();
    element.serial = 'PSMIL89KM79J';
    await mount(element);
    const nmis = await until(() => deepQueryAll(deepQuery(element, '[data-testid="meter-nmis"]'), 'a'));
    expect(nmis.map((a) => a.getAttribute('href'))).toEqual(['#/nmi/5787326565', '#/nmi/5787326566']);
    const panel = deepQuery(element, 'nem-readings-panel');
    await until(() => expect(deepQueryAll(panel, '[data-testid="reading-row"]')).toHaveLength(1));
    expect(fake.requests.some((r) => r.url.search === '?serial=PSMIL89KM79J&order=desc&limit=50')).toBe(true);
  });

  it('says when the serial is unknown', async () => {
    useFetch(fakeFetch({}).fetch);
    const element = new NemMeterPage();
    element.serial = 'NOPE';
    await mount(element);
    await until(() => expect(text(deepQuery(element, '[data-testid="not-found"]'))).toMatch(/meter NOPE/));
  });
});
