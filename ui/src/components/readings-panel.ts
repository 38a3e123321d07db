import { Task, TaskStatus } from '@lit/task';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { api, errorMessage } from '../api/client.js';
import type { Reading, ReadingKey, ReadingOrder } from '../api/types.js';
import { KeysetPager } from '../controllers/keyset-pager.js';
import { capitalise, pageSummary } from '../format.js';
import { pagerButtons } from './pager-buttons.js';
import type { NemReadingVersions } from './reading-versions.js';
import { sharedStyles } from './shared-styles.js';
import './reading-versions.js';
import './readings-table.js';

const PAGE_SIZE = 50;

/**
 * The readings of one NMI or one meter serial, newest or oldest first (the server sorts and pages),
 * optionally with the superseded versions, and the version history of any read files sent more than once.
 */
export class NemReadingsPanel extends LitElement {
  static override properties = {
    by: {},
    value: {},
    includeSuperseded: { state: true },
    order: { state: true },
    versionsOf: { state: true },
  };

  declare by: 'nmi' | 'serial';
  declare value: string;
  declare includeSuperseded: boolean;
  declare order: ReadingOrder;
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

  private readonly pager = new KeysetPager(this);
  /** The button that opened the versions, to give focus back when they close. */
  private versionsOpener: HTMLElement | null = null;

  constructor() {
    super();
    this.by = 'nmi';
    this.value = '';
    this.includeSuperseded = false;
    this.order = 'desc';
    this.versionsOf = null;
  }

  private readonly readings = new Task(this, {
    task: async ([by, value, includeSuperseded, order, cursor], { signal }) =>
      api.readings(
        {
          ...(by === 'nmi' ? { nmi: value } : { serial: value }),
          includeSuperseded,
          order,
          limit: PAGE_SIZE,
          cursor,
        },
        signal,
      ),
    args: () => [this.by, this.value, this.includeSuperseded, this.order, this.pager.cursor] as const,
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('by') || changed.has('value')) {
      this.pager.reset();
      this.versionsOf = null;
    }
  }

  private readonly toggleSuperseded = (event: Event): void => {
    this.includeSuperseded = (event.target as HTMLInputElement).checked;
    this.pager.reset();
  };

  private readonly changeOrder = (event: CustomEvent<ReadingOrder>): void => {
    this.order = event.detail;
    this.pager.reset();
  };

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
            .checked=${this.includeSuperseded}
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
              : html`<p class="muted" data-testid="readings-summary">
                    ${capitalise(pageSummary(page.total, this.pager.page, PAGE_SIZE))},
                    ${this.order === 'desc' ? 'newest' : 'oldest'}
                    first${this.includeSuperseded ? ', superseded versions included' : ''}.
                  </p>
                  <nem-readings-table
                    .readings=${page.items}
                    .sort=${this.order}
                    caption=${`Readings of ${what}`}
                    history
                    @reading-history=${this.showVersions}
                    @sort-change=${this.changeOrder}
                  ></nem-readings-table>
                  ${pagerButtons(this.pager, page.nextCursor, `Readings of ${what}`)}`,
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
