// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { deepQuery, deepQueryAll, mount, text, until, useFetch } from './component.fixtures.js';
import { fakeFetch, fileDetailFixture, sessionFixture } from '../api/api.fixtures.js';
import type { Problem } from '../api/types.js';
import { NemFilePage } from './file-page.js';

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

  it('lets an admin replay the file', async () => {
    const fake = fakeFetch({
      'GET /api/files/bad.csv': () => ({ body: rejected }),
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
});
