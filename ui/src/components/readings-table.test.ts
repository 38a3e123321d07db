// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { deepQuery, deepQueryAll, mount, text } from './component.fixtures.js';
import { readingFixture } from '../api/api.fixtures.js';
import type { Reading } from '../api/types.js';
import { NemReadingsTable, type SortDirection } from './readings-table.js';

function table(readings: Reading[] = [readingFixture()], setup: (t: NemReadingsTable) => void = () => undefined) {
  const element = new NemReadingsTable();
  element.readings = readings;
  setup(element);
  return mount(element);
}

describe('nem-readings-table', () => {
  it('shows each reading: NMI, serial, register, suffix, reads and dates in NEM time, quantity, quality, file', async () => {
    const element = await table();
    const row = deepQuery(element, '[data-testid="reading-row"]');
    const cell = (name: string) => text(deepQuery(row, `[data-testid="cell-${name}"]`));
    expect(cell('nmi')).toBe('5787326565');
    expect(cell('serial')).toBe('PSMIL89KM79J');
    expect(cell('register')).toBe('E1');
    expect(cell('suffix')).toBe('11');
    expect(cell('previous-read')).toBe('00100.00');
    expect(cell('previous-date')).toBe('2004-01-07 10:03:33 +10:00');
    expect(cell('current-read')).toBe('00123.40');
    expect(cell('current-date')).toBe('2004-04-07 10:03:33 +10:00');
    expect(cell('quantity')).toBe('23.40 kWh');
    expect(text(deepQuery(row, '[data-testid="quality"] summary'))).toBe('A');
    expect(cell('next-read')).toBe('2004-07-07');
    expect(cell('transaction')).toBe('Normal scheduled read (N)');
    const file = deepQuery(row, '[data-testid="cell-file"] a');
    expect(text(file)).toBe('NEM13_000000000000011_CNRGYMDP_NEMMCO.csv');
    expect(file.getAttribute('href')).toBe(`#/files/${'a'.repeat(64)}`);
    expect(deepQuery(row, '[data-testid="cell-nmi"]').getAttribute('href')).toBe('#/nmi/5787326565');
    expect(deepQueryAll(row, '[data-testid="superseded-marker"]')).toHaveLength(0);
    expect(deepQueryAll(row, '[data-testid="corrected-marker"]')).toHaveLength(0);
  });

  it('says what a quality, its method and its reason mean, in a disclosure keyboards and touch can open', async () => {
    const element = await table([
      readingFixture({ currentQuality: 'E62', currentReasonCode: 13, currentReasonDescription: 'gate chained' }),
    ]);
    const quality = deepQuery(element, '[data-testid="quality"]') as HTMLDetailsElement;
    expect(quality.tagName).toBe('DETAILS');
    const meaning = 'E62: Forward estimate, method 62, previous read; reason 13, Locked gate: “gate chained”';
    expect(text(deepQuery(quality, '[data-testid="quality-meaning"]'))).toBe(meaning);
    expect(quality.querySelector('summary')?.getAttribute('title')).toBe(meaning.slice('E62: '.length));
    expect(quality.querySelector('summary')?.getAttribute('aria-label')).toBe(meaning);
    expect(text(deepQuery(element, 'table'))).not.toMatch(/Unknown quality/);
    quality.open = true;
    quality.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(quality.open).toBe(false);
  });

  it('words directions as consumption and generation, with the MDFF term in the title', async () => {
    const element = await table([readingFixture({ direction: 'E' }), readingFixture({ direction: 'I' })]);
    const cells = deepQueryAll(element, '[data-testid="cell-direction"]');
    expect(cells.map(text)).toEqual(['Consumption (E)', 'Generation (I)']);
    expect(cells[0]?.querySelector('[title]')?.getAttribute('title')).toMatch(/E: export from the grid/);
    expect(cells[1]?.querySelector('[title]')?.getAttribute('title')).toMatch(/I: import to the grid/);
  });

  it('groups the thousands of a quantity without changing its digits', async () => {
    const element = await table([readingFixture({ quantity: '-1234567.890', uom: 'kWh' })]);
    expect(text(deepQuery(element, '[data-testid="cell-quantity"]'))).toBe('-1,234,567.890 kWh');
  });

  it('words 550 transaction codes and service orders', async () => {
    const element = await table([
      readingFixture({
        currentTransactionCode: 'D',
        currentRetailerServiceOrder: 'SO-123',
        previousTransactionCode: 'G',
        previousReasonCode: 6,
      }),
    ]);
    expect(text(deepQuery(element, '[data-testid="cell-transaction"]'))).toBe(
      'De-energisation (D), service order SO-123 Previous read: Re-energisation (G)',
    );
  });

  it('marks superseded and corrected versions, and offers versions only for reads sent more than once', async () => {
    const element = await table(
      [readingFixture({ superseded: true, corrected: true }), readingFixture({ corrected: false })],
      (t) => (t.history = true),
    );
    const [first, second] = deepQueryAll(element, '[data-testid="reading-row"]');
    expect(first?.getAttribute('data-superseded')).toBe('true');
    expect(text(deepQuery(first!, '[data-testid="superseded-marker"]'))).toBe('superseded');
    expect(text(deepQuery(first!, '[data-testid="corrected-marker"]'))).toBe('corrected');
    expect(deepQueryAll(first!, '[data-testid="history-button"]')).toHaveLength(1);
    expect(deepQueryAll(second!, '[data-testid="history-button"]')).toHaveLength(0);
  });

  it('shows rows in the order given and asks the server for the other order', async () => {
    const element = await table(
      [
        readingFixture({ currentReadAt: '2004-01-07T10:00:00+10:00', currentRead: 'jan' }),
        readingFixture({ currentReadAt: '2004-07-07T10:00:00+10:00', currentRead: 'jul' }),
      ],
      (t) => (t.sort = 'desc'),
    );
    const order = () => deepQueryAll(element, '[data-testid="cell-current-read"]').map(text);
    expect(order()).toEqual(['jan', 'jul']);
    expect(deepQuery(element, 'th[aria-sort]').getAttribute('aria-sort')).toBe('descending');
    const asked: SortDirection[] = [];
    element.addEventListener('sort-change', (event) => asked.push((event as CustomEvent<SortDirection>).detail));
    (deepQuery(element, '[data-testid="sort-by-date"]') as HTMLButtonElement).click();
    expect(asked).toEqual(['asc']);
    expect(order()).toEqual(['jan', 'jul']);
  });

  it('has no sort button without a sort', async () => {
    const element = await table();
    expect(deepQueryAll(element, '[data-testid="sort-by-date"]')).toHaveLength(0);
  });

  it('asks for the versions of a corrected read', async () => {
    const reading = readingFixture({ corrected: true });
    const element = await table([reading], (t) => (t.history = true));
    const asked: unknown[] = [];
    element.addEventListener('reading-history', (event) => asked.push((event as CustomEvent).detail));
    (deepQuery(element, '[data-testid="history-button"]') as HTMLButtonElement).click();
    expect(asked).toEqual([reading]);
  });
});
