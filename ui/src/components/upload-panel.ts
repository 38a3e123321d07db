import { css, html, LitElement } from 'lit';
import { api, errorMessage } from '../api/client.js';
import type { ImportResult, Problem } from '../api/types.js';
import { formatSize, plural } from '../format.js';
import { href } from '../router.js';
import { fileName } from './file-name.js';
import { nemTime } from './nem-time.js';
import { sharedStyles } from './shared-styles.js';

const PROBLEMS_SHOWN = 20;

/**
 * What the picker offers: the names flow files come with (MDFF `.csv`, the `.V01` some participants use,
 * `.txt`) and the containers the server opens (`.gz`, a `.zip` of one file). The server reads the content,
 * not the name: "All files" in the picker still sends anything else.
 */
export const UPLOAD_ACCEPT = '.csv,.txt,.zip,.gz,.v01';

const STATUS_LABELS: Record<ImportResult['status'], string> = {
  imported: 'Imported',
  duplicate: 'Duplicate',
  rejected: 'Rejected',
  refused: 'Refused',
};

/** What a file brought, in its own terms: a NEM12 file's interval days, a NEM13 file's readings. */
export function brought(r: Pick<ImportResult, 'format' | 'readings' | 'intervalDays'>): string {
  return r.format === 'NEM12' ? plural(r.intervalDays, 'interval day') : plural(r.readings, 'reading');
}

interface Progress {
  readonly sent: number;
  readonly total: number;
}

/**
 * Upload flow files (admins): drop them on the panel or pick them; each is imported as `nem import`
 * would and its result listed (imported, duplicate or rejected, with its problems by line). Fires
 * `uploaded` after a successful upload, so a list can refresh.
 */
export class NemUploadPanel extends LitElement {
  static override properties = {
    busy: { state: true },
    dragging: { state: true },
    results: { state: true },
    error: { state: true },
    names: { state: true },
    progress: { state: true },
  };

  declare busy: boolean;
  declare dragging: boolean;
  declare results: readonly ImportResult[];
  declare error: string | null;
  declare names: readonly string[];
  declare progress: Progress | null;

  static override styles = [
    sharedStyles,
    css`
      .dropzone {
        border: 2px dashed var(--nem-muted, #57606a);
        border-radius: var(--nem-radius, 6px);
        padding: 1.25rem;
        text-align: center;
        background: var(--nem-bg, #f6f8fa);
      }
      .dropzone.dragging {
        border-color: var(--nem-accent, #0b5cad);
        background: #e8f1fb;
      }
      .dropzone p {
        margin: 0 0 0.5rem;
      }
      .picker-label {
        display: block;
        margin-bottom: 0.25rem;
      }
      input[type='file'] {
        font: inherit;
        max-width: 100%;
      }
      ul.results {
        list-style: none;
        padding: 0;
        margin: 0.75rem 0 0;
        display: grid;
        gap: 0.5rem;
      }
      ul.results > li {
        border: 1px solid var(--nem-border, #d0d7de);
        border-radius: var(--nem-radius, 6px);
        padding: 0.5rem 0.75rem;
        background: var(--nem-surface, #fff);
      }
      .result-head {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: baseline;
        overflow-wrap: anywhere;
      }
      .progress {
        display: grid;
        gap: 0.25rem;
      }
      .progress progress {
        width: 100%;
        height: 1rem;
      }
      ol.problems {
        margin: 0.25rem 0 0;
        padding-left: 1.25rem;
        font-size: 0.9rem;
      }
    `,
  ];

  constructor() {
    super();
    this.busy = false;
    this.dragging = false;
    this.results = [];
    this.error = null;
    this.names = [];
    this.progress = null;
  }

  /** A file dropped next to the zone would make the browser open it and leave the app. */
  private readonly ignoreStrayDrop = (event: DragEvent): void => {
    if (event.dataTransfer?.types.includes('Files') === true) event.preventDefault();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('dragover', this.ignoreStrayDrop);
    window.addEventListener('drop', this.ignoreStrayDrop);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('dragover', this.ignoreStrayDrop);
    window.removeEventListener('drop', this.ignoreStrayDrop);
  }

  private readonly onDragOver = (event: DragEvent): void => {
    event.preventDefault();
    if (event.dataTransfer !== null) event.dataTransfer.dropEffect = 'copy';
    this.dragging = true;
  };

  private readonly onDragLeave = (event: DragEvent): void => {
    // Leaving for a child of the zone is not leaving the zone.
    const to = event.relatedTarget;
    if (to instanceof Node && (event.currentTarget as HTMLElement).contains(to)) return;
    this.dragging = false;
  };

  private readonly onDrop = (event: DragEvent): void => {
    event.preventDefault();
    this.dragging = false;
    const files = [...(event.dataTransfer?.files ?? [])];
    void this.upload(files);
  };

  private readonly onPick = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    void this.upload(files).then(() => {
      // The same file picked again is a new upload (it will be reported as a duplicate).
      input.value = '';
    });
  };

  async upload(files: readonly File[]): Promise<void> {
    if (files.length === 0 || this.busy) return;
    this.busy = true;
    this.error = null;
    this.results = [];
    this.names = files.map((f) => f.name);
    this.progress = { sent: 0, total: files.reduce((sum, file) => sum + file.size, 0) };
    try {
      this.results = await api.upload(files, (sent, total) => (this.progress = { sent, total }));
      this.dispatchEvent(new CustomEvent('uploaded', { detail: this.results, bubbles: true, composed: true }));
    } catch (error) {
      this.error = errorMessage(error);
    } finally {
      this.busy = false;
      this.progress = null;
    }
  }

  private problems(label: string, problems: readonly Problem[], omitted: number) {
    if (problems.length === 0) return html``;
    const shown = problems.slice(0, PROBLEMS_SHOWN);
    const more = problems.length - shown.length + omitted;
    return html`<details>
      <summary>${plural(problems.length + omitted, label)}</summary>
      <ol class="problems">
        ${shown.map(
          (p) =>
            html`<li data-testid="upload-problem" data-line=${p.line}>
              Line ${p.line}${p.field === null ? '' : html`, <span class="mono">${p.field}</span>`}: ${p.message}
              <span class="muted mono">(${p.code})</span>
            </li>`,
        )}
      </ol>
      ${more > 0 ? html`<p class="muted">And ${plural(more, 'more')}: see the file's page.</p>` : html``}
    </details>`;
  }

  /** What became of a file, in a sentence; a duplicate says when it came first and how that ended. */
  private summary(r: ImportResult) {
    switch (r.status) {
      case 'imported':
        return html`${brought(r)} imported.`;
      case 'rejected':
        return html`Rejected with ${plural(r.errors.length + r.errorsOmitted, 'error')}: nothing imported.`;
      case 'refused':
        return html`Not taken: nothing recorded.`;
      case 'duplicate': {
        const first = r.duplicateOf;
        if (first === null) return html`Already received: nothing new.`;
        const link =
          r.sha256 === null
            ? html``
            : html` <a href=${href.file(r.sha256)} data-testid="duplicate-link">Open the file</a>`;
        return first.status === 'imported'
          ? html`<span data-testid="duplicate-of"
                >Already received on ${nemTime(first.receivedAt)} and imported (${brought(r)}).</span
              >${link}`
          : html`<span data-testid="duplicate-of"
                >Already received on ${nemTime(first.receivedAt)} and rejected
                (${plural(r.errors.length + r.errorsOmitted, 'error')}).</span
              >${link}`;
      }
    }
  }

  private result(r: ImportResult) {
    const badge = r.status === 'refused' ? 'rejected' : r.status;
    return html`<li data-testid="upload-result" data-status=${r.status} data-file=${r.file}>
      <div class="result-head">
        <strong>${fileName(r.file)}</strong>
        <span class="badge ${badge}" data-testid="upload-status">${STATUS_LABELS[r.status]}</span>
        <span data-testid="upload-summary">${this.summary(r)}</span>
        ${
          r.sha256 === null || r.status === 'duplicate'
            ? html``
            : html`<a href=${href.file(r.sha256)} data-testid="upload-file-link">Open the file</a>`
        }
      </div>
      ${this.problems('error', r.errors, r.errorsOmitted)} ${this.problems('warning', r.warnings, r.warningsOmitted)}
    </li>`;
  }

  private renderProgress() {
    const progress = this.progress;
    const files = plural(this.names.length, 'file');
    if (progress === null || progress.total === 0 || progress.sent >= progress.total) {
      return html`<p class="status loading" role="status" data-testid="upload-busy">Importing ${files}…</p>`;
    }
    const percent = Math.floor((progress.sent / progress.total) * 100);
    return html`<div class="status loading progress" data-testid="upload-busy">
      <progress
        max=${progress.total}
        value=${progress.sent}
        aria-label="Upload progress"
        data-testid="upload-progress"
      ></progress>
      <p role="status" data-testid="upload-progress-text">
        Uploading ${files}: ${formatSize(progress.sent)} of ${formatSize(progress.total)} (${percent}%)…
      </p>
    </div>`;
  }

  override render() {
    return html`<section class="card" aria-labelledby="upload-title" data-testid="upload-panel">
      <h2 id="upload-title">Upload flow files</h2>
      <div
        class="dropzone ${this.dragging ? 'dragging' : ''}"
        data-testid="upload-dropzone"
        @dragover=${this.onDragOver}
        @dragenter=${this.onDragOver}
        @dragleave=${this.onDragLeave}
        @drop=${this.onDrop}
      >
        <p>Drop NEM12 or NEM13 files here (.csv, .V01 or .txt; .gz, or a .zip holding one file), or pick them.</p>
        <label for="upload-input" class="picker-label">Choose NEM12 or NEM13 files to upload</label>
        <input
          id="upload-input"
          type="file"
          multiple
          accept=${UPLOAD_ACCEPT}
          data-testid="upload-input"
          ?disabled=${this.busy}
          @change=${this.onPick}
        />
      </div>
      <div aria-live="polite" data-testid="upload-live">
        ${this.busy ? this.renderProgress() : html``}
        ${
          this.error === null
            ? html``
            : html`<p class="status error" role="alert" data-testid="upload-error">The upload failed: ${this.error}</p>`
        }
        ${
          this.results.length === 0
            ? html``
            : html`<ul class="results" data-testid="upload-results" aria-label="Upload results">
                ${this.results.map((r) => this.result(r))}
              </ul>`
        }
      </div>
    </section>`;
  }
}

customElements.define('nem-upload-panel', NemUploadPanel);

declare global {
  interface HTMLElementTagNameMap {
    'nem-upload-panel': NemUploadPanel;
  }
}
