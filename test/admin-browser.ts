import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { startNem, type RunningCli } from './server.js';

const AXE_SOURCE = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

/** `nem start` (the samples imported, an admin with a known password) on PGlite, and a Chromium. */
export interface AdminUnderTest {
  readonly nem: RunningCli;
  readonly url: string;
  readonly browser: Browser;
  /** A folder of the test's own, beside the server's data. */
  readonly work: string;
  /** Closes the browser, stops the server; its exit code. */
  close(): Promise<number | null>;
}

export async function startAdminUnderTest(name: string, adminPassword: string): Promise<AdminUnderTest> {
  const work = mkdtempSync(join(tmpdir(), `nem-${name}-browser-`));
  const nem = startNem(['start', '--port', '0'], {
    NEM_DATA_DIR: join(work, 'data'),
    DATABASE_URL: '',
    NEM_ADMIN_PASSWORD: adminPassword,
  });
  const url = (await nem.waitFor(/open (http:\/\/127\.0\.0\.1:\d+)\//))[1] ?? '';
  const browser = await launchChromium();
  return {
    nem,
    url,
    browser,
    work,
    close: async () => {
      await browser.close();
      return nem.stop();
    },
  };
}

/** Signs in through the API: the cookie and CSRF token to send with changes. */
export async function apiSession(
  url: string,
  username: string,
  password: string,
): Promise<{ readonly cookie: string; readonly csrfToken: string }> {
  const signIn = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (signIn.status !== 200) throw new Error(`sign-in as ${username}: ${signIn.status} ${await signIn.text()}`);
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: ReadonlyArray<{ readonly target: unknown; readonly failureSummary?: string }>;
}

/**
 * Runs axe-core over the page, open shadow roots included (the page needs `bypassCSP`: axe goes in as an
 * inline script, which the admin's Content-Security-Policy rightly refuses). The violations that fail a
 * test: serious and critical ones, and any landmark problem whatever its impact. Throws if axe did not
 * look inside the shadow roots (everything is in them: it would then have found nothing to check).
 */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as {
      axe: {
        run(
          context: unknown,
          options: unknown,
        ): Promise<{ violations: AxeViolation[]; passes: ReadonlyArray<{ id: string }> }>;
      };
      document: unknown;
    };
    const { violations, passes } = await axe.run(document, { resultTypes: ['violations'] });
    return {
      passed: passes.map((p) => p.id),
      violations: violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary ?? '' })),
      })),
    };
  });
  if (!result.passed.includes('button-name') || !result.passed.includes('color-contrast')) {
    throw new Error(
      `axe checked no button and no text colour: did it look inside the shadow roots? ${result.passed.join(', ')}`,
    );
  }
  return result.violations
    .filter(
      (v) => v.impact === 'serious' || v.impact === 'critical' || v.id === 'region' || v.id.startsWith('landmark-'),
    )
    .map(
      (v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.map((n) => [n.target, n.failureSummary]))}`,
    );
}

/** How far the page, and each scrolling table region in any shadow root, is wider than what shows. */
async function horizontalOverflow(page: Page) {
  return page.evaluate(() => {
    interface Box {
      scrollWidth: number;
      clientWidth: number;
      getAttribute(name: string): string | null;
    }
    interface Root {
      querySelectorAll(selector: string): Iterable<Box & { shadowRoot: Root | null }>;
    }
    const { document, innerWidth } = globalThis as unknown as {
      document: Root & { documentElement: Box };
      innerWidth: number;
    };
    const regions: Array<{ label: string | null; overflow: number }> = [];
    const visit = (root: Root) => {
      for (const element of root.querySelectorAll('*')) {
        if (element.shadowRoot !== null) visit(element.shadowRoot);
      }
      for (const region of root.querySelectorAll('.table-scroll')) {
        regions.push({ label: region.getAttribute('aria-label'), overflow: region.scrollWidth - region.clientWidth });
      }
    };
    visit(document);
    return { page: document.documentElement.scrollWidth - innerWidth, regions };
  });
}

/** What is wider than the screen: the page, or a table region that scrolls sideways ("Registers by 120 px"). */
export async function sidewaysOverflow(page: Page): Promise<string[]> {
  const overflow = await horizontalOverflow(page);
  return [
    ...(overflow.page > 0 ? [`the page by ${overflow.page} px`] : []),
    ...overflow.regions.filter((r) => r.overflow > 0).map((r) => `${r.label ?? 'a table'} by ${r.overflow} px`),
  ];
}

/** Signs in through the admin's form on a page already showing it (or its URL), and waits for the app. */
export async function signInThroughForm(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('sign-in-username').fill(username);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('sign-out').waitFor();
}

/** Searches from the search page's form and waits for the answer's summary. */
export async function searchThroughForm(page: Page, text: string): Promise<void> {
  await page.getByTestId('search-input').fill(text);
  await page.getByTestId('search-submit').click();
  await page.getByTestId('search-summary').waitFor();
}
