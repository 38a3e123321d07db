import { describe, expect, it } from 'vitest';
import { EMPTY_SEARCH, FIRST_READINGS, href, parseRoute, routeTitle } from './router.js';

describe('parseRoute', () => {
  it('opens on the search page', () => {
    expect(parseRoute('')).toEqual({ name: 'search', params: EMPTY_SEARCH });
    expect(parseRoute('#')).toEqual({ name: 'search', params: EMPTY_SEARCH });
    expect(parseRoute('#/')).toEqual({ name: 'search', params: EMPTY_SEARCH });
    expect(parseRoute('#/search')).toEqual({ name: 'search', params: EMPTY_SEARCH });
  });

  it('reads a search from the hash', () => {
    expect(parseRoute('#/search?q=5787326565&by=nmi&prefix=1&from=2004-01-01&to=2004-03-31&superseded=1')).toEqual({
      name: 'search',
      params: {
        ...EMPTY_SEARCH,
        q: '5787326565',
        kind: 'nmi',
        prefix: true,
        from: '2004-01-01',
        to: '2004-03-31',
        superseded: true,
      },
    });
    expect(parseRoute('#/search?q=%20PSM%20&by=other&from=yesterday')).toEqual({
      name: 'search',
      params: { ...EMPTY_SEARCH, q: 'PSM' },
    });
  });

  it('keeps the order and the page of a search, with the cursor that opens it', () => {
    const params = { ...EMPTY_SEARCH, q: 'NEM1318142', order: 'asc' as const, page: 3, after: 'WyJhc2MiXQ' };
    expect(href.search(params)).toBe('#/search?q=NEM1318142&order=asc&page=3&after=WyJhc2MiXQ');
    expect(parseRoute(href.search(params))).toEqual({ name: 'search', params });
    // A page without its cursor, or a nonsense page, starts over.
    expect(parseRoute('#/search?q=x&page=3')).toEqual({ name: 'search', params: { ...EMPTY_SEARCH, q: 'x' } });
    expect(parseRoute('#/search?q=x&page=-1&after=c')).toEqual({ name: 'search', params: { ...EMPTY_SEARCH, q: 'x' } });
    expect(href.search({ q: 'x', page: 1, after: 'c' })).toBe('#/search?q=x');
  });

  it('names meter points, meters, files and admin', () => {
    const view = FIRST_READINGS;
    expect(parseRoute('#/nmi/5787326565')).toEqual({ name: 'nmi', nmi: '5787326565', view });
    expect(parseRoute('#/nmi/nem1318142')).toEqual({ name: 'nmi', nmi: 'NEM1318142', view });
    expect(parseRoute('#/meter/PSM%2F1')).toEqual({ name: 'meter', serial: 'PSM/1', view });
    expect(parseRoute('#/files')).toEqual({ name: 'files', params: { search: '', status: '' } });
    expect(parseRoute('#/files?search=NEM13&status=rejected')).toEqual({
      name: 'files',
      params: { search: 'NEM13', status: 'rejected' },
    });
    expect(parseRoute('#/files?status=lost')).toEqual({ name: 'files', params: { search: '', status: '' } });
    expect(parseRoute('#/files/NEM13%23001.csv')).toEqual({ name: 'file', id: 'NEM13#001.csv' });
    expect(parseRoute('#/admin')).toEqual({ name: 'admin' });
  });

  it('answers not-found for anything else', () => {
    expect(parseRoute('#/nope')).toEqual({ name: 'not-found', path: '/nope' });
    expect(parseRoute('#/nmi')).toEqual({ name: 'not-found', path: '/nmi' });
    expect(parseRoute('#/nmi/1/2')).toEqual({ name: 'not-found', path: '/nmi/1/2' });
    expect(parseRoute('#main')).toEqual({ name: 'not-found', path: '/main' });
  });

  it('keeps a malformed escape as it is', () => {
    expect(parseRoute('#/meter/%E0%A4%A')).toEqual({ name: 'meter', serial: '%E0%A4%A', view: FIRST_READINGS });
  });
});

describe('href', () => {
  it('builds hashes that parse back to the same route', () => {
    const params = { ...EMPTY_SEARCH, q: 'PSM', kind: 'serial' as const, prefix: true, from: '2004-01-01' };
    expect(href.search(params)).toBe('#/search?q=PSM&by=serial&prefix=1&from=2004-01-01');
    expect(parseRoute(href.search(params))).toEqual({ name: 'search', params });
    expect(href.search()).toBe('#/search');
    expect(parseRoute(href.nmi('57873265 5'))).toEqual({ name: 'nmi', nmi: '57873265 5', view: FIRST_READINGS });
    expect(parseRoute(href.meter('A/B?C#D'))).toEqual({ name: 'meter', serial: 'A/B?C#D', view: FIRST_READINGS });
    const later = { order: 'asc' as const, page: 2, after: 'c1', superseded: true, asOf: '' };
    expect(href.nmi('NEM1318142', later)).toBe('#/nmi/NEM1318142?superseded=1&order=asc&page=2&after=c1');
    expect(parseRoute(href.meter('18143', later))).toEqual({ name: 'meter', serial: '18143', view: later });
    expect(parseRoute(href.file('a&b=c.csv'))).toEqual({ name: 'file', id: 'a&b=c.csv' });
    // "As of" a day or a minute stays in the address; anything else is dropped, not passed on.
    const asOf = { ...FIRST_READINGS, asOf: '2005-03-03T09:30' };
    expect(href.nmi('NEM1318142', asOf)).toBe('#/nmi/NEM1318142?asOf=2005-03-03T09%3A30');
    expect(parseRoute(href.nmi('NEM1318142', asOf))).toEqual({ name: 'nmi', nmi: 'NEM1318142', view: asOf });
    expect(parseRoute('#/search?q=X&asOf=2005-03-03')).toMatchObject({ params: { q: 'X', asOf: '2005-03-03' } });
    expect(parseRoute('#/search?q=X&asOf=yesterday')).toMatchObject({ params: { q: 'X', asOf: '' } });
    expect(href.files({ status: 'imported' })).toBe('#/files?status=imported');
  });
});

describe('routeTitle', () => {
  it('titles each page', () => {
    expect(routeTitle(parseRoute('#/nmi/123'))).toBe('NMI 123');
    expect(routeTitle(parseRoute(`#/files/${'f'.repeat(64)}`))).toBe('File ffffffffffff');
    expect(routeTitle(parseRoute('#/search?q=1'))).toBe('Search: 1');
  });
});
