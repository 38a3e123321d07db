import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import type { Reading } from '../api/types.js';
import { formatNemTime, qualityDescription } from '../format.js';
import { href } from '../router.js';
import { nemTime } from './nem-time.js';
import { sharedStyles } from './shared-styles.js';

export type SortDirection = 'desc' | 'asc';

/** Compares decimal integer text (import positions are int8 as text) without turning it into a number. */
function compareIntegerText(a: string, b: string): number {
  return a.length === b.length ? (a < b ? -1 : a > b ? 1 : 0) : a.length - b.length;
}

/** Oldest first: by current read time (ISO text in one offset sorts as time), then import order, then line. */
export function compareReadings(a: Reading, b: Reading): number {
  if (a.currentReadAt !== b.currentReadAt) return a.currentReadAt < b.currentReadAt ? -1 : 1;
  const byImport = compareIntegerText(a.importPosition, b.importPosition);
  return byImport !== 0 ? byImport : a.line - b.line;
}

/**
 * A table of register reads: NMI, serial, register and suffix, previous and current read with their
 * dates (NEM time), quantity with unit, quality (its meaning on hover), the file, and a superseded marker.
 * Sorting by date orders the rows it is given; with `history`, each row has a button that asks for the
 * versions of that read (`reading-history` event, detail: the reading).
 */
export class NemReadingsTable extends LitElement {
  static override properties = {
    readings: { attribute: false },
    caption: {},
    history: { type: Boolean },
    sortable: { type: Boolean },
    sort: { state: true },
  };

  declare readings: readonly Reading[];
  declare caption: string;
  declare history: boolean;
  declare sortable: boolean;
  declare sort: SortDirection;

  constructor() {
    super();
    this.readings = [];
    this.caption = 'Register reads';
    this.history = false;
    this.sortable = true;
    this.sort = 'desc';
  }

  static override styles = [
    sharedStyles,
    css`
      tr.superseded td {
        color: var(--nem-muted, #57606a);
        background: repeating-linear-gradient(135deg, #fff, #fff 6px, #f6f8fa 6px, #f6f8fa 12px);
      }
      tr.superseded td.read {
        text-decoration: line-through;
      }
      th button.sort {
        border: 0;
        background: none;
        padding: 0;
        min-height: 0;
        color: inherit;
        font-weight: 600;
        text-decoration: underline dotted;
      }
      td.file {
        white-space: normal;
        overflow-wrap: anywhere;
        min-width: 9rem;
        max-width: 16rem;
      }
      button.small {
        min-height: 2rem;
        padding: 0.1rem 0.45rem;
        font-size: 0.8rem;
      }
    `,
  ];

  private sorted: readonly Reading[] = [];

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('readings') || changed.has('sort') || changed.has('sortable')) {
      if (!this.sortable) {
        this.sorted = this.readings;
        return;
      }
      const rows = [...this.readings].sort(compareReadings);
      this.sorted = this.sort === 'desc' ? rows.reverse() : rows;
    }
  }

  private readonly toggleSort = (): void => {
    this.sort = this.sort === 'desc' ? 'asc' : 'desc';
  };

  private askHistory(reading: Reading): void {
    this.dispatchEvent(new CustomEvent<Reading>('reading-history', { detail: reading, bubbles: true, composed: true }));
  }

  private dateHeader() {
    if (!this.sortable) return html`<th scope="col">Current read date</th>`;
    const label = this.sort === 'desc' ? 'newest first' : 'oldest first';
    return html`<th scope="col" aria-sort=${this.sort === 'desc' ? 'descending' : 'ascending'}>
      <button
        type="button"
        class="sort"
        data-testid="sort-by-date"
        @click=${this.toggleSort}
        title="Sort by current read date"
      >
        Current read date <span aria-hidden="true">${this.sort === 'desc' ? '▼' : '▲'}</span>
        <span class="visually-hidden">(${label}; activate to reverse)</span>
      </button>
    </th>`;
  }

  private row(r: Reading) {
    const quality = qualityDescription(r.currentQuality, r.currentReasonCode, r.currentReasonDescription);
    const previousQuality = qualityDescription(r.previousQuality, r.previousReasonCode, r.previousReasonDescription);
    return html`<tr
      class=${r.superseded ? 'superseded' : ''}
      data-testid="reading-row"
      data-superseded=${r.superseded ? 'true' : 'false'}
    >
      <td data-testid="cell-nmi"><a href=${href.nmi(r.nmi)} class="mono">${r.nmi}</a></td>
      <td data-testid="cell-serial"><a href=${href.meter(r.meterSerial)} class="mono">${r.meterSerial}</a></td>
      <td data-testid="cell-register" class="mono">${r.registerId}</td>
      <td data-testid="cell-suffix" class="mono">${r.nmiSuffix}</td>
      <td
        data-testid="cell-previous-read"
        class="num read mono"
        title=${`Previous quality: ${r.previousQuality} (${previousQuality})`}
      >
        ${r.previousRead}
      </td>
      <td data-testid="cell-previous-date" class="when">${nemTime(r.previousReadAt)}</td>
      <td data-testid="cell-current-read" class="num read mono">${r.currentRead}</td>
      <td data-testid="cell-current-date" class="when">${nemTime(r.currentReadAt)}</td>
      <td data-testid="cell-quantity" class="num mono">${r.quantity} ${r.uom}</td>
      <td data-testid="cell-quality"><abbr title=${quality} data-testid="quality">${r.currentQuality}</abbr></td>
      <td data-testid="cell-file" class="file">
        <a href=${href.file(r.fileId)} title=${`line ${r.line}, received ${formatNemTime(r.fileReceivedAt)}`}
          >${r.fileName}</a
        >
      </td>
      <td data-testid="cell-status">
        ${
          r.superseded
            ? html`<span
                class="badge superseded"
                data-testid="superseded-marker"
                title="A later file sent this register read again; this is an older version"
                >superseded</span
              >`
            : html`<span class="muted">current</span>`
        }
      </td>
      ${
        this.history
          ? html`<td>
              <button
                type="button"
                class="small"
                data-testid="history-button"
                @click=${() => this.askHistory(r)}
                aria-label=${`Versions of the read of ${r.nmi} register ${r.registerId} at ${formatNemTime(r.currentReadAt)}`}
              >
                Versions
              </button>
            </td>`
          : nothing
      }
    </tr>`;
  }

  override render() {
    return html`<div class="table-scroll" role="region" aria-label=${this.caption} tabindex="0">
      <table data-testid="readings-table">
        <caption class="visually-hidden">
          ${this.caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">NMI</th>
            <th scope="col">Meter serial</th>
            <th scope="col">Register</th>
            <th scope="col">Suffix</th>
            <th scope="col" class="num">Previous read</th>
            <th scope="col">Previous read date</th>
            <th scope="col" class="num">Current read</th>
            ${this.dateHeader()}
            <th scope="col" class="num">Quantity</th>
            <th scope="col">Quality</th>
            <th scope="col">File</th>
            <th scope="col">Status</th>
            ${this.history ? html`<th scope="col"><span class="visually-hidden">Actions</span></th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${this.sorted.map((r) => this.row(r))}
        </tbody>
      </table>
    </div>`;
  }
}

customElements.define('nem-readings-table', NemReadingsTable);

declare global {
  interface HTMLElementTagNameMap {
    'nem-readings-table': NemReadingsTable;
  }
}
