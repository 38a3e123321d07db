import { Task, TaskStatus } from '@lit/task';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { api, errorMessage } from '../api/client.js';
import type { Page, Reading, ReadingsQuery } from '../api/types.js';
import { KeysetPager } from '../controllers/keyset-pager.js';
import { navigate } from '../controllers/route-controller.js';
import { downloadText } from '../download.js';
import { formText } from '../form-data.js';
import { formatCount, nemToday, plural, readingsToCsv, safeFileName } from '../format.js';
import { EMPTY_SEARCH, href, type SearchParams } from '../router.js';
import { pagerButtons } from './pager-buttons.js';
import { sharedStyles } from './shared-styles.js';
import './readings-table.js';

const PAGE_SIZE = 50;
const EXPORT_PAGE_SIZE = 500;
const EXPORT_MAX = 100_000;
const NMI_MAX = 10;
const SERIAL_MAX = 12;

type Resolved = 'nmi' | 'serial';

interface SearchResult {
  readonly kind: Resolved;
  readonly page: Page<Reading>;
}

/** What the form would search for, or why it cannot. */
export function validateSearch(params: SearchParams): string | null {
  if (params.q === '') return 'Enter a NMI or a meter serial.';
  if (params.kind === 'nmi' && params.q.length > NMI_MAX)
    return `A NMI has at most ${NMI_MAX} characters; "${params.q}" has ${params.q.length}.`;
  if (params.q.length > SERIAL_MAX)
    return `A meter serial has at most ${SERIAL_MAX} characters (a NMI ${NMI_MAX}); "${params.q}" has ${params.q.length}.`;
  if (params.from !== '' && params.to !== '' && params.from > params.to)
    return `The "from" date (${params.from}) is after the "to" date (${params.to}).`;
  return null;
}

function describe(params: SearchParams, kind: Resolved): string {
  const what = kind === 'nmi' ? 'NMI' : 'meter serial';
  const match = params.prefix ? `${what}s starting with "${params.q}"` : `${what} ${params.q}`;
  const range =
    params.from !== '' && params.to !== ''
      ? `, read from ${params.from} to ${params.to}`
      : params.from !== ''
        ? `, read on or after ${params.from}`
        : params.to !== ''
          ? `, read up to ${params.to}`
          : '';
  return `Readings of ${match}${range}${params.superseded ? ', superseded versions included' : ''}`;
}

/**
 * Search: one box for a NMI or a meter serial (exact or prefix) with an optional date range. The
 * search lives in the location hash (`#/search?q=…`), so it can be bookmarked and Back works. "Any"
 * tries the NMI first, then the meter serial. Results newest first, a page at a time; CSV export of
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
      }
      .pager {
        margin-top: 0.75rem;
      }
      input#q {
        width: 100%;
      }
    `,
  ];

  private readonly pager = new KeysetPager(this);
  /** What "Any" resolved to on the first page, for the following pages. */
  private resolved: Resolved | null = null;

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
      limit,
      cursor,
    };
  }

  private readonly results = new Task(this, {
    task: async ([params, cursor], { signal }): Promise<SearchResult | null> => {
      if (params.q === '' || validateSearch(params) !== null) return null;
      let kind: Resolved;
      if (params.kind !== 'auto') kind = params.kind;
      else if (cursor !== undefined && this.resolved !== null) kind = this.resolved;
      else if (params.q.length > NMI_MAX) kind = 'serial';
      else {
        const byNmi = await api.readings(this.query(params, 'nmi', PAGE_SIZE, cursor), signal);
        if (byNmi.items.length > 0) {
          this.resolved = 'nmi';
          return { kind: 'nmi', page: byNmi };
        }
        kind = 'serial';
      }
      this.resolved = kind;
      return { kind, page: await api.readings(this.query(params, kind, PAGE_SIZE, cursor), signal) };
    },
    args: () => [this.params, this.pager.cursor] as const,
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('params')) {
      this.pager.reset();
      this.resolved = null;
      this.formError = this.params.q === '' ? null : validateSearch(this.params);
      this.exportState = null;
    }
  }

  private readonly submit = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const text = (name: string): string => formText(form, name).trim();
    const kind = text('kind');
    const params: SearchParams = {
      q: text('q'),
      kind: kind === 'nmi' || kind === 'serial' ? kind : 'auto',
      prefix: form.get('prefix') !== null,
      from: text('from'),
      to: text('to'),
      superseded: form.get('superseded') !== null,
    };
    const problem = validateSearch(params);
    this.formError = problem;
    if (problem !== null) {
      this.renderRoot.querySelector<HTMLInputElement>('#q')?.focus();
      return;
    }
    // The same search again (say after an import) runs again: navigate re-announces an unchanged hash.
    if (JSON.stringify(params) === JSON.stringify(this.params)) {
      this.pager.reset();
      void this.results.run();
    } else {
      navigate(href.search(params));
    }
  };

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
        A NMI (10 characters) or a meter serial (up to 12), exactly or as the start of one. Dates are days in NEM time
        (UTC+10:00); a reading counts by its current read date.
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
      </div>
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
          For example a NMI such as <span class="mono">5787326565</span>, or the start of a meter serial with “Match as
          a prefix”.
        </p>
      </div>`;
    }
    const description = describe(this.params, result.kind);
    if (result.page.items.length === 0) {
      return html`<div class="status empty" data-testid="search-empty" role="status">
        <p><strong>No readings found.</strong> ${description}: none.</p>
        <p class="hint">
          ${this.params.kind === 'auto' ? 'Neither a NMI nor a meter serial matched. ' : ''}${
            this.params.prefix ? '' : 'Try “Match as a prefix”. '
          }${this.params.from !== '' || this.params.to !== '' ? 'Try a wider date range.' : ''}
        </p>
      </div>`;
    }
    const exporting = this.exportState;
    return html`<div class="results-head">
        <h2 data-testid="search-summary">
          ${description}: ${plural(result.page.items.length, 'reading')} on page ${this.pager.page}
        </h2>
        <div class="actions">
          <button
            type="button"
            data-testid="export-csv"
            ?disabled=${exporting?.busy === true}
            @click=${() => void this.exportCsv(result.kind)}
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
      <nem-readings-table .readings=${result.page.items} caption=${description}></nem-readings-table>
      ${pagerButtons(this.pager, result.page.nextCursor, 'Search results')}`;
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
          : `${plural(result.page.items.length, 'reading')} found${result.page.nextCursor === null ? '' : ' on this page'}.`;
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
        ${this.results.render({
          initial: () => this.renderResult(null),
          pending: () => html`<p class="status loading" role="status" data-testid="search-loading">Searching…</p>`,
          error: (error) =>
            html`<p class="status error" role="alert" data-testid="search-failed">
              The search failed: ${errorMessage(error)}
            </p>`,
          complete: (result) => this.renderResult(result),
        })}
      </div>`;
  }
}

customElements.define('nem-search-page', NemSearchPage);

declare global {
  interface HTMLElementTagNameMap {
    'nem-search-page': NemSearchPage;
  }
}
