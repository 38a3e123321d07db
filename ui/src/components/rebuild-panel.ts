import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { api, ApiError, errorMessage } from '../api/client.js';
import type { ProjectionStatus, RebuildStatus } from '../api/types.js';
import { Poller } from '../controllers/poller.js';
import { formatCount, formatDuration, formatNemTime } from '../format.js';
import { loadError } from './load-error.js';
import { sharedStyles } from './shared-styles.js';

/**
 * How long a finished rebuild took, for people: from its rate when known (the start and end times are
 * to the second), else from those times; '' when neither is known.
 */
function took(status: RebuildStatus): string {
  const rate = status.progress?.eventsPerSecond ?? null;
  let seconds: number;
  if (rate !== null && rate > 0 && status.progress !== null) seconds = status.progress.total / rate;
  else if (status.startedAt !== null && status.finishedAt !== null) {
    seconds = (Date.parse(status.finishedAt) - Date.parse(status.startedAt)) / 1000;
  } else return '';
  if (Number.isNaN(seconds)) return '';
  return seconds < 1 ? 'under a second' : formatDuration(seconds);
}

/**
 * The read model (admins): its checkpoint and lag, and a rebuild of every projection from the events,
 * started with POST and followed by polling GET /api/projections/rebuild until it ends.
 */
export class NemRebuildPanel extends LitElement {
  static override properties = {
    rebuild: { state: true },
    starting: { state: true },
    startError: { state: true },
  };

  declare rebuild: RebuildStatus | null;
  declare starting: boolean;
  declare startError: string | null;

  static override styles = [
    sharedStyles,
    css`
      progress {
        width: min(100%, 24rem);
        height: 1rem;
      }
      .progress {
        display: grid;
        gap: 0.4rem;
        margin-top: 0.75rem;
      }
    `,
  ];

  constructor() {
    super();
    this.rebuild = null;
    this.starting = false;
    this.startError = null;
  }

  private readonly projections = new Task(this, {
    task: async (_args, { signal }): Promise<ProjectionStatus> => {
      const [status, rebuild] = await Promise.all([api.projections(signal), api.rebuildStatus(signal)]);
      this.rebuild = rebuild;
      if (rebuild.state === 'running') this.poller.start();
      return status;
    },
    args: () => [] as const,
  });

  private readonly poller = new Poller(
    this,
    async () => {
      const status = await api.rebuildStatus();
      this.rebuild = status;
      if (status.state === 'running') return true;
      void this.projections.run();
      return false;
    },
    500,
  );

  private async start(): Promise<void> {
    this.starting = true;
    this.startError = null;
    try {
      this.rebuild = await api.startRebuild();
      this.poller.start();
    } catch (error) {
      // Already running (here or on another server): follow it rather than report a failure.
      if (error instanceof ApiError && error.status === 409) this.poller.start();
      else this.startError = errorMessage(error);
    } finally {
      this.starting = false;
    }
  }

  /** How far a running rebuild has come, of how many events, how fast, and the time left. */
  private running(r: RebuildStatus) {
    const p = r.progress;
    const into = r.generation === null ? '' : ` into generation ${r.generation}`;
    let text: string;
    if (p === null) text = `Starting the rebuild${into}…`;
    else {
      const percent = p.total === 0 ? 100 : Math.floor(p.fraction * 100);
      const pace =
        p.eventsPerSecond === null || p.secondsLeft === null
          ? 'working out the rate'
          : `${formatCount(Math.round(p.eventsPerSecond))} events a second, about ${formatDuration(p.secondsLeft)} left`;
      text = `Rebuilding${into}: ${formatCount(p.done)} of ${formatCount(p.total)} events (${percent}%), ${pace}.`;
    }
    return html`<div class="progress">
      ${
        p === null
          ? html`<progress data-testid="rebuild-progress" aria-label="Rebuild progress"></progress>`
          : html`<progress
              data-testid="rebuild-progress"
              aria-label="Rebuild progress"
              max=${Math.max(p.total, 1)}
              value=${Math.min(p.done, Math.max(p.total, 1))}
            ></progress>`
      }
      <p role="status" data-testid="rebuild-status" data-state="running">
        ${text}
        <span class="muted"
          >Started ${formatNemTime(r.startedAt)}${r.resumed ? ', resumed after a restart' : ''}. The current tables keep
          answering until it ends.</span
        >
      </p>
    </div>`;
  }

  private renderProgress() {
    const r = this.rebuild;
    if (r === null || r.state === 'idle') return html``;
    switch (r.state) {
      case 'running':
        return this.running(r);
      case 'succeeded':
        return html`<div class="progress">
          <progress data-testid="rebuild-progress" aria-label="Rebuild progress" max="1" value="1"></progress>
          <p class="status ok" role="status" data-testid="rebuild-status" data-state="succeeded">
            Rebuilt: ${formatCount(r.progress?.total ?? r.eventsApplied)} events replayed into generation
            ${r.generation ?? '?'}${took(r) === '' ? '' : ` in ${took(r)}`}${
              r.progress?.eventsPerSecond === null || r.progress === null
                ? ''
                : ` (${formatCount(Math.round(r.progress.eventsPerSecond))} events a second)`
            };
            finished ${formatNemTime(r.finishedAt)}.
          </p>
        </div>`;
      case 'failed':
        return html`<p class="status error" role="alert" data-testid="rebuild-status" data-state="failed">
          The rebuild failed after ${formatCount(r.eventsApplied)} events: ${r.error ?? 'no reason given'}. The previous
          tables are still in use.
        </p>`;
      case 'stopped':
        return html`<p class="status" role="status" data-testid="rebuild-status" data-state="stopped">
          The rebuild stopped with the server after ${formatCount(r.eventsApplied)} events; the next start resumes it.
          The previous tables are still in use.
        </p>`;
    }
  }

  private status(s: ProjectionStatus) {
    return html`<dl class="facts" data-testid="projection-status">
      <dt>Projection</dt>
      <dd>${s.projection}, generation ${formatCount(s.generation)}</dd>
      <dt>Checkpoint</dt>
      <dd class="mono">${s.checkpoint ?? 'none'}</dd>
      <dt>Event store head</dt>
      <dd class="mono">${s.head ?? 'empty'}</dd>
      <dt>Lag</dt>
      <dd data-testid="projection-lag">
        ${s.upToDate ? 'Up to date' : s.lag === null ? 'Unknown' : `${formatCount(s.lag)} events behind`}
      </dd>
    </dl>`;
  }

  override render() {
    const running = this.rebuild?.state === 'running';
    return html`<section class="card" aria-labelledby="rebuild-title" data-testid="rebuild-panel">
      <h2 id="rebuild-title">Read model</h2>
      <div>
        ${this.projections.render({
          pending: () =>
            this.projections.value === undefined
              ? html`<p class="status loading" role="status">Loading the read model's status…</p>`
              : this.status(this.projections.value),
          error: (error) =>
            loadError("Could not load the read model's status", error, () => void this.projections.run()),
          complete: (s) => this.status(s),
        })}
      </div>
      <p class="hint">
        A rebuild replays every event into new tables while the current ones keep serving, then switches to them.
      </p>
      <div class="actions">
        <button
          type="button"
          class="primary"
          data-testid="rebuild-button"
          ?disabled=${running || this.starting}
          @click=${() => void this.start()}
        >
          ${running ? 'Rebuilding…' : 'Rebuild all projections'}
        </button>
      </div>
      <div aria-live="polite">
        ${
          this.startError === null
            ? html``
            : html`<p class="status error" role="alert" data-testid="rebuild-error">
                Could not start the rebuild: ${this.startError}
              </p>`
        }
        ${this.renderProgress()}
      </div>
    </section>`;
  }
}

customElements.define('nem-rebuild-panel', NemRebuildPanel);

declare global {
  interface HTMLElementTagNameMap {
    'nem-rebuild-panel': NemRebuildPanel;
  }
}
