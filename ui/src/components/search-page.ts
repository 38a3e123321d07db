import { Task, TaskStatus } from '@lit/task';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { isNmiPrefix, parseNmiQuery } from '../../../src/domain/nmi.js';
import { api, ApiError, errorMessage } from '../api/client.js';
import type { Reading, ReadingPage, ReadingsQuery, SearchMatch } from '../api/types.js';
import { previousCursor, previousPage, rememberPreviousCursor } from '../controllers/previous-cursors.js';
import { navigate } from '../controllers/route-controller.js';
import { downloadText } from '../download.js';
import { formText } from '../form-data.js';
import { capitalize, formatCount, nemToday, pageSummary, plural, readingsToCsv, safeFileName } from '../format.js';
import { EMPTY_SEARCH, href, type SearchOrder, type SearchParams } from '../router.js';
import type { SortDirection } from './readings-table.js';
import { sharedStyles } from './shared-styles.js';
import { asOfBanner } from './as-of.js';
import './readings-table.js';

const PAGE_SIZE = 50;
const EXPORT_PAGE_SIZE = 500;
const EXPORT_MAX = 100_000;
const SERIAL_MAX = 12;

type Resolved = 'nmi' | 'serial';

interface SearchResult {
  readonly kind: Resolved;
  readonly page: ReadingPage;
  /** "NMI, then serial" found neither. */
  readonly neither: boolean;
  /** Nothing found with register reads: the interval data (NEM12) of what was typed, if it has some. */
  readonly intervals?: { readonly by: Resolved; readonly value: string; readonly channels: number };
}

/**
 * How many interval channels a NMI or serial typed exactly has. Only a pointer beside an empty answer: when
 * it cannot be had (a text the API refuses, an older server), the answer stands without it.
 */
async function intervalChannelCount(by: Resolved, value: string, signal: AbortSignal): Promise<number> {
  try {
    return (await api.intervalChannels(by === 'nmi' ? { nmi: value } : { serial: value }, signal)).length;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    return 0;
  }
}

/** Whether the text could be a NMI as the search would ask for it (exact: checksum checked). */
function nmiLike(q: string, prefix: boolean): boolean {
  return prefix ? isNmiPrefix(q.replace(/\s+/g, '').toUpperCase()) : parseNmiQuery(q).ok;
}

/** What the form would search for, or why it cannot. */
export function validateSearch(params: SearchParams): string | null {
  if (params.q === '') return 'Enter a NMI or a meter serial.';
  if (params.from !== '' && params.to !== '' && params.from > params.to)
    return `The "From" date (${params.from}) is after the "To" date (${params.to}).`;
  if (params.kind === 'nmi' && !nmiLike(params.q, params.prefix)) {
    if (params.prefix) return `No NMI starts with "${params.q}": a NMI has 10 characters of A-H, J-N, P-Z and 0-9.`;
    const parsed = parseNmiQuery(params.q);
    return parsed.ok ? null : /^[a-z]/.test(parsed.reason) ? capitalize(parsed.reason) : `Not a NMI: ${parsed.reason}`;
  }
  if (params.kind !== 'nmi' && params.q.length > SERIAL_MAX && !nmiLike(params.q, params.prefix))
    return `A meter serial has at most ${SERIAL_MAX} characters (a NMI 10, or 11 with its checksum digit); "${params.q}" has ${params.q.length}.`;
  return null;
}

/** What was searched, as the service read it: `NMI 5787326565 (checksum digit 8 checked and removed)`. */
export function matchedText(matched: SearchMatch, prefix: boolean): string {
  const what = matched.by === 'nmi' ? 'NMI' : 'meter serial';
  const base = prefix ? `${what}s starting with ${matched.value}` : `${what} ${matched.value}`;
  return matched.note === null ? base : `${base} (${matched.note})`;
}

function dateRange(params: SearchParams): string {
  if (params.from !== '' && params.to !== '') return `read from ${params.from} to ${params.to}`;
  if (params.from !== '') return `read on or after ${params.from}`;
  if (params.to !== '') return `read up to ${params.to}`;
  return '';
}

/**
 * Search: one box for a NMI (with or without its checksum digit) or a meter serial (exact or prefix)
 * with an optional date range. The search, its order and its page live in the location hash
 * (`#/search?q=…&order=asc&page=2&after=…`), so it can be bookmarked, reloaded, and Back works. "NMI,
 * then serial" tries the NMI first, then the meter serial. The server sorts and pages; CSV export of
 * every result.
 */
export class NemSearchPage extends LitElement {
  static override properties = {
    params: { attribute: false },
    formError: { state: true },
    exportState: { state: true },
  };

  declare params: SearchParams;
  declare formError: string | null;
  declare exportState: { readonly busy: boolean; readonly message: string; readonly error: boolean } | null;

  static override styles = [
    sharedStyles,
    css`
      form.card {
        display: grid;
        gap: 0.75rem;
      }
      .results-head {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: center;
        gap: 0.5rem;
        margin: 1rem 0 0.5rem;
      }
      .results-head h2 {
        margin: 0;
        font-size: 1.05rem;
        font-weight: 600;
      }
      .results-head h2:focus {
        outline: 3px solid var(--nem-focus, #f5a300);
        outline-offset: 2px;
      }
      .pager {
        margin-top: 0.75rem;
      }
      input#q {
        width: 100%;
      }
    `,
  ];

  /** Set by the person's own actions (a search, a page, an order): focus then goes to the results. */
  private focusResults = false;

  constructor() {
    super();
    this.params = EMPTY_SEARCH;
    this.formError = null;
    this.exportState = null;
  }

  private query(params: SearchParams, kind: Resolved, limit: number, cursor: string | undefined): ReadingsQuery {
    return {
      ...(kind === 'nmi' ? { nmi: params.q } : { serial: params.q }),
      prefix: params.prefix,
      ...(params.from === '' ? {} : { from: params.from }),
      ...(params.to === '' ? {} : { to: params.to }),
      includeSuperseded: params.superseded,
      order: params.order,
      ...(params.asOf === '' ? {} : { asOf: params.asOf }),
      limit,
      cursor,
    };
  }

  private readonly results = new Task(this, {
    task: async ([params], { signal }): Promise<SearchResult | null> => {
      if (params.q === '' || validateSearch(params) !== null) return null;
      const cursor = params.after === '' ? undefined : params.after;
      const ask = (kind: Resolved) => api.readings(this.query(params, kind, PAGE_SIZE, cursor), signal);
      // Unknown by its register reads, exactly typed, now: it may have interval data (NEM12) only.
      const withIntervals = async (result: SearchResult): Promise<SearchResult> => {
        const m = result.page.matched;
        if (m.known || params.prefix || params.asOf !== '') return result;
        const channels = await intervalChannelCount(result.kind, m.value, signal);
        return channels === 0
          ? result
          : { ...result, neither: false, intervals: { by: result.kind, value: m.value, channels } };
      };
      if (params.kind !== 'auto')
        return withIntervals({ kind: params.kind, page: await ask(params.kind), neither: false });
      const couldBeNmi = nmiLike(params.q, params.prefix);
      if (couldBeNmi) {
        const byNmi = await ask('nmi');
        // A NMI that exists answers for itself, reads in the range or not.
        if (byNmi.items.length > 0 || byNmi.matched.known) return { kind: 'nmi', page: byNmi, neither: false };
        const asNmi = await withIntervals({ kind: 'nmi', page: byNmi, neither: false });
        if (asNmi.intervals !== undefined) return asNmi;
      }
      const bySerial = await ask('serial');
      return withIntervals({ kind: 'serial', page: bySerial, neither: couldBeNmi && !bySerial.matched.known });
    },
    args: () => [this.params] as const,
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('params')) {
      this.formError = this.params.q === '' ? null : validateSearch(this.params);
      this.exportState = null;
    }
  }

  protected override updated(): void {
    if (!this.focusResults || this.results.status === TaskStatus.PENDING) return;
    const target = this.renderRoot.querySelector<HTMLElement>('#results-summary');
    if (this.results.status === TaskStatus.COMPLETE || this.results.status === TaskStatus.ERROR) {
      this.focusResults = false;
      target?.focus();
    }
  }

  /** Goes to a search (a new one, another page, another order) through the location hash. */
  private go(params: SearchParams): void {
    this.focusResults = true;
    // The same search again (say after an import) runs again: navigate re-announces an unchanged hash.
    if (JSON.stringify(params) === JSON.stringify(this.params)) void this.results.run();
    else navigate(href.search(params));
  }

  private readonly submit = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const text = (name: string): string => formText(form, name).trim();
    const kind = text('kind');
    const params: SearchParams = {
      ...EMPTY_SEARCH,
      q: text('q'),
      kind: kind === 'nmi' || kind === 'serial' ? kind : 'auto',
      prefix: form.get('prefix') !== null,
      from: text('from'),
      to: text('to'),
      superseded: form.get('superseded') !== null,
      asOf: text('asOf'),
      order: this.params.order,
    };
    const problem = validateSearch(params);
    this.formError = problem;
    if (problem !== null) {
      this.renderRoot.querySelector<HTMLInputElement>('#q')?.focus();
      return;
    }
    this.go(params);
  };

  private readonly changeOrder = (kind: Resolved, order: SortDirection): void => {
    this.go({ ...this.params, kind: this.params.kind === 'auto' ? kind : this.params.kind, order, page: 1, after: '' });
  };

  private nextPage(kind: Resolved, nextCursor: string): void {
    rememberPreviousCursor(nextCursor, this.params.after);
    // Later pages keep what "NMI, then serial" found, as their cursor belongs to that search.
    this.go({
      ...this.params,
      kind: this.params.kind === 'auto' ? kind : this.params.kind,
      page: this.params.page + 1,
      after: nextCursor,
    });
  }

  private previousPage(): void {
    this.go({ ...this.params, ...previousPage(this.params.page, this.params.after) });
  }

  private async exportCsv(kind: Resolved): Promise<void> {
    const params = this.params;
    this.exportState = { busy: true, message: 'Preparing the CSV…', error: false };
    try {
      const readings: Reading[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.readings(this.query(params, kind, EXPORT_PAGE_SIZE, cursor));
        readings.push(...page.items);
        cursor = page.nextCursor ?? undefined;
        this.exportState = {
          busy: true,
          message: `Preparing the CSV: ${plural(readings.length, 'reading')}…`,
          error: false,
        };
      } while (cursor !== undefined && readings.length < EXPORT_MAX);
      const name = safeFileName(`readings-${kind}-${params.q}${params.prefix ? '-prefix' : ''}-${nemToday()}`) + '.csv';
      downloadText(name, readingsToCsv(readings));
      const capped =
        cursor === undefined ? '' : ` (the first ${formatCount(EXPORT_MAX)}; narrow the dates for the rest)`;
      this.exportState = {
        busy: false,
        message: `Exported ${plural(readings.length, 'reading')} to ${name}${capped}.`,
        error: false,
      };
    } catch (error) {
      this.exportState = { busy: false, message: `The export failed: ${errorMessage(error)}`, error: true };
    }
  }

  private renderForm() {
    const p = this.params;
    return html`<form class="card" role="search" data-testid="search-form" @submit=${this.submit} novalidate>
      <div class="fields">
        <div class="field grow">
          <label for="q">NMI or meter serial</label>
          <input
            id="q"
            name="q"
            type="search"
            data-testid="search-input"
            .value=${p.q}
            autocomplete="off"
            spellcheck="false"
            aria-describedby="q-hint ${this.formError === null ? '' : 'form-error'}"
            aria-invalid=${this.formError === null ? 'false' : 'true'}
          />
        </div>
        <div class="field">
          <label for="kind">Search by</label>
          <select id="kind" name="kind" data-testid="search-kind" .value=${p.kind}>
            <option value="auto" ?selected=${p.kind === 'auto'}>NMI, then serial</option>
            <option value="nmi" ?selected=${p.kind === 'nmi'}>NMI</option>
            <option value="serial" ?selected=${p.kind === 'serial'}>Meter serial</option>
          </select>
        </div>
        <div class="field">
          <button type="submit" class="primary" data-testid="search-submit">Search</button>
        </div>
      </div>
      <p id="q-hint" class="hint">
        A NMI (10 characters, or 11 with its checksum digit; spaces and case do not matter) or a meter serial (up to 12,
        any case), exactly or as the start of one. Dates are days in NEM time (UTC+10:00); a reading counts by its
        current read date.
      </p>
      <div class="fields">
        <label class="check">
          <input type="checkbox" name="prefix" data-testid="search-prefix" .checked=${p.prefix} />
          Match as a prefix
        </label>
        <div class="field">
          <label for="from">From</label>
          <input id="from" name="from" type="date" data-testid="search-from" .value=${p.from} />
        </div>
        <div class="field">
          <label for="to">To</label>
          <input id="to" name="to" type="date" data-testid="search-to" .value=${p.to} />
        </div>
        <label class="check">
          <input type="checkbox" name="superseded" data-testid="search-superseded" .checked=${p.superseded} />
          Include superseded versions
        </label>
        <div class="field">
          <label for="as-of">As known on <span class="muted">(empty: now)</span></label>
          <input
            id="as-of"
            name="asOf"
            type="datetime-local"
            data-testid="search-as-of"
            .value=${p.asOf === '' || p.asOf.includes('T') ? p.asOf : `${p.asOf}T00:00`}
            aria-describedby="as-of-hint"
          />
        </div>
      </div>
      <p id="as-of-hint" class="hint">
        As known on: what the service showed at that moment (NEM time), before any later file corrected it.
      </p>
      ${
        this.formError === null
          ? html``
          : html`<p id="form-error" class="status error" role="alert" data-testid="search-error">${this.formError}</p>`
      }
    </form>`;
  }

  private renderResult(result: SearchResult | null) {
    if (result === null) {
      return html`<div class="status empty" data-testid="search-idle">
        <p>Enter a NMI or a meter serial to see its register reads, newest first.</p>
        <p class="hint">
          For example a NMI such as <span class="mono">5787326565</span> (with or without its checksum digit), or the
          start of a meter serial with “Match as a prefix”.
        </p>
      </div>`;
    }
    const p = this.params;
    const { page, kind } = result;
    const matched = matchedText(page.matched, p.prefix);
    const range = dateRange(p);
    if (page.items.length === 0) return this.renderEmpty(result, matched, range);
    const exporting = this.exportState;
    const banner = asOfBanner(page.asOf, href.search({ ...p, asOf: '', page: 1, after: '' }));
    const description = `Readings of ${matched}${range === '' ? '' : `, ${range}`}${p.superseded ? ', superseded versions included' : ''}`;
    const summary = `${capitalize(pageSummary(page.total, p.page, PAGE_SIZE))}, ${p.order === 'desc' ? 'newest' : 'oldest'} first`;
    return html`${banner}
      <div class="results-head">
        <h2 id="results-summary" tabindex="-1" data-testid="search-summary">
          <span data-testid="search-matched">${description}</span>:
          <span data-testid="search-count">${summary}</span>
        </h2>
        <div class="actions">
          <button
            type="button"
            data-testid="export-csv"
            ?disabled=${exporting?.busy === true}
            @click=${() => void this.exportCsv(kind)}
          >
            Export CSV
          </button>
        </div>
      </div>
      <p
        class=${exporting?.error === true ? 'status error' : 'muted'}
        role="status"
        data-testid="export-status"
        ?hidden=${exporting === null}
      >
        ${exporting?.message ?? ''}
      </p>
      <nem-readings-table
        .readings=${page.items}
        .sort=${p.order}
        caption=${description}
        @sort-change=${(event: CustomEvent<SearchOrder>) => this.changeOrder(kind, event.detail)}
      ></nem-readings-table>
      ${this.renderPager(kind, page)}`;
  }

  private renderEmpty(result: SearchResult, matched: string, range: string) {
    const p = this.params;
    const m = result.page.matched;
    const asNmi = parseNmiQuery(p.q);
    const hints: string[] = [];
    let message: string;
    if (result.neither) {
      message = `Neither a NMI nor a meter serial matched "${p.q}"${p.asOf === '' ? '' : ' as known then'}.`;
    } else if (m.known) {
      // Known (has reads at all) but none here: the date range is what left them out.
      message =
        range === ''
          ? `${capitalize(matched)} has no readings to show.`
          : `The ${m.by === 'nmi' ? 'NMI' : 'meter'} ${m.value} exists, but has no reads ${range.replace(/^read /, '')}.`;
      if (range !== '') hints.push('Try a wider date range.');
    } else if (p.prefix) {
      // A prefix search counts what matches in the range.
      message = `No ${matched} have readings${range === '' ? '' : ` ${range.replace(/^read /, '')}`}.`;
      if (range !== '') hints.push('Try a wider date range.');
    } else {
      message = `No ${matched} is known${p.asOf === '' ? '' : ' as known then'}.`;
    }
    if (!m.known && !p.prefix) hints.push('Try “Match as a prefix”.');
    // Eleven characters that are no NMI: most likely a checksum digit typed wrong.
    if (!m.known && !p.prefix && !asNmi.ok && p.q.replace(/\s+/g, '').length === 11)
      hints.push(`${capitalize(asNmi.reason)}.`);
    const intervals = result.intervals;
    if (intervals !== undefined) {
      message = `${intervals.by === 'nmi' ? 'NMI' : 'Meter'} ${intervals.value} has no register reads, but has interval data (NEM12): ${plural(intervals.channels, 'channel')}.`;
      hints.length = 0;
    }
    const hint = hints.join(' ');
    return html`${asOfBanner(result.page.asOf, href.search({ ...p, asOf: '', page: 1, after: '' }))}
      <div class="status empty" data-testid="search-empty">
        <h2 id="results-summary" tabindex="-1" data-testid="search-summary">No readings found</h2>
        <p data-testid="search-empty-message">${message}</p>
        ${
          intervals === undefined
            ? nothing
            : html`<p>
                <a
                  data-testid="search-interval-link"
                  href=${intervals.by === 'nmi' ? href.nmi(intervals.value) : href.meter(intervals.value)}
                  >See its interval data</a
                >
              </p>`
        }
        ${hint === '' ? nothing : html`<p class="hint">${hint}</p>`}
      </div>`;
  }

  private renderPager(kind: Resolved, page: ReadingPage) {
    const p = this.params;
    const next = page.nextCursor;
    if (p.page === 1 && next === null) return nothing;
    const pages = page.total.capped ? '' : ` of ${formatCount(Math.max(1, Math.ceil(page.total.count / PAGE_SIZE)))}`;
    const knowsPrevious = p.page <= 2 || previousCursor(p.after) !== undefined;
    return html`<nav class="actions pager" aria-label="Search results pages">
      <button type="button" data-testid="prev-page" ?disabled=${p.page === 1} @click=${() => this.previousPage()}>
        <span aria-hidden="true">←</span> ${knowsPrevious ? 'Previous page' : 'First page'}
      </button>
      <span data-testid="page-number">Page ${formatCount(p.page)}${pages}</span>
      <button
        type="button"
        data-testid="next-page"
        ?disabled=${next === null}
        @click=${() => next !== null && this.nextPage(kind, next)}
      >
        Next page <span aria-hidden="true">→</span>
      </button>
    </nav>`;
  }

  /** One short sentence for screen readers: the results themselves are not read out whole. */
  private announcement(): string {
    const result = this.results.value;
    switch (this.results.status) {
      case TaskStatus.PENDING:
        return 'Searching…';
      case TaskStatus.COMPLETE:
        return result === null || result === undefined
          ? ''
          : `${capitalize(pageSummary(result.page.total, this.params.page, PAGE_SIZE))}.`;
      default:
        return '';
    }
  }

  override render() {
    return html`<h1 tabindex="-1">Search register reads</h1>
      ${this.renderForm()}
      <p class="visually-hidden" role="status" aria-live="polite" data-testid="search-announcement">
        ${this.announcement()}
      </p>
      <div aria-busy=${this.results.status === TaskStatus.PENDING ? 'true' : 'false'} data-testid="search-results">
        ${
          // Under a form error, the results of the search before it would look like its answer.
          this.formError !== null
            ? nothing
            : this.results.render({
                initial: () => this.renderResult(null),
                pending: () =>
                  html`<p class="status loading" role="status" data-testid="search-loading">Searching…</p>`,
                error: (error) =>
                  html`<div class="status error" role="alert" data-testid="search-failed">
                    <h2 id="results-summary" tabindex="-1">The search failed</h2>
                    <p>${capitalize(errorMessage(error))}</p>
                    ${
                      // A page address from another search or an older service: its first page still works.
                      error instanceof ApiError && error.code === 'BAD_CURSOR' && this.params.page > 1
                        ? html`<p>
                            <a href=${href.search({ ...this.params, page: 1, after: '' })} data-testid="first-page"
                              >Go to the first page</a
                            >
                          </p>`
                        : nothing
                    }
                  </div>`,
                complete: (result) => this.renderResult(result),
              })
        }
      </div>`;
  }
}

customElements.define('nem-search-page', NemSearchPage);

declare global {
  interface HTMLElementTagNameMap {
    'nem-search-page': NemSearchPage;
  }
}
