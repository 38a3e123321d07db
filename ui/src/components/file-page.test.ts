// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { deepQuery, deepQueryAll, mount, text, until, useFetch } from './component.fixtures.js';
import { fakeFetch, fileDetailFixture, readingFixture, sessionFixture } from '../api/api.fixtures.js';
import type { Problem } from '../api/types.js';
import { NemFilePage, problemLines } from './file-page.js';

const problem = (line: number, code: Problem['code'], severity: 'error' | 'warning'): Problem => ({
  line,
  record: '250',
  field: 'Quantity',
  code,
  severity,
  message: `problem on line ${line}`,
});

const rejected = fileDetailFixture({
  fileId: 'd'.repeat(64),
  fileName: 'bad.csv',
  status: 'rejected',
  errorCount: 2,
  warningCount: 1,
  errors: [problem(4, 'NEM13_BAD_NUMBER', 'error'), problem(9, 'NEM13_BAD_DATE', 'error')],
  warnings: [problem(5, 'NEM13_METHOD_MISSING', 'warning')],
});

function page(role: 'admin' | 'viewer', fake: ReturnType<typeof fakeFetch>) {
  useFetch(fake.fetch);
  const element = new NemFilePage();
  element.fileId = 'bad.csv';
  element.user = sessionFixture(role).user;
  return mount(element);
}

describe('nem-file-page', () => {
  it('lists the errors and warnings by line', async () => {
    const fake = fakeFetch({ 'GET /api/files/bad.csv': () => ({ body: rejected }) });
    const element = await page('viewer', fake);
    const errors = await until(() => {
      const rows = deepQueryAll(element, '[data-testid="file-error"]');
      expect(rows).toHaveLength(2);
      return rows;
    });
    expect(errors.map((row) => row.getAttribute('data-line'))).toEqual(['4', '9']);
    expect(text(deepQuery(errors[0]!, '[data-testid="problem-line"]'))).toBe('4');
    expect(text(errors[1]!)).toContain('NEM13_BAD_DATE');
    expect(deepQueryAll(element, '[data-testid="file-warning"]')).toHaveLength(1);
    expect(text(deepQuery(element, '[data-testid="file-title"]'))).toBe('bad.csv');
    // A viewer cannot replay.
    expect(deepQueryAll(element, '[data-testid="replay-button"]')).toHaveLength(0);
  });

  it('tells a NEM12 file by its format, with its interval days and the NMIs it brought days for', async () => {
    const nem12 = fileDetailFixture({
      fileName: 'bad.csv',
      format: 'NEM12',
      registerReads: 0,
      intervalDays: 7,
      nmis: [{ nmi: 'NEM1209171', readings: 7 }],
    });
    const element = await page('viewer', fakeFetch({ 'GET /api/files/bad.csv': () => ({ body: nem12 }) }));
    await until(() => expect(text(deepQuery(element, '[data-testid="file-format"]'))).toBe('NEM12 (interval data)'));
    expect(text(deepQuery(element, '[data-testid="file-interval-days"]'))).toBe('7');
    expect(deepQueryAll(element, '[data-testid="file-reads"]')).toHaveLength(0);
    expect(text(deepQuery(element, '[data-testid="file-nmis"]'))).toContain('NEM1209171 7 interval days');
    expect(deepQueryAll(element, '[data-testid="file-readings"]')).toHaveLength(0);
  });

  it('lets an admin replay an imported file', async () => {
    const imported = fileDetailFixture({ fileId: 'd'.repeat(64), fileName: 'bad.csv', registerReads: 0 });
    const fake = fakeFetch({
      'GET /api/files/bad.csv': () => ({ body: imported }),
      [`POST /api/files/${'d'.repeat(64)}/replay`]: () => ({ body: { fileId: 'd'.repeat(64), replayed: true } }),
    });
    const element = await page('admin', fake);
    const replay = await until(() => deepQuery(element, '[data-testid="replay-button"]') as HTMLButtonElement);
    replay.click();
    await until(() =>
      expect(text(deepQuery(element, '[data-testid="replay-result"]'))).toBe('Replayed bad.csv into the read model.'),
    );
  });

  it('says when there is no such file', async () => {
    const element = await page('viewer', fakeFetch({}));
    await until(() => deepQuery(element, '[data-testid="not-found"]'));
  });

  it('offers no Replay for a rejected file, even to an admin', async () => {
    const element = await page('admin', fakeFetch({ 'GET /api/files/bad.csv': () => ({ body: rejected }) }));
    await until(() => expect(deepQueryAll(element, '[data-testid="file-error"]')).toHaveLength(2));
    expect(deepQueryAll(element, '[data-testid="replay-button"]')).toHaveLength(0);
    expect(text(deepQuery(element, '[data-testid="file-status"]'))).toBe('Rejected');
  });

  it('shows each error beside its line as sent, the bad field marked', async () => {
    const id = 'd'.repeat(64);
    const fake = fakeFetch({
      'GET /api/files/bad.csv': () => ({ body: rejected }),
      [`GET /api/files/${id}/lines`]: () => ({
        body: {
          lines: [
            {
              number: 4,
              text: '250,NMI1,8. 77,kWh',
              truncated: false,
              fieldNames: ['RecordIndicator', 'NMI', 'Quantity', 'UOM'],
            },
            {
              number: 5,
              text: '250,NMI1,5,kWh',
              truncated: false,
              fieldNames: ['RecordIndicator', 'NMI', 'Quantity', 'UOM'],
            },
            { number: 9, text: 'junk', truncated: false, fieldNames: null },
          ],
        },
      }),
    });
    const element = await page('viewer', fake);
    const first = await until(() => {
      const row = deepQuery(element, '[data-testid="file-error"][data-line="4"]');
      deepQuery(row, '[data-testid="source-line"]');
      return row;
    });
    expect(fake.requests.find((r) => r.url.pathname.endsWith('/lines'))?.url.searchParams.get('numbers')).toBe('4,5,9');
    const source = deepQuery(first, '[data-testid="source-line"]');
    expect(source.textContent.replace(/\s+/g, ' ')).toContain('250,NMI1,8. 77,kWh');
    const mark = deepQuery(source, '[data-testid="bad-field"]');
    expect(text(mark)).toBe('8. 77');
    expect(mark.getAttribute('title')).toBe('Quantity');
    // A line whose record is unknown is shown, with nothing marked.
    const unknown = deepQuery(element, '[data-testid="file-error"][data-line="9"]');
    expect(text(deepQuery(unknown, '[data-testid="source-line"]'))).toContain('junk');
    expect(deepQueryAll(unknown, '[data-testid="bad-field"]')).toHaveLength(0);
  });

  it('asks for the lines of the problems once each, leaving out the file as a whole, at most 100', () => {
    const many = Array.from({ length: 150 }, (_, i) => problem(150 - i, 'NEM13_BAD_DATE', 'error'));
    expect(
      problemLines([
        problem(0, 'NEM13_MISSING_900', 'error'),
        problem(7, 'NEM13_BAD_DATE', 'error'),
        problem(7, 'NEM13_BAD_NUMBER', 'error'),
      ]),
    ).toEqual([7]);
    expect(problemLines(many)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('links the NMIs and lists the readings the file brought, with the original to download and its SHA-256 to copy', async () => {
    const id = 'f'.repeat(64);
    const file = fileDetailFixture({
      fileId: id,
      fileName: 'NEM13#0001#MDP#RET.csv',
      size: 12_345,
      registerReads: 2,
      nmis: [
        { nmi: 'NEM1201009', readings: 1 },
        { nmi: 'NEM1201010', readings: 1_234 },
      ],
      moreNmis: true,
    });
    const fake = fakeFetch({
      'GET /api/files/good.csv': () => ({ body: file }),
      [`GET /api/files/${id}/readings`]: () => ({
        body: {
          items: [readingFixture({ fileId: id, line: 3 }), readingFixture({ fileId: id, line: 4, nmi: 'NEM1201010' })],
          nextCursor: null,
        },
      }),
    });
    useFetch(fake.fetch);
    const element = new NemFilePage();
    element.fileId = 'good.csv';
    await mount(element);
    const rows = await until(() => {
      const found = deepQueryAll(element, '[data-testid="reading-row"]');
      expect(found).toHaveLength(2);
      return found;
    });
    expect(rows.map((row) => text(deepQuery(row, '[data-testid="cell-nmi"]')))).toEqual(['5787326565', 'NEM1201010']);
    const nmis = deepQueryAll(element, '[data-testid="file-nmi"]');
    expect(nmis.map((a) => a.getAttribute('href'))).toEqual(['#/nmi/NEM1201009', '#/nmi/NEM1201010']);
    expect(text(deepQuery(element, '[data-testid="file-nmis"]'))).toContain('1,234 readings');
    deepQuery(element, '[data-testid="more-nmis"]');
    const download = deepQuery(element, '[data-testid="original-download"]');
    expect(download.getAttribute('href')).toMatch(new RegExp(`/api/files/${id}/original$`));
    expect(download.hasAttribute('download')).toBe(true);
    expect(text(deepQuery(element, '[data-testid="file-size"]'))).toBe('12.3 kB, 20 lines');
    expect(deepQuery(element, '[data-testid="file-title"]').querySelectorAll('wbr')).toHaveLength(4);

    let copied = '';
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (value: string) => void (copied = value) },
    });
    const copy = deepQuery(element, '[data-testid="copy-sha256"]') as HTMLButtonElement;
    copy.click();
    await until(() => expect(text(copy)).toBe('Copied'));
    expect(copied).toBe(id);
  });

  it('says when the original was not kept, and offers no download', async () => {
    const element = await page(
      'viewer',
      fakeFetch({ 'GET /api/files/bad.csv': () => ({ body: { ...rejected, original: null } }) }),
    );
    await until(() => deepQuery(element, '[data-testid="original-none"]'));
    expect(deepQueryAll(element, '[data-testid="original-download"]')).toHaveLength(0);
  });
});

describe('nem-file-page events', () => {
  const id = 'e'.repeat(64);
  const stream = `nem13File-${id}`;
  const event = (revision: number, type: string, data: Record<string, unknown>) => ({
    streamName: stream,
    revision,
    position: String(100 + revision),
    eventId: `eeeeeeee-eeee-8eee-aeee-eeee${String(revision).padStart(8, '0')}`,
    type,
    recordedAt: '2026-11-30T16:05:12+10:00',
    schemaVersion: type === 'ReadingRecorded' ? 2 : 1,
    data,
    metadata: { schemaVersion: type === 'ReadingRecorded' ? 2 : 1, sourceLine: revision === 0 ? 0 : revision + 1 },
  });

  it("lists the file's stored events a page at a time, each with its data and metadata to expand", async () => {
    const file = fileDetailFixture({ fileId: id, fileName: 'good.csv', registerReads: 0 });
    const first = { fileId: id, fileName: 'good.csv', streamName: stream, events: 3, nextCursor: 'page-2' };
    const fake = fakeFetch({
      'GET /api/files/good.csv': () => ({ body: file }),
      [`GET /api/files/${id}/events`]: (request) =>
        request.url.searchParams.get('cursor') === 'page-2'
          ? { body: { ...first, nextCursor: null, items: [event(2, 'FileImported', { lines: 4 })] } }
          : {
              body: {
                ...first,
                items: [
                  event(0, 'FileReceived', { fileName: 'good.csv' }),
                  event(1, 'ReadingRecorded', { fields: ['VABC005890', '11'], b2b: null }),
                ],
              },
            },
    });
    useFetch(fake.fetch);
    const element = new NemFilePage();
    element.fileId = 'good.csv';
    await mount(element);
    const rows = await until(() => {
      const found = deepQueryAll(element, '[data-testid="event-row"]');
      expect(found).toHaveLength(2);
      return found;
    });
    expect(rows.map((row) => text(deepQuery(row, '[data-testid="event-type"]')))).toEqual([
      'FileReceived',
      'ReadingRecorded',
    ]);
    expect(text(rows[1]!)).toContain('2026-11-30 16:05:12 +10:00');
    expect(text(rows[1]!)).toContain('eeeeeeee-eeee-8eee-aeee-eeee00000001');
    expect(text(deepQuery(element, '[data-testid="file-events"]'))).toContain(`(3, as stored)`);
    expect(text(deepQuery(element, '[data-testid="file-events"]'))).toContain(stream);
    const data = deepQuery(rows[1]!, '[data-testid="event-data"]') as HTMLDetailsElement;
    expect(data.open).toBe(false);
    expect(data.textContent).toContain('"VABC005890"');
    expect(data.textContent).toContain('"sourceLine": 2');

    const events = deepQuery(element, '[data-testid="file-events"]');
    (deepQuery(events, '[data-testid="next-page"]') as HTMLButtonElement).click();
    await until(() => {
      const found = deepQueryAll(element, '[data-testid="event-row"]');
      expect(found.map((row) => row.getAttribute('data-revision'))).toEqual(['2']);
    });
    const asked = fake.requests.filter((r) => r.url.pathname.endsWith('/events'));
    expect(asked.map((r) => r.url.searchParams.get('cursor'))).toEqual([null, 'page-2']);
    expect(asked[0]?.url.searchParams.get('limit')).toBe('50');
  });

  it('says when the events could not be loaded, and offers to try again', async () => {
    const file = fileDetailFixture({ fileId: id, fileName: 'good.csv', registerReads: 0 });
    const element = await page('viewer', fakeFetch({ 'GET /api/files/bad.csv': () => ({ body: file }) }));
    await until(() =>
      expect(text(deepQuery(element, '[data-testid="file-events"]'))).toContain('Could not load the events'),
    );
  });
});
