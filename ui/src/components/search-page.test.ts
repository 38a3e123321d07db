// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deepQuery, deepQueryAll, mount, text, until, useFetch } from './component.fixtures.js';
import { fakeFetch, readingFixture, problem } from '../api/api.fixtures.js';
import { EMPTY_SEARCH, type SearchParams } from '../router.js';
import { NemSearchPage, validateSearch } from './search-page.js';

function page(params: Partial<SearchParams>) {
  const element = new NemSearchPage();
  element.params = { ...EMPTY_SEARCH, ...params };
  return mount(element);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('validateSearch', () => {
  it('says what is wrong with a search', () => {
    expect(validateSearch({ ...EMPTY_SEARCH, q: '5787326565' })).toBeNull();
    expect(validateSearch(EMPTY_SEARCH)).toBe('Enter a NMI or a meter serial.');
    expect(validateSearch({ ...EMPTY_SEARCH, q: '12345678901', kind: 'nmi' })).toMatch(/at most 10/);
    expect(validateSearch({ ...EMPTY_SEARCH, q: '1234567890123' })).toMatch(/at most 12/);
    expect(validateSearch({ ...EMPTY_SEARCH, q: '1', from: '2004-02-01', to: '2004-01-01' })).toMatch(/after/);
  });
});

describe('nem-search-page', () => {
  it('invites a search when there is none', async () => {
    const element = await page({});
    expect(text(deepQuery(element, '[data-testid="search-idle"]'))).toContain('Enter a NMI or a meter serial');
    expect(deepQuery(element, 'label[for="q"]')).toBeTruthy();
  });

  it('tries the NMI, then the serial, and shows the rows', async () => {
    const fake = fakeFetch({
      'GET /api/readings': (request) =>
        request.url.searchParams.has('nmi')
          ? { body: { items: [], nextCursor: null } }
          : { body: { items: [readingFixture()], nextCursor: null } },
    });
    useFetch(fake.fetch);
    const element = await page({ q: 'PSMIL89KM79J', from: '2004-01-01' });
    await until(() => expect(deepQueryAll(element, '[data-testid="reading-row"]')).toHaveLength(1));
    expect(text(deepQuery(element, '[data-testid="search-summary"]'))).toBe(
      'Readings of meter serial PSMIL89KM79J, read on or after 2004-01-01: 1 reading on page 1',
    );
    // 'PSMIL89KM79J' has 12 characters: no NMI has that many, so only the serial is asked.
    expect(fake.requests.map((r) => r.url.search)).toEqual(['?serial=PSMIL89KM79J&from=2004-01-01&limit=50']);
  });

  it('asks the NMI first for a short query and stops when it matches', async () => {
    const fake = fakeFetch({
      'GET /api/readings': () => ({ body: { items: [readingFixture()], nextCursor: 'next-1' } }),
    });
    useFetch(fake.fetch);
    const element = await page({ q: '5787', prefix: true });
    await until(() => expect(deepQueryAll(element, '[data-testid="reading-row"]')).toHaveLength(1));
    expect(fake.requests.map((r) => r.url.search)).toEqual(['?nmi=5787&limit=50&prefix=true']);
    (deepQuery(element, '[data-testid="next-page"]') as HTMLButtonElement).click();
    await until(() => expect(fake.requests).toHaveLength(2));
    expect(fake.requests[1]?.url.search).toBe('?nmi=5787&limit=50&prefix=true&cursor=next-1');
    await until(() => expect(text(deepQuery(element, '[data-testid="page-number"]'))).toBe('Page 2'));
  });

  it('says so when nothing matches', async () => {
    useFetch(fakeFetch({ 'GET /api/readings': () => ({ body: { items: [], nextCursor: null } }) }).fetch);
    const element = await page({ q: '0000000000' });
    const empty = await until(() => deepQuery(element, '[data-testid="search-empty"]'));
    expect(text(empty)).toContain('No readings found.');
  });

  it('shows an error the API gave', async () => {
    useFetch(
      fakeFetch({
        'GET /api/readings': () => ({ status: 400, body: problem(400, 'BAD_CURSOR', 'the cursor is not one') }),
      }).fetch,
    );
    const element = await page({ q: '5787326565', kind: 'nmi' });
    const failed = await until(() => deepQuery(element, '[data-testid="search-failed"]'));
    expect(text(failed)).toBe('The search failed: the cursor is not one');
    expect(failed.getAttribute('role')).toBe('alert');
  });

  it('refuses a bad form without asking the API', async () => {
    const fake = fakeFetch({});
    useFetch(fake.fetch);
    const element = await page({});
    (deepQuery(element, '[data-testid="search-input"]') as HTMLInputElement).value = '1234567890123';
    (deepQuery(element, '[data-testid="search-form"]') as HTMLFormElement).requestSubmit();
    await element.updateComplete;
    expect(text(deepQuery(element, '[data-testid="search-error"]'))).toMatch(/at most 12 characters/);
    expect(fake.requests).toHaveLength(0);
  });

  it('puts a submitted search in the location hash', async () => {
    const element = await page({});
    (deepQuery(element, '[data-testid="search-input"]') as HTMLInputElement).value = ' 5787326565 ';
    (deepQuery(element, '[data-testid="search-prefix"]') as HTMLInputElement).checked = true;
    (deepQuery(element, '[data-testid="search-to"]') as HTMLInputElement).value = '2004-03-31';
    (deepQuery(element, '[data-testid="search-form"]') as HTMLFormElement).requestSubmit();
    expect(window.location.hash).toBe('#/search?q=5787326565&prefix=1&to=2004-03-31');
  });

  it('exports every page of the results as CSV', async () => {
    const fake = fakeFetch({
      'GET /api/readings': (request) => {
        const cursor = request.url.searchParams.get('cursor');
        if (request.url.searchParams.get('limit') === '50')
          return { body: { items: [readingFixture()], nextCursor: 'p2' } };
        return cursor === null
          ? { body: { items: [readingFixture({ quantity: '-1.0' })], nextCursor: 'e2' } }
          : { body: { items: [readingFixture({ fileName: '=evil()' })], nextCursor: null } };
      },
    });
    useFetch(fake.fetch);
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:nem/1';
    });
    const clicks = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const element = await page({ q: '5787326565', kind: 'nmi' });
    const button = await until(() => deepQuery(element, '[data-testid="export-csv"]') as HTMLButtonElement);
    button.click();
    await until(() =>
      expect(text(deepQuery(element, '[data-testid="export-status"]'))).toMatch(/^Exported 2 readings/),
    );
    expect(clicks).toHaveBeenCalledOnce();
    const csv = await blobs[0]!.text();
    const lines = csv.split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(',-1.0,kWh,');
    expect(lines[2]).toContain(",'=evil(),");
    expect(fake.requests.slice(1).map((r) => r.url.searchParams.get('limit'))).toEqual(['500', '500']);
  });
});
