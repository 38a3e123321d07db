import { Task } from '@lit/task';
import { html, LitElement } from 'lit';
import { api, ApiError, errorMessage } from '../api/client.js';
import type { MeterPointDetail } from '../api/types.js';
import { formatNemTime } from '../format.js';
import { href } from '../router.js';
import { sharedStyles } from './shared-styles.js';
import './consumption-charts.js';
import './readings-panel.js';
import './readings-table.js';
import './registers-table.js';

/**
 * A meter point (NMI): its configuration, meters and registers, the latest read of each register, a
 * consumption chart per register, and every reading (superseded versions on request).
 */
export class NemMeterPointPage extends LitElement {
  static override properties = { nmi: {} };
  declare nmi: string;

  static override styles = [sharedStyles];

  constructor() {
    super();
    this.nmi = '';
  }

  private readonly point = new Task(this, {
    task: async ([nmi], { signal }) => api.meterPoint(nmi, signal),
    args: () => [this.nmi] as const,
  });

  private detail(point: MeterPointDetail) {
    return html`<dl class="facts card" data-testid="meter-point-facts">
        <dt>NMI</dt>
        <dd class="mono" data-testid="meter-point-nmi">${point.nmi}</dd>
        <dt>Configuration</dt>
        <dd class="mono" data-testid="meter-point-configuration">${point.nmiConfiguration}</dd>
        <dt>Meters</dt>
        <dd data-testid="meter-point-meters">
          ${point.meterSerials.map(
            (serial, i) => html`${i > 0 ? ', ' : ''}<a class="mono" href=${href.meter(serial)}>${serial}</a>`,
          )}
        </dd>
        <dt>First read</dt>
        <dd class="mono">${formatNemTime(point.firstReadAt)}</dd>
        <dt>Last read</dt>
        <dd class="mono">${formatNemTime(point.lastReadAt)}</dd>
      </dl>
      <p><a href=${href.search({ q: point.nmi, kind: 'nmi' })}>Search these readings by date, or export them</a></p>
      <h2>Meters and registers</h2>
      <nem-registers-table
        .registers=${point.registers}
        caption=${`Registers of NMI ${point.nmi}`}
      ></nem-registers-table>
      <h2>Latest read of each register</h2>
      <nem-readings-table
        .readings=${point.latestReadings}
        .sortable=${false}
        caption=${`Latest read of each register of NMI ${point.nmi}`}
      ></nem-readings-table>
      <nem-consumption-charts by="nmi" .value=${point.nmi}></nem-consumption-charts>
      <nem-readings-panel by="nmi" .value=${point.nmi}></nem-readings-panel>`;
  }

  override render() {
    return html`<h1 tabindex="-1">NMI <span class="mono">${this.nmi}</span></h1>
      <div>
        ${this.point.render({
          pending: () => html`<p class="status loading" role="status">Loading the meter point…</p>`,
          error: (error) =>
            error instanceof ApiError && error.status === 404
              ? html`<p class="status empty" data-testid="not-found">
                  No readings have been imported for NMI <span class="mono">${this.nmi}</span>.
                  <a href=${href.search({ q: this.nmi, prefix: true })}>Search NMIs starting with it</a>.
                </p>`
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
