// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deepQuery, deepQueryAll, mount, text, until, useFetch } from './component.fixtures.js';
import { fakeFetch, intervalChannelFixture, readingFixture, readingPageFixture, problem } from '../api/api.fixtures.js';
import { EMPTY_SEARCH, parseRoute, type SearchParams } from '../router.js';
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
    expect(validateSearch({ ...EMPTY_SEARCH, q: '57873265651', kind: 'nmi' })).toBe(
      'The checksum digit of 57873265651 is wrong: for NMI 5787326565 it is 8 (a typing error?)',
    );
    expect(validateSearch({ ...EMPTY_SEARCH, q: '5787 3265 658', kind: 'nmi' })).toBeNull();
    expect(validateSearch({ ...EMPTY_SEARCH, q: '5787 3265 658' })).toBeNull();
    expect(validateSearch({ ...EMPTY_SEARCH, q: '1234567890123' })).toMatch(/^A meter serial has at most 12/);
    expect(validateSearch({ ...EMPTY_SEARCH, q: '1', from: '2004-02-01', to: '2004-01-01' })).toBe(
      'The "From" date (2004-02-01) is after the "To" date (2004-01-01).',
    );
  });
});

describe('nem-search-page', () => {
  it('asks as of a moment and says so over the answer, with a way back to now', async () => {
    const fake = fakeFetch({
      'GET /api/readings': (request) => ({
        body: readingPageFixture([readingFixture()], {
          asOf: '2005-03-03T09:30:00+10:00',
          matched: {
            by: 'nmi',
            typed: request.url.searchParams.get('nmi') ?? '',
            value: '2291137510',
            note: null,
            known: true,
          },
        }),
      }),
    });
    useFetch(fake.fetch);
    const element = await page({ q: '2291137510', kind: 'nmi', asOf: '2005-03-03T09:30' });
    await until(() => expect(deepQueryAll(element, '[data-testid="reading-row"]')).toHaveLength(1));
    expect(fake.requests[0]?.url.searchParams.get('asOf')).toBe('2005-03-03T09:30');
    expect(text(deepQuery(element, '[data-testid="as-of-banner"]'))).toMatch(/^As known on 2005-03-03 09:30 \+10:00: /);
    expect(deepQuery(element, '[data-testid="as-of-now"]').getAttribute('href')).toBe('#/search?q=2291137510&by=nmi');
    expect((deepQuery(element, '[data-testid="search-as-of"]') as HTMLInputElement).value).toBe('2005-03-03T09:30');
  });

  it('invites a search when there is none', async () => {
    const element = await page({});
    expect(text(deepQuery(element, '[data-testid="search-idle"]'))).toContain('Enter a NMI or a meter serial');
    expect(deepQuery(element, 'label[for="q"]')).toBeTruthy();
  });

  it('tries the NMI, then the serial, and shows the rows', async () => {
    const fake = fakeFetch({
      'GET /api/readings': (request) =>
        request.url.searchParams.has('nmi')
          ? { body: readingPageFixture([]) }
          : {
              body: readingPageFixture([readingFixture()], {
                matched: { by: 'serial', typed: 'psmil89km79j', value: 'psmil89km79j', note: null, known: true },
              }),
            },
    });
    useFetch(fake.fetch);
    const element = await page({ q: 'psmil89km79j', from: '2004-01-01' });
    await until(() => expect(deepQueryAll(element, '[data-testid="reading-row"]')).toHaveLength(1));
    expect(text(deepQuery(element, '[data-testid="search-summary"]'))).toBe(
      'Readings of meter serial psmil89km79j, read on or after 2004-01-01: 1 reading, page 1 of 1, newest first',
    );
    // 'psmil89km79j' has 12 characters: no NMI has that many, so only the serial is asked.
    expect(fake.requests.map((r) => r.url.search)).toEqual([
      '?serial=psmil89km79j&from=2004-01-01&order=desc&limit=50',
    ]);
  });

  it('asks the NMI first for a short query, and keeps the page and its cursor in the hash', async () => {
    const fake = fakeFetch({
      'GET /api/readings': (request) => ({
        body: readingPageFixture([readingFixture()], {
          nextCursor: request.url.searchParams.has('cursor') ? null : 'next-1',
          total: { count: 77, capped: false },
        }),
      }),
    });
    useFetch(fake.fetch);
    const element = await page({ q: '5787', prefix: true });
    await until(() => expect(deepQueryAll(element, '[data-testid="reading-row"]')).toHaveLength(1));
    expect(fake.requests.map((r) => r.url.search)).toEqual(['?nmi=5787&order=desc&limit=50&prefix=true']);
    expect(text(deepQuery(element, '[data-testid="search-count"]'))).toBe('77 readings, page 1 of 2, newest first');
    (deepQuery(element, '[data-testid="next-page"]') as HTMLButtonElement).click();
    expect(window.location.hash).toBe('#/search?q=5787&by=nmi&prefix=1&page=2&after=next-1');
    // The app shell hands the hash's search to the page; a reload does the same.
    element.params = (parseRoute(window.location.hash) as { params: SearchParams }).params;
    await until(() => expect(fake.requests).toHaveLength(2));
    expect(fake.requests[1]?.url.search).toBe('?nmi=5787&order=desc&limit=50&prefix=true&cursor=next-1');
    await until(() => expect(text(deepQuery(element, '[data-testid="page-number"]'))).toBe('Page 2 of 2'));
    // Focus follows the person's own paging to the summary of the results.
    await until(() => expect(element.shadowRoot?.activeElement?.id).toBe('results-summary'));
    (deepQuery(element, '[data-testid="prev-page"]') as HTMLButtonElement).click();
    expect(window.location.hash).toBe('#/search?q=5787&by=nmi&prefix=1');
  });

  it('sorts on the server: the other order is a new search, kept in the hash', async () => {
    const fake = fakeFetch({ 'GET /api/readings': () => ({ body: readingPageFixture([readingFixture()]) }) });
    useFetch(fake.fetch);
    const element = await page({ q: '5787326565' });
    const sort = await until(() => deepQuery(element, '[data-testid="sort-by-date"]') as HTMLButtonElement);
    sort.click();
    expect(window.location.hash).toBe('#/search?q=5787326565&by=nmi&order=asc');
    element.params = (parseRoute(window.location.hash) as { params: SearchParams }).params;
    await until(() => expect(fake.requests.at(-1)?.url.searchParams.get('order')).toBe('asc'));
    await until(() => expect(text(deepQuery(element, '[data-testid="search-count"]'))).toMatch(/oldest first$/));
  });

  it('says what was matched, as the service read it', async () => {
    useFetch(
      fakeFetch({
        'GET /api/readings': () => ({
          body: readingPageFixture([readingFixture()], {
            total: { count: 10000, capped: true },
            matched: {
              by: 'nmi',
              typed: '5787 3265 658',
              value: '5787326565',
              note: 'checksum digit 8 checked and removed, spaces removed',
              known: true,
            },
          }),
        }),
      }).fetch,
    );
    const element = await page({ q: '5787 3265 658' });
    await until(() =>
      expect(text(deepQuery(element, '[data-testid="search-matched"]'))).toBe(
        'Readings of NMI 5787326565 (checksum digit 8 checked and removed, spaces removed)',
      ),
    );
    expect(text(deepQuery(element, '[data-testid="search-count"]'))).toBe(
      'More than 10,000 readings, page 1, newest first',
    );
  });

  it('says a NMI exists but has no reads in the range, rather than that nothing matched', async () => {
    const fake = fakeFetch({
      'GET /api/readings': () => ({
        body: readingPageFixture([], {
          matched: { by: 'nmi', typed: '5787326565', value: '5787326565', note: null, known: true },
        }),
      }),
    });
    useFetch(fake.fetch);
    const element = await page({ q: '5787326565', from: '2030-01-01', to: '2030-12-31' });
    const empty = await until(() => deepQuery(element, '[data-testid="search-empty"]'));
    expect(text(empty)).toContain('The NMI 5787326565 exists, but has no reads from 2030-01-01 to 2030-12-31.');
    expect(text(empty)).not.toMatch(/Neither/);
    // A known NMI answers for itself: the serial is not asked.
    expect(fake.requests).toHaveLength(1);
  });

  it('says so when neither a NMI nor a serial matches', async () => {
    useFetch(fakeFetch({ 'GET /api/readings': () => ({ body: readingPageFixture([]) }) }).fetch);
    const element = await page({ q: '0000000000' });
    const empty = await until(() => deepQuery(element, '[data-testid="search-empty"]'));
    expect(text(empty)).toContain('No readings found');
    expect(text(empty)).toContain('Neither a NMI nor a meter serial matched "0000000000".');
  });

  it('points to the interval data of a NMI that has no register reads', async () => {
    const { fetch, requests } = fakeFetch({
      'GET /api/readings': (request) => ({
        body: readingPageFixture([], {
          matched: {
            by: request.url.searchParams.has('nmi') ? 'nmi' : 'serial',
            typed: 'nem1208151',
            value: request.url.searchParams.has('nmi') ? 'NEM1208151' : 'nem1208151',
            note: null,
            known: false,
          },
        }),
      }),
      'GET /api/interval-channels': (request) => ({
        body: { items: request.url.searchParams.get('nmi') === 'NEM1208151' ? [intervalChannelFixture()] : [] },
      }),
    });
    useFetch(fetch);
    const element = await page({ q: 'nem1208151' });
    await until(() =>
      expect(text(deepQuery(element, '[data-testid="search-empty-message"]'))).toBe(
        'NMI NEM1208151 has no register reads, but has interval data (NEM12): 1 channel.',
      ),
    );
    expect(deepQuery(element, '[data-testid="search-interval-link"]').getAttribute('href')).toBe('#/nmi/NEM1208151');
    // Found as a NMI: not asked again as a serial.
    expect(requests.filter((r) => r.url.pathname === '/api/readings')).toHaveLength(1);
  });

  it('says when no NMI starts with a prefix in the range, and that a wrong checksum digit is likely', async () => {
    useFetch(
      fakeFetch({
        'GET /api/readings': (request) => ({
          body: readingPageFixture([], {
            matched: {
              by: request.url.searchParams.has('nmi') ? 'nmi' : 'serial',
              typed: '5787',
              value: '5787',
              note: null,
              known: false,
            },
          }),
        }),
      }).fetch,
    );
    const prefixed = await page({ q: '5787', kind: 'nmi', prefix: true, from: '2030-01-01' });
    await until(() =>
      expect(text(deepQuery(prefixed, '[data-testid="search-empty-message"]'))).toBe(
        'No NMIs starting with 5787 have readings on or after 2030-01-01.',
      ),
    );
    document.body.replaceChildren();
    const typo = await page({ q: '57873265651' });
    const empty = await until(() => deepQuery(typo, '[data-testid="search-empty"]'));
    expect(text(empty)).toContain(
      'The checksum digit of 57873265651 is wrong: for NMI 5787326565 it is 8 (a typing error?).',
    );
  });

  it('clears the results under a form error', async () => {
    useFetch(fakeFetch({ 'GET /api/readings': () => ({ body: readingPageFixture([readingFixture()]) }) }).fetch);
    const element = await page({ q: '5787326565' });
    await until(() => expect(deepQueryAll(element, '[data-testid="reading-row"]')).toHaveLength(1));
    (deepQuery(element, '[data-testid="search-from"]') as HTMLInputElement).value = '2004-02-01';
    (deepQuery(element, '[data-testid="search-to"]') as HTMLInputElement).value = '2004-01-01';
    (deepQuery(element, '[data-testid="search-form"]') as HTMLFormElement).requestSubmit();
    await element.updateComplete;
    expect(text(deepQuery(element, '[data-testid="search-error"]'))).toMatch(/^The "From" date/);
    expect(deepQueryAll(element, '[data-testid="reading-row"]')).toHaveLength(0);
    expect(deepQueryAll(element, '[data-testid="search-summary"]')).toHaveLength(0);
  });

  it('shows an error the API gave', async () => {
    useFetch(
      fakeFetch({
        'GET /api/readings': () => ({ status: 400, body: problem(400, 'BAD_CURSOR', 'the cursor is not one') }),
      }).fetch,
    );
    const element = await page({ q: '5787326565', kind: 'nmi', page: 3, after: 'forged' });
    const failed = await until(() => deepQuery(element, '[data-testid="search-failed"]'));
    expect(text(failed)).toBe('The search failed The cursor is not one Go to the first page');
    expect(failed.getAttribute('role')).toBe('alert');
    expect(deepQuery(failed, '[data-testid="first-page"]').getAttribute('href')).toBe('#/search?q=5787326565&by=nmi');
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
          return { body: readingPageFixture([readingFixture()], { nextCursor: 'p2' }) };
        return cursor === null
          ? { body: readingPageFixture([readingFixture({ quantity: '-1.0' })], { nextCursor: 'e2' }) }
          : { body: readingPageFixture([readingFixture({ fileName: '=evil()' })]) };
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
