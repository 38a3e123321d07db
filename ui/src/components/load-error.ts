import { html } from 'lit';
import { errorMessage } from '../api/client.js';

/**
 * Something a page could not load, with a Retry button: the usual cause is the server or the network
 * going away for a moment ("the server could not be reached"), and asking again is what people do next.
 */
export function loadError(what: string, error: unknown, retry: () => void) {
  return html`<div class="status error" role="alert" data-testid="load-error">
    <p class="load-error-text">${what}: ${errorMessage(error)}</p>
    <button type="button" data-testid="retry" @click=${retry}>Retry</button>
  </div>`;
}
