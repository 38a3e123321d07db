// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { deepQuery, deepQueryAll, mount, text, until, useFetch, useUploader } from './component.fixtures.js';
import { fakeFetch, importResultFixture, problem } from '../api/api.fixtures.js';
import { api } from '../api/client.js';
import { NemUploadPanel, UPLOAD_ACCEPT } from './upload-panel.js';

describe('nem-upload-panel', () => {
  it('uploads the files and lists each result with its problems by line', async () => {
    const fake = fakeFetch({
      'POST /api/files': () => ({
        body: {
          results: [
            importResultFixture({ file: 'good.csv' }),
            importResultFixture({ file: 'again.csv', status: 'duplicate', readings: 0 }),
            importResultFixture({
              file: 'bad.csv',
              status: 'rejected',
              readings: 0,
              errors: [
                {
                  line: 7,
                  record: '250',
                  field: 'CurrentRegisterReadDateTime',
                  code: 'NEM13_BAD_DATE',
                  severity: 'error',
                  message: 'not a real date',
                },
              ],
            }),
          ],
        },
      }),
    });
    useFetch(fake.fetch);
    api.csrfToken = 'csrf-upload';
    const element = await mount(new NemUploadPanel());
    const uploaded: unknown[] = [];
    element.addEventListener('uploaded', (event) => uploaded.push(event));
    await element.upload([new File(['x'], 'good.csv'), new File(['x'], 'again.csv'), new File(['x'], 'bad.csv')]);
    await element.updateComplete;
    const results = deepQueryAll(element, '[data-testid="upload-result"]');
    expect(results.map((r) => r.getAttribute('data-status'))).toEqual(['imported', 'duplicate', 'rejected']);
    expect(text(results[0]!)).toContain('10 readings imported.');
    expect(text(deepQuery(results[2]!, '[data-testid="upload-summary"]'))).toBe(
      'Rejected with 1 error: nothing imported.',
    );
    expect(deepQuery(results[2]!, '[data-testid="upload-problem"]').getAttribute('data-line')).toBe('7');
    expect(fake.requests[0]?.headers.get('x-csrf-token')).toBe('csrf-upload');
    expect((fake.requests[0]?.body as FormData).getAll('file')).toHaveLength(3);
    expect(uploaded).toHaveLength(1);
  });

  it('shows why an upload failed', async () => {
    useFetch(
      fakeFetch({
        'POST /api/files': () => ({
          status: 413,
          body: problem(413, 'TOO_LARGE', 'big.csv is larger than 100 bytes'),
        }),
      }).fetch,
    );
    const element = await mount(new NemUploadPanel());
    await element.upload([new File(['x'], 'big.csv')]);
    await until(() =>
      expect(text(deepQuery(element, '[data-testid="upload-error"]'))).toBe(
        'The upload failed: big.csv is larger than 100 bytes',
      ),
    );
  });

  it('labels the file picker', async () => {
    const element = await mount(new NemUploadPanel());
    expect(text(deepQuery(element, 'label[for="upload-input"]'))).toBe('Choose NEM12 or NEM13 files to upload');
  });

  it('says when a duplicate was first received and that it was rejected, with its errors, linking to it', async () => {
    const sha = 'e'.repeat(64);
    useFetch(
      fakeFetch({
        'POST /api/files': () => ({
          body: {
            results: [
              importResultFixture({
                file: 'bad-again.csv',
                sha256: sha,
                status: 'duplicate',
                readings: 0,
                errors: [
                  {
                    line: 4,
                    record: '250',
                    field: 'Quantity',
                    code: 'NEM13_BAD_NUMBER',
                    severity: 'error',
                    message: 'x',
                  },
                ],
                errorsOmitted: 2,
                duplicateOf: { status: 'rejected', receivedAt: '2024-05-01T09:00:00+10:00' },
              }),
              importResultFixture({
                file: 'good-again.csv',
                status: 'duplicate',
                readings: 1234,
                duplicateOf: { status: 'imported', receivedAt: '2024-04-30T23:59:59+10:00' },
              }),
            ],
          },
        }),
      }).fetch,
    );
    const element = await mount(new NemUploadPanel());
    await element.upload([new File(['x'], 'bad-again.csv'), new File(['x'], 'good-again.csv')]);
    await element.updateComplete;
    const [rejected, imported] = deepQueryAll(element, '[data-testid="upload-result"]');
    expect(text(deepQuery(rejected!, '[data-testid="duplicate-of"]'))).toBe(
      'Already received on 2024-05-01 09:00:00 +10:00 and rejected (3 errors).',
    );
    expect(deepQuery(rejected!, '[data-testid="duplicate-link"]').getAttribute('href')).toBe(`#/files/${sha}`);
    expect(text(deepQuery(imported!, '[data-testid="duplicate-of"]'))).toBe(
      'Already received on 2024-04-30 23:59:59 +10:00 and imported (1,234 readings).',
    );
    expect(text(deepQuery(imported!, '[data-testid="upload-status"]'))).toBe('Duplicate');
  });

  it('counts a NEM12 file in interval days, imported or a duplicate of one imported, and a NEM13 one in readings', async () => {
    const nem12 = { format: 'NEM12' as const, readings: 31, registerReads: 0, intervalDays: 31 };
    useFetch(
      fakeFetch({
        'POST /api/files': () => ({
          body: {
            results: [
              importResultFixture({ file: 'interval.csv', ...nem12 }),
              importResultFixture({
                file: 'interval-again.csv',
                status: 'duplicate',
                ...nem12,
                intervalDays: 1,
                readings: 1,
                duplicateOf: { status: 'imported', receivedAt: '2024-04-30T23:59:59+10:00' },
              }),
              importResultFixture({ file: 'register.csv', readings: 1, registerReads: 1 }),
            ],
          },
        }),
      }).fetch,
    );
    const element = await mount(new NemUploadPanel());
    await element.upload([
      new File(['x'], 'interval.csv'),
      new File(['x'], 'interval-again.csv'),
      new File(['x'], 'register.csv'),
    ]);
    await element.updateComplete;
    const [interval, again, register] = deepQueryAll(element, '[data-testid="upload-result"]');
    expect(text(deepQuery(interval!, '[data-testid="upload-summary"]'))).toBe('31 interval days imported.');
    expect(text(deepQuery(again!, '[data-testid="duplicate-of"]'))).toBe(
      'Already received on 2024-04-30 23:59:59 +10:00 and imported (1 interval day).',
    );
    expect(text(deepQuery(register!, '[data-testid="upload-summary"]'))).toBe('1 reading imported.');
  });

  it('offers flow files in the picker: MDFF names and the containers the server opens', async () => {
    const element = await mount(new NemUploadPanel());
    const input = deepQuery(element, '[data-testid="upload-input"]');
    expect(input.getAttribute('accept')).toBe(UPLOAD_ACCEPT);
    expect(UPLOAD_ACCEPT.split(',')).toEqual(expect.arrayContaining(['.csv', '.txt', '.zip', '.gz', '.v01']));
  });

  it('shows how much of an upload has gone, then that the files are being imported', async () => {
    let report: ((sent: number, total: number) => void) | undefined;
    let answer: ((response: Response) => void) | undefined;
    useUploader((_url, _body, _headers, onProgress) => {
      report = onProgress;
      return new Promise((resolve) => (answer = resolve));
    });
    const element = await mount(new NemUploadPanel());
    const done = element.upload([new File(['x'.repeat(3000)], 'big.csv')]);
    await until(() => expect(report).toBeDefined());
    report?.(1500, 3000);
    await element.updateComplete;
    expect(text(deepQuery(element, '[data-testid="upload-progress-text"]'))).toBe(
      'Uploading 1 file: 1.5 kB of 3.0 kB (50%)…',
    );
    expect(deepQuery(element, '[data-testid="upload-progress"]').getAttribute('value')).toBe('1500');
    report?.(3000, 3000);
    await element.updateComplete;
    expect(text(deepQuery(element, '[data-testid="upload-busy"]'))).toBe('Importing 1 file…');
    answer?.(
      new Response(JSON.stringify({ results: [importResultFixture({ file: 'big.csv' })] }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      }),
    );
    await done;
    await element.updateComplete;
    expect(deepQueryAll(element, '[data-testid="upload-busy"]')).toHaveLength(0);
    expect(deepQueryAll(element, '[data-testid="upload-result"]')).toHaveLength(1);
  });
});
