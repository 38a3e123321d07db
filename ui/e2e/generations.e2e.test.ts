import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_SKIP_REASON, RUN_BROWSER_TESTS, SCREENSHOT_DIR } from '../../test/browser.js';
import { startAdminUnderTest, type AdminUnderTest, signInThroughForm } from '../../test/admin-browser.js';

if (!RUN_BROWSER_TESTS) console.warn(`generations browser tests skipped: ${BROWSER_SKIP_REASON}`);

const ADMIN_PASSWORD = 'admin-generations-password';

describe.runIf(RUN_BROWSER_TESTS)('side-by-side generations in the admin, in Chromium', () => {
  let admin: AdminUnderTest;
  let url = '';
  let browser: Browser;

  beforeAll(async () => {
    // `nem start` imports the sample files into an empty store.
    admin = await startAdminUnderTest('generations', ADMIN_PASSWORD);
    ({ url, browser } = admin);
  }, 120_000);

  afterAll(async () => {
    expect(await admin.close()).toBe(0);
  });

  async function adminPage(width: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(`${url}/`);
    await signInThroughForm(page, 'admin', ADMIN_PASSWORD);
    await page.goto(`${url}/#/admin`);
    await page.getByTestId('generations-table').waitFor();
    return page;
  }

  it('builds a generation until the first event, compares it with live and drops it', async () => {
    const page = await adminPage(1280);
    await page.getByLabel('Label').fill('at-start');
    await page.getByLabel('Until (position, day or instant)').fill('1');
    await page.getByTestId('build-generation').click();
    const row = page.locator('[data-testid="generation-row"][data-label="at-start"][data-state="ready"]');
    await row.waitFor({ timeout: 30_000 });
    await row.getByTestId('compare-generation').click();
    // Position 1 is the first file's FileReceived: every reading of the live read model is "added" since.
    await page.getByTestId('generation-diff-row').first().waitFor();
    expect(await page.locator('[data-testid="generation-diff-row"][data-change="added"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="generation-diff-row"]:not([data-change="added"])').count()).toBe(0);
    await page
      .getByTestId('generations-panel')
      .screenshot({ path: join(SCREENSHOT_DIR, 'admin-generations-1280.png') });
    const narrow = await adminPage(390);
    await narrow
      .getByTestId('generations-panel')
      .screenshot({ path: join(SCREENSHOT_DIR, 'admin-generations-390.png') });
    await narrow.close();

    await row.getByTestId('drop-generation').click();
    await page.getByTestId('confirm-drop-generation').click();
    await expect
      .poll(() => page.getByTestId('generations-message').textContent(), { timeout: 15_000 })
      .toContain('Dropped at-start.');
    await page.locator('[data-testid="generation-row"][data-label="at-start"]').waitFor({ state: 'detached' });
    expect(await page.getByTestId('generation-diff-row').count()).toBe(0);
    await page.close();
  }, 120_000);
});
