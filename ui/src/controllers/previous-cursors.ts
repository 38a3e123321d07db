/**
 * The cursor that opened the page before a given one, remembered for the tab's session (a reload keeps
 * it), so "Previous page" works though the API pages forward only and the URL holds only the cursor
 * of the page shown.
 */
const STORAGE_KEY = 'nem.previous-cursors';
const KEEP = 500;

function known(): Record<string, string> {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '{}');
    return typeof stored === 'object' && stored !== null ? (stored as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** The cursor of the page before the one `cursor` opens ('' for the first page), if this tab saw it. */
export function previousCursor(cursor: string): string | undefined {
  return Object.hasOwn(known(), cursor) ? known()[cursor] : undefined;
}

/** Notes that `cursor` (a page's nextCursor) follows the page opened by `previous`. */
export function rememberPreviousCursor(cursor: string, previous: string): void {
  const entries = Object.entries({ ...known(), [cursor]: previous }).slice(-KEEP);
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(Object.fromEntries(entries)));
  } catch {
    // Storage full or off: "Previous page" then offers the first page instead.
  }
}

/** Where "Previous page" goes from page `page` opened by `after`: the page before, or the first. */
export function previousPage(page: number, after: string): { readonly page: number; readonly after: string } {
  const previous = page <= 2 ? '' : previousCursor(after);
  return previous === undefined || previous === '' ? { page: 1, after: '' } : { page: page - 1, after: previous };
}
