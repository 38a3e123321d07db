import { Task, TaskStatus } from '@lit/task';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { api, ApiError, errorMessage } from '../api/client.js';
import type { FileDetail, FileStatus, Problem, SessionUser, SourceLine, StoredEvent } from '../api/types.js';
import { KeysetPager } from '../controllers/keyset-pager.js';
import { formatCount, formatSize, plural } from '../format.js';
import { href } from '../router.js';
import { fileName } from './file-name.js';
import { loadError } from './load-error.js';
import { nemTime } from './nem-time.js';
import { pagerButtons } from './pager-buttons.js';
import './readings-table.js';
import { sharedStyles } from './shared-styles.js';
import { copyOrSelect } from '../clipboard.js';

type ReplayState =
  | { readonly state: 'idle' }
  | { readonly state: 'running' }
  | { readonly state: 'done'; readonly message: string }
  | { readonly state: 'failed'; readonly message: string };

const STATUS_LABELS: Record<FileStatus, string> = {
  receiving: 'Receiving',
  imported: 'Imported',
  rejected: 'Rejected',
};

const FORMAT_WORDS: Record<NonNullable<FileDetail['format']> | 'unknown', string> = {
  NEM12: 'NEM12 (interval data)',
  NEM13: 'NEM13 (register reads)',
  unknown: 'Unknown (no valid 100 header)',
};

/** Source lines asked for at once: the API answers up to 100. */
const MAX_SOURCE_LINES = 100;
const READINGS_PAGE_SIZE = 50;
const EVENTS_PAGE_SIZE = 50;

/** JSON on one line, a space after each comma and colon so that a narrow column wraps between values. */
function compactJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(compactJson).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([key, member]) => `${JSON.stringify(key)}: ${compactJson(member)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(value);
}

/** A JSON object with one member a line, each value compact (a reading's 22 fields stay together). */
function membersJson(value: Readonly<Record<string, unknown>>): string {
  const members = Object.entries(value).map(([key, member]) => `  ${JSON.stringify(key)}: ${compactJson(member)}`);
  return members.length === 0 ? '{}' : `{\n${members.join(',\n')}\n}`;
}

/** An event's data and metadata as stored. */
function eventJson(event: StoredEvent): string {
  return `data: ${membersJson(event.data)}\nmetadata: ${membersJson(event.metadata)}`;
}

/** The lines the problems point at (line 0 is the file as a whole), each once, the first 100. */
export function problemLines(problems: readonly Problem[]): number[] {
  const numbers = [...new Set(problems.map((p) => p.line).filter((line) => line > 0))];
  return numbers.sort((a, b) => a - b).slice(0, MAX_SOURCE_LINES);
}

/**
 * One line as sent, its fields apart, the field a problem names marked: the line's fieldNames give each
 * comma-separated field its name. Breaks may come after any comma, never inside a field.
 */
function sourceLine(line: SourceLine, field: string | null) {
  const fields = line.text.split(',');
  const bad = field === null || line.fieldNames === null ? -1 : line.fieldNames.indexOf(field);
  return html`<code class="source" data-testid="source-line" data-line=${line.number}
    ><span class="visually-hidden">Line ${line.number} as sent: </span>${fields.map((text, i) => {
      const comma = i === 0 ? nothing : html`,<wbr />`;
      const name = line.fieldNames?.[i] ?? `field ${i + 1}`;
      return i === bad
        ? html`${comma}<mark data-testid="bad-field" title=${name}
              >${text === '' ? html`<span class="empty-field">(empty)</span>` : text}</mark
            >`
        : html`${comma}<span title=${name}>${text}</span>`;
    })}${line.truncated ? html`<span class="muted"> … (cut at 4,096 bytes)</span>` : nothing}</code
  >`;
}

/**
 * One flow file, explained: what it is, where it came from and how it ended; every error and warning by
 * line with that line as sent beside it (the bad field marked); the NMIs and the readings it brought;
 * its original to download. Admins may replay an imported file's events into the read model.
 */
export class NemFilePage extends LitElement {
  static override properties = {
    fileId: {},
    user: { attribute: false },
    replay: { state: true },
    copied: { state: true },
  };

  declare fileId: string;
  declare user: SessionUser | null;
  declare replay: ReplayState;
  declare copied: boolean;

  static override styles = [
    sharedStyles,
    css`
      .problems td.message {
        white-space: normal;
        min-width: 18rem;
        width: 100%;
      }
      h1 {
        overflow-wrap: break-word;
      }
      dl.facts.card {
        margin-bottom: 1rem;
      }
      code.source {
        display: block;
        margin-top: 0.35rem;
        padding: 0.35rem 0.5rem;
        background: var(--nem-bg, #f6f8fa);
        border: 1px solid var(--nem-border, #d0d7de);
        border-radius: var(--nem-radius, 6px);
        white-space: normal;
        overflow-wrap: break-word;
        color: var(--nem-fg, #1b1f24);
      }
      /* Each field whole and its spaces shown (a whitespace warning is about them); breaks only at commas. */
      code.source > span,
      code.source > mark {
        white-space: pre;
      }
      code.source {
        overflow-x: auto;
      }
      code.source mark {
        background: #ffe08a;
        color: #1b1f24;
        outline: 2px solid var(--nem-danger, #b42318);
        border-radius: 2px;
        padding: 0 0.1rem;
      }
      .sha {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 0.5rem;
        align-items: center;
      }
      .sha code {
        overflow-wrap: anywhere;
      }
      button.small {
        min-height: 2rem;
        padding: 0.1rem 0.6rem;
        font-size: 0.85rem;
      }
      ul.nmis {
        list-style: none;
        padding: 0;
        margin: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.35rem 1rem;
      }
      ul.nmis li {
        white-space: nowrap;
      }
      pre.event-json {
        margin: 0.35rem 0 0;
        padding: 0.35rem 0.5rem;
        max-height: 24rem;
        overflow: auto;
        white-space: pre-wrap;
        overflow-wrap: break-word;
        background: var(--nem-bg, #f6f8fa);
        border: 1px solid var(--nem-border, #d0d7de);
        border-radius: var(--nem-radius, 6px);
        font-size: 0.8rem;
      }
      td.event-data {
        white-space: normal;
        min-width: 20rem;
        width: 100%;
      }
      td.event-id,
      .stream-name {
        overflow-wrap: anywhere;
      }
    `,
  ];

  private readonly readingsPager = new KeysetPager(this);
  private readonly eventsPager = new KeysetPager(this);

  constructor() {
    super();
    this.fileId = '';
    this.user = null;
    this.replay = { state: 'idle' };
    this.copied = false;
  }

  private readonly file = new Task(this, {
    task: async ([id], { signal }) => api.file(id, signal),
    args: () => [this.fileId] as const,
  });

  private readonly lines = new Task(this, {
    task: async ([file], { signal }): Promise<ReadonlyMap<number, SourceLine>> => {
      if (file === undefined || file.original === null) return new Map();
      const numbers = problemLines([...file.errors, ...file.warnings]);
      const lines = await api.fileLines(file.fileId, numbers, signal);
      return new Map(lines.map((line) => [line.number, line]));
    },
    args: () => [this.file.value] as const,
  });

  private readonly readings = new Task(this, {
    task: async ([file, cursor], { signal }) => {
      if (file === undefined || file.registerReads === 0) return null;
      return api.fileReadings(file.fileId, cursor, READINGS_PAGE_SIZE, signal);
    },
    args: () => [this.file.value, this.readingsPager.cursor] as const,
  });

  private readonly events = new Task(this, {
    task: async ([fileId, cursor], { signal }) =>
      fileId === undefined ? null : api.fileEvents(fileId, cursor, EVENTS_PAGE_SIZE, signal),
    args: () => [this.file.value?.fileId, this.eventsPager.cursor] as const,
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('fileId')) {
      this.replay = { state: 'idle' };
      this.copied = false;
      this.readingsPager.reset();
      this.eventsPager.reset();
    }
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

  private async copySha(sha: string): Promise<void> {
    const shown = this.renderRoot.querySelector('[data-testid="file-sha256"]');
    this.copied = (await copyOrSelect(sha, shown)) === 'copied';
  }

  private source(problem: Problem) {
    if (problem.line === 0) return nothing;
    const line = this.lines.value?.get(problem.line);
    return line === undefined ? nothing : sourceLine(line, problem.field);
  }

  private problemTable(kind: 'errors' | 'warnings', problems: readonly Problem[], total: number) {
    const title = kind === 'errors' ? 'Errors' : 'Warnings';
    if (total === 0) {
      return html`<h2>${title}</h2>
        <p class="status empty" data-testid=${`file-${kind}-none`}>No ${kind}.</p>`;
    }
    const omitted = total - problems.length;
    return html`<h2>${title} <span class="muted">(${formatCount(total)})</span></h2>
      <div class="table-scroll cards problems" role="region" aria-label=${title} tabindex="0">
        <table class="cards" data-testid=${`file-${kind}`}>
          <caption class="visually-hidden">
            ${title}, by line, each with its line as sent
          </caption>
          <thead>
            <tr>
              <th scope="col" class="num">Line</th>
              <th scope="col">Record</th>
              <th scope="col">Field</th>
              <th scope="col">Code</th>
              <th scope="col">Message and the line as sent</th>
            </tr>
          </thead>
          <tbody>
            ${problems.map(
              (p) =>
                html`<tr data-testid=${kind === 'errors' ? 'file-error' : 'file-warning'} data-line=${p.line}>
                  <td
                    class="num mono"
                    data-label="Line"
                    data-testid="problem-line"
                    title=${p.line === 0 ? 'the file as a whole' : ''}
                  >
                    ${p.line === 0 ? 'whole file' : p.line}
                  </td>
                  <td class="mono" data-label="Record">${p.record ?? '—'}</td>
                  <td class="mono" data-label="Field">${p.field ?? '—'}</td>
                  <td class="mono" data-label="Code">${p.code}</td>
                  <td class="message stack" data-label="Message">${p.message} ${this.source(p)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${omitted > 0 ? html`<p class="muted">${plural(omitted, `more ${kind.slice(0, -1)}`)} not recorded.</p>` : nothing}
      ${
        this.lines.status === TaskStatus.ERROR
          ? html`<p class="muted" data-testid="lines-error">
              The lines as sent could not be shown: ${errorMessage(this.lines.error)}
            </p>`
          : nothing
      }`;
  }

  private replayControls(file: FileDetail) {
    // A rejected file recorded no reading: there is nothing to replay.
    if (this.user?.role !== 'admin' || file.status !== 'imported') return nothing;
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
              : nothing
        }
      </div>
    </section>`;
  }

  private original(file: FileDetail) {
    const kept = file.original;
    if (kept === null) {
      return html`<span class="muted" data-testid="original-none"
        >Not kept (larger than the limit, or received before originals were kept)</span
      >`;
    }
    return html`<a href=${api.originalHref(file.fileId)} download data-testid="original-download"
        >Download the original</a
      >
      <span class="muted"
        >(${formatSize(kept.size)}${kept.basis === 'raw' ? ', as it arrived' : ''}; kept compressed as
        ${formatSize(kept.storedSize)})</span
      >`;
  }

  private facts(file: FileDetail) {
    return html`<dl class="facts card" data-testid="file-facts">
      <dt>Status</dt>
      <dd><span class="badge ${file.status}" data-testid="file-status">${STATUS_LABELS[file.status]}</span></dd>
      <dt>SHA-256</dt>
      <dd class="sha">
        <code data-testid="file-sha256">${file.fileId}</code>
        <button
          type="button"
          class="small"
          data-testid="copy-sha256"
          aria-label=${this.copied ? 'SHA-256 copied' : 'Copy the SHA-256'}
          @click=${() => void this.copySha(file.fileId)}
        >
          ${this.copied ? 'Copied' : 'Copy'}
        </button>
      </dd>
      <dt>Received</dt>
      <dd>${nemTime(file.receivedAt)} <span class="muted">via ${file.channel}</span></dd>
      <dt>Closed</dt>
      <dd>${nemTime(file.closedAt)}</dd>
      <dt>From → to</dt>
      <dd class="mono">${file.fromParticipant ?? '—'} → ${file.toParticipant ?? '—'}</dd>
      <dt>Created (header)</dt>
      <dd>${nemTime(file.headerCreatedAt)}</dd>
      <dt>Container</dt>
      <dd>${file.container}${file.zipMember === null ? '' : html` (<span class="mono">${file.zipMember}</span>)`}</dd>
      <dt>Size</dt>
      <dd data-testid="file-size">${formatSize(file.size)}, ${plural(file.lines, 'line')}</dd>
      <dt>Original</dt>
      <dd>${this.original(file)}</dd>
      <dt>Format</dt>
      <dd data-testid="file-format">${FORMAT_WORDS[file.format ?? 'unknown']}</dd>
      ${
        file.format === 'NEM12'
          ? html`<dt>Interval days</dt>
              <dd data-testid="file-interval-days">${formatCount(file.intervalDays)}</dd>
              <dt>B2B details (500)</dt>
              <dd>${formatCount(file.b2bDetails)}</dd>`
          : html`<dt>Register reads</dt>
              <dd data-testid="file-reads">${formatCount(file.registerReads)}</dd>
              <dt>B2B details</dt>
              <dd>${formatCount(file.b2bDetails)}</dd>`
      }
    </dl>`;
  }

  private nmis(file: FileDetail) {
    if (file.nmis.length === 0) return nothing;
    return html`<section aria-labelledby="nmis-title" data-testid="file-nmis">
      <h2 id="nmis-title">
        NMIs <span class="muted">(${file.moreNmis ? 'the first ' : ''}${formatCount(file.nmis.length)})</span>
      </h2>
      <ul class="nmis">
        ${file.nmis.map(
          (n) =>
            html`<li>
              <a href=${href.nmi(n.nmi)} class="mono" data-testid="file-nmi">${n.nmi}</a>
              <span class="muted">${plural(n.readings, file.format === 'NEM12' ? 'interval day' : 'reading')}</span>
            </li>`,
        )}
      </ul>
      ${
        file.moreNmis
          ? html`<p class="muted" data-testid="more-nmis">
              ${
                file.format === 'NEM12'
                  ? 'The file brought interval days for more NMIs.'
                  : 'The file brought readings for more NMIs: see its readings below.'
              }
            </p>`
          : nothing
      }
    </section>`;
  }

  private readingsSection(file: FileDetail) {
    if (file.registerReads === 0) return nothing;
    return html`<section aria-labelledby="readings-title" data-testid="file-readings">
      <h2 id="readings-title">
        Readings <span class="muted">(${formatCount(file.registerReads)}, in line order)</span>
      </h2>
      ${this.readings.render({
        pending: () => html`<p class="status loading" role="status">Loading the readings…</p>`,
        error: (error) => loadError('Could not load the readings', error, () => void this.readings.run()),
        complete: (page) =>
          page === null
            ? nothing
            : html`<nem-readings-table
                  .readings=${page.items}
                  caption="Readings this file brought, in line order"
                ></nem-readings-table>
                ${pagerButtons(this.readingsPager, page.nextCursor, 'Readings')}`,
      })}
    </section>`;
  }

  private eventsSection() {
    return html`<section aria-labelledby="events-title" data-testid="file-events">
      <h2 id="events-title">
        Events
        ${
          this.events.value === undefined || this.events.value === null
            ? nothing
            : html`<span class="muted">(${formatCount(this.events.value.events)}, as stored)</span>`
        }
      </h2>
      ${this.events.render({
        pending: () => html`<p class="status loading" role="status">Loading the events…</p>`,
        error: (error) => loadError('Could not load the events', error, () => void this.events.run()),
        complete: (page) =>
          page === null
            ? nothing
            : html`<p class="hint">
                  The stream <span class="mono stream-name">${page.streamName}</span> as the event store holds it, in
                  order.
                </p>
                <div class="table-scroll cards" role="region" aria-label="Events" tabindex="0">
                  <table class="cards" data-testid="events-table">
                    <caption class="visually-hidden">
                      The events of this file's stream, in order, each with its data and metadata
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col" class="num">Revision</th>
                        <th scope="col">Type</th>
                        <th scope="col" class="num">Position</th>
                        <th scope="col">Recorded</th>
                        <th scope="col" class="num">Schema</th>
                        <th scope="col">Event id</th>
                        <th scope="col">Data</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${page.items.map(
                        (event) =>
                          html`<tr data-testid="event-row" data-revision=${event.revision}>
                            <td class="num mono" data-label="Revision">${event.revision}</td>
                            <td data-label="Type" data-testid="event-type">${event.type}</td>
                            <td class="num mono" data-label="Position">${event.position}</td>
                            <td data-label="Recorded">${nemTime(event.recordedAt)}</td>
                            <td class="num" data-label="Schema">${event.schemaVersion ?? '?'}</td>
                            <td class="mono event-id" data-label="Event id">${event.eventId}</td>
                            <td class="event-data stack" data-label="Data">
                              <details data-testid="event-data">
                                <summary>Data and metadata</summary>
                                <pre class="event-json">${eventJson(event)}</pre>
                              </details>
                            </td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>
                </div>
                ${pagerButtons(this.eventsPager, page.nextCursor, 'Events')}`,
      })}
    </section>`;
  }

  private detail(file: FileDetail) {
    return html`${this.facts(file)} ${this.replayControls(file)}
    ${this.problemTable('errors', file.errors, file.errorCount)}
    ${this.problemTable('warnings', file.warnings, file.warningCount)} ${this.nmis(file)} ${this.readingsSection(file)}
    ${this.eventsSection()}`;
  }

  override render() {
    const name = this.file.value?.fileName ?? this.fileId;
    return html`<p><a href=${href.files()}>← All files</a></p>
      <h1 tabindex="-1" data-testid="file-title">${fileName(name)}</h1>
      <div>
        ${this.file.render({
          pending: () => html`<p class="status loading" role="status">Loading the file…</p>`,
          error: (error) =>
            error instanceof ApiError && error.status === 404
              ? html`<p class="status empty" data-testid="not-found">
                  No file <span class="mono">${this.fileId}</span> has been received.
                </p>`
              : loadError('Could not load the file', error, () => void this.file.run()),
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
