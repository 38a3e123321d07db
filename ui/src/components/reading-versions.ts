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
 * The history of one register read (`/api/readings/history`): every version, the one in force first,
 * with why it ranks where it does (the UpdateDateTime each file gave the read, then the order the files
 * were imported) and the stored event that brought it. Fires `close` when dismissed (its button or
 * Escape).
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
      .event-id {
        overflow-wrap: anywhere;
      }
      .reason,
      .event {
        white-space: normal;
        min-width: 12rem;
        max-width: 20rem;
      }
    `,
  ];

  constructor() {
    super();
    this.readingKey = null;
  }

  private readonly versions = new Task(this, {
    task: async ([key], { signal }) => (key === null ? [] : (await api.readingHistory(key, signal)).versions),
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
                    ones, the file imported last wins. Each came with a stored event (its file's stream, by revision).
                  </p>
                  <div class="table-scroll" role="region" aria-label=${title} tabindex="0">
                    <table data-testid="versions-table">
                      <thead>
                        <tr>
                          <th scope="col">Version, and why</th>
                          <th scope="col">UpdateDateTime</th>
                          <th scope="col">File received</th>
                          <th scope="col" class="num">Current read</th>
                          <th scope="col" class="num">Quantity</th>
                          <th scope="col">Quality</th>
                          <th scope="col">File, and the event that brought it</th>
                        </tr>
                      </thead>
                      <tbody>
                        ${rows.map(
                          ({ reading: r, inForce, rank, reason, event }) =>
                            html`<tr class=${inForce ? 'in-force' : ''} data-testid="version-row">
                              <td>
                                <span data-testid="version-state"
                                  >${inForce ? 'In force' : 'Superseded'} <span class="muted">#${rank}</span></span
                                >
                                <div class="muted reason" data-testid="version-reason">${reason}</div>
                              </td>
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
                                <div class="event" data-testid="version-event">
                                  ${
                                    event === null
                                      ? html`<span class="status error"
                                          >No stored event where the read model places it: run nem audit verify</span
                                        >`
                                      : html`<span class="mono"
                                            >revision ${event.revision}, position ${event.position}</span
                                          ><br /><span class="mono muted event-id">${event.eventId}</span><br />recorded
                                          ${nemTime(event.recordedAt)}`
                                  }
                                </div>
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
