import { html } from 'lit';
import type { KeysetPager } from '../controllers/keyset-pager.js';

/** Previous and next page buttons for a keyset pager, with the page number. */
export function pagerButtons(pager: KeysetPager, nextCursor: string | null, label: string) {
  if (!pager.hasPrevious && nextCursor === null) return html``;
  return html`<nav class="actions pager" aria-label=${`${label} pages`}>
    <button type="button" data-testid="prev-page" ?disabled=${!pager.hasPrevious} @click=${() => pager.previous()}>
      <span aria-hidden="true">←</span> Previous page
    </button>
    <span data-testid="page-number" aria-live="polite">Page ${pager.page}</span>
    <button
      type="button"
      data-testid="next-page"
      ?disabled=${nextCursor === null}
      @click=${() => pager.next(nextCursor)}
    >
      Next page <span aria-hidden="true">→</span>
    </button>
  </nav>`;
}
