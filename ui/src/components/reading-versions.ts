import { Task } from '@lit/task';
import { html, LitElement } from 'lit';
import { api, errorMessage } from '../api/client.js';
import type { ReadingKey } from '../api/types.js';
import { formatNemTime, plural } from '../format.js';
import { sharedStyles } from './shared-styles.js';
import './readings-table.js';

/**
 * Every version of one register read (`/api/readings/versions`), newest first: the one in force and the
 * ones later files superseded. Fires `close` when dismissed.
 */
export class NemReadingVersions extends LitElement {
  static override properties = { readingKey: { attribute: false } };
  declare readingKey: ReadingKey | null;

  static override styles = [sharedStyles];

  constructor() {
    super();
    this.readingKey = null;
  }

  private readonly versions = new Task(this, {
    task: async ([key], { signal }) => (key === null ? [] : api.readingVersions(key, signal)),
    args: () => [this.readingKey] as const,
  });

  /** Moves focus to the heading, so keyboard and screen reader users land on what opened. */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
  }

  private readonly close = (): void => {
    this.dispatchEvent(new CustomEvent('close', { bubbles: true, composed: true }));
  };

  override render() {
    const key = this.readingKey;
    if (key === null) return html``;
    const title = `Versions of the ${key.nmi} register ${key.registerId} (suffix ${key.nmiSuffix}, meter ${key.meterSerial}) read at ${formatNemTime(key.currentReadAt)}`;
    return html`<section class="card" aria-labelledby="versions-title" data-testid="reading-versions">
      <div class="actions spread">
        <h3 id="versions-title" tabindex="-1">${title}</h3>
        <button type="button" @click=${this.close} data-testid="versions-close">Close</button>
      </div>
      <div>
        ${this.versions.render({
          pending: () => html`<p class="status loading" role="status">Loading versions…</p>`,
          error: (error) => html`<p class="status error" role="alert">${errorMessage(error)}</p>`,
          complete: (rows) =>
            rows.length === 0
              ? html`<p class="status empty">No versions of this read were found.</p>`
              : html`<p class="muted">
                    ${plural(rows.length, 'version')}; the newest by update time, then import order, is in force.
                  </p>
                  <nem-readings-table .readings=${rows} .sortable=${false} caption=${title}></nem-readings-table>`,
        })}
      </div>
    </section>`;
  }
}

customElements.define('nem-reading-versions', NemReadingVersions);

declare global {
  interface HTMLElementTagNameMap {
    'nem-reading-versions': NemReadingVersions;
  }
}
