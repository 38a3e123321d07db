import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { REPO_ROOT } from './cli.js';

/** Debian's Chromium; `npx playwright install` cannot work on our machines. */
export const CHROMIUM_PATH = process.env.NEM_CHROMIUM ?? '/usr/bin/chromium';
/** CI sets this: a missing Chromium then fails the browser tests instead of skipping them. */
export const BROWSER_REQUIRED = process.env.NEM_REQUIRE_BROWSER === '1';
export const BROWSER_AVAILABLE = existsSync(CHROMIUM_PATH);
export const RUN_BROWSER_TESTS = BROWSER_AVAILABLE || BROWSER_REQUIRED;
export const BROWSER_SKIP_REASON = `no Chromium at ${CHROMIUM_PATH} (install Debian's chromium package, or set NEM_CHROMIUM); CI sets NEM_REQUIRE_BROWSER=1 so it never skips`;

/** Screenshots the browser tests take, for people to look at (ignored by git). */
export const SCREENSHOT_DIR = join(REPO_ROOT, 'screenshots');

export function launchChromium(): Promise<Browser> {
  if (!BROWSER_AVAILABLE) throw new Error(`browser tests need Chromium: ${BROWSER_SKIP_REASON}`);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
