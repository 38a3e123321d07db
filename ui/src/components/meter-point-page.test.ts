// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { deepQuery, deepQueryAll, mount, text, until, useFetch } from './component.fixtures.js';
import { fakeFetch, readingFixture, readingPageFixture } from '../api/api.fixtures.js';
import type { MeterPointDetail } from '../api/types.js';
import { parseRoute, type ReadingsView } from '../router.js';
import { NemMeterPointPage } from './meter-point-page.js';

const latest = readingFixture();
const older = readingFixture({
  currentReadAt: '2004-01-07T10:03:33+10:00',
  previousReadAt: '2003-10-07T10:03:33+10:00',
  quantity: '10.0',
  quantityValue: '10',
});
const superseded = readingFixture({ superseded: true, corrected: true, quantity: '99.0', importPosition: '5' });

const point: MeterPointDetail = {
  nmi: '5787326565',
  nmiConfiguration: 'E1',
  firstReadAt: '2003-10-07T10:03:33+10:00',
  lastReadAt: '2004-04-07T10:03:33+10:00',
  registers: [
    {
      nmi: '5787326565',
      meterSerial: 'PSMIL89KM79J',
      nmiSuffix: '11',
      registerId: 'E1',
      direction: 'I',
      uom: 'kWh',
      mdmDataStreamIdentifier: '11',
      firstReadAt: '2003-10-07T10:03:33+10:00',
      lastReadAt: '2004-04-07T10:03:33+10:00',
    },
  ],
  meterSerials: ['PSMIL89KM79J'],
  latestReadings: [latest],
  latestActualReadings: [latest],
  nextScheduledReadDate: '2004-07-07',
  usage: {
    periods: [
      {
        meterSerial: 'PSMIL89KM79J',
        nmiSuffix: '11',
        registerId: 'E1',
        direction: 'E',
        uom: 'kWh',
        from: '2003-10-07T10:03:33+10:00',
        to: '2004-01-07T10:03:33+10:00',
        days: '92.00',
        quantity: '10.0',
        perDay: '0.109',
        quality: 'A',
        corrected: false,
        fileId: 'a'.repeat(64),
        line: 3,
      },
      {
        meterSerial: 'PSMIL89KM79J',
        nmiSuffix: '11',
        registerId: 'E1',
        direction: 'E',
        uom: 'kWh',
        from: '2004-01-07T10:03:33+10:00',
        to: '2004-04-07T10:03:33+10:00',
        days: '91.00',
        quantity: '2345.40',
        perDay: '25.774',
        quality: 'E62',
        corrected: true,
        fileId: 'a'.repeat(64),
        line: 4,
      },
    ],
    last12Months: [
      {
        direction: 'E',
        uom: 'kWh',
        quantity: '2355.40',
        reads: 2,
        from: '2003-10-07T10:03:33+10:00',
        to: '2004-04-07T10:03:33+10:00',
      },
    ],
  },
};

function api() {
  return fakeFetch({
    'GET /api/meter-points/5787326565': () => ({ body: point }),
    'GET /api/readings': (request) => ({
      body: readingPageFixture(
        request.url.searchParams.get('includeSuperseded') === 'true' ? [latest, superseded, older] : [latest, older],
      ),
    }),
    'GET /api/readings/history': () => ({
      body: {
        key: {
          nmi: latest.nmi,
          nmiSuffix: latest.nmiSuffix,
          registerId: latest.registerId,
          meterSerial: latest.meterSerial,
          currentReadAt: latest.currentReadAt,
        },
        versions: [
          {
            rank: 1,
            inForce: true,
            decidedBy: 'updateDateTime',
            reason: 'newer UpdateDateTime',
            reading: latest,
            event: {
              streamName: `nem13File-${latest.fileId}`,
              revision: 3,
              position: '41',
              eventId: '32d25dda-ce77-8655-ae39-821d20000004',
              recordedAt: '2024-05-01T09:00:01+10:00',
            },
          },
          {
            rank: 2,
            inForce: false,
            decidedBy: 'updateDateTime',
            reason: 'older UpdateDateTime than the version in force',
            reading: superseded,
            event: null,
          },
        ],
      },
    }),
  });
}

describe('nem-meter-point-page', () => {
  it('heads the page with the NMI in capitals and sums it up: next read, 12 months, actual reads, use per day', async () => {
    useFetch(
      fakeFetch({
        'GET /api/meter-points/5787326565': () => ({ body: point }),
        'GET /api/readings': () => ({ body: readingPageFixture([latest]) }),
      }).fetch,
    );
    const element = new NemMeterPointPage();
    element.nmi = '5787326565';
    await mount(element);
    const summary = await until(() => deepQuery(element, '[data-testid="meter-point-summary"]'));
    expect(text(deepQuery(summary, '[data-testid="next-scheduled-read"]'))).toBe('2004-07-07');
    expect(text(deepQuery(summary, '[data-testid="last-12-months-total"]'))).toBe(
      'Consumption: 2,355.40 kWh (2 reads, 2003-10-07 to 2004-04-07)',
    );
    const actual = deepQuery(summary, '[data-testid="latest-actual-readings"]');
    expect(deepQueryAll(actual, '[data-testid="reading-row"]')).toHaveLength(1);
    const chart = deepQuery(summary, 'nem-usage-chart');
    await until(() => expect(deepQueryAll(chart, '[data-testid="usage-bar"]')).toHaveLength(2));
    const [, second] = deepQueryAll(chart, '[data-testid="usage-bar"]');
    // The bars stand as high as their average per day; the taller one is the second period.
    expect(Number(second?.getAttribute('height'))).toBeGreaterThan(100);
    expect(second?.getAttribute('tabindex')).toBe('0');
    second?.dispatchEvent(new FocusEvent('focus'));
    await until(() =>
      expect(text(deepQuery(chart, '[data-testid="usage-shown"]'))).toBe(
        '2004-01-07 to 2004-04-07: 91.00 days, 25.774 kWh/day (2,345.40 kWh, E62: Forward estimate, method 62, previous read, corrected)',
      ),
    );
  });

  it('upper-cases a NMI typed in lower case in its heading', async () => {
    useFetch(fakeFetch({}).fetch);
    const element = new NemMeterPointPage();
    element.nmi = 'nem1318142';
    await mount(element);
    expect(text(deepQuery(element, '[data-testid="meter-point-heading"]'))).toBe('NEM1318142');
  });

  it('copies the NMI, or selects it to copy by hand when the Clipboard API is refused', async () => {
    useFetch(
      fakeFetch({
        'GET /api/meter-points/5787326565': () => ({ body: point }),
        'GET /api/readings': () => ({ body: readingPageFixture([latest]) }),
      }).fetch,
    );
    const written: string[] = [];
    let allowed = true;
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: {
        writeText: async (value: string) => {
          if (!allowed) throw new Error('not allowed');
          written.push(value);
        },
      },
    });
    const element = new NemMeterPointPage();
    element.nmi = '5787326565';
    await mount(element);
    const copy = await until(() => deepQuery(element, 'nem-copy-button'));
    const button = deepQuery(copy, '[data-testid="copy-button"]') as HTMLButtonElement;
    button.click();
    await until(() => expect(text(deepQuery(copy, '[data-testid="copy-message"]'))).toBe('Copied 5787326565'));
    expect(written).toEqual(['5787326565']);
    allowed = false;
    button.click();
    await until(() =>
      expect(text(deepQuery(copy, '[data-testid="copy-message"]'))).toMatch(/^Selected: press Ctrl\+C/),
    );
    // The NMI as shown is selected, for Ctrl+C.
    expect(window.getSelection()?.toString()).toBe('5787326565');
  });

  it('shows the configuration, meters, registers, a chart per register and the readings', async () => {
    useFetch(api().fetch);
    const element = new NemMeterPointPage();
    element.nmi = '5787326565';
    await mount(element);
    await until(() => expect(text(deepQuery(element, '[data-testid="meter-point-configuration"]'))).toBe('E1'));
    expect(deepQuery(element, '[data-testid="meter-point-meters"] a').getAttribute('href')).toBe(
      '#/meter/PSMIL89KM79J',
    );
    expect(deepQueryAll(element, '[data-testid="register-row"]')).toHaveLength(1);
    await until(() => expect(deepQueryAll(element, '[data-testid="consumption-chart"] canvas')).toHaveLength(1));
    expect(deepQuery(element, 'canvas').getAttribute('aria-label')).toBe(
      'Bar chart of consumption in kWh for 2 read periods, from 2003-10-07 to 2004-04-07.',
    );
    const panel = deepQuery(element, 'nem-readings-panel');
    await until(() => expect(deepQueryAll(panel, '[data-testid="reading-row"]')).toHaveLength(2));
  });

  it('shows superseded versions on request, and the versions of one read', async () => {
    const fake = api();
    useFetch(fake.fetch);
    const element = new NemMeterPointPage();
    element.nmi = '5787326565';
    await mount(element);
    const panel = await until(() => deepQuery(element, 'nem-readings-panel'));
    await until(() => expect(deepQueryAll(panel, '[data-testid="reading-row"]')).toHaveLength(2));
    (deepQuery(panel, '[data-testid="superseded-toggle"]') as HTMLInputElement).click();
    // The choice is the page's address; the app shell hands the address's view to the page.
    expect(window.location.hash).toBe('#/nmi/5787326565?superseded=1');
    element.view = (parseRoute(window.location.hash) as { view: ReadingsView }).view;
    await until(() =>
      expect(deepQueryAll(panel, 'nem-readings-table [data-testid="superseded-marker"]')).toHaveLength(1),
    );
    // Only the read files sent more than once offers its versions.
    const buttons = deepQueryAll(panel, '[data-testid="history-button"]') as HTMLButtonElement[];
    expect(buttons).toHaveLength(1);
    buttons[0]!.focus();
    buttons[0]!.click();
    const versions = await until(() => deepQuery(panel, '[data-testid="reading-versions"]'));
    await until(() => expect(deepQueryAll(versions, '[data-testid="version-row"]')).toHaveLength(2));
    expect(deepQueryAll(versions, '[data-testid="version-state"]').map(text)).toEqual(['In force #1', 'Superseded #2']);
    expect(deepQueryAll(versions, '[data-testid="version-reason"]').map(text)).toEqual([
      'newer UpdateDateTime',
      'older UpdateDateTime than the version in force',
    ]);
    const events = deepQueryAll(versions, '[data-testid="version-event"]').map(text);
    expect(events[0]).toMatch(
      /revision 3, position 41.*32d25dda-ce77-8655-ae39-821d20000004.*2024-05-01 09:00:01 \+10:00/,
    );
    expect(events[1]).toMatch(/No stored event/);
    expect(text(deepQuery(versions, '[data-testid="version-updated"]'))).toBe('2004-04-08 00:00:00 +10:00');
    expect(text(deepQuery(versions, '[data-testid="version-received"]'))).toBe('2024-05-01 09:00:00 +10:00');
    // Escape closes the versions and gives focus back to the button that opened them.
    versions.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await until(() => expect(deepQuery(panel, 'nem-reading-versions').hasAttribute('hidden')).toBe(true));
    const table = deepQuery(panel, 'nem-readings-table');
    expect(table.shadowRoot?.activeElement).toBe(buttons[0]);
    const asked = fake.requests.find((r) => r.url.pathname === '/api/readings/history');
    expect(Object.fromEntries(asked!.url.searchParams)).toEqual({
      nmi: '5787326565',
      nmiSuffix: '11',
      registerId: 'E1',
      meterSerial: 'PSMIL89KM79J',
      currentReadAt: '2004-04-07T10:03:33+10:00',
    });
  });

  it('says when the NMI has no readings', async () => {
    useFetch(fakeFetch({}).fetch);
    const element = new NemMeterPointPage();
    element.nmi = '0000000000';
    await mount(element);
    await until(() =>
      expect(text(deepQuery(element, '[data-testid="not-found"]'))).toMatch(/No readings have been imported/),
    );
  });
});
