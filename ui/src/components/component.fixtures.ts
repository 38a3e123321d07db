import type { LitElement } from 'lit';
import { afterEach } from 'vitest';
import { api, type Uploader } from '../api/client.js';

/**
 * Sets the shared client's fetch for a test (components use the one `api`); uploads go through it too,
 * as a plain POST (happy-dom's XMLHttpRequest would go to the network).
 */
export function useFetch(fetchImpl: typeof fetch): void {
  (api as unknown as { fetcher: typeof fetch }).fetcher = fetchImpl;
  useUploader((url, body, headers) => fetchImpl(url, { method: 'POST', body, headers }));
}

/** Sets how the shared client sends uploads, for a test that follows an upload's progress. */
export function useUploader(uploader: Uploader): void {
  (api as unknown as { uploader: Uploader | null }).uploader = uploader;
}

// Tests run Lit's development build (Vite's "development" condition); its one-time notice is noise here.
// This module is imported before any component, so the notice counts as already given.
(globalThis as { litIssuedWarnings?: Set<string> }).litIssuedWarnings ??= new Set(['dev-mode']);

afterEach(() => {
  document.body.replaceChildren();
  window.location.hash = '';
});

/** Puts an element in the page and waits for it to render. */
export async function mount<T extends LitElement>(element: T): Promise<T> {
  document.body.append(element);
  await element.updateComplete;
  return element;
}

/** Waits until `check` stops throwing (renders after fetches settle), up to `ms`. */
export async function until<T>(check: () => T, ms = 2000): Promise<T> {
  const start = Date.now();
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() - start > ms) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

/** querySelectorAll through open shadow roots, as Playwright's CSS selectors do. */
export function deepQueryAll(root: Element | Document | ShadowRoot, selector: string): Element[] {
  const found: Element[] = [...root.querySelectorAll(selector)];
  if (root instanceof Element && root.shadowRoot !== null) found.push(...deepQueryAll(root.shadowRoot, selector));
  for (const element of root.querySelectorAll('*')) {
    if (element.shadowRoot !== null) found.push(...deepQueryAll(element.shadowRoot, selector));
  }
  return found;
}

export function deepQuery(root: Element | Document | ShadowRoot, selector: string): Element {
  const [first] = deepQueryAll(root, selector);
  if (first === undefined) throw new Error(`nothing matches ${selector}`);
  return first;
}

export function text(element: Element): string {
  return element.textContent.replace(/\s+/g, ' ').trim();
}
