import { Task, TaskStatus } from '@lit/task';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { api } from '../api/client.js';
import { FILE_STATUSES, type FileStatus, type FileSummary, type SessionUser } from '../api/types.js';
import { KeysetPager } from '../controllers/keyset-pager.js';
import { navigate } from '../controllers/route-controller.js';
import { formText } from '../form-data.js';
import { formatCount, formatSize, plural } from '../format.js';
import { EMPTY_FILES, href, type FilesParams } from '../router.js';
import { fileName } from './file-name.js';
import { loadError } from './load-error.js';
import { pagerButtons } from './pager-buttons.js';
import { nemTime } from './nem-time.js';
import { sharedStyles } from './shared-styles.js';
import './upload-panel.js';

const PAGE_SIZE = 50;

const STATUS_LABELS: Record<FileStatus, string> = {
  receiving: 'Receiving',
  imported: 'Imported',
  rejected: 'Rejected',
};

/**
 * The flow files received, newest first: status, counts, received time; search by name or SHA-256 and
 * filter by status (both in the location hash). Admins also get the upload panel.
 */
export class NemFilesPage extends LitElement {
  static override properties = {
    params: { attribute: false },
    user: { attribute: false },
    refreshes: { state: true },
  };

  declare params: FilesParams;
  declare user: SessionUser | null;
  declare refreshes: number;

  static override styles = [
    sharedStyles,
    css`
      .pager {
        margin-top: 0.75rem;
      }
      td.name {
        white-space: normal;
        min-width: 14rem;
      }
    `,
  ];

  private readonly pager = new KeysetPager(this);

  constructor() {
    super();
    this.params = EMPTY_FILES;
    this.user = null;
    this.refreshes = 0;
  }

  private readonly files = new Task(this, {
    task: async ([params, cursor], { signal }) =>
      api.files(
        {
          ...(params.status === '' ? {} : { status: params.status }),
          ...(params.search === '' ? {} : { search: params.search }),
          limit: PAGE_SIZE,
          cursor,
        },
        signal,
      ),
    args: () => [this.params, this.pager.cursor, this.refreshes] as const,
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('params')) this.pager.reset();
  }

  private readonly filter = (event: Event): void => {
    event.preventDefault();
    const form = this.renderRoot.querySelector<HTMLFormElement>('form.filters');
    if (form === null) return;
    const data = new FormData(form);
    const status = formText(data, 'status');
    const params: FilesParams = {
      search: formText(data, 'search').trim(),
      status: (FILE_STATUSES as readonly string[]).includes(status) ? (status as FileStatus) : '',
    };
    if (JSON.stringify(params) === JSON.stringify(this.params)) this.refresh();
    else navigate(href.files(params));
  };

  private refresh(): void {
    this.pager.reset();
    this.refreshes++;
  }

  private renderTable(items: readonly FileSummary[]) {
    return html`<div class="table-scroll cards" role="region" aria-label="Files" tabindex="0">
      <table class="cards" data-testid="files-table">
        <caption class="visually-hidden">
          Files, newest received first
        </caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Status</th>
            <th scope="col">Received</th>
            <th scope="col" class="num">Reads or days</th>
            <th scope="col" class="num">Errors</th>
            <th scope="col" class="num">Warnings</th>
            <th scope="col">From → to</th>
            <th scope="col">Channel</th>
            <th scope="col" class="num">Size</th>
          </tr>
        </thead>
        <tbody>
          ${items.map(
            (f) =>
              html`<tr data-testid="file-row" data-status=${f.status}>
                <td class="name" data-label="File">
                  <a href=${href.file(f.fileId)} data-testid="file-link">${fileName(f.fileName)}</a>
                  <div class="muted mono" title=${f.fileId}>${f.fileId.slice(0, 12)}…</div>
                </td>
                <td data-label="Status">
                  <span class="badge ${f.status}" data-testid="file-status">${STATUS_LABELS[f.status]}</span>
                </td>
                <td class="when" data-label="Received">${nemTime(f.receivedAt)}</td>
                ${
                  f.format === 'NEM12'
                    ? html`<td class="num" data-label="Interval days" data-testid="file-interval-days">
                        ${plural(f.intervalDays, 'day')}
                      </td>`
                    : html`<td class="num" data-label="Reads" data-testid="file-reads">
                        ${formatCount(f.registerReads)}
                      </td>`
                }
                <td class="num" data-label="Errors" data-testid="file-errors-count">${formatCount(f.errorCount)}</td>
                <td class="num" data-label="Warnings" data-testid="file-warnings-count">
                  ${formatCount(f.warningCount)}
                </td>
                <td class="mono" data-label="From → to">${f.fromParticipant ?? '—'} → ${f.toParticipant ?? '—'}</td>
                <td data-label="Channel">${f.channel}</td>
                <td class="num" data-label="Size" data-testid="file-size">${formatSize(f.size)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  override render() {
    const p = this.params;
    const filtered = p.search !== '' || p.status !== '';
    return html`<h1 tabindex="-1">Files</h1>
      ${
        this.user?.role === 'admin'
          ? html`<nem-upload-panel @uploaded=${() => this.refresh()}></nem-upload-panel>`
          : html``
      }
      <form class="card filters" role="search" aria-label="Filter files" @submit=${this.filter}>
        <div class="fields">
          <div class="field grow">
            <label for="files-search">File name or SHA-256</label>
            <input
              id="files-search"
              name="search"
              type="search"
              data-testid="files-search"
              .value=${p.search}
              autocomplete="off"
              spellcheck="false"
            />
          </div>
          <div class="field">
            <label for="files-status">Status</label>
            <select id="files-status" name="status" data-testid="files-status" @change=${this.filter}>
              <option value="" ?selected=${p.status === ''}>Any status</option>
              ${FILE_STATUSES.map(
                (status) =>
                  html`<option value=${status} ?selected=${p.status === status}>${STATUS_LABELS[status]}</option>`,
              )}
            </select>
          </div>
          <div class="field">
            <button type="submit" class="primary" data-testid="files-filter">Filter</button>
          </div>
          ${
            filtered
              ? html`<div class="field"><a href=${href.files()} data-testid="files-clear">Clear the filter</a></div>`
              : html``
          }
        </div>
      </form>
      <div aria-busy=${this.files.status === TaskStatus.PENDING ? 'true' : 'false'}>
        ${this.files.render({
          pending: () => html`<p class="status loading" role="status">Loading files…</p>`,
          error: (error) => loadError('Could not load the files', error, () => void this.files.run()),
          complete: (page) =>
            page.items.length === 0
              ? html`<p class="status empty" data-testid="files-empty">
                  ${filtered ? 'No file matches the filter.' : 'No files have been received yet.'}
                </p>`
              : html`${this.renderTable(page.items)} ${pagerButtons(this.pager, page.nextCursor, 'Files')}`,
        })}
      </div>`;
  }
}

customElements.define('nem-files-page', NemFilesPage);

declare global {
  interface HTMLElementTagNameMap {
    'nem-files-page': NemFilesPage;
  }
}
