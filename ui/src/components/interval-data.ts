import { Task } from '@lit/task';
import { css, html, LitElement, nothing, svg, unsafeCSS, type PropertyValues } from 'lit';
import {
  PER_INTERVAL_QUALITY_FLAGS,
  QUALITY_FLAG_WORDS,
  type PerIntervalQualityFlag,
} from '../../../src/domain/mdff/code-lists.js';
import { api } from '../api/client.js';
import type { ChannelDay, IntervalChannel, IntervalDay } from '../api/types.js';
import { KeysetPager } from '../controllers/keyset-pager.js';
import { formatCount, formatDecimal, formatNemTime, plural, qualityMeaning, reasonMeaning } from '../format.js';
import { href } from '../router.js';
import { loadError } from './load-error.js';
import { pagerButtons } from './pager-buttons.js';
import { sharedStyles } from './shared-styles.js';

/** How a day or an interval is coloured: by its quality flag, or `mixed` for a day of several (a V day). */
export type QualityCategory = PerIntervalQualityFlag | 'mixed';

/**
 * The colours of the qualities, each at least 3:1 against the chart's background (non-text contrast),
 * told apart by their words in the legend and in every bar's label, never by colour alone. A flag added
 * to the domain's list without a colour here fails the type check.
 */
const QUALITY_COLOURS: Readonly<Record<QualityCategory, string>> = {
  A: '#0b5cad',
  E: '#b45309',
  S: '#7e22ce',
  F: '#be123c',
  N: '#57606a',
  mixed: '#0f766e',
};

/** The legend's entries, in the domain's order of the flags, with the domain's words. */
export const QUALITY_CATEGORIES: ReadonlyArray<{ key: QualityCategory; word: string; colour: string }> = [
  ...PER_INTERVAL_QUALITY_FLAGS.map((flag) => ({
    key: flag,
    word: QUALITY_FLAG_WORDS[flag].word,
    colour: QUALITY_COLOURS[flag],
  })),
  { key: 'mixed', word: 'Mixed', colour: QUALITY_COLOURS.mixed },
];
export const CHART_BACKGROUND = '#f6f8fa';

const CATEGORY = new Map(QUALITY_CATEGORIES.map((c) => [c.key, c]));

function categoryOf(flag: string): QualityCategory {
  const key = flag.trim().slice(0, 1).toUpperCase();
  return (PER_INTERVAL_QUALITY_FLAGS as readonly string[]).includes(key) ? (key as PerIntervalQualityFlag) : 'mixed';
}

function word(category: QualityCategory): string {
  return CATEGORY.get(category)?.word ?? category;
}

function colour(category: QualityCategory): string {
  return QUALITY_COLOURS[category];
}

/** A day's colour: its one quality flag, or `mixed` when its intervals have more than one. */
export function dayCategory(day: Pick<ChannelDay, 'qualitySummary' | 'quality'>): QualityCategory {
  const flags = Object.entries(day.qualitySummary)
    .filter(([, n]) => n > 0)
    .map(([flag]) => flag);
  if (flags.length === 0) return categoryOf(day.quality);
  return flags.length === 1 ? categoryOf(flags[0] ?? '') : 'mixed';
}

/** The intervals per quality in words, in the legend's order: `4 actual, 24 substituted, 20 final substitute`. */
export function qualitySummaryText(summary: Readonly<Record<string, number>>): string {
  return QUALITY_CATEGORIES.filter((c) => (summary[c.key] ?? 0) > 0)
    .map((c) => `${formatCount(summary[c.key] ?? 0)} ${c.word.toLowerCase()}`)
    .join(', ');
}

export interface IntervalQuality {
  readonly quality: string;
  readonly reasonCode: number | null;
  readonly reasonDescription: string | null;
}

/** The quality of each interval of a day, in order: its 400 run's, or the day's when it has none. */
export function intervalQualities(day: IntervalDay): IntervalQuality[] {
  const whole = { quality: day.quality, reasonCode: day.reasonCode, reasonDescription: day.reasonDescription };
  const qualities: IntervalQuality[] = day.values.map(() => whole);
  for (const run of day.intervalQuality ?? []) {
    for (let i = run.from; i <= run.to && i <= qualities.length; i++) qualities[i - 1] = run;
  }
  return qualities;
}

/** When interval `i` (1-based) of a day ends, NEM time: `00:30` … `24:00`. */
export function intervalEnd(i: number, intervalLength: number): string {
  const minutes = i * intervalLength;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A calendar day moved by whole days (YYYY-MM-DD, no time zone involved). */
export function addDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** The range shown first: the last 365 days of the channel's data. */
export function defaultRange(channel: Pick<IntervalChannel, 'firstDate' | 'lastDate'>): { from: string; to: string } {
  const yearBefore = addDays(channel.lastDate, -364);
  return { from: yearBefore > channel.firstDate ? yearBefore : channel.firstDate, to: channel.lastDate };
}

function channelQuery(nmi: string, suffix: string, serial: string, from: string, to: string, asOf: string) {
  return {
    nmi,
    suffix,
    ...(serial === '' ? {} : { serial }),
    ...(from === '' ? {} : { from }),
    ...(to === '' ? {} : { to }),
    ...(asOf === '' ? {} : { asOf }),
  };
}

const channelKey = (c: Pick<IntervalChannel, 'nmi' | 'nmiSuffix'>) => `${c.nmi} ${c.nmiSuffix}`;

/** Days the daily chart asks for at most (ten years of days, a page of 1,000 at a time). */
const MAX_CHART_DAYS = 3660;
const TABLE_PAGE = 31;
const WIDTH = 720;
const HEIGHT = 180;

/**
 * The interval channels (NEM12) of a meter point or a meter: a channel and a date range to choose (the
 * last 365 days of data first), the daily totals as bars coloured by quality, the load profile of one
 * day (a bar per interval, coloured by its own quality, on NEM time), and a table of the days. A day is
 * chosen by clicking its bar, by the arrow keys on the chart, or from the table. With `asOf`, everything is
 * as the service knew it then (the page around it says so).
 */
export class NemIntervalData extends LitElement {
  static override properties = {
    channels: { attribute: false },
    serial: {},
    asOf: {},
    selected: { state: true },
    from: { state: true },
    to: { state: true },
    day: { state: true },
  };

  /** The channels to offer (the API's `listIntervalChannels`). */
  declare channels: readonly IntervalChannel[];
  /** On a meter's page: only the days this meter recorded. */
  declare serial: string;
  /** The moment the page is as known on (the `asOf` the API takes); '' for now. */
  declare asOf: string;
  declare selected: string;
  declare from: string;
  declare to: string;
  /** The day whose profile is shown; '' for the last day of the range. */
  declare day: string;

  static override styles = [
    sharedStyles,
    css`
      figure {
        margin: 0 0 1rem;
      }
      figcaption {
        font-weight: 600;
        margin-bottom: 0.25rem;
      }
      svg {
        display: block;
        width: 100%;
        height: 11rem;
        background: ${unsafeCSS(CHART_BACKGROUND)};
        border-radius: var(--nem-radius, 6px);
      }
      rect.day {
        cursor: pointer;
      }
      rect.day:hover {
        opacity: 0.8;
      }
      rect.day.chosen {
        stroke: var(--nem-fg, #1b1f24);
        stroke-width: 2px;
      }
      rect.day:focus {
        outline: none;
        stroke: var(--nem-focus, #f5a300);
        stroke-width: 3px;
      }
      .axis {
        display: flex;
        justify-content: space-between;
        font-size: 0.8rem;
        gap: 0.5rem;
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        font-size: 0.85rem;
        margin: 0.5rem 0;
        padding: 0;
        list-style: none;
      }
      .swatch {
        display: inline-block;
        width: 0.8rem;
        height: 0.8rem;
        border-radius: 2px;
        vertical-align: middle;
        margin-right: 0.3rem;
      }
      .hint {
        margin: 0.25rem 0 0.75rem;
      }
      details {
        margin-top: 0.25rem;
      }
      button.chosen {
        font-weight: 700;
      }
      .profile-actions {
        margin-bottom: 0.75rem;
      }
    `,
  ];

  private readonly pager = new KeysetPager(this);

  constructor() {
    super();
    this.channels = [];
    this.serial = '';
    this.asOf = '';
    this.selected = '';
    this.from = '';
    this.to = '';
    this.day = '';
  }

  private get channel(): IntervalChannel | undefined {
    return this.channels.find((c) => channelKey(c) === this.selected) ?? this.channels[0];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another moment has other days: the range starts again from the channel as known then.
    const otherMoment = changed.has('asOf') && changed.get('asOf') !== undefined;
    if ((changed.has('channels') || otherMoment) && !this.channels.some((c) => channelKey(c) === this.selected)) {
      const first = this.channels[0];
      if (first !== undefined) this.choose(first);
    } else if (otherMoment && this.channel !== undefined) this.choose(this.channel);
  }

  private choose(channel: IntervalChannel): void {
    this.selected = channelKey(channel);
    ({ from: this.from, to: this.to } = defaultRange(channel));
    this.day = '';
    this.pager.reset();
  }

  /** What the days are asked by, as plain values: a task runs again only when one of them changes. */
  private queryArgs() {
    const channel = this.channel;
    return [channel?.nmi ?? '', channel?.nmiSuffix ?? '', this.serial, this.from, this.to, this.asOf] as const;
  }

  private readonly days = new Task(this, {
    task: async ([nmi, suffix, serial, from, to, asOf], { signal }) => {
      if (nmi === '') return { days: [] as ChannelDay[], more: false };
      const query = channelQuery(nmi, suffix, serial, from, to, asOf);
      const days: ChannelDay[] = [];
      let cursor: string | null = null;
      do {
        const page = await api.channelDays({ ...query, limit: 1000, ...(cursor === null ? {} : { cursor }) }, signal);
        days.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null && days.length < MAX_CHART_DAYS);
      return { days, more: cursor !== null };
    },
    args: () => this.queryArgs(),
  });

  private readonly tablePage = new Task(this, {
    task: async ([nmi, suffix, serial, from, to, asOf, cursor], { signal }) =>
      nmi === ''
        ? null
        : api.channelDays(
            {
              ...channelQuery(nmi, suffix, serial, from, to, asOf),
              limit: TABLE_PAGE,
              ...(cursor === undefined ? {} : { cursor }),
            },
            signal,
          ),
    args: () => [...this.queryArgs(), this.pager.cursor] as const,
  });

  /** The day shown: the one chosen, else the last of the range. */
  private get shownDay(): string {
    return this.day !== '' ? this.day : (this.days.value?.days.at(-1)?.intervalDate ?? '');
  }

  private readonly profile = new Task(this, {
    task: async ([nmi, suffix, date, asOf], { signal }) =>
      nmi === '' || date === '' ? null : api.intervalDay(nmi, suffix, date, signal, asOf),
    args: () => [this.channel?.nmi ?? '', this.channel?.nmiSuffix ?? '', this.shownDay, this.asOf] as const,
  });

  private setRange(which: 'from' | 'to', value: string): void {
    if (value === '' || !/^\d{4}-\d\d-\d\d$/.test(value)) return;
    this[which] = value;
    this.day = '';
    this.pager.reset();
  }

  private pick(date: string, focus = false): void {
    this.day = date;
    if (!focus) return;
    void this.updateComplete.then(() => {
      const bar = this.renderRoot.querySelector<SVGElement>(`rect.day[data-date="${date}"]`);
      bar?.focus();
    });
  }

  private onChartKey(event: KeyboardEvent, days: readonly ChannelDay[], index: number): void {
    const target =
      event.key === 'ArrowLeft'
        ? index - 1
        : event.key === 'ArrowRight'
          ? index + 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? days.length - 1
              : null;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.pick(days[index]?.intervalDate ?? '', true);
      return;
    }
    if (target === null) return;
    event.preventDefault();
    const day = days[Math.max(0, Math.min(days.length - 1, target))];
    if (day !== undefined) this.pick(day.intervalDate, true);
  }

  private channelLabel(c: IntervalChannel): string {
    const onMeter = this.serial === '' ? '' : `NMI ${c.nmi}, `;
    return `${onMeter}${c.nmiSuffix}: ${c.uom}, ${c.intervalLength}-minute, ${plural(c.days, 'day')} (${c.firstDate} to ${c.lastDate})`;
  }

  private controls(channel: IntervalChannel) {
    return html`<div class="fields">
      <div class="field grow">
        <label for="channel">Channel</label>
        <select
          id="channel"
          data-testid="interval-channel"
          @change=${(e: Event) => {
            const chosen = this.channels.find((c) => channelKey(c) === (e.target as HTMLSelectElement).value);
            if (chosen !== undefined) this.choose(chosen);
          }}
        >
          ${this.channels.map(
            (c) =>
              html`<option value=${channelKey(c)} ?selected=${channelKey(c) === channelKey(channel)}>
                ${this.channelLabel(c)}
              </option>`,
          )}
        </select>
      </div>
      <div class="field">
        <label for="from">From</label>
        <input
          id="from"
          type="date"
          data-testid="interval-from"
          .value=${this.from}
          @change=${(e: Event) => this.setRange('from', (e.target as HTMLInputElement).value)}
        />
      </div>
      <div class="field">
        <label for="to">To</label>
        <input
          id="to"
          type="date"
          data-testid="interval-to"
          .value=${this.to}
          @change=${(e: Event) => this.setRange('to', (e.target as HTMLInputElement).value)}
        />
      </div>
    </div>`;
  }

  private legend() {
    return html`<ul class="legend" data-testid="quality-legend" aria-label="Colours of the qualities">
      ${QUALITY_CATEGORIES.map(
        (c) => html`<li><span class="swatch" style="background:${c.colour}"></span>${c.word}</li>`,
      )}
    </ul>`;
  }

  private dayText(day: ChannelDay): string {
    return `${day.intervalDate}: ${formatDecimal(day.dayTotal)} ${day.uom}, ${word(dayCategory(day)).toLowerCase()} (${qualitySummaryText(day.qualitySummary)})`;
  }

  private dailyChart(channel: IntervalChannel, days: readonly ChannelDay[], more: boolean) {
    if (days.length === 0)
      return html`<p class="status empty" data-testid="no-interval-days">
        No days of this channel from ${this.from} to ${this.to}.
      </p>`;
    const totals = days.map((d) => Math.max(0, Number(d.dayTotal)));
    // Geometry only: every figure people read stays exact text.
    const highest = Math.max(0, ...totals);
    const slot = WIDTH / days.length;
    const width = Math.max(1, Math.min(slot * 0.8, 40));
    const shown = this.shownDay;
    const counts = new Map<QualityCategory, number>();
    for (const d of days) counts.set(dayCategory(d), (counts.get(dayCategory(d)) ?? 0) + 1);
    const peak = days[totals.indexOf(highest)];
    const summary =
      `Daily totals in ${channel.uom} of ${plural(days.length, 'day')} from ${days[0]?.intervalDate} to ${days.at(-1)?.intervalDate}: ` +
      `${QUALITY_CATEGORIES.filter((c) => counts.has(c.key))
        .map((c) => `${formatCount(counts.get(c.key) ?? 0)} ${c.word.toLowerCase()}`)
        .join(', ')}; the highest ${formatDecimal(peak?.dayTotal ?? '0')} ${channel.uom} on ${peak?.intervalDate}. ` +
      'Use the arrow keys to choose a day.';
    return html`<figure data-testid="daily-chart">
      <figcaption>Daily totals (${channel.uom})</figcaption>
      <div class="axis muted" aria-hidden="true">
        <span>${formatDecimal(peak?.dayTotal ?? '0')} ${channel.uom}</span>
      </div>
      <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" preserveAspectRatio="none" role="group" aria-label=${summary}>
        ${days.map((d, i) => {
          const height = highest === 0 ? 0 : ((totals[i] ?? 0) / highest) * (HEIGHT - 6);
          const chosen = d.intervalDate === shown;
          return svg`<rect
            class="day ${chosen ? 'chosen' : ''}"
            data-testid="daily-bar"
            data-date=${d.intervalDate}
            data-quality=${dayCategory(d)}
            role="button"
            aria-pressed=${chosen ? 'true' : 'false'}
            aria-label=${this.dayText(d)}
            tabindex=${chosen ? '0' : '-1'}
            x=${i * slot + (slot - width) / 2}
            y=${HEIGHT - Math.max(height, 2)}
            width=${width}
            height=${Math.max(height, 2)}
            fill=${colour(dayCategory(d))}
            @click=${() => this.pick(d.intervalDate)}
            @keydown=${(e: KeyboardEvent) => this.onChartKey(e, days, i)}
          ><title>${this.dayText(d)}</title></rect>`;
        })}
      </svg>
      <div class="axis muted" aria-hidden="true">
        <span>${days[0]?.intervalDate}</span><span>${days.at(-1)?.intervalDate}</span>
      </div>
      ${
        more
          ? html`<p class="hint" data-testid="daily-chart-truncated">
              The chart shows the first ${formatCount(days.length)} days of the range; narrow it to see the rest.
            </p>`
          : nothing
      }
      <p class="hint">Click a bar, or Tab to the chart and use the arrow keys, to see that day's intervals.</p>
    </figure>`;
  }

  private profileChart(day: IntervalDay) {
    const qualities = intervalQualities(day);
    const values = day.values.map((v) => Math.max(0, Number(v)));
    const highest = Math.max(0, ...values);
    const slot = WIDTH / Math.max(1, values.length);
    const counts: Record<string, number> = {};
    for (const q of qualities) counts[categoryOf(q.quality)] = (counts[categoryOf(q.quality)] ?? 0) + 1;
    const peakAt = values.indexOf(highest);
    const summary =
      `Load profile of ${day.intervalDate} in ${day.uom}: ${plural(values.length, `${day.intervalLength}-minute interval`)}, ` +
      `${qualitySummaryText(counts)}; the highest ${formatDecimal(day.values[peakAt] ?? '0')} ${day.uom} in the interval ending ${intervalEnd(peakAt + 1, day.intervalLength)} (+10:00).`;
    const hours = [0, 6, 12, 18, 24];
    return html`<figure data-testid="profile-chart">
      <figcaption>Intervals of ${day.intervalDate} (${day.uom} per ${day.intervalLength} minutes)</figcaption>
      <div class="axis muted" aria-hidden="true">
        <span>${formatDecimal(day.values[peakAt] ?? '0')} ${day.uom}</span>
      </div>
      <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" preserveAspectRatio="none" role="img" aria-label=${summary}>
        ${values.map((v, i) => {
          const height = highest === 0 ? 0 : (v / highest) * (HEIGHT - 6);
          const category = categoryOf(qualities[i]?.quality ?? day.quality);
          return svg`<rect
            data-testid="interval-bar"
            data-quality=${category}
            x=${i * slot + slot * 0.1}
            y=${HEIGHT - Math.max(height, 1)}
            width=${Math.max(0.5, slot * 0.8)}
            height=${Math.max(height, 1)}
            fill=${colour(category)}
          ><title>${intervalEnd(i + 1, day.intervalLength)} +10:00: ${formatDecimal(day.values[i] ?? '')} ${day.uom}, ${word(category).toLowerCase()}</title></rect>`;
        })}
      </svg>
      <div class="axis muted" data-testid="profile-axis" aria-hidden="true">
        ${hours.map((h) => html`<span data-testid="profile-tick">${String(h).padStart(2, '0')}:00</span>`)}
      </div>
      <p class="hint">Interval end, NEM time (+10:00)</p>
      <details>
        <summary>The intervals as a table</summary>
        <div class="table-scroll cards" role="region" aria-label=${`Intervals of ${day.intervalDate}`} tabindex="0">
          <table class="cards" data-testid="profile-table">
            <thead>
              <tr>
                <th scope="col">Interval ending (+10:00)</th>
                <th scope="col" class="num">${day.uom}</th>
                <th scope="col">Quality</th>
              </tr>
            </thead>
            <tbody>
              ${day.values.map((v, i) => {
                const q = qualities[i];
                const reason = q === undefined ? '' : reasonMeaning(q.reasonCode, q.reasonDescription);
                return html`<tr>
                  <td data-label="Interval ending" class="mono">${intervalEnd(i + 1, day.intervalLength)}</td>
                  <td data-label=${day.uom} class="num mono">${formatDecimal(v)}</td>
                  <td data-label="Quality">
                    <abbr title=${qualityMeaning(q?.quality ?? day.quality)}>${q?.quality ?? day.quality}</abbr>
                    ${reason === '' ? nothing : html`<span class="muted">${reason}</span>`}
                  </td>
                </tr>`;
              })}
            </tbody>
          </table>
        </div>
      </details>
    </figure>`;
  }

  private profileSection(days: readonly ChannelDay[]) {
    const shown = this.shownDay;
    if (shown === '') return nothing;
    const index = days.findIndex((d) => d.intervalDate === shown);
    const previous = index > 0 ? days[index - 1] : undefined;
    const next = index >= 0 ? days[index + 1] : undefined;
    const summary = days[index];
    return html`<section aria-labelledby="profile-title" data-testid="interval-profile">
      <h3 id="profile-title" aria-live="polite">Day <span class="mono" data-testid="profile-date">${shown}</span></h3>
      <div class="actions profile-actions">
        <button
          type="button"
          ?disabled=${previous === undefined}
          @click=${() => this.pick(previous?.intervalDate ?? '')}
        >
          <span aria-hidden="true">←</span> Previous day
        </button>
        <button type="button" ?disabled=${next === undefined} @click=${() => this.pick(next?.intervalDate ?? '')}>
          Next day <span aria-hidden="true">→</span>
        </button>
      </div>
      ${this.profile.render({
        pending: () => html`<p class="status loading" role="status">Loading the intervals of ${shown}…</p>`,
        error: (error) => loadError(`Could not load the intervals of ${shown}`, error, () => void this.profile.run()),
        complete: (day) =>
          day === null
            ? html`<p class="status empty">No intervals of this channel on ${shown}.</p>`
            : html`<dl class="facts" data-testid="profile-facts">
                  <dt>Total</dt>
                  <dd class="mono">${formatDecimal(day.dayTotal)} ${day.uom}</dd>
                  <dt>Quality</dt>
                  <dd>
                    <abbr class="mono" title=${qualityMeaning(day.quality)}>${day.quality}</abbr>
                    ${qualitySummaryText(day.qualitySummary)}
                    ${
                      day.reasonCode === null && day.reasonDescription === null
                        ? nothing
                        : html`<span class="muted">(${reasonMeaning(day.reasonCode, day.reasonDescription)})</span>`
                    }
                  </dd>
                  <dt>File</dt>
                  <dd>
                    <a href=${href.file(day.fileId)}>${day.fileName}</a>
                    <span class="muted">line ${day.line}</span>
                  </dd>
                  <dt>Versions</dt>
                  <dd>
                    ${day.versions}${
                      summary === undefined || summary.versions === 1
                        ? ''
                        : this.asOf === ''
                          ? ' (the one in force shown)'
                          : ' (the one in force then shown)'
                    }
                  </dd>
                  ${
                    day.updatedAt === null
                      ? nothing
                      : html`<dt>Updated</dt>
                          <dd class="mono">${formatNemTime(day.updatedAt)}</dd>`
                  }
                </dl>
                ${this.profileChart(day)}`,
      })}
    </section>`;
  }

  private table(channel: IntervalChannel) {
    return html`<h3>Days</h3>
      ${this.tablePage.render({
        pending: () => html`<p class="status loading" role="status">Loading the days…</p>`,
        error: (error) => loadError('Could not load the days', error, () => void this.tablePage.run()),
        complete: (page) =>
          page === null || page.items.length === 0
            ? nothing
            : html`<div class="table-scroll cards" role="region" aria-label="Days of the channel" tabindex="0">
                  <table class="cards" data-testid="interval-days-table">
                    <caption class="visually-hidden">
                      Days of channel ${channel.nmiSuffix} of NMI ${channel.nmi}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">Date</th>
                        <th scope="col" class="num">Total</th>
                        <th scope="col">Quality</th>
                        <th scope="col">File</th>
                        <th scope="col" class="num">Versions</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${page.items.map((d) => {
                        const chosen = d.intervalDate === this.shownDay;
                        return html`<tr data-testid="interval-day-row">
                          <td data-label="Date">
                            <button
                              type="button"
                              class="link mono ${chosen ? 'chosen' : ''}"
                              aria-pressed=${chosen ? 'true' : 'false'}
                              @click=${() => this.pick(d.intervalDate)}
                            >
                              ${d.intervalDate}
                            </button>
                          </td>
                          <td data-label="Total" class="num mono">${formatDecimal(d.dayTotal)} ${d.uom}</td>
                          <td data-label="Quality">
                            <span class="swatch" style="background:${colour(dayCategory(d))}"></span>
                            <abbr class="mono" title=${qualityMeaning(d.quality)}>${d.quality}</abbr>
                            ${qualitySummaryText(d.qualitySummary)}
                          </td>
                          <td data-label="File"><a href=${href.file(d.fileId)}>${d.fileName}</a></td>
                          <td data-label="Versions" class="num">${d.versions}</td>
                        </tr>`;
                      })}
                    </tbody>
                  </table>
                </div>
                ${pagerButtons(this.pager, page.nextCursor, 'Days')}`,
      })}`;
  }

  override render() {
    const channel = this.channel;
    if (channel === undefined) return nothing;
    return html`<section class="card" aria-labelledby="interval-title" data-testid="interval-data">
      <h2 id="interval-title">Interval data</h2>
      ${this.controls(channel)} ${this.legend()}
      ${this.days.render({
        pending: () => html`<p class="status loading" role="status">Loading the daily totals…</p>`,
        error: (error) => loadError('Could not load the daily totals', error, () => void this.days.run()),
        complete: ({ days, more }) =>
          html`${this.dailyChart(channel, days, more)} ${this.profileSection(days)} ${this.table(channel)}`,
      })}
    </section>`;
  }
}

customElements.define('nem-interval-data', NemIntervalData);

declare global {
  interface HTMLElementTagNameMap {
    'nem-interval-data': NemIntervalData;
  }
}
