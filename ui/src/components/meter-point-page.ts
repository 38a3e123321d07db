import { Task, TaskStatus } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { api, ApiError, errorMessage } from '../api/client.js';
import type { MeterPointDetail } from '../api/types.js';
import { directionWords, formatDecimal, formatNemDate, formatNemTime, plural } from '../format.js';
import { FIRST_READINGS, href, type ReadingsView } from '../router.js';
import { sharedStyles } from './shared-styles.js';
import { usageSeries } from './usage-chart.js';
import './consumption-charts.js';
import './copy-button.js';
import './interval-data.js';
import './readings-panel.js';
import './readings-table.js';
import './registers-table.js';
import './usage-chart.js';
import { asOfBanner } from './as-of.js';

/**
 * A meter point (NMI): a summary first (latest actual read of each register, average use per day per
 * read period, the last 12 months, the next scheduled read), then its configuration, meters and
 * registers, the latest read of each register, a consumption chart per register, and every reading
 * (superseded versions on request). A NMI with interval data (NEM12) shows its channels too, and only
 * them when it has no register reads.
 */
export class NemMeterPointPage extends LitElement {
  static override properties = { nmi: {}, view: { attribute: false } };
  declare nmi: string;
  /** How the readings are shown (order, page), from the address. */
  declare view: ReadingsView;

  static override styles = [
    sharedStyles,
    css`
      .usage {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 26rem), 1fr));
        gap: 1rem;
      }
      .totals {
        list-style: none;
        padding: 0;
        margin: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 2rem;
      }
      .totals strong {
        font-size: 1.15rem;
      }
    `,
  ];

  constructor() {
    super();
    this.nmi = '';
    this.view = FIRST_READINGS;
  }

  private readonly point = new Task(this, {
    task: async ([nmi, asOf], { signal }) => api.meterPoint(nmi, signal, asOf),
    args: () => [this.nmi, this.view.asOf] as const,
  });

  private readonly channels = new Task(this, {
    task: async ([nmi, asOf], { signal }) => (asOf === '' ? api.intervalChannels({ nmi }, signal) : []),
    args: () => [this.nmi, this.view.asOf] as const,
  });

  /** The interval data section, when the NMI has channels (now only: interval days have no "as of"). */
  private intervals() {
    const channels = this.channels.value ?? [];
    if (channels.length === 0) return nothing;
    return html`<nem-interval-data .channels=${channels}></nem-interval-data>`;
  }

  /** A NMI without register reads: its interval data if it has some, else not found. */
  private withoutReads(shown: string) {
    if (this.channels.status === TaskStatus.PENDING || this.channels.status === TaskStatus.INITIAL)
      return html`<p class="status loading" role="status">Loading the meter point…</p>`;
    if ((this.channels.value ?? []).length > 0)
      return html`<p class="status empty" data-testid="no-register-reads">
          No register reads (NEM13) have been imported for NMI <span class="mono">${shown}</span>; its interval data
          (NEM12) follows.
        </p>
        ${this.intervals()}`;
    return html`<p class="status empty" data-testid="not-found">
      No readings have been imported for NMI <span class="mono">${shown}</span>.
      <a href=${href.search({ q: this.nmi, prefix: true })}>Search NMIs starting with it</a>.
    </p>`;
  }

  private summary(point: MeterPointDetail) {
    const series = usageSeries(point.usage.periods);
    return html`<section class="card" aria-labelledby="summary-title" data-testid="meter-point-summary">
      <h2 id="summary-title">Summary</h2>
      <dl class="facts">
        <dt>Next scheduled read</dt>
        <dd data-testid="next-scheduled-read">
          ${point.nextScheduledReadDate ?? html`<span class="muted">Not given</span>`}
        </dd>
        <dt>Last 12 months</dt>
        <dd>
          ${
            point.usage.last12Months.length === 0
              ? html`<span class="muted">No reads</span>`
              : html`<ul class="totals" data-testid="last-12-months">
                  ${point.usage.last12Months.map((total) => {
                    const direction = directionWords(total.direction);
                    return html`<li data-testid="last-12-months-total">
                      <span title=${direction.term}>${direction.word}</span>:
                      <strong class="mono">${formatDecimal(total.quantity)} ${total.uom}</strong>
                      <span class="muted"
                        >(${plural(total.reads, 'read')}, ${formatNemDate(total.from)} to
                        ${formatNemDate(total.to)})</span
                      >
                    </li>`;
                  })}
                </ul>`
          }
        </dd>
      </dl>
      <h3>Latest actual read of each register</h3>
      ${
        point.latestActualReadings.length === 0
          ? html`<p class="status empty" data-testid="no-actual-reads">No register has an actual read.</p>`
          : html`<nem-readings-table
              data-testid="latest-actual-readings"
              .readings=${point.latestActualReadings}
              caption=${`Latest actual read of each register of NMI ${point.nmi}`}
            ></nem-readings-table>`
      }
      <h3>Average use per day, by read period</h3>
      ${
        series.length === 0
          ? html`<p class="status empty">No read periods in the last three years.</p>`
          : html`<div class="usage">${series.map((s) => html`<nem-usage-chart .series=${s}></nem-usage-chart>`)}</div>`
      }
    </section>`;
  }

  private detail(point: MeterPointDetail) {
    return html`${asOfBanner(point.asOf, href.nmi(point.nmi, { ...this.view, asOf: '', page: 1, after: '' }))}
      <dl class="facts card" data-testid="meter-point-facts">
        <dt>NMI</dt>
        <dd>
          <nem-copy-button .value=${point.nmi} label="Copy NMI"
            ><span class="mono" data-testid="meter-point-nmi">${point.nmi}</span></nem-copy-button
          >
        </dd>
        <dt>Configuration</dt>
        <dd class="mono" data-testid="meter-point-configuration">${point.nmiConfiguration}</dd>
        <dt>Meters</dt>
        <dd data-testid="meter-point-meters">
          ${point.meterSerials.map(
            (serial, i) =>
              html`${i > 0 ? html`<br />` : nothing}<nem-copy-button .value=${serial} label="Copy serial"
                  ><a class="mono" href=${href.meter(serial)}>${serial}</a></nem-copy-button
                >`,
          )}
        </dd>
        <dt>First read</dt>
        <dd class="mono">${formatNemTime(point.firstReadAt)}</dd>
        <dt>Last read</dt>
        <dd class="mono">${formatNemTime(point.lastReadAt)}</dd>
      </dl>
      ${this.summary(point)} ${this.intervals()}
      <p><a href=${href.search({ q: point.nmi, kind: 'nmi' })}>Search these readings by date, or export them</a></p>
      <h2>Meters and registers</h2>
      <nem-registers-table
        .registers=${point.registers}
        caption=${`Registers of NMI ${point.nmi}`}
      ></nem-registers-table>
      <h2>Latest read of each register</h2>
      <nem-readings-table
        .readings=${point.latestReadings}
        caption=${`Latest read of each register of NMI ${point.nmi}`}
      ></nem-readings-table>
      <nem-consumption-charts by="nmi" .value=${point.nmi}></nem-consumption-charts>
      <nem-readings-panel by="nmi" .value=${point.nmi} .view=${this.view}></nem-readings-panel>`;
  }

  override render() {
    const shown = this.point.value?.nmi ?? this.channels.value?.[0]?.nmi ?? this.nmi.replace(/\s+/g, '').toUpperCase();
    return html`<h1 tabindex="-1">NMI <span class="mono" data-testid="meter-point-heading">${shown}</span></h1>
      <div>
        ${this.point.render({
          pending: () => html`<p class="status loading" role="status">Loading the meter point…</p>`,
          error: (error) =>
            error instanceof ApiError && error.status === 404
              ? this.withoutReads(shown)
              : html`<p class="status error" role="alert">Could not load the meter point: ${errorMessage(error)}</p>`,
          complete: (point) => this.detail(point),
        })}
      </div>`;
  }
}

customElements.define('nem-meter-point-page', NemMeterPointPage);

declare global {
  interface HTMLElementTagNameMap {
    'nem-meter-point-page': NemMeterPointPage;
  }
}
