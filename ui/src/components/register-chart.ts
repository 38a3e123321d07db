import type { Chart } from 'chart.js';
import { css, html, LitElement, unsafeCSS, type PropertyValues } from 'lit';
import type { Reading } from '../api/types.js';
import { formatDecimal, formatNemDate, qualityMeaning } from '../format.js';
import { compareReadings } from './readings-table.js';
import { nemTime } from './nem-time.js';
import { sharedStyles } from './shared-styles.js';

type ChartModule = typeof import('chart.js');

let chartModule: Promise<ChartModule> | null = null;

/** Chart.js, loaded on first use (its own chunk) with only the pieces a bar chart needs. */
function loadChartJs(): Promise<ChartModule> {
  chartModule ??= import('chart.js').then((module) => {
    module.Chart.register(
      module.BarController,
      module.BarElement,
      module.CategoryScale,
      module.LinearScale,
      module.Tooltip,
    );
    return module;
  });
  return chartModule;
}

const ACTUAL = '#0b5cad';
const NOT_ACTUAL = '#d97706';

/**
 * Consumption per read period of one register, as a bar chart (Chart.js): one bar per reading, the
 * quantity between its previous and current read. Actual reads in blue, estimates and substitutes in
 * orange. The same figures are offered as a table for those who cannot see the chart.
 */
export class NemRegisterChart extends LitElement {
  static override properties = {
    readings: { attribute: false },
    heading: {},
    failed: { state: true },
  };

  declare readings: readonly Reading[];
  declare heading: string;
  declare failed: string | null;

  static override styles = [
    sharedStyles,
    css`
      .plot {
        position: relative;
        height: 240px;
        width: 100%;
      }
      figure {
        margin: 0;
      }
      figcaption {
        font-weight: 600;
        margin-bottom: 0.5rem;
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 1rem;
        font-size: 0.85rem;
        margin: 0.5rem 0;
      }
      .swatch {
        display: inline-block;
        width: 0.8rem;
        height: 0.8rem;
        border-radius: 2px;
        vertical-align: middle;
        margin-right: 0.3rem;
      }
      .swatch.actual {
        background: ${unsafeCSS(ACTUAL)};
      }
      .swatch.other {
        background: ${unsafeCSS(NOT_ACTUAL)};
      }
      details {
        margin-top: 0.5rem;
      }
    `,
  ];

  private chart: Chart | null = null;
  private drawing = 0;

  constructor() {
    super();
    this.readings = [];
    this.heading = 'Consumption per read period';
    this.failed = null;
  }

  private get periods(): Reading[] {
    return [...this.readings].sort(compareReadings);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back in the page after being removed: draw again.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.chart?.destroy();
    this.chart = null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('readings') || this.chart === null) void this.draw();
  }

  private async draw(): Promise<void> {
    const attempt = ++this.drawing;
    const canvas = this.renderRoot.querySelector('canvas');
    if (canvas === null) return;
    try {
      const { Chart } = await loadChartJs();
      if (attempt !== this.drawing || !this.isConnected) return;
      this.chart?.destroy();
      this.chart = null;
      // No 2D context (a test DOM, a browser with canvas off): the table below still has the figures.
      if (canvas.getContext('2d') === null) return;
      const periods = this.periods;
      const uom = periods[0]?.uom ?? '';
      this.chart = new Chart(canvas, {
        type: 'bar',
        data: {
          labels: periods.map((r) => formatNemDate(r.currentReadAt)),
          datasets: [
            {
              label: `Consumption (${uom})`,
              // Chart.js plots numbers; the exact text stays in the tooltip and the tables.
              data: periods.map((r) => Number(r.quantityValue)),
              backgroundColor: periods.map((r) => (r.currentQuality === 'A' ? ACTUAL : NOT_ACTUAL)),
            },
          ],
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: {
            legend: { display: false },
            tooltip: {
              callbacks: {
                title: (items) => {
                  const r = periods[items[0]?.dataIndex ?? -1];
                  return r === undefined
                    ? ''
                    : `${formatNemDate(r.previousReadAt)} → ${formatNemDate(r.currentReadAt)}`;
                },
                label: (item) => {
                  const r = periods[item.dataIndex];
                  return r === undefined
                    ? ''
                    : `${formatDecimal(r.quantity)} ${r.uom} (${qualityMeaning(r.currentQuality)})`;
                },
              },
            },
          },
          scales: {
            x: { title: { display: true, text: 'End of read period (NEM time)' } },
            y: { beginAtZero: true, title: { display: true, text: uom } },
          },
        },
      });
    } catch (error) {
      this.failed = error instanceof Error ? error.message : String(error);
    }
  }

  override render() {
    const periods = this.periods;
    const first = periods[0];
    const last = periods.at(-1);
    const uom = first?.uom ?? '';
    const summary =
      first === undefined || last === undefined
        ? 'No read periods to chart.'
        : `Bar chart of consumption in ${uom} for ${periods.length} read periods, from ${formatNemDate(first.previousReadAt)} to ${formatNemDate(last.currentReadAt)}.`;
    return html`<figure data-testid="register-chart">
      <figcaption>${this.heading}</figcaption>
      <div class="plot" data-testid="consumption-chart">
        <canvas role="img" aria-label=${summary} data-testid="chart-canvas"></canvas>
      </div>
      <div class="legend" aria-hidden="true">
        <span><span class="swatch actual"></span>Actual read</span>
        <span><span class="swatch other"></span>Estimated or substituted</span>
      </div>
      ${
        this.failed === null
          ? html``
          : html`<p class="status error" role="alert">The chart could not be drawn: ${this.failed}</p>`
      }
      <details>
        <summary>The chart's figures as a table</summary>
        <div class="table-scroll cards" role="region" aria-label=${`${this.heading}: figures`} tabindex="0">
          <table class="cards">
            <caption class="visually-hidden">
              ${this.heading}
            </caption>
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col" class="num">Quantity</th>
                <th scope="col">Quality</th>
              </tr>
            </thead>
            <tbody>
              ${periods.map(
                (r) =>
                  html`<tr>
                    <td data-label="From" class="when">${nemTime(r.previousReadAt)}</td>
                    <td data-label="To" class="when">${nemTime(r.currentReadAt)}</td>
                    <td data-label="Quantity" class="num mono">${formatDecimal(r.quantity)} ${r.uom}</td>
                    <td data-label="Quality">
                      <abbr title=${qualityMeaning(r.currentQuality)}>${r.currentQuality}</abbr>
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </details>
    </figure>`;
  }
}

customElements.define('nem-register-chart', NemRegisterChart);

declare global {
  interface HTMLElementTagNameMap {
    'nem-register-chart': NemRegisterChart;
  }
}
