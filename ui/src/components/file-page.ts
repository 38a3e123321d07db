import { Task } from '@lit/task';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { api, ApiError, errorMessage } from '../api/client.js';
import type { FileDetail, Problem, SessionUser } from '../api/types.js';
import { formatBytes, formatCount, formatNemTime, plural } from '../format.js';
import { href } from '../router.js';
import { sharedStyles } from './shared-styles.js';

type ReplayState =
  | { readonly state: 'idle' }
  | { readonly state: 'running' }
  | { readonly state: 'done'; readonly message: string }
  | { readonly state: 'failed'; readonly message: string };

/**
 * One flow file: what it is, where it came from, how it ended, and every recorded error and warning by
 * line. Admins may replay its events into the read model.
 */
export class NemFilePage extends LitElement {
  static override properties = {
    fileId: {},
    user: { attribute: false },
    replay: { state: true },
  };

  declare fileId: string;
  declare user: SessionUser | null;
  declare replay: ReplayState;

  static override styles = [
    sharedStyles,
    css`
      .problems td.message {
        white-space: normal;
        min-width: 18rem;
      }
      .problems caption {
        font-size: 1rem;
      }
      h1 {
        overflow-wrap: anywhere;
      }
    `,
  ];

  constructor() {
    super();
    this.fileId = '';
    this.user = null;
    this.replay = { state: 'idle' };
  }

  private readonly file = new Task(this, {
    task: async ([id], { signal }) => api.file(id, signal),
    args: () => [this.fileId] as const,
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('fileId')) this.replay = { state: 'idle' };
  }

  private async doReplay(file: FileDetail): Promise<void> {
    this.replay = { state: 'running' };
    try {
      await api.replay(file.fileId);
      this.replay = { state: 'done', message: `Replayed ${file.fileName} into the read model.` };
      void this.file.run();
    } catch (error) {
      this.replay = { state: 'failed', message: `The replay failed: ${errorMessage(error)}` };
    }
  }

  private problemTable(kind: 'errors' | 'warnings', problems: readonly Problem[], total: number) {
    const title = kind === 'errors' ? 'Errors' : 'Warnings';
    if (total === 0) {
      return html`<h2>${title}</h2>
        <p class="status empty" data-testid=${`file-${kind}-none`}>No ${kind}.</p>`;
    }
    const omitted = total - problems.length;
    return html`<h2>${title} <span class="muted">(${formatCount(total)})</span></h2>
      <div class="table-scroll problems" role="region" aria-label=${title} tabindex="0">
        <table data-testid=${`file-${kind}`}>
          <caption class="visually-hidden">
            ${title}, by line
          </caption>
          <thead>
            <tr>
              <th scope="col" class="num">Line</th>
              <th scope="col">Record</th>
              <th scope="col">Field</th>
              <th scope="col">Code</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            ${problems.map(
              (p) =>
                html`<tr data-testid=${kind === 'errors' ? 'file-error' : 'file-warning'} data-line=${p.line}>
                  <td class="num mono" data-testid="problem-line" title=${p.line === 0 ? 'the file as a whole' : ''}>
                    ${p.line}
                  </td>
                  <td class="mono">${p.record ?? '—'}</td>
                  <td class="mono">${p.field ?? '—'}</td>
                  <td class="mono">${p.code}</td>
                  <td class="message">${p.message}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${omitted > 0 ? html`<p class="muted">${plural(omitted, `more ${kind.slice(0, -1)}`)} not recorded.</p>` : html``}`;
  }

  private replayControls(file: FileDetail) {
    if (this.user?.role !== 'admin') return html``;
    const r = this.replay;
    return html`<section class="card" aria-labelledby="replay-title">
      <h2 id="replay-title">Replay</h2>
      <p class="hint">Re-projects this file's events into the read model, as a rebuild would for this file alone.</p>
      <div class="actions">
        <button
          type="button"
          data-testid="replay-button"
          ?disabled=${r.state === 'running'}
          @click=${() => void this.doReplay(file)}
        >
          ${r.state === 'running' ? 'Replaying…' : 'Replay this file'}
        </button>
      </div>
      <div aria-live="polite">
        ${
          r.state === 'done'
            ? html`<p class="status ok" role="status" data-testid="replay-result">${r.message}</p>`
            : r.state === 'failed'
              ? html`<p class="status error" role="alert" data-testid="replay-result">${r.message}</p>`
              : html``
        }
      </div>
    </section>`;
  }

  private detail(file: FileDetail) {
    return html`<dl class="facts card" data-testid="file-facts">
        <dt>Status</dt>
        <dd><span class="badge ${file.status}" data-testid="file-status">${file.status}</span></dd>
        <dt>SHA-256</dt>
        <dd class="mono" data-testid="file-sha256">${file.fileId}</dd>
        <dt>Received</dt>
        <dd class="mono">${formatNemTime(file.receivedAt)} <span class="muted">via ${file.channel}</span></dd>
        <dt>Closed</dt>
        <dd class="mono">${formatNemTime(file.closedAt) || '—'}</dd>
        <dt>From → to</dt>
        <dd class="mono">${file.fromParticipant ?? '—'} → ${file.toParticipant ?? '—'}</dd>
        <dt>Created (header)</dt>
        <dd class="mono">${formatNemTime(file.headerCreatedAt) || '—'}</dd>
        <dt>Container</dt>
        <dd>${file.container}${file.zipMember === null ? '' : html` (<span class="mono">${file.zipMember}</span>)`}</dd>
        <dt>Size</dt>
        <dd>${formatBytes(file.size)}, ${plural(file.lines, 'line')}</dd>
        <dt>Register reads</dt>
        <dd data-testid="file-reads">${formatCount(file.registerReads)}</dd>
        <dt>B2B details</dt>
        <dd>${formatCount(file.b2bDetails)}</dd>
      </dl>
      ${this.replayControls(file)} ${this.problemTable('errors', file.errors, file.errorCount)}
      ${this.problemTable('warnings', file.warnings, file.warningCount)}`;
  }

  override render() {
    const name = this.file.value?.fileName ?? this.fileId;
    return html`<p><a href=${href.files()}>← All files</a></p>
      <h1 tabindex="-1" data-testid="file-title">${name}</h1>
      <div>
        ${this.file.render({
          pending: () => html`<p class="status loading" role="status">Loading the file…</p>`,
          error: (error) =>
            error instanceof ApiError && error.status === 404
              ? html`<p class="status empty" data-testid="not-found">
                  No file <span class="mono">${this.fileId}</span> has been received.
                </p>`
              : html`<p class="status error" role="alert">Could not load the file: ${errorMessage(error)}</p>`,
          complete: (file) => this.detail(file),
        })}
      </div>`;
  }
}

customElements.define('nem-file-page', NemFilePage);

declare global {
  interface HTMLElementTagNameMap {
    'nem-file-page': NemFilePage;
  }
}
