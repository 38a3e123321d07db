import { Task, TaskStatus } from '@lit/task';
import { html, LitElement, nothing } from 'lit';
import { api, ApiError, errorMessage } from '../api/client.js';
import type { MeterDetail } from '../api/types.js';
import { FIRST_READINGS, href, type ReadingsView } from '../router.js';
import { sharedStyles } from './shared-styles.js';
import './consumption-charts.js';
import './copy-button.js';
import './interval-data.js';
import './readings-panel.js';
import './readings-table.js';
import './registers-table.js';
import { asOfBanner } from './as-of.js';

/**
 * A meter (serial): the meter points it served, its registers, latest reads, charts and readings, and the
 * interval channels (NEM12) it recorded; only those when it has no register reads.
 */
export class NemMeterPage extends LitElement {
  static override properties = { serial: {}, view: { attribute: false } };
  declare serial: string;
  /** How the readings are shown (order, page), from the address. */
  declare view: ReadingsView;

  static override styles = [sharedStyles];

  constructor() {
    super();
    this.serial = '';
    this.view = FIRST_READINGS;
  }

  private readonly meter = new Task(this, {
    task: async ([serial, asOf], { signal }) => api.meter(serial, signal, asOf),
    args: () => [this.serial, this.view.asOf] as const,
  });

  private readonly channels = new Task(this, {
    task: async ([serial, asOf], { signal }) => (asOf === '' ? api.intervalChannels({ serial }, signal) : []),
    args: () => [this.serial, this.view.asOf] as const,
  });

  private intervals(serial: string) {
    const channels = this.channels.value ?? [];
    if (channels.length === 0) return nothing;
    return html`<nem-interval-data .channels=${channels} serial=${serial}></nem-interval-data>`;
  }

  private withoutReads() {
    if (this.channels.status === TaskStatus.PENDING || this.channels.status === TaskStatus.INITIAL)
      return html`<p class="status loading" role="status">Loading the meter…</p>`;
    const channels = this.channels.value ?? [];
    const serial = channels[0]?.meterSerialNumber ?? this.serial;
    const nmis = [...new Set(channels.map((c) => c.nmi))];
    if (channels.length > 0)
      return html`<dl class="facts card" data-testid="meter-facts">
          <dt>Meter serial</dt>
          <dd>
            <nem-copy-button .value=${serial} label="Copy serial"
              ><span class="mono" data-testid="meter-serial">${serial}</span></nem-copy-button
            >
          </dd>
          <dt>${nmis.length === 1 ? 'Meter point' : 'Meter points'}</dt>
          <dd data-testid="meter-nmis">
            ${nmis.map(
              (nmi, i) =>
                html`${i > 0 ? html`<br />` : ''}<nem-copy-button .value=${nmi} label="Copy NMI"
                    ><a class="mono" href=${href.nmi(nmi)}>${nmi}</a></nem-copy-button
                  >`,
            )}
          </dd>
        </dl>
        <p class="status empty" data-testid="no-register-reads">
          No register reads (NEM13) have been imported for this meter; its interval data (NEM12) follows.
        </p>
        ${this.intervals(serial)}`;
    return html`<p class="status empty" data-testid="not-found">
      No readings have been imported for meter <span class="mono">${this.serial}</span>.
      <a href=${href.search({ q: this.serial, kind: 'serial', prefix: true })}>Search serials starting with it</a>.
    </p>`;
  }

  private detail(meter: MeterDetail) {
    return html`${asOfBanner(meter.asOf, href.meter(meter.meterSerial, { ...this.view, asOf: '', page: 1, after: '' }))}
      <dl class="facts card" data-testid="meter-facts">
        <dt>Meter serial</dt>
        <dd>
          <nem-copy-button .value=${meter.meterSerial} label="Copy serial"
            ><span class="mono" data-testid="meter-serial">${meter.meterSerial}</span></nem-copy-button
          >
        </dd>
        <dt>${meter.nmis.length === 1 ? 'Meter point' : 'Meter points'}</dt>
        <dd data-testid="meter-nmis">
          ${meter.nmis.map(
            (nmi, i) =>
              html`${i > 0 ? html`<br />` : ''}<nem-copy-button .value=${nmi} label="Copy NMI"
                  ><a class="mono" href=${href.nmi(nmi)}>${nmi}</a></nem-copy-button
                >`,
          )}
        </dd>
        <dt>Registers</dt>
        <dd>${meter.registers.length}</dd>
      </dl>
      <p>
        <a href=${href.search({ q: meter.meterSerial, kind: 'serial' })}
          >Search these readings by date, or export them</a
        >
      </p>
      ${this.intervals(meter.meterSerial)}
      <h2>Registers</h2>
      <nem-registers-table
        .registers=${meter.registers}
        caption=${`Registers of meter ${meter.meterSerial}`}
      ></nem-registers-table>
      <h2>Latest read of each register</h2>
      <nem-readings-table
        .readings=${meter.latestReadings}
        caption=${`Latest read of each register of meter ${meter.meterSerial}`}
      ></nem-readings-table>
      <nem-consumption-charts by="serial" .value=${meter.meterSerial}></nem-consumption-charts>
      <nem-readings-panel by="serial" .value=${meter.meterSerial} .view=${this.view}></nem-readings-panel>`;
  }

  override render() {
    return html`<h1 tabindex="-1">
        Meter
        <span class="mono"
          >${this.meter.value?.meterSerial ?? this.channels.value?.[0]?.meterSerialNumber ?? this.serial}</span
        >
      </h1>
      <div>
        ${this.meter.render({
          pending: () => html`<p class="status loading" role="status">Loading the meter…</p>`,
          error: (error) =>
            error instanceof ApiError && error.status === 404
              ? this.withoutReads()
              : html`<p class="status error" role="alert">Could not load the meter: ${errorMessage(error)}</p>`,
          complete: (meter) => this.detail(meter),
        })}
      </div>`;
  }
}

customElements.define('nem-meter-page', NemMeterPage);

declare global {
  interface HTMLElementTagNameMap {
    'nem-meter-page': NemMeterPage;
  }
}
