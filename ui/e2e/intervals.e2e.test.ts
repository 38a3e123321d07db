/**
 * Issue 13's acceptance in Chromium: NEM12 samples uploaded, a NEM12 NMI's page shows its daily chart (a
 * bar per day) and a day's profile (a bar per interval, on NEM time, coloured by each interval's quality),
 * and NEM12 files' pages show their format, days and errors by line; all readable at 1280 and 390 px and
 * clean under axe.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_SKIP_REASON, RUN_BROWSER_TESTS, SCREENSHOT_DIR } from '../../test/browser.js';
import {
  apiSession,
  startAdminUnderTest,
  type AdminUnderTest,
  seriousAxeViolations,
  sidewaysOverflow,
  signInThroughForm,
  searchThroughForm,
} from '../../test/admin-browser.js';
import { EXPECTED_NEM12, nem12SamplePath, type ExpectedNem12Channel } from '../../test/samples.js';

if (!RUN_BROWSER_TESTS) console.warn(`interval browser tests skipped: ${BROWSER_SKIP_REASON}`);

const PASSWORD = 'intervals-browser-password';
const WIDTHS = [1280, 390] as const;
const WAIT = { timeout: 30_000 };
const ACCEPTED = 'aemo-mdp-test-2005/NEM12_Scenario09_ETSAMDP_NEMMCO.csv';
const REJECTED = 'invalid/Example_NEM12_15min_200_30min_400.csv';
/** An element as the page's functions see it (the tests are compiled without the DOM's types). */
interface PageElement {
  getAttribute(name: string): string | null;
  querySelector(selector: string): { textContent: string | null } | null;
}
/** The attribute `name` of each element found (runs in the page: no closure). */
function attributeOf(found: unknown[], name: string): string[] {
  return (found as PageElement[]).map((element) => element.getAttribute(name) ?? '');
}

const baseName = (path: string) => path.split('/').at(-1) ?? path;
const isoDate = (compact: string) => `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;

function channelOf(file: string): ExpectedNem12Channel {
  const channel = EXPECTED_NEM12.find((f) => f.file === file)?.channels?.[0];
  if (channel === undefined) throw new Error(`no channel of ${file} in expected.json`);
  return channel;
}

describe.runIf(RUN_BROWSER_TESTS)('interval data (NEM12) in Chromium', () => {
  let admin: AdminUnderTest;
  let url = '';
  let browser: Browser;
  let cookie = '';
  const channel = channelOf(ACCEPTED);
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    admin = await startAdminUnderTest('intervals', PASSWORD);
    ({ url, browser } = admin);
    const session = await apiSession(url, 'admin', PASSWORD);
    cookie = session.cookie;
    const { csrfToken } = session;
    const form = new FormData();
    for (const file of [ACCEPTED, REJECTED])
      form.append('file', new Blob([readFileSync(nem12SamplePath(file))], { type: 'text/csv' }), baseName(file));
    const upload = await fetch(`${url}/api/files`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken },
      body: form,
    });
    expect(upload.status, await upload.clone().text()).toBe(200);
    const { results } = (await upload.json()) as { results: Array<{ status: string }> };
    expect(results.map((r) => r.status)).toEqual(['imported', 'rejected']);
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    expect(await admin.close()).toBe(0);
  });

  async function signedInPage(width: number, hash: string): Promise<Page & { problems: string[] }> {
    // axe-core goes in as an inline script, which the admin's Content-Security-Policy rightly refuses.
    const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
    contexts.push(context);
    const page = (await context.newPage()) as Page & { problems: string[] };
    page.problems = [];
    page.on('pageerror', (error) => page.problems.push(error.message));
    page.on('console', (message) => {
      // A NMI with interval data only has no meter point of register reads: that 404 is expected.
      if (message.type() === 'error' && !/status of 404/.test(message.text())) page.problems.push(message.text());
    });
    await page.goto(`${url}/${hash}`);
    await signInThroughForm(page, 'admin', PASSWORD);
    return page;
  }

  const shot = (page: Page, name: string, width: number) =>
    page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${width}.png`), fullPage: true });

  /** The quality of each interval bar of the profile shown, once it shows the day asked for. */
  async function profileOf(page: Page, date: string): Promise<string[]> {
    await expect.poll(() => page.getByTestId('profile-date').innerText(), WAIT).toBe(date);
    const bars = page.getByTestId('interval-bar');
    await expect.poll(() => bars.count(), WAIT).toBe(1440 / Number(channel.interval_length));
    return bars.evaluateAll(attributeOf, 'data-quality');
  }

  it("shows a NEM12 NMI's daily chart and a day's profile on NEM time, each interval by its quality", async () => {
    const page = await signedInPage(1280, `#/nmi/${channel.nmi}`);
    await page.getByTestId('interval-data').waitFor(WAIT);
    await page.getByTestId('no-register-reads').waitFor(WAIT);

    const days = page.getByTestId('daily-bar');
    await expect.poll(() => days.count(), WAIT).toBe(channel.days);
    const dates = await days.evaluateAll(attributeOf, 'data-date');
    expect(dates[0]).toBe(isoDate(channel.first_date));
    expect(dates.at(-1)).toBe(isoDate(channel.last_date));

    // The last day first, its intervals ending 00:30 … 24:00 NEM time.
    await profileOf(page, isoDate(channel.last_date));
    expect(await page.getByTestId('profile-tick').allInnerTexts()).toEqual([
      '00:00',
      '06:00',
      '12:00',
      '18:00',
      '24:00',
    ]);
    expect(await page.getByTestId('profile-chart').innerText()).toContain('Interval end, NEM time (+10:00)');
    const titles = await page
      .getByTestId('interval-bar')
      .evaluateAll((found) => (found as PageElement[]).map((bar) => bar.querySelector('title')?.textContent ?? ''));
    expect(titles[0]).toMatch(/^00:30 \+10:00: /);
    expect(titles.at(-1)).toMatch(/^24:00 \+10:00: /);

    // Every day in turn, by clicking its bar: the intervals per quality add up to the oracle's.
    const qualities: Record<string, number> = {};
    for (const date of dates) {
      await page.locator(`[data-testid="daily-bar"][data-date="${date}"]`).click();
      for (const quality of await profileOf(page, date)) qualities[quality] = (qualities[quality] ?? 0) + 1;
    }
    expect(qualities).toEqual(channel.interval_quality);

    // The keyboard too: from the chosen bar, the left arrow goes to the day before.
    await page.locator(`[data-testid="daily-bar"][data-date="${dates.at(-1)}"]`).focus();
    await page.keyboard.press('ArrowLeft');
    await profileOf(page, dates.at(-2) ?? '');
    expect(await page.getByTestId('interval-day-row').count()).toBe(channel.days);
    expect(page.problems).toEqual([]);
    await page.close();
  });

  it('reads the NEM12 NMI page at 1280 and 390 px wide, clean under axe', async () => {
    for (const width of WIDTHS) {
      const page = await signedInPage(width, `#/nmi/${channel.nmi}`);
      await expect.poll(() => page.getByTestId('interval-bar').count(), WAIT).toBe(48);
      await page.getByTestId('interval-day-row').first().waitFor(WAIT);
      expect(await sidewaysOverflow(page), `at ${width} px`).toEqual([]);
      expect(await seriousAxeViolations(page), `at ${width} px`).toEqual([]);
      await shot(page, 'intervals-nmi', width);
      await page.close();
    }
  });

  it('leads from the search box to the interval data of a NMI without register reads', async () => {
    const page = await signedInPage(1280, '');
    await searchThroughForm(page, channel.nmi.toLowerCase());
    expect(await page.getByTestId('search-empty-message').innerText()).toContain(
      `NMI ${channel.nmi} has no register reads, but has interval data (NEM12)`,
    );
    await page.getByTestId('search-interval-link').click();
    await expect.poll(() => page.getByTestId('daily-bar').count(), WAIT).toBe(channel.days);
    expect(page.problems).toEqual([]);
    await page.close();
  });

  it("shows the same on the meter's page, by its serial", async () => {
    const answer = await fetch(`${url}/api/interval-channels?nmi=${channel.nmi}`, { headers: { cookie } });
    expect(answer.status).toBe(200);
    const { items } = (await answer.json()) as { items: Array<{ meterSerialNumber: string | null }> };
    const serial = items[0]?.meterSerialNumber ?? '';
    expect(serial).not.toBe('');
    const page = await signedInPage(1280, `#/meter/${encodeURIComponent(serial)}`);
    await expect.poll(() => page.getByTestId('daily-bar').count(), WAIT).toBe(channel.days);
    await profileOf(page, isoDate(channel.last_date));
    expect(await page.getByTestId('meter-serial').innerText()).toBe(serial);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(page.problems).toEqual([]);
    await page.close();
  });

  it('shows NEM12 files as such: an imported one with its days and NMI, a rejected one with its errors by line', async () => {
    const rejected = EXPECTED_NEM12.find((f) => f.file === REJECTED);
    for (const width of WIDTHS) {
      const page = await signedInPage(width, `#/files/${encodeURIComponent(baseName(ACCEPTED))}`);
      await expect.poll(() => page.getByTestId('file-format').innerText(), WAIT).toBe('NEM12 (interval data)');
      expect(await page.getByTestId('file-interval-days').innerText()).toBe(String(channel.days));
      expect(await page.getByTestId('file-nmi').allInnerTexts()).toEqual([channel.nmi]);
      expect(await sidewaysOverflow(page), `at ${width} px`).toEqual([]);
      expect(await seriousAxeViolations(page), `at ${width} px`).toEqual([]);
      await shot(page, 'intervals-file-imported', width);

      await page.goto(`${url}/#/files/${encodeURIComponent(baseName(REJECTED))}`);
      await expect.poll(() => page.getByTestId('file-status').innerText(), WAIT).toBe('Rejected');
      expect(await page.getByTestId('file-format').innerText()).toBe('NEM12 (interval data)');
      const firstError = page.getByTestId('file-error').first();
      expect(await firstError.getAttribute('data-line')).toBe(String(rejected?.error_line));
      await page.getByTestId('source-line').first().waitFor(WAIT);
      expect(await sidewaysOverflow(page), `at ${width} px`).toEqual([]);
      expect(await seriousAxeViolations(page), `at ${width} px`).toEqual([]);
      await shot(page, 'intervals-file-rejected', width);
      expect(page.problems).toEqual([]);
      await page.close();
    }
  });
});
