// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { deepQuery, deepQueryAll, mount, text } from './component.fixtures.js';
import { readingFixture } from '../api/api.fixtures.js';
import { NemReadingsTable } from './readings-table.js';

function table(readings = [readingFixture()]) {
  const element = new NemReadingsTable();
  element.readings = readings;
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
    expect(cell('quality')).toBe('A');
    expect(deepQuery(row, '[data-testid="quality"]').getAttribute('title')).toBe('Actual reading');
    const file = deepQuery(row, '[data-testid="cell-file"] a');
    expect(text(file)).toBe('NEM13_000000000000011_CNRGYMDP_NEMMCO.csv');
    expect(file.getAttribute('href')).toBe(`#/files/${'a'.repeat(64)}`);
    expect(deepQuery(row, '[data-testid="cell-nmi"] a').getAttribute('href')).toBe('#/nmi/5787326565');
    expect(deepQueryAll(row, '[data-testid="superseded-marker"]')).toHaveLength(0);
  });

  it('marks superseded versions', async () => {
    const element = await table([readingFixture({ superseded: true })]);
    const row = deepQuery(element, '[data-testid="reading-row"]');
    expect(row.getAttribute('data-superseded')).toBe('true');
    expect(text(deepQuery(row, '[data-testid="superseded-marker"]'))).toBe('superseded');
  });

  it('sorts by current read date, newest first, and reverses on request', async () => {
    const element = await table([
      readingFixture({ currentReadAt: '2004-01-07T10:00:00+10:00', currentRead: 'jan' }),
      readingFixture({ currentReadAt: '2004-07-07T10:00:00+10:00', currentRead: 'jul' }),
      readingFixture({ currentReadAt: '2004-04-07T10:00:00+10:00', currentRead: 'apr' }),
    ]);
    const order = () => deepQueryAll(element, '[data-testid="cell-current-read"]').map(text);
    expect(order()).toEqual(['jul', 'apr', 'jan']);
    (deepQuery(element, '[data-testid="sort-by-date"]') as HTMLButtonElement).click();
    await element.updateComplete;
    expect(order()).toEqual(['jan', 'apr', 'jul']);
    expect(deepQuery(element, 'th[aria-sort]').getAttribute('aria-sort')).toBe('ascending');
  });

  it('asks for the versions of a read', async () => {
    const element = new NemReadingsTable();
    element.readings = [readingFixture()];
    element.history = true;
    await mount(element);
    const asked: unknown[] = [];
    element.addEventListener('reading-history', (event) => asked.push((event as CustomEvent).detail));
    (deepQuery(element, '[data-testid="history-button"]') as HTMLButtonElement).click();
    expect(asked).toEqual([readingFixture()]);
  });
});
