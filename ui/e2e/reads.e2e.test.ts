import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nmiChecksum } from '../../src/domain/nmi.js';
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

if (!RUN_BROWSER_TESTS) console.warn(`reads browser tests skipped: ${BROWSER_SKIP_REASON}`);

const PASSWORD = 'reads-browser-password';
const WIDTHS = [1280, 390] as const;
/** How long to wait for a page to show what is asked on a busy machine. */
const WAIT = { timeout: 30_000 };
/** A meter point of our own with 77 monthly reads: more than a page of 50. */
const NMI = 'NEMREADS77';
const SERIAL = 'RDS77';

function nemDateTime(day: Date): string {
  return day.toISOString().slice(0, 19).replace(/[-T:]/g, '');
}

/** A NEM13 file with `count` monthly reads of one register, the quantity in the thousands. */
function readsFile(count: number, updatedAt: string, first = 0, currentQuality = 'A'): string {
  const lines = ['100,NEM13,200601011200,MDA1,Ret1'];
  for (let i = first; i < first + count; i++) {
    const from = new Date(Date.UTC(2000, i, 1, 0, 0, 0));
    const to = new Date(Date.UTC(2000, i + 1, 1, 0, 0, 0));
    const previous = String(i * 1234).padStart(6, '0');
    const current = String((i + 1) * 1234).padStart(6, '0');
    lines.push(
      `250,${NMI},11,1,11,11,${SERIAL},E,${previous},${nemDateTime(from)},A,,,${current},${nemDateTime(to)},${currentQuality},,,1234,kWh,${to.toISOString().slice(0, 10).replace(/-/g, '')},${updatedAt},`,
    );
  }
  lines.push('900');
  return lines.join('\r\n') + '\r\n';
}

/** The fields of one CSV line (RFC 4180 quoting). */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  for (const match of line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g)) {
    fields.push(match[1] === undefined ? (match[2] ?? '') : match[1].replace(/""/g, '"'));
  }
  return fields;
}

describe.runIf(RUN_BROWSER_TESTS)('readings, search and meter pages in Chromium', () => {
  let admin: AdminUnderTest;
  let url = '';
  let browser: Browser;

  beforeAll(async () => {
    admin = await startAdminUnderTest('reads', PASSWORD);
    ({ url, browser } = admin);
    const { cookie, csrfToken } = await apiSession(url, 'admin', PASSWORD);
    // 77 reads, then a later file that sends the last read again with a newer UpdateDateTime: a correction.
    for (const [name, text] of [
      ['NEM13#READS77#MDA1#RET1.csv', readsFile(77, '20060101120000')],
      ['NEM13#READS77FIX#MDA1#RET1.csv', readsFile(1, '20060201120000', 76, 'E62')],
    ] as const) {
      const form = new FormData();
      form.append('file', new Blob([text], { type: 'text/csv' }), name);
      const upload = await fetch(`${url}/api/files`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken },
        body: form,
      });
      expect(upload.status, await upload.clone().text()).toBeLessThan(300);
      const { results } = (await upload.json()) as { results: Array<{ status: string }> };
      expect(results.map((r) => r.status)).toEqual(['imported']);
    }
  }, 120_000);

  afterAll(async () => {
    expect(await admin.close()).toBe(0);
  });

  const contexts: BrowserContext[] = [];
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
  });

  async function signedInPage(width = 1280, hash = ''): Promise<Page> {
    // axe-core goes in as an inline script, which the admin's Content-Security-Policy rightly refuses.
    const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
    contexts.push(context);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of 40[134]/.test(message.text())) problems.push(message.text());
    });
    (page as Page & { problems?: string[] }).problems = problems;
    await page.goto(`${url}/${hash}`);
    await signInThroughForm(page, 'admin', PASSWORD);
    return page;
  }

  /** The id of the focused element, through the shadow roots. */
  const focusedId = (page: Page) =>
    page.evaluate(() => {
      let active = (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement as {
        id: string;
        shadowRoot: { activeElement: unknown } | null;
      } | null;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement as typeof active;
      return active?.id ?? '';
    });

  /** The top of the page, long enough to see the layout (a whole page of 50 cards is too tall to look at). */
  const shot = (page: Page, name: string, width: number) =>
    page.screenshot({
      path: join(SCREENSHOT_DIR, `reads-${name}-${width}.png`),
      fullPage: true,
      clip: { x: 0, y: 0, width, height: 3000 },
    });

  it('finds a NMI typed with its checksum digit and spaces, says what matched and how many, focuses the summary and pages in the URL', async () => {
    const page = await signedInPage();
    const typed = `${NMI.slice(0, 5)} ${NMI.slice(5)} ${nmiChecksum(NMI)}`.toLowerCase();
    await searchThroughForm(page, typed);
    await expect
      .poll(() => page.getByTestId('search-matched').innerText(), WAIT)
      .toContain(`NMI ${NMI} (checksum digit ${nmiChecksum(NMI)} checked and removed`);
    expect(await page.getByTestId('search-count').innerText()).toBe('77 readings, page 1 of 2, newest first');
    expect(await focusedId(page)).toBe('results-summary');
    expect(await page.getByTestId('reading-row').count()).toBe(50);
    const firstDate = () => page.getByTestId('cell-current-date').first().innerText();
    expect(await firstDate()).toMatch(/^2006-06-01/);
    expect(await page.getByTestId('cell-quantity').first().innerText()).toBe('1,234 kWh');

    await page.getByTestId('next-page').click();
    await expect
      .poll(() => page.getByTestId('search-count').innerText(), WAIT)
      .toBe('77 readings, page 2 of 2, newest first');
    expect(page.url()).toMatch(/page=2&after=/);
    expect(await page.getByTestId('reading-row').count()).toBe(27);
    // A reload keeps the page; Back goes to the first.
    await page.reload();
    await page.getByTestId('search-count').waitFor();
    expect(await page.getByTestId('search-count').innerText()).toBe('77 readings, page 2 of 2, newest first');
    expect(await firstDate()).toMatch(/^2002-04-01/);
    await page.goBack();
    await expect
      .poll(() => page.getByTestId('search-count').innerText(), WAIT)
      .toBe('77 readings, page 1 of 2, newest first');

    // Oldest first is the server's order, kept in the URL, paged both ways.
    await page.getByTestId('sort-by-date').click();
    await expect
      .poll(() => page.getByTestId('search-count').innerText(), WAIT)
      .toBe('77 readings, page 1 of 2, oldest first');
    expect(page.url()).toContain('order=asc');
    expect(await firstDate()).toMatch(/^2000-02-01/);
    await page.getByTestId('next-page').click();
    await expect
      .poll(() => page.getByTestId('search-count').innerText(), WAIT)
      .toBe('77 readings, page 2 of 2, oldest first');
    expect(await firstDate()).toMatch(/^2004-04-01/);
    await page.getByTestId('prev-page').click();
    await expect
      .poll(() => page.getByTestId('search-count').innerText(), WAIT)
      .toBe('77 readings, page 1 of 2, oldest first');
    await page.goBack();
    await expect
      .poll(() => page.getByTestId('search-count').innerText(), WAIT)
      .toBe('77 readings, page 2 of 2, oldest first');
    await page.goForward();
    await expect
      .poll(() => page.getByTestId('search-count').innerText(), WAIT)
      .toBe('77 readings, page 1 of 2, oldest first');
    expect((page as Page & { problems?: string[] }).problems).toEqual([]);
  });

  it('says what a quality, its reason and a 550 transaction mean, by keyboard, and words the direction', async () => {
    const page = await signedInPage();
    await searchThroughForm(page, 'NEM1318143');
    const row = page.getByTestId('reading-row').first();
    const quality = row.getByTestId('quality');
    await quality.locator('summary').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => quality.getByTestId('quality-meaning').isVisible(), WAIT).toBe(true);
    expect(await quality.getByTestId('quality-meaning').innerText()).toBe(
      'E61: Forward estimate, method 61, previous year',
    );
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'reads-quality-meaning-1280.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => quality.getByTestId('quality-meaning').isVisible(), WAIT).toBe(false);
    await row.getByTestId('previous-quality').locator('summary').click();
    expect(await row.getByTestId('previous-quality-meaning').innerText()).toBe(
      'S61: Substituted, method 61, previous year; reason 13, Locked gate: “Locked Gate”',
    );
    expect(await row.getByTestId('cell-direction').innerText()).toBe('Consumption (E)');
    expect(await row.getByTestId('cell-direction').locator('[title]').getAttribute('title')).toMatch(
      /export from the grid/,
    );
    expect(await row.getByTestId('cell-transaction').innerText()).toMatch(
      /^Estimate \(E\)\s+Previous read: Normal scheduled read \(N\)$/,
    );
    expect(await row.getByTestId('cell-next-read').innerText()).toBe('2005-03-29');
    expect(await page.getByText(/Unknown quality/).count()).toBe(0);
  });

  it('says a NMI exists but has no reads in the range, and clears results under a date error', async () => {
    const page = await signedInPage();
    await page.getByTestId('search-from').fill('2030-01-01');
    await searchThroughForm(page, 'NEM1318143');
    expect(await page.getByTestId('search-empty-message').innerText()).toBe(
      'The NMI NEM1318143 exists, but has no reads on or after 2030-01-01.',
    );
    await page.getByTestId('search-from').fill('');
    await searchThroughForm(page, 'NEM1318143');
    await expect.poll(() => page.getByTestId('reading-row').count(), WAIT).toBe(2);
    await page.getByTestId('search-from').fill('2005-02-01');
    await page.getByTestId('search-to').fill('2005-01-01');
    await page.getByTestId('search-submit').click();
    await page.getByTestId('search-error').waitFor();
    expect(await page.getByTestId('search-error').innerText()).toMatch(
      /^The "From" date \(2005-02-01\) is after the "To" date/,
    );
    expect(await page.getByTestId('reading-row').count()).toBe(0);
  });

  it('answers as known on a moment, says so in a banner, keeps it in the address, and goes back to now', async () => {
    const page = await signedInPage();
    await page.getByTestId('search-as-of').fill('2000-01-01T00:00');
    await searchThroughForm(page, NMI);
    expect(await page.getByTestId('as-of-banner').innerText()).toMatch(/^As known on 2000-01-01 00:00 \+10:00: /);
    expect(await page.getByTestId('search-empty-message').innerText()).toBe(
      `Neither a NMI nor a meter serial matched "${NMI}" as known then.`,
    );
    expect(page.url()).toContain('asOf=2000-01-01T00%3A00');
    await page.getByTestId('as-of-now').click();
    await expect.poll(() => page.getByTestId('reading-row').count(), WAIT).toBeGreaterThan(0);
    expect(await page.getByTestId('as-of-banner').count()).toBe(0);
    // Long after both files: what is shown now, under the banner, on the meter point's page too.
    await page.goto(`${url}/#/nmi/${NMI}?asOf=2999-01-01`);
    await page.getByTestId('as-of-banner').waitFor(WAIT);
    expect(await page.getByTestId('as-of-banner').innerText()).toMatch(/^As known on 2999-01-01 00:00 \+10:00: /);
    await expect.poll(() => page.getByTestId('reading-row').count(), WAIT).toBeGreaterThan(0);
    await page.close();
  });

  it('exports numbers as numbers and the next scheduled read date', async () => {
    const page = await signedInPage();
    await searchThroughForm(page, 'NEM1318143');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = readFileSync(await download.path(), 'utf8');
    const [header, first] = csv.split('\r\n').map(csvFields);
    const columns = header ?? [];
    const values = first ?? [];
    const value = (name: string) => values[columns.indexOf(name)];
    expect(value('Quantity')).toMatch(/^\d+$/);
    expect(value('Next scheduled read date')).toBe('2005-03-29');
    expect(value('Current transaction')).toBe('Estimate');
  });

  it('heads the meter point in capitals with a summary, copies the NMI, and shows each period on focus', async () => {
    const page = await signedInPage(1280, '#/nmi/nemreads77');
    await page.getByTestId('meter-point-summary').waitFor();
    expect(await page.getByTestId('meter-point-heading').innerText()).toBe(NMI);
    expect(await page.getByTestId('last-12-months-total').innerText()).toMatch(
      /^Consumption: (14,808 kWh \(12|16,042 kWh \(13) reads/,
    );
    expect(await page.getByTestId('latest-actual-readings').getByTestId('reading-row').count()).toBe(1);
    const bars = page.getByTestId('usage-bar');
    await expect.poll(() => bars.count(), WAIT).toBeGreaterThan(30);
    await bars.last().focus();
    await expect
      .poll(() => page.getByTestId('usage-shown').innerText(), WAIT)
      .toMatch(/^2006-05-01 to 2006-06-01: 31\.00 days, 39\.806 kWh\/day/);
    await page.getByTestId('copy-button').first().click();
    await expect.poll(() => page.getByTestId('copy-message').first().innerText(), WAIT).toBe(`Copied ${NMI}`);
    expect(
      await page.evaluate(() =>
        (
          globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
        ).navigator.clipboard.readText(),
      ),
    ).toBe(NMI);
  });

  it('offers the versions of a corrected read only, with what decides them; Escape closes them and focus goes back', async () => {
    const page = await signedInPage(1280, `#/nmi/${NMI}`);
    const panel = page.locator('nem-readings-panel');
    await panel.getByTestId('reading-row').first().waitFor();
    expect(await panel.getByTestId('history-button').count()).toBe(1);
    const row = panel.getByTestId('reading-row').first();
    expect(await row.getByTestId('corrected-marker').innerText()).toBe('corrected');
    await row.getByTestId('history-button').click();
    const versions = page.getByTestId('reading-versions');
    await versions.getByTestId('version-row').nth(1).waitFor();
    expect(await versions.getByTestId('version-state').allInnerTexts()).toEqual(['In force #1', 'Superseded #2']);
    expect(await versions.getByTestId('version-reason').allInnerTexts()).toEqual([
      expect.stringMatching(/^newer UpdateDateTime/),
      expect.stringMatching(/^older UpdateDateTime/),
    ]);
    // The stored event behind each version: its revision in its file's stream, its id, when recorded.
    for (const event of await versions.getByTestId('version-event').allInnerTexts()) {
      expect(event).toMatch(/revision \d+, position \d+\s+[0-9a-f-]{36}\s+recorded \d{4}-\d\d-\d\d [\d:]+ \+10:00/);
    }
    expect((await versions.getByTestId('version-updated').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '))).toEqual([
      '2006-02-01 12:00:00 +10:00',
      '2006-01-01 12:00:00 +10:00',
    ]);
    expect(await versions.getByTestId('version-received').count()).toBe(2);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'reads-versions-1280.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => versions.isVisible(), WAIT).toBe(false);
    expect(
      await page.evaluate(() => {
        let active = (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement as {
          shadowRoot: { activeElement: unknown } | null;
          getAttribute(name: string): string | null;
        } | null;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement as typeof active;
        return active?.getAttribute('data-testid') ?? null;
      }),
    ).toBe('history-button');
  });

  it('pages and orders the readings of a meter point through its address', async () => {
    const page = await signedInPage(1280, `#/nmi/${NMI}`);
    const summary = page.getByTestId('readings-summary');
    await summary.waitFor();
    expect(await summary.innerText()).toBe('77 readings, page 1 of 2, newest first.');
    const panel = page.locator('nem-readings-panel');
    await panel.getByTestId('next-page').click();
    await expect.poll(() => summary.innerText(), WAIT).toBe('77 readings, page 2 of 2, newest first.');
    expect(page.url()).toMatch(/#\/nmi\/NEMREADS77\?page=2&after=/);
    expect(await focusedId(page)).toBe('readings-summary');
    await page.reload();
    await expect.poll(() => summary.innerText(), WAIT).toBe('77 readings, page 2 of 2, newest first.');
    await panel.getByTestId('sort-by-date').click();
    await expect.poll(() => summary.innerText(), WAIT).toBe('77 readings, page 1 of 2, oldest first.');
    expect(page.url()).toContain('order=asc');
    expect(await panel.getByTestId('cell-current-date').first().innerText()).toMatch(/^2000-02-01/);
    await page.goBack();
    await expect.poll(() => summary.innerText(), WAIT).toBe('77 readings, page 2 of 2, newest first.');
  });

  it('takes the page out of the address on signing out', async () => {
    const page = await signedInPage(1280, `#/nmi/${NMI}`);
    await page.getByTestId('meter-point-summary').waitFor();
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-form').waitFor();
    expect(page.url()).toBe(`${url}/`);
  });

  it('passes axe and fits at 1280 and 390 pixels: search results, meter point and meter pages', async () => {
    for (const width of WIDTHS) {
      const page = await signedInPage(width);
      const panelRow = () => page.locator('nem-readings-panel').getByTestId('reading-row').first();
      const pages = [
        ['search', async () => searchThroughForm(page, NMI), () => page.getByTestId('reading-row').first()],
        ['meter-point', async () => page.goto(`${url}/#/nmi/${NMI}`), panelRow],
        ['meter', async () => page.goto(`${url}/#/meter/${SERIAL}`), panelRow],
      ] as const;
      for (const [name, open, ready] of pages) {
        await open();
        await ready().waitFor();
        await shot(page, name, width);
        expect(await seriousAxeViolations(page), `${name} at ${width} px`).toEqual([]);
        // The page never scrolls sideways; on a phone no table does either (they become cards).
        const sideways = await sidewaysOverflow(page);
        expect(width === 390 ? sideways : sideways.filter((what) => what.startsWith('the page')), name).toEqual([]);
      }
      if (width === 390) {
        // Cards: every value of a read in view, the list not scrolling sideways.
        await page.goto(`${url}/#/search`);
        await searchThroughForm(page, NMI);
        const table = page.locator('nem-search-page nem-readings-table');
        const sideways = await table.evaluate((element) => {
          const region = (
            element as unknown as {
              shadowRoot: { querySelector(s: string): { scrollWidth: number; clientWidth: number } };
            }
          ).shadowRoot.querySelector('.table-scroll');
          return region.scrollWidth - region.clientWidth;
        });
        expect(sideways).toBeLessThanOrEqual(0);
        const row = page.getByTestId('reading-row').first();
        for (const cell of [
          'cell-current-read',
          'cell-current-date',
          'cell-previous-read',
          'cell-previous-date',
          'cell-quantity',
          'cell-next-read',
        ]) {
          expect(await row.getByTestId(cell).isVisible(), cell).toBe(true);
          const box = await row.getByTestId(cell).boundingBox();
          expect((box?.x ?? -1) + (box?.width ?? 1000), cell).toBeLessThanOrEqual(390);
        }
      }
      expect((page as Page & { problems?: string[] }).problems).toEqual([]);
    }
  });
});
