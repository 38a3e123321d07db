import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_SKIP_REASON, RUN_BROWSER_TESTS, SCREENSHOT_DIR } from '../../test/browser.js';
import { samplePath } from '../../test/samples.js';
import {
  apiSession,
  startAdminUnderTest,
  type AdminUnderTest,
  signInThroughForm,
  searchThroughForm,
} from '../../test/admin-browser.js';

if (!RUN_BROWSER_TESTS) console.warn(`admin browser tests skipped: ${BROWSER_SKIP_REASON}`);

const ADMIN_PASSWORD = 'admin-browser-password';
const VIEWER_PASSWORD = 'viewer-browser-password';
const WIDTHS = [1280, 390] as const;

describe.runIf(RUN_BROWSER_TESTS)('the admin in Chromium', () => {
  let admin: AdminUnderTest;
  let url = '';
  let browser: Browser;
  let work = '';

  beforeAll(async () => {
    admin = await startAdminUnderTest('admin', ADMIN_PASSWORD);
    ({ url, browser, work } = admin);
    // A viewer, made through the API as the admin.
    const { cookie, csrfToken } = await apiSession(url, 'admin', ADMIN_PASSWORD);
    const added = await fetch(`${url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ username: 'viewer', role: 'viewer', password: VIEWER_PASSWORD }),
    });
    expect(added.status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    expect(await admin.close()).toBe(0);
  });

  async function signedInPage(username: 'admin' | 'viewer', width = 1280): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of 40[13]/.test(message.text())) problems.push(message.text());
    });
    (page as Page & { problems?: string[] }).problems = problems;
    await page.goto(`${url}/`);
    await signInThroughForm(page, username, username === 'admin' ? ADMIN_PASSWORD : VIEWER_PASSWORD);
    return page;
  }

  const shot = (page: Page, name: string, width: number) =>
    page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${width}.png`), fullPage: true });

  it('signs in, finds a NMI of the challenge sample with its value, date and file, and signs out', async () => {
    const page = await signedInPage('admin');
    await searchThroughForm(page, '2291137510');
    const row = page.getByTestId('reading-row');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getByTestId('cell-current-read').innerText()).toBe('56311.0');
    expect(await row.getByTestId('cell-current-date').innerText()).toMatch(/2004-01-07\s+10:03:33 \+10:00/);
    expect(await row.getByTestId('cell-file').innerText()).toBe('challenge-sample.csv');
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-form').waitFor();
    await page.close();
  });

  it('finds a meter serial with two registers and shows both', async () => {
    const page = await signedInPage('admin');
    await searchThroughForm(page, 'PSMIL89KM79J');
    const registers = await page.getByTestId('reading-row').getByTestId('cell-register').allInnerTexts();
    expect(registers.sort()).toEqual(['1', '2']);
    await page.close();
  });

  it('opens the meter point page and draws the consumption chart', async () => {
    const page = await signedInPage('admin');
    await page.goto(`${url}/#/nmi/5787326565`);
    await page.getByTestId('register-chart').first().waitFor();
    const canvas = page.getByTestId('chart-canvas').first();
    await canvas.waitFor();
    // The chart really drew: the canvas has coloured pixels.
    await expect
      .poll(() =>
        canvas.evaluate((element) => {
          // Runs in the page: typed by hand, as the test program has no DOM types.
          const c = element as unknown as {
            width: number;
            height: number;
            getContext(
              kind: '2d',
            ): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
          };
          const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
          let painted = 0;
          for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted++;
          return painted;
        }),
      )
      .toBeGreaterThan(1000);
    expect(await page.getByTestId('meter-point-configuration').innerText()).toContain('1141');
    await page.close();
  });

  it('uploads a rejected sample and shows its error line, then a good one whose readings it finds', async () => {
    const page = await signedInPage('admin');
    await page.goto(`${url}/#/files`);
    await page
      .getByTestId('upload-input')
      .setInputFiles(samplePath('malformed/handcopied-spec-example-nem13-meter-change.csv'));
    const result = page.getByTestId('upload-result').first();
    await result.waitFor();
    await expect.poll(() => result.innerText()).toMatch(/duplicate|rejected/);
    // Already imported by nem start as rejected: its page lists the error at line 4.
    await page.goto(`${url}/#/files/handcopied-spec-example-nem13-meter-change.csv`);
    await page.getByTestId('file-error').first().waitFor();
    expect(await page.getByTestId('file-error').first().innerText()).toMatch(/4[\s\S]*Quantity[\s\S]*8\. 77/);

    const good = join(work, 'NEM13#BROWSER#MDA1#RET1.csv');
    writeFileSync(
      good,
      readFileSync(samplePath('aemo-spec-example-nem13-consumption-data.csv'), 'utf8').replace(
        'VABC005890',
        'VABC005899',
      ),
    );
    await page.goto(`${url}/#/files`);
    await page.getByTestId('upload-input').setInputFiles(good);
    await expect.poll(() => page.getByTestId('upload-result').first().innerText()).toMatch(/imported/);
    await page.goto(`${url}/#/search`);
    await searchThroughForm(page, 'VABC005899');
    expect(await page.getByTestId('reading-row').getByTestId('cell-current-read').allInnerTexts()).toEqual([
      '007654.9',
    ]);
    await page.close();
  });

  it('replays a file as admin', async () => {
    const page = await signedInPage('admin');
    await page.goto(`${url}/#/files/challenge-sample.csv`);
    await page.getByTestId('replay-button').click();
    await expect.poll(() => page.getByTestId('replay-result').innerText()).toMatch(/replay/i);
    await page.close();
  });

  it('shows a viewer no admin controls, and the API refuses them anyway', async () => {
    const page = await signedInPage('viewer');
    expect(await page.getByTestId('nav-admin').count()).toBe(0);
    await page.goto(`${url}/#/files`);
    await page.getByTestId('files-table').waitFor();
    expect(await page.getByTestId('upload-input').count()).toBe(0);
    await page.goto(`${url}/#/files/challenge-sample.csv`);
    await page.getByTestId('file-facts').waitFor();
    expect(await page.getByTestId('replay-button').count()).toBe(0);
    const refused = await page.evaluate(async () => {
      const { document } = globalThis as unknown as { document: { cookie: string } };
      const csrf = /nem_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
      const response = await fetch('/api/projections/rebuild', { method: 'POST', headers: { 'x-csrf-token': csrf } });
      return response.status;
    });
    expect(refused).toBe(403);
    await page.close();
  });

  it('renders every page at 1280 and 390 pixels wide without errors (screenshots for people)', async () => {
    for (const width of WIDTHS) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(`${url}/`);
      await page.getByTestId('sign-in-form').waitFor();
      await shot(page, 'sign-in', width);
      await page.close();
      const admin = await signedInPage('admin', width);
      await searchThroughForm(admin, '5787326565');
      await shot(admin, 'search', width);
      for (const [name, route, ready] of [
        ['meter-point', '#/nmi/5787326565', 'register-chart'],
        ['meter', '#/meter/PSMIL89KM79J', 'meter-facts'],
        ['files', '#/files', 'files-table'],
        ['file', '#/files/handcopied-spec-example-nem13-meter-change.csv', 'file-error'],
        ['admin', '#/admin', 'users-table'],
      ] as const) {
        await admin.goto(`${url}/${route}`);
        await admin.getByTestId(ready).first().waitFor();
        await admin.waitForTimeout(300);
        await shot(admin, name, width);
      }
      expect((admin as Page & { problems?: string[] }).problems ?? []).toEqual([]);
      // Nothing wider than the window at 390 px but the tables, which scroll inside their region.
      const overflow = await admin.evaluate(() => {
        const { document, innerWidth } = globalThis as unknown as {
          document: { documentElement: { scrollWidth: number } };
          innerWidth: number;
        };
        return document.documentElement.scrollWidth - innerWidth;
      });
      expect(overflow).toBeLessThanOrEqual(0);
      await admin.close();
    }
  });
});
