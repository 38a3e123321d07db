import { html, nothing } from 'lit';
import { formatAsOf } from '../../../src/domain/nem-time.js';

/**
 * The banner over an answer asked "as of" a moment (its `asOf`, absent for the present): staff must not
 * mistake the past for today. `now` is the same page without the moment.
 */
export function asOfBanner(asOf: string | undefined, now: string) {
  if (asOf === undefined) return nothing;
  return html`<p class="status warning as-of" role="status" data-testid="as-of-banner">
    As known on <strong class="mono">${formatAsOf(asOf)}</strong>: what the service showed then, before any later file.
    <a href=${now} data-testid="as-of-now">Back to now</a>
  </p>`;
}
