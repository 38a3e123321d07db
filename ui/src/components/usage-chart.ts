import { css, html, LitElement, nothing, svg } from 'lit';
import type { MeterPointDetail } from '../api/types.js';
import { directionWords, formatDecimal, formatNemDate, qualityMeaning } from '../format.js';
import { sharedStyles } from './shared-styles.js';

export type UsagePeriod = MeterPointDetail['usage']['periods'][number];

export interface UsageSeries {
  readonly key: string;
  readonly heading: string;
  readonly uom: string;
  readonly periods: readonly UsagePeriod[];
}

/** Groups read periods by register (meter, suffix, register), keeping their order (oldest first). */
export function usageSeries(periods: readonly UsagePeriod[]): UsageSeries[] {
  const groups = new Map<string, UsagePeriod[]>();
  for (const period of periods) {
    const key = `${period.meterSerial} ${period.nmiSuffix} ${period.registerId}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [period]);
    else group.push(period);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, group]) => {
      const first = group[0] as UsagePeriod;
      return {
        key,
        heading: `${directionWords(first.direction).word}, meter ${first.meterSerial}, register ${first.registerId} (suffix ${first.nmiSuffix})`,
        uom: first.uom,
        periods: group,
      };
    });
}

/** One read period in words: its dates, its length, its average per day and what it measured. */
export function periodText(p: UsagePeriod): string {
  const perDay = p.perDay === null ? 'no length' : `${formatDecimal(p.perDay)} ${p.uom}/day`;
  return (
    `${formatNemDate(p.from)} to ${formatNemDate(p.to)}: ${p.days} days, ${perDay} ` +
    `(${formatDecimal(p.quantity)} ${p.uom}, ${p.quality}: ${qualityMeaning(p.quality)}${p.corrected ? ', corrected' : ''})`
  );
}

const WIDTH = 600;
const HEIGHT = 160;
const ACTUAL = '#0b5cad';
const NOT_ACTUAL = '#b45309';

/**
 * Average use per day of each read period of one register, as a plain SVG bar chart: each bar spans its
 * period in time and stands as high as its kWh per day. A bar says its period (dates, days, average)
 * on hover and on keyboard focus; the figures are also a table under the chart.
 */
export class NemUsageChart extends LitElement {
  static override properties = { series: { attribute: false }, shown: { state: true } };
  declare series: UsageSeries | null;
  declare shown: UsagePeriod | null;

  static override styles = [
    sharedStyles,
    css`
      figure {
        margin: 0;
      }
      figcaption {
        font-weight: 600;
        margin-bottom: 0.25rem;
      }
      svg {
        display: block;
        width: 100%;
        height: 10rem;
        background: var(--nem-bg, #f6f8fa);
        border-radius: var(--nem-radius, 6px);
      }
      rect.bar {
        cursor: help;
      }
      rect.bar:focus {
        outline: none;
        stroke: var(--nem-focus, #f5a300);
        stroke-width: 3px;
      }
      rect.bar:hover {
        opacity: 0.8;
      }
      .axis {
        display: flex;
        justify-content: space-between;
        font-size: 0.8rem;
      }
      .shown {
        min-height: 2.6em;
        font-size: 0.85rem;
        margin: 0.25rem 0;
      }
      details {
        margin-top: 0.25rem;
      }
    `,
  ];

  constructor() {
    super();
    this.series = null;
    this.shown = null;
  }

  override render() {
    const series = this.series;
    if (series === null || series.periods.length === 0) return nothing;
    const periods = series.periods;
    const start = Math.min(...periods.map((p) => Date.parse(p.from)));
    const end = Math.max(...periods.map((p) => Date.parse(p.to)));
    // Geometry only: the figures people read stay exact text.
    const highest = Math.max(0, ...periods.map((p) => (p.perDay === null ? 0 : Number(p.perDay))));
    const span = Math.max(1, end - start);
    const x = (iso: string) => ((Date.parse(iso) - start) / span) * WIDTH;
    let top: UsagePeriod | null = null;
    for (const p of periods) if (p.perDay !== null && (top === null || Number(p.perDay) > Number(top.perDay))) top = p;
    const summary = `Average ${series.uom} per day for ${periods.length} read periods from ${formatNemDate(periods[0]?.from)} to ${formatNemDate(periods.at(-1)?.to)}; the highest ${top?.perDay ?? '0'} ${series.uom}/day.`;
    return html`<figure data-testid="usage-chart">
      <figcaption>${series.heading}: average ${series.uom} per day</figcaption>
      <div class="axis muted" aria-hidden="true">
        <span>${formatDecimal(top?.perDay ?? '0')} ${series.uom}/day</span>
      </div>
      <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" preserveAspectRatio="none" role="group" aria-label=${summary}>
        ${periods.map((p) => {
          // A bar spans its period, up to a tenth of the chart: one long period is not a wall of colour.
          const periodWidth = x(p.to) - x(p.from);
          const width = Math.max(2, Math.min(periodWidth - 1, WIDTH / 10));
          const left = x(p.from) + (periodWidth - width) / 2;
          const value = p.perDay === null ? 0 : Number(p.perDay);
          const height = highest === 0 ? 0 : (value / highest) * (HEIGHT - 4);
          return svg`<rect
            class="bar"
            data-testid="usage-bar"
            tabindex="0"
            role="img"
            aria-label=${periodText(p)}
            x=${left}
            y=${HEIGHT - height}
            width=${width}
            height=${Math.max(height, 1)}
            fill=${p.quality.toUpperCase() === 'A' ? ACTUAL : NOT_ACTUAL}
            @focus=${() => (this.shown = p)}
            @mouseenter=${() => (this.shown = p)}
          ><title>${periodText(p)}</title></rect>`;
        })}
      </svg>
      <div class="axis muted" aria-hidden="true">
        <span>${formatNemDate(periods[0]?.from)}</span><span>${formatNemDate(periods.at(-1)?.to)}</span>
      </div>
      <p class="shown" data-testid="usage-shown">
        ${
          this.shown === null
            ? html`<span class="muted"
                >Point at a bar or Tab to it for its period. Blue: actual reads; orange: estimated or substituted.</span
              >`
            : periodText(this.shown)
        }
      </p>
      <details>
        <summary>The figures as a table</summary>
        <div class="table-scroll cards" role="region" aria-label=${`${series.heading}: read periods`} tabindex="0">
          <table class="cards">
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col" class="num">Days</th>
                <th scope="col" class="num">${series.uom}/day</th>
                <th scope="col" class="num">${series.uom}</th>
                <th scope="col">Quality</th>
              </tr>
            </thead>
            <tbody>
              ${periods.map(
                (p) =>
                  html`<tr>
                    <td data-label="From">${formatNemDate(p.from)}</td>
                    <td data-label="To">${formatNemDate(p.to)}</td>
                    <td data-label="Days" class="num mono">${p.days}</td>
                    <td data-label=${`${series.uom}/day`} class="num mono">
                      ${p.perDay === null ? '—' : formatDecimal(p.perDay)}
                    </td>
                    <td data-label=${series.uom} class="num mono">${formatDecimal(p.quantity)}</td>
                    <td data-label="Quality" class="mono">${p.quality}${p.corrected ? ' (corrected)' : ''}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </details>
    </figure>`;
  }
}

customElements.define('nem-usage-chart', NemUsageChart);

declare global {
  interface HTMLElementTagNameMap {
    'nem-usage-chart': NemUsageChart;
  }
}
