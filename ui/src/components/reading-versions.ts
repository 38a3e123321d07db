import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { api, errorMessage } from '../api/client.js';
import type { ReadingKey } from '../api/types.js';
import { formatDecimal, formatNemTime, plural, qualityDescription } from '../format.js';
import { href } from '../router.js';
import { codeMeaning, codeMeaningStyles } from './code-meaning.js';
import { fileName } from './file-name.js';
import { nemTime } from './nem-time.js';
import { sharedStyles } from './shared-styles.js';

/**
 * Every version of one register read (`/api/readings/versions`), newest first: the one in force and the
 * ones later files superseded, with what decides between them: the UpdateDateTime each file gave the
 * read, then the order the files were received and imported. Fires `close` when dismissed (its button
 * or Escape).
 */
export class NemReadingVersions extends LitElement {
  static override properties = { readingKey: { attribute: false } };
  declare readingKey: ReadingKey | null;

  static override styles = [
    sharedStyles,
    codeMeaningStyles,
    css`
      tr.in-force td {
        background: #eef6ee;
      }
      h3 {
        margin: 0;
      }
    `,
  ];

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

  private readonly keydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    this.close();
  };

  override render() {
    const key = this.readingKey;
    if (key === null) return html``;
    const title = `Versions of the ${key.nmi} register ${key.registerId} (suffix ${key.nmiSuffix}, meter ${key.meterSerial}) read at ${formatNemTime(key.currentReadAt)}`;
    return html`<section
      class="card"
      aria-labelledby="versions-title"
      data-testid="reading-versions"
      @keydown=${this.keydown}
    >
      <div class="actions spread">
        <h3 id="versions-title" tabindex="-1">${title}</h3>
        <button type="button" @click=${this.close} data-testid="versions-close">
          Close <span class="muted">(Esc)</span>
        </button>
      </div>
      <div>
        ${this.versions.render({
          pending: () => html`<p class="status loading" role="status">Loading versions…</p>`,
          error: (error) => html`<p class="status error" role="alert">${errorMessage(error)}</p>`,
          complete: (rows) =>
            rows.length === 0
              ? html`<p class="status empty">No versions of this read were found.</p>`
              : html`<p class="muted">
                    ${plural(rows.length, 'version')}. The one in force has the latest UpdateDateTime; between equal
                    ones, the file received (imported) last wins.
                  </p>
                  <div class="table-scroll" role="region" aria-label=${title} tabindex="0">
                    <table data-testid="versions-table">
                      <thead>
                        <tr>
                          <th scope="col">Version</th>
                          <th scope="col">UpdateDateTime</th>
                          <th scope="col">File received</th>
                          <th scope="col" class="num">Current read</th>
                          <th scope="col" class="num">Quantity</th>
                          <th scope="col">Quality</th>
                          <th scope="col">File</th>
                        </tr>
                      </thead>
                      <tbody>
                        ${rows.map(
                          (r) =>
                            html`<tr class=${r.superseded ? '' : 'in-force'} data-testid="version-row">
                              <td data-testid="version-state">${r.superseded ? 'Superseded' : 'In force'}</td>
                              <td data-testid="version-updated">${nemTime(r.updatedAt)}</td>
                              <td data-testid="version-received">${nemTime(r.fileReceivedAt)}</td>
                              <td class="num mono">${r.currentRead}</td>
                              <td class="num mono">${formatDecimal(r.quantity)} ${r.uom}</td>
                              <td>
                                ${codeMeaning(
                                  r.currentQuality,
                                  qualityDescription(r.currentQuality, r.currentReasonCode, r.currentReasonDescription),
                                  'version-quality',
                                )}
                              </td>
                              <td class="wrap">
                                <a href=${href.file(r.fileId)}>${fileName(r.fileName)}</a>
                                <span class="muted">line ${r.line}</span>
                              </td>
                            </tr>`,
                        )}
                      </tbody>
                    </table>
                  </div>`,
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
