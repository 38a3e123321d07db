import { html, LitElement } from 'lit';
import type { Register } from '../api/types.js';
import { directionWords } from '../format.js';
import { href } from '../router.js';
import { nemTime } from './nem-time.js';
import { sharedStyles } from './shared-styles.js';

/** The registers of a meter point or a meter: which meter, suffix, register, direction, unit, first and last read. */
export class NemRegistersTable extends LitElement {
  static override properties = { registers: { attribute: false }, caption: {} };
  declare registers: readonly Register[];
  declare caption: string;

  static override styles = [sharedStyles];

  constructor() {
    super();
    this.registers = [];
    this.caption = 'Registers';
  }

  override render() {
    return html`<div class="table-scroll cards" role="region" aria-label=${this.caption} tabindex="0">
      <table class="cards" data-testid="registers-table">
        <caption class="visually-hidden">
          ${this.caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">NMI</th>
            <th scope="col">Meter serial</th>
            <th scope="col">Suffix</th>
            <th scope="col">Register</th>
            <th scope="col">Direction</th>
            <th scope="col">Unit</th>
            <th scope="col">MDM data stream</th>
            <th scope="col">First read</th>
            <th scope="col">Last read</th>
          </tr>
        </thead>
        <tbody>
          ${this.registers.map(
            (g) =>
              html`<tr data-testid="register-row">
                <td data-label="NMI"><a class="mono" href=${href.nmi(g.nmi)}>${g.nmi}</a></td>
                <td data-label="Meter serial">
                  <a class="mono" href=${href.meter(g.meterSerial)}>${g.meterSerial}</a>
                </td>
                <td data-label="Suffix" class="mono">${g.nmiSuffix}</td>
                <td data-label="Register" class="mono">${g.registerId}</td>
                <td data-label="Direction" data-testid="register-direction">
                  <span title=${directionWords(g.direction).term}
                    >${directionWords(g.direction).word} <span class="muted mono">(${g.direction})</span></span
                  >
                </td>
                <td data-label="Unit">${g.uom}</td>
                <td data-label="MDM data stream" class="mono">${g.mdmDataStreamIdentifier ?? '—'}</td>
                <td data-label="First read" class="when">${nemTime(g.firstReadAt)}</td>
                <td data-label="Last read" class="when">${nemTime(g.lastReadAt)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

customElements.define('nem-registers-table', NemRegistersTable);

declare global {
  interface HTMLElementTagNameMap {
    'nem-registers-table': NemRegistersTable;
  }
}
