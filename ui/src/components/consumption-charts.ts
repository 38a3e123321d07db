import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { api, errorMessage } from '../api/client.js';
import type { Reading } from '../api/types.js';
import { formatCount, registerKey } from '../format.js';
import { sharedStyles } from './shared-styles.js';
import './register-chart.js';

const PAGE = 500;
/** Enough for decades of quarterly reads on several registers; beyond it the chart says it stops short. */
const MAX_READINGS = 5000;

interface Series {
  readonly key: string;
  readonly heading: string;
  readonly readings: Reading[];
}

/** Every (non-superseded) reading of a NMI or a meter, newest first, up to a cap. */
async function allReadings(
  by: 'nmi' | 'serial',
  value: string,
  signal: AbortSignal,
): Promise<{ readings: Reading[]; complete: boolean }> {
  const readings: Reading[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.readings(
      { ...(by === 'nmi' ? { nmi: value } : { serial: value }), limit: PAGE, cursor },
      signal,
    );
    readings.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && readings.length < MAX_READINGS);
  return { readings, complete: cursor === undefined };
}

/** Groups readings by register (NMI, meter, suffix, register), in a stable order. */
export function seriesByRegister(readings: readonly Reading[]): Series[] {
  const groups = new Map<string, Reading[]>();
  for (const reading of readings) {
    const key = registerKey(reading);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [reading]);
    else group.push(reading);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, group]) => {
      const r = group[0] as Reading;
      return {
        key,
        heading: `NMI ${r.nmi}, meter ${r.meterSerial}, register ${r.registerId} (suffix ${r.nmiSuffix}): ${r.uom} per read period`,
        readings: group,
      };
    });
}

/** One consumption chart per register of a NMI or a meter. */
export class NemConsumptionCharts extends LitElement {
  static override properties = { by: {}, value: {} };
  declare by: 'nmi' | 'serial';
  declare value: string;

  static override styles = [
    sharedStyles,
    css`
      .charts {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 28rem), 1fr));
        gap: 1rem;
      }
    `,
  ];

  constructor() {
    super();
    this.by = 'nmi';
    this.value = '';
  }

  private readonly data = new Task(this, {
    task: async ([by, value], { signal }) => {
      const { readings, complete } = await allReadings(by, value, signal);
      return { series: seriesByRegister(readings), complete, count: readings.length };
    },
    args: () => [this.by, this.value] as const,
  });

  override render() {
    return html`<section aria-labelledby="consumption-title" data-testid="consumption">
      <h2 id="consumption-title">Consumption per read period</h2>
      <div>
        ${this.data.render({
          pending: () => html`<p class="status loading" role="status">Loading the charts…</p>`,
          error: (error) =>
            html`<p class="status error" role="alert">Could not load the charts: ${errorMessage(error)}</p>`,
          complete: ({ series, complete, count }) =>
            series.length === 0
              ? html`<p class="status empty">No readings to chart.</p>`
              : html`${
                    complete
                      ? html``
                      : html`<p class="muted">The charts show the newest ${formatCount(count)} readings.</p>`
                  }
                  <div class="charts">
                    ${series.map(
                      (s) =>
                        html`<div class="card">
                          <nem-register-chart .readings=${s.readings} heading=${s.heading}></nem-register-chart>
                        </div>`,
                    )}
                  </div>`,
        })}
      </div>
    </section>`;
  }
}

customElements.define('nem-consumption-charts', NemConsumptionCharts);

declare global {
  interface HTMLElementTagNameMap {
    'nem-consumption-charts': NemConsumptionCharts;
  }
}
