import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateNem13Lines } from '../../bench/generate.js';
import { BROWSER_SKIP_REASON, RUN_BROWSER_TESTS, SCREENSHOT_DIR } from '../../test/browser.js';
import { REPO_ROOT } from '../../test/cli.js';
import {
  startAdminUnderTest,
  type AdminUnderTest,
  seriousAxeViolations,
  sidewaysOverflow,
  signInThroughForm,
} from '../../test/admin-browser.js';

if (!RUN_BROWSER_TESTS) console.warn(`files browser tests skipped: ${BROWSER_SKIP_REASON}`);

const ADMIN_PASSWORD = 'files-browser-password';
const WIDTHS = [1280, 390] as const;
const REJECTED_SAMPLE = join(REPO_ROOT, 'samples/rejected/handcopied-spec-example-nem13-meter-change.csv');
const IMPORTED_SAMPLE = join(REPO_ROOT, 'samples/accepted/aemo-mdp-test-NEM13_000000000000011_CNRGYMDP_NEMMCO.csv');

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe.runIf(RUN_BROWSER_TESTS)('files, uploads, the admin and accessibility in Chromium', () => {
  let admin: AdminUnderTest;
  let url = '';
  let browser: Browser;
  let work = '';

  beforeAll(async () => {
    admin = await startAdminUnderTest('files', ADMIN_PASSWORD);
    ({ url, browser, work } = admin);
  }, 120_000);

  afterAll(async () => {
    expect(await admin.close()).toBe(0);
  });

  async function signedInPage(width = 1280): Promise<Page> {
    // axe is injected as an inline script, which the admin's Content-Security-Policy rightly refuses.
    const page = await browser.newPage({ viewport: { width, height: 900 }, bypassCSP: true });
    await page.goto(`${url}/`);
    await signInThroughForm(page, 'admin', ADMIN_PASSWORD);
    return page;
  }

  const shot = (page: Page, name: string, width: number) =>
    page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${width}.png`), fullPage: true });

  it('says when an uploaded file was already received, and whether it was rejected or imported, linking to it', async () => {
    const page = await signedInPage();
    await page.goto(`${url}/#/files`);
    await page.getByTestId('upload-input').setInputFiles([REJECTED_SAMPLE, IMPORTED_SAMPLE]);
    const results = page.getByTestId('upload-result');
    await expect.poll(() => results.count(), { timeout: 30_000 }).toBe(2);
    const rejected = results.nth(0);
    expect(await rejected.getByTestId('duplicate-of').innerText()).toMatch(
      /^Already received on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+10:00 and rejected \(\d+ errors?\)\.$/,
    );
    expect(await rejected.getByTestId('duplicate-link').getAttribute('href')).toBe(
      `#/files/${sha256(REJECTED_SAMPLE)}`,
    );
    expect(await results.nth(1).getByTestId('duplicate-of').innerText()).toMatch(
      /^Already received on .+ and imported \([\d,]+ readings?\)\.$/,
    );
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await shot(page, 'upload-duplicates', width);
    }
    // The link opens the rejected file, whose errors stand beside their lines.
    await rejected.getByTestId('duplicate-link').click();
    await page.getByTestId('source-line').first().waitFor();
    await page.close();
  });

  it('shows how much of a large upload has gone, and offers flow files in the picker', async () => {
    const page = await signedInPage();
    await page.goto(`${url}/#/files`);
    expect(await page.getByTestId('upload-input').getAttribute('accept')).toBe('.csv,.txt,.zip,.gz,.v01');
    // About 8 MB, a bench file whose header names another version: read whole, rejected, no reading recorded.
    const big = join(work, 'NEM13#BIG#BENCHMDP#RETAILER.csv');
    const lines = [...generateNem13Lines(50_000)];
    lines[0] = (lines[0] ?? '').replace('NEM13', 'NEM99');
    writeFileSync(big, `${lines.join('\n')}\n`);
    const size = readFileSync(big).length;
    expect(size).toBeGreaterThan(6_000_000);
    // A slow link (2 MB/s up), so the upload takes seconds and its progress shows.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 2_000_000,
    });
    await page.getByTestId('upload-input').setInputFiles(big);
    // Text and bar are read in one step: the upload may end between two separate reads.
    const busy = page.getByTestId('upload-busy');
    const readProgress = () =>
      busy
        .evaluate(
          (element) => {
            // Runs in the page: typed by hand, as the test program has no DOM types.
            interface Found {
              readonly textContent: string | null;
              getAttribute(name: string): string | null;
            }
            const busy = element as unknown as { querySelector(selector: string): Found | null };
            return {
              text: busy.querySelector('[data-testid="upload-progress-text"]')?.textContent?.trim() ?? '',
              value: Number(busy.querySelector('progress')?.getAttribute('value') ?? Number.NaN),
            };
          },
          undefined,
          { timeout: 1_000 },
        )
        .catch(() => ({ text: '', value: Number.NaN }));
    let seen = { text: '', value: Number.NaN };
    await expect
      .poll(async () => (seen = await readProgress()).text, { timeout: 30_000, interval: 50 })
      .toMatch(/^Uploading 1 file: [\d.]+ (B|kB|MB) of [\d.]+ MB \(([1-9]|[1-9]\d)%\)…$/);
    expect(seen.value).toBeGreaterThan(0);
    expect(seen.value).toBeLessThan(size);
    await shot(page, 'upload-progress', 1280);
    const result = page.getByTestId('upload-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getAttribute('data-status')).toBe('rejected');
    expect(await result.getByTestId('upload-summary').innerText()).toMatch(/^Rejected with [\d,]+ errors?/);
    await page.close();
  }, 120_000);

  it('explains a rejected file: each error beside its line as sent, the bad field marked, no Replay', async () => {
    const page = await signedInPage();
    await page.goto(`${url}/#/files/handcopied-spec-example-nem13-meter-change.csv`);
    const error = page.locator('[data-testid="file-error"][data-line="4"]');
    await error.getByTestId('source-line').waitFor();
    expect(await error.getByTestId('bad-field').innerText()).toBe('8. 77');
    expect(await error.getByTestId('bad-field').getAttribute('title')).toBe('Quantity');
    expect(await page.getByTestId('replay-button').count()).toBe(0);
    expect(await page.getByTestId('file-status').innerText()).toBe('Rejected');
    await page.close();
  });

  it('explains an imported file: its NMIs and readings, its original to download, its SHA-256 to copy', async () => {
    const page = await signedInPage();
    await page.goto(`${url}/#/files/${sha256(IMPORTED_SAMPLE)}`);
    await page.getByTestId('reading-row').first().waitFor();
    const nmi = page.getByTestId('file-nmi').first();
    const nmiText = await nmi.innerText();
    expect(await nmi.getAttribute('href')).toBe(`#/nmi/${nmiText}`);
    expect(await page.getByTestId('file-size').innerText()).toMatch(/^[\d.,]+ (B|kB), [\d,]+ lines$/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('original-download').click(),
    ]);
    const saved = join(work, 'downloaded.csv');
    await download.saveAs(saved);
    expect(sha256(saved)).toBe(sha256(IMPORTED_SAMPLE));
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
    await page.getByTestId('copy-sha256').click();
    await expect.poll(() => page.getByTestId('copy-sha256').innerText()).toBe('Copied');
    const clipboard = await page.evaluate(() => {
      const { navigator } = globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } };
      return navigator.clipboard.readText();
    });
    expect(clipboard).toBe(sha256(IMPORTED_SAMPLE));
    await nmi.click();
    await page.waitForURL(`${url}/#/nmi/${nmiText}`);
    await page.close();
  });

  it("lists an imported file's stored events in order, each with its data and metadata to expand", async () => {
    const page = await signedInPage();
    await page.goto(`${url}/#/files/${sha256(IMPORTED_SAMPLE)}`);
    const rows = page.getByTestId('event-row');
    await rows.first().waitFor();
    const reads = Number((await page.getByTestId('file-reads').innerText()).replace(/,/g, ''));
    const types = await page.getByTestId('event-type').allInnerTexts();
    expect(types).toEqual(['FileReceived', ...Array<string>(reads).fill('ReadingRecorded'), 'FileImported']);
    expect(await page.getByTestId('file-events').locator('h2').innerText()).toBe(`Events (${reads + 2}, as stored)`);
    const data = rows.nth(1).getByTestId('event-data');
    expect(await data.locator('pre').isVisible()).toBe(false);
    await data.locator('summary').click();
    const json = data.locator('pre');
    await json.waitFor();
    expect(await json.innerText()).toContain('"sourceLine": 2');
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.getByTestId('file-events').screenshot({ path: join(SCREENSHOT_DIR, `file-events-${width}.png`) });
    }
    await page.close();
  });

  it('rebuilds the read model and says how many events it replayed, of the known total', async () => {
    const page = await signedInPage();
    await page.goto(`${url}/#/admin`);
    await page.getByTestId('rebuild-button').click();
    const status = page.getByTestId('rebuild-status');
    await expect.poll(() => status.getAttribute('data-state').catch(() => null), { timeout: 60_000 }).toBe('succeeded');
    const total = await page.evaluate(async () => {
      const answer = await fetch('/api/projections/rebuild');
      return ((await answer.json()) as { progress: { total: number } | null }).progress?.total ?? -1;
    });
    expect(total).toBeGreaterThan(0);
    expect(await status.innerText()).toContain(`Rebuilt: ${total.toLocaleString('en-AU')} events replayed`);
    await page.close();
  });

  it('passes axe (no serious or critical violation) on every page at 1280 and 390 px, files and admin as cards when narrow', async () => {
    // A token, so the tokens table has a row.
    const setup = await signedInPage();
    await setup.goto(`${url}/#/admin`);
    await setup.getByTestId('token-name').fill('nightly import');
    await setup.getByTestId('create-token-submit').click();
    await setup.getByTestId('created-token').waitFor();
    await setup.close();

    const found: string[] = [];
    const overflowing: string[] = [];
    for (const width of WIDTHS) {
      const signIn = await browser.newPage({ viewport: { width, height: 900 }, bypassCSP: true });
      await signIn.goto(`${url}/`);
      await signIn.getByTestId('sign-in-form').waitFor();
      for (const v of await seriousAxeViolations(signIn)) found.push(`sign-in@${width}: ${v}`);
      await signIn.close();

      const page = await signedInPage(width);
      for (const [name, route, ready] of [
        ['search', '#/search', 'search-input'],
        ['readings', '#/search?q=5787326565', 'reading-row'],
        ['meter-point', '#/nmi/5787326565', 'register-chart'],
        ['meter', '#/meter/PSMIL89KM79J', 'meter-facts'],
        ['files', '#/files', 'file-row'],
        ['file-imported', `#/files/${sha256(IMPORTED_SAMPLE)}`, 'reading-row'],
        ['file-rejected', '#/files/handcopied-spec-example-nem13-meter-change.csv', 'source-line'],
        ['admin', '#/admin', 'token-row'],
      ] as const) {
        await page.goto(`${url}/${route}`);
        await page.getByTestId(ready).first().waitFor();
        if (name === 'admin') await page.getByTestId('user-row').first().waitFor();
        await shot(page, `a11y-${name}`, width);
        for (const v of await seriousAxeViolations(page)) found.push(`${name}@${width}: ${v}`);
        if (width === 1280 && name === 'files') {
          // File names wrap after their separators: no name of the samples takes more than two lines.
          const lines = await page.getByTestId('file-link').evaluateAll((links) =>
            links.map((link) => {
              const rects = (link as unknown as { getClientRects(): Iterable<{ top: number }> }).getClientRects();
              return new Set([...rects].map((rect) => Math.round(rect.top))).size;
            }),
          );
          expect(lines.length).toBeGreaterThan(10);
          expect(Math.max(...lines)).toBeLessThanOrEqual(2);
        }
        if (width === 390 && ['files', 'file-rejected', 'admin'].includes(name)) {
          for (const what of await sidewaysOverflow(page)) overflowing.push(`${name}: ${what}`);
        }
      }
      // Upload results, as an admin sees them after an upload.
      await page.goto(`${url}/#/files`);
      await page.getByTestId('upload-input').setInputFiles(REJECTED_SAMPLE);
      await page.getByTestId('upload-result').waitFor();
      for (const v of await seriousAxeViolations(page)) found.push(`upload@${width}: ${v}`);
      await page.close();
    }
    expect(found).toEqual([]);
    expect(overflowing).toEqual([]);
  }, 180_000);
});
