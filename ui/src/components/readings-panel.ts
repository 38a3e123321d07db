import { Task, TaskStatus } from '@lit/task';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { api, errorMessage } from '../api/client.js';
import type { Reading, ReadingKey, ReadingOrder, ReadingPage } from '../api/types.js';
import { previousCursor, previousPage, rememberPreviousCursor } from '../controllers/previous-cursors.js';
import { navigate } from '../controllers/route-controller.js';
import { capitalize, formatCount, pageSummary } from '../format.js';
import { FIRST_READINGS, href, type ReadingsView } from '../router.js';
import type { NemReadingVersions } from './reading-versions.js';
import { sharedStyles } from './shared-styles.js';
import './reading-versions.js';
import './readings-table.js';

const PAGE_SIZE = 50;

/**
 * The readings of one NMI or one meter serial, newest or oldest first (the server sorts and pages),
 * optionally with the superseded versions, and the version history of any read files sent more than once.
 * The order, the page and the superseded choice are the page's address (`view`, from the location
 * hash), so a reload, Back and Forward keep them.
 */
export class NemReadingsPanel extends LitElement {
  static override properties = {
    by: {},
    value: {},
    view: { attribute: false },
    versionsOf: { state: true },
  };

  declare by: 'nmi' | 'serial';
  declare value: string;
  declare view: ReadingsView;
  declare versionsOf: ReadingKey | null;

  static override styles = [
    sharedStyles,
    css`
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: center;
        gap: 0.5rem;
      }
      .pager {
        margin-top: 0.75rem;
      }
    `,
  ];

  /** Set by the person's own paging or ordering: focus then goes to the summary of the new page. */
  private focusSummary = false;
  /** The button that opened the versions, to give focus back when they close. */
  private versionsOpener: HTMLElement | null = null;

  constructor() {
    super();
    this.by = 'nmi';
    this.value = '';
    this.view = FIRST_READINGS;
    this.versionsOf = null;
  }

  private readonly readings = new Task(this, {
    task: async ([by, value, view], { signal }) =>
      api.readings(
        {
          ...(by === 'nmi' ? { nmi: value } : { serial: value }),
          includeSuperseded: view.superseded,
          order: view.order,
          limit: PAGE_SIZE,
          ...(view.asOf === '' ? {} : { asOf: view.asOf }),
          ...(view.after === '' ? {} : { cursor: view.after }),
        },
        signal,
      ),
    args: () => [this.by, this.value, this.view] as const,
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('by') || changed.has('value')) this.versionsOf = null;
  }

  protected override updated(): void {
    if (!this.focusSummary || this.readings.status === TaskStatus.PENDING) return;
    this.focusSummary = false;
    this.renderRoot.querySelector<HTMLElement>('#readings-summary')?.focus();
  }

  /** Shows another view of the readings by going to its address. */
  private go(view: ReadingsView): void {
    this.focusSummary = true;
    navigate(this.by === 'nmi' ? href.nmi(this.value, view) : href.meter(this.value, view));
  }

  private readonly toggleSuperseded = (event: Event): void => {
    this.go({ ...this.view, superseded: (event.target as HTMLInputElement).checked, page: 1, after: '' });
  };

  private readonly changeOrder = (event: CustomEvent<ReadingOrder>): void => {
    this.go({ ...this.view, order: event.detail, page: 1, after: '' });
  };

  private nextPage(nextCursor: string): void {
    rememberPreviousCursor(nextCursor, this.view.after);
    this.go({ ...this.view, page: this.view.page + 1, after: nextCursor });
  }

  private pager(page: ReadingPage, what: string) {
    const view = this.view;
    const next = page.nextCursor;
    if (view.page === 1 && next === null) return nothing;
    const pages = page.total.capped ? '' : ` of ${formatCount(Math.max(1, Math.ceil(page.total.count / PAGE_SIZE)))}`;
    const knowsPrevious = view.page <= 2 || previousCursor(view.after) !== undefined;
    return html`<nav class="actions pager" aria-label=${`Readings of ${what}, pages`}>
      <button
        type="button"
        data-testid="prev-page"
        ?disabled=${view.page === 1}
        @click=${() => this.go({ ...view, ...previousPage(view.page, view.after) })}
      >
        <span aria-hidden="true">←</span> ${knowsPrevious ? 'Previous page' : 'First page'}
      </button>
      <span data-testid="page-number">Page ${formatCount(view.page)}${pages}</span>
      <button
        type="button"
        data-testid="next-page"
        ?disabled=${next === null}
        @click=${() => next !== null && this.nextPage(next)}
      >
        Next page <span aria-hidden="true">→</span>
      </button>
    </nav>`;
  }

  private readonly showVersions = async (event: CustomEvent<Reading>): Promise<void> => {
    const r = event.detail;
    const table = event.target as Element | null;
    const active = table?.shadowRoot?.activeElement;
    this.versionsOpener = active instanceof HTMLElement ? active : null;
    this.versionsOf = {
      nmi: r.nmi,
      nmiSuffix: r.nmiSuffix,
      registerId: r.registerId,
      meterSerial: r.meterSerial,
      currentReadAt: r.currentReadAt,
    };
    await this.updateComplete;
    const versions = this.renderRoot.querySelector<NemReadingVersions>('nem-reading-versions');
    await versions?.updateComplete;
    versions?.focusHeading();
  };

  private readonly closeVersions = (): void => {
    this.versionsOf = null;
    const opener = this.versionsOpener;
    this.versionsOpener = null;
    if (opener?.isConnected === true) opener.focus();
  };

  override render() {
    const what = this.by === 'nmi' ? `NMI ${this.value}` : `meter ${this.value}`;
    return html`<section aria-labelledby="readings-title">
      <div class="toolbar">
        <h2 id="readings-title">Readings</h2>
        <label class="check">
          <input
            type="checkbox"
            data-testid="superseded-toggle"
            .checked=${this.view.superseded}
            @change=${this.toggleSuperseded}
          />
          Show superseded versions
        </label>
      </div>
      <nem-reading-versions
        .readingKey=${this.versionsOf}
        @close=${this.closeVersions}
        ?hidden=${this.versionsOf === null}
      ></nem-reading-versions>
      <div aria-busy=${this.readings.status === TaskStatus.PENDING ? 'true' : 'false'}>
        ${this.readings.render({
          pending: () => html`<p class="status loading" role="status">Loading readings…</p>`,
          error: (error) =>
            html`<p class="status error" role="alert">Could not load the readings: ${errorMessage(error)}</p>`,
          complete: (page) =>
            page.items.length === 0
              ? html`<p class="status empty" data-testid="readings-empty">No readings for ${what}.</p>`
              : html`<p class="muted" id="readings-summary" tabindex="-1" data-testid="readings-summary">
                    ${capitalize(pageSummary(page.total, this.view.page, PAGE_SIZE))},
                    ${this.view.order === 'desc' ? 'newest' : 'oldest'}
                    first${this.view.superseded ? ', superseded versions included' : ''}.
                  </p>
                  <nem-readings-table
                    .readings=${page.items}
                    .sort=${this.view.order}
                    caption=${`Readings of ${what}`}
                    history
                    @reading-history=${this.showVersions}
                    @sort-change=${this.changeOrder}
                  ></nem-readings-table>
                  ${this.pager(page, what)}`,
        })}
      </div>
    </section>`;
  }
}

customElements.define('nem-readings-panel', NemReadingsPanel);

declare global {
  interface HTMLElementTagNameMap {
    'nem-readings-panel': NemReadingsPanel;
  }
}
