// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { deepQuery, deepQueryAll, mount, text, until, useFetch } from './component.fixtures.js';
import { fakeFetch, fileSummaryFixture, sessionFixture } from '../api/api.fixtures.js';
import { EMPTY_FILES } from '../router.js';
import { NemFilesPage } from './files-page.js';

describe('nem-files-page', () => {
  it('lists files with status, counts and received time, and filters through the hash', async () => {
    const fake = fakeFetch({
      'GET /api/files': () => ({
        body: {
          items: [fileSummaryFixture(), fileSummaryFixture({ fileName: 'bad.csv', status: 'rejected', errorCount: 3 })],
          nextCursor: null,
        },
      }),
    });
    useFetch(fake.fetch);
    const element = new NemFilesPage();
    element.params = { search: 'NEM', status: '' };
    element.user = sessionFixture('viewer').user;
    await mount(element);
    const rows = await until(() => {
      const found = deepQueryAll(element, '[data-testid="file-row"]');
      expect(found).toHaveLength(2);
      return found;
    });
    expect(fake.requests[0]?.url.search).toBe('?search=NEM&limit=50');
    expect(text(deepQuery(rows[0]!, '[data-testid="file-status"]'))).toBe('Imported');
    expect(text(deepQuery(rows[0]!, 'td.when'))).toBe('2024-05-01 09:00:00 +10:00');
    expect(rows[1]?.getAttribute('data-status')).toBe('rejected');
    expect(text(deepQuery(rows[1]!, '[data-testid="file-errors-count"]'))).toBe('3');
    expect(deepQuery(rows[0]!, '[data-testid="file-link"]').getAttribute('href')).toBe(`#/files/${'b'.repeat(64)}`);
    // A viewer cannot upload.
    expect(deepQueryAll(element, '[data-testid="upload-panel"]')).toHaveLength(0);

    const status = deepQuery(element, '[data-testid="files-status"]') as HTMLSelectElement;
    status.value = 'rejected';
    status.dispatchEvent(new Event('change'));
    expect(window.location.hash).toBe('#/files?search=NEM&status=rejected');
  });

  it('offers the upload panel to an admin and says when there is nothing', async () => {
    useFetch(fakeFetch({ 'GET /api/files': () => ({ body: { items: [], nextCursor: null } }) }).fetch);
    const element = new NemFilesPage();
    element.params = EMPTY_FILES;
    element.user = sessionFixture('admin').user;
    await mount(element);
    await until(() => deepQuery(element, '[data-testid="files-empty"]'));
    expect(deepQuery(element, '[data-testid="upload-input"]')).toBeTruthy();
  });

  it('shows sizes in kB, counts with separators, names that break after separators, and labels cells for cards', async () => {
    useFetch(
      fakeFetch({
        'GET /api/files': () => ({
          body: {
            items: [fileSummaryFixture({ fileName: 'NEM13#0001#MDP#RET.csv', size: 12_345, registerReads: 12_345 })],
            nextCursor: null,
          },
        }),
      }).fetch,
    );
    const element = new NemFilesPage();
    element.params = EMPTY_FILES;
    await mount(element);
    const row = await until(() => deepQuery(element, '[data-testid="file-row"]'));
    expect(text(deepQuery(row, '[data-testid="file-size"]'))).toBe('12.3 kB');
    expect(text(deepQuery(row, '[data-testid="file-reads"]'))).toBe('12,345');
    const link = deepQuery(row, '[data-testid="file-link"]');
    expect(text(link)).toBe('NEM13#0001#MDP#RET.csv');
    expect(link.querySelectorAll('wbr')).toHaveLength(4);
    expect(deepQuery(element, 'table').classList.contains('cards')).toBe(true);
    expect([...row.querySelectorAll('td')].map((cell) => cell.getAttribute('data-label'))).toEqual([
      'File',
      'Status',
      'Received',
      'Reads',
      'Errors',
      'Warnings',
      'From → to',
      'Channel',
      'Size',
    ]);
  });

  it('counts a NEM12 file by its interval days, not as 0 reads', async () => {
    useFetch(
      fakeFetch({
        'GET /api/files': () => ({
          body: {
            items: [
              fileSummaryFixture({ fileName: 'NEM12#1.csv', format: 'NEM12', registerReads: 0, intervalDays: 7 }),
            ],
            nextCursor: null,
          },
        }),
      }).fetch,
    );
    const element = new NemFilesPage();
    element.params = EMPTY_FILES;
    await mount(element);
    const row = await until(() => deepQuery(element, '[data-testid="file-row"]'));
    expect(text(deepQuery(row, '[data-testid="file-interval-days"]'))).toBe('7 days');
    expect(row.querySelectorAll('[data-testid="file-reads"]')).toHaveLength(0);
  });

  it('offers Retry when the server could not be reached', async () => {
    let up = false;
    const fake = fakeFetch({ 'GET /api/files': () => ({ body: { items: [fileSummaryFixture()], nextCursor: null } }) });
    useFetch(async (input, init) => {
      if (!up) throw new TypeError('Failed to fetch');
      return fake.fetch(input, init);
    });
    const element = new NemFilesPage();
    element.params = EMPTY_FILES;
    await mount(element);
    const error = await until(() => deepQuery(element, '[data-testid="load-error"]'));
    expect(text(error)).toContain('Could not load the files: the server could not be reached');
    up = true;
    (deepQuery(error, '[data-testid="retry"]') as HTMLButtonElement).click();
    await until(() => deepQuery(element, '[data-testid="file-row"]'));
  });
});
