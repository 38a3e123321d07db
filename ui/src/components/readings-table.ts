import { css, html, LitElement, nothing } from 'lit';
import type { Reading } from '../api/types.js';
import { directionWords, formatDecimal, formatNemTime, qualityDescription, transactionMeaning } from '../format.js';
import { href } from '../router.js';
import { codeMeaning, codeMeaningStyles } from './code-meaning.js';
import { fileName } from './file-name.js';
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

/** A 550 transaction code in words with the code and any retailer service order. */
function transaction(code: string | null, serviceOrder: string | null): string {
  const order = serviceOrder === null || serviceOrder === '' ? '' : `service order ${serviceOrder}`;
  if (code === null || code === '') return order;
  return `${transactionMeaning(code)} (${code})${order === '' ? '' : `, ${order}`}`;
}

/**
 * A table of register reads in the order given (the server sorts): NMI, serial, register and suffix,
 * direction in words, previous and current read with their dates (NEM time), quantity with unit,
 * quality (its meaning one press away), the 550 transaction in words, the next scheduled read, the
 * file, and superseded or corrected markers. Narrow screens get one card per read.
 *
 * With `sort`, the current read column has a button that asks for the other order (`sort-change`
 * event, detail: the order wanted); with `history`, reads that files sent more than once have a button
 * that asks for their versions (`reading-history` event, detail: the reading).
 */
export class NemReadingsTable extends LitElement {
  static override properties = {
    readings: { attribute: false },
    caption: {},
    history: { type: Boolean },
    sort: { attribute: false },
  };

  declare readings: readonly Reading[];
  declare caption: string;
  declare history: boolean;
  declare sort: SortDirection | null;

  constructor() {
    super();
    this.readings = [];
    this.caption = 'Register reads';
    this.history = false;
    this.sort = null;
  }

  static override styles = [
    sharedStyles,
    codeMeaningStyles,
    css`
      table {
        font-size: 0.84rem;
      }
      th,
      td {
        padding: 0.3rem 0.4rem;
      }
      tr.superseded td {
        color: var(--nem-muted, #57606a);
        background: repeating-linear-gradient(135deg, #fff, #fff 6px, #f6f8fa 6px, #f6f8fa 12px);
      }
      tr.superseded .read {
        text-decoration: line-through;
      }
      th button.sort {
        border: 0;
        background: none;
        padding: 0;
        min-height: 0;
        color: inherit;
        font-weight: 600;
        text-align: left;
        text-decoration: underline dotted;
      }
      .sub {
        display: block;
        font-size: 0.78rem;
        color: var(--nem-muted, #57606a);
      }
      td.file {
        white-space: normal;
        min-width: 8rem;
        max-width: 14rem;
      }
      td.b2b {
        white-space: normal;
        min-width: 6rem;
        max-width: 11rem;
      }
      td.state {
        white-space: normal;
        max-width: 7.5rem;
      }
      td.state > * {
        margin: 0 0.2rem 0.2rem 0;
      }
      .badge.corrected {
        color: var(--nem-accent, #0b5cad);
        background: #e8f1fb;
      }
      button.small {
        min-height: 2rem;
        padding: 0.1rem 0.45rem;
        font-size: 0.8rem;
      }
      /* Narrow screens: one card per read, every value labelled, nothing to scroll sideways. */
      @media (max-width: 700px) {
        .table-scroll {
          border: 0;
          background: none;
          overflow-x: visible;
        }
        table,
        tbody,
        tr,
        td {
          display: block;
          width: 100%;
        }
        thead {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip: rect(0, 0, 0, 0);
        }
        tr {
          display: grid;
          grid-template-columns: 1fr 1fr;
          gap: 0.1rem 0.75rem;
          background: var(--nem-surface, #fff);
          border: 1px solid var(--nem-border, #d0d7de);
          border-radius: var(--nem-radius, 6px);
          padding: 0.5rem 0.65rem;
          margin-bottom: 0.6rem;
        }
        td,
        tbody tr:last-child td {
          border: 0;
          padding: 0.2rem 0;
          white-space: normal;
          overflow-wrap: anywhere;
          min-width: 0;
          max-width: none;
        }
        td.num {
          text-align: left;
        }
        td.wide {
          grid-column: 1 / -1;
        }
        td::before {
          content: attr(data-label);
          display: block;
          font-size: 0.75rem;
          font-weight: 600;
          color: var(--nem-muted, #57606a);
        }
        details.code-meaning .meaning {
          left: 0;
          right: auto;
        }
      }
    `,
  ];

  private askHistory(reading: Reading): void {
    this.dispatchEvent(new CustomEvent<Reading>('reading-history', { detail: reading, bubbles: true, composed: true }));
  }

  private askSort(): void {
    const order: SortDirection = this.sort === 'desc' ? 'asc' : 'desc';
    this.dispatchEvent(new CustomEvent<SortDirection>('sort-change', { detail: order, bubbles: true, composed: true }));
  }

  private currentReadHeader() {
    if (this.sort === null) return html`<th scope="col" class="num">Current read</th>`;
    const label = this.sort === 'desc' ? 'newest first' : 'oldest first';
    return html`<th scope="col" class="num" aria-sort=${this.sort === 'desc' ? 'descending' : 'ascending'}>
      <button type="button" class="sort" data-testid="sort-by-date" @click=${() => this.askSort()}>
        Current read <span aria-hidden="true">${this.sort === 'desc' ? '▼' : '▲'}</span>
        <span class="visually-hidden">(by date, ${label}; activate to reverse)</span>
      </button>
    </th>`;
  }

  private row(r: Reading) {
    const direction = directionWords(r.direction);
    const current = transaction(r.currentTransactionCode, r.currentRetailerServiceOrder);
    const previous = transaction(r.previousTransactionCode, r.previousRetailerServiceOrder);
    const versions = this.history && (r.corrected || r.superseded);
    return html`<tr
      class=${r.superseded ? 'superseded' : ''}
      data-testid="reading-row"
      data-superseded=${r.superseded ? 'true' : 'false'}
    >
      <td data-label="NMI and meter">
        <a href=${href.nmi(r.nmi)} class="mono" data-testid="cell-nmi">${r.nmi}</a>
        <span class="sub"
          ><a href=${href.meter(r.meterSerial)} class="mono" data-testid="cell-serial">${r.meterSerial}</a></span
        >
      </td>
      <td data-label="Register (suffix)">
        <span class="mono" data-testid="cell-register">${r.registerId}</span>
        <span class="muted mono">(<span data-testid="cell-suffix">${r.nmiSuffix}</span>)</span>
        <span class="sub" data-testid="cell-direction"
          ><span title=${direction.term}>${direction.word} <span class="mono">(${r.direction})</span></span></span
        >
      </td>
      <td data-label="Previous read" class="num">
        <span class="read mono" data-testid="cell-previous-read">${r.previousRead}</span>
        <span class="sub" data-testid="cell-previous-date">${nemTime(r.previousReadAt)}</span>
        <span class="sub"
          >${codeMeaning(
            r.previousQuality,
            qualityDescription(r.previousQuality, r.previousReasonCode, r.previousReasonDescription),
            'previous-quality',
          )}</span
        >
      </td>
      <td data-label="Current read" class="num">
        <span class="read mono" data-testid="cell-current-read">${r.currentRead}</span>
        <span class="sub" data-testid="cell-current-date">${nemTime(r.currentReadAt)}</span>
      </td>
      <td data-label="Quantity" class="num mono" data-testid="cell-quantity">${formatDecimal(r.quantity)} ${r.uom}</td>
      <td data-label="Quality" data-testid="cell-quality">
        ${codeMeaning(
          r.currentQuality,
          qualityDescription(r.currentQuality, r.currentReasonCode, r.currentReasonDescription),
          'quality',
        )}
      </td>
      <td data-label="Transaction (550)" class="b2b" data-testid="cell-transaction">
        ${current === '' ? html`<span class="muted">—</span>` : current}
        ${previous === '' ? nothing : html`<span class="sub">Previous read: ${previous}</span>`}
      </td>
      <td data-label="Next scheduled read" data-testid="cell-next-read" class="nowrap">
        ${r.nextScheduledReadDate ?? html`<span class="muted">—</span>`}
      </td>
      <td data-label="File" class="file wide" data-testid="cell-file">
        <a href=${href.file(r.fileId)} title=${`Line ${r.line}, received ${formatNemTime(r.fileReceivedAt)}`}
          >${fileName(r.fileName)}</a
        >
      </td>
      <td data-label="Status" class="state" data-testid="cell-status">
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
        ${
          r.corrected
            ? html`<span
                class="badge corrected"
                data-testid="corrected-marker"
                title="Files sent more than one version of this read"
                >corrected</span
              >`
            : nothing
        }
        ${
          versions
            ? html`<button
                type="button"
                class="small"
                data-testid="history-button"
                @click=${() => this.askHistory(r)}
                aria-label=${`Versions of the read of ${r.nmi} register ${r.registerId} at ${formatNemTime(r.currentReadAt)}`}
              >
                Versions
              </button>`
            : nothing
        }
      </td>
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
            <th scope="col">NMI and meter</th>
            <th scope="col">Register (suffix), direction</th>
            <th scope="col" class="num">Previous read</th>
            ${this.currentReadHeader()}
            <th scope="col" class="num">Quantity</th>
            <th scope="col">Quality</th>
            <th scope="col">Transaction (550)</th>
            <th scope="col">Next scheduled read</th>
            <th scope="col">File</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          ${this.readings.map((r) => this.row(r))}
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
