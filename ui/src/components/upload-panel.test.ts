// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { deepQuery, deepQueryAll, mount, text, until, useFetch } from './component.fixtures.js';
import { fakeFetch, importResultFixture, problem } from '../api/api.fixtures.js';
import { api } from '../api/client.js';
import { NemUploadPanel } from './upload-panel.js';

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
    expect(text(results[0]!)).toContain('imported, 10 readings');
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
    expect(text(deepQuery(element, 'label[for="upload-input"]'))).toBe('Choose NEM13 files to upload');
  });
});
