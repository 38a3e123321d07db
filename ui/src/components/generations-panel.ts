import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { api, errorMessage } from '../api/client.js';
import type { GenerationDifference, GenerationList, SideBuildStatus, SideGeneration } from '../api/types.js';
import { Poller } from '../controllers/poller.js';
import { formText } from '../form-data.js';
import { capitalize, formatCount, formatNemTime } from '../format.js';
import { loadError } from './load-error.js';
import { sharedStyles } from './shared-styles.js';

type Message = { readonly text: string; readonly error: boolean } | null;

interface Comparison {
  readonly label: string;
  readonly items: readonly GenerationDifference[];
  readonly nextCursor: string | null;
}

function describeUntil(g: SideGeneration): string {
  const position = g.untilPosition === null ? 'no events' : `position ${g.untilPosition}`;
  return g.untilAt === null ? position : `${formatNemTime(g.untilAt)} (${position})`;
}

function describeVersion(v: GenerationDifference['before']): string {
  return v === null ? '—' : `${v.currentRead} ${v.currentQuality}, ${v.fileName ?? v.fileId} line ${v.line}`;
}

/**
 * Side-by-side generations (admins, for audits): read models built from the events up to a position or an
 * instant beside the live one, which keeps serving untouched. Build one (with progress), compare it with
 * the live one (the register reads added, removed or changed), drop it.
 */
export class NemGenerationsPanel extends LitElement {
  static override properties = {
    comparison: { state: true },
    confirmDrop: { state: true },
    message: { state: true },
    busy: { state: true },
  };

  declare comparison: Comparison | null;
  declare confirmDrop: string | null;
  declare message: Message;
  declare busy: boolean;

  static override styles = [
    sharedStyles,
    css`
      form.build {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: end;
        margin-top: 1rem;
      }
      form.build label {
        display: grid;
        gap: 0.25rem;
      }
      progress {
        width: min(100%, 24rem);
        height: 1rem;
      }
      button.small {
        min-height: 2rem;
        padding: 0.1rem 0.6rem;
        font-size: 0.85rem;
      }
      td.change-added {
        color: var(--nem-ok, #1a7f37);
      }
      td.change-removed {
        color: var(--nem-error, #cf222e);
      }
    `,
  ];

  constructor() {
    super();
    this.comparison = null;
    this.confirmDrop = null;
    this.message = null;
    this.busy = false;
  }

  private readonly list = new Task(this, {
    task: async (_args, { signal }): Promise<GenerationList> => {
      const list = await api.generations(signal);
      if (list.build.state === 'running') this.poller.start();
      return list;
    },
    args: () => [] as const,
  });

  private readonly poller = new Poller(
    this,
    async () => {
      const list = await this.list.run().then(() => this.list.value);
      return list?.build.state === 'running';
    },
    500,
  );

  private async build(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const label = formText(data, 'label').trim();
    const until = formText(data, 'until').trim();
    this.busy = true;
    this.message = null;
    try {
      await api.buildGeneration(label, until);
      form.reset();
      this.poller.start();
      void this.list.run();
    } catch (error) {
      this.message = { text: `Could not build ${label}: ${errorMessage(error)}`, error: true };
    } finally {
      this.busy = false;
    }
  }

  private async compare(label: string, cursor?: string): Promise<void> {
    this.busy = true;
    this.message = null;
    try {
      const page = await api.diffGeneration(label, 'live', cursor);
      const earlier = cursor === undefined || this.comparison?.label !== label ? [] : this.comparison.items;
      this.comparison = { label, items: [...earlier, ...page.items], nextCursor: page.nextCursor };
    } catch (error) {
      this.message = { text: capitalize(errorMessage(error)), error: true };
    } finally {
      this.busy = false;
    }
  }

  private async drop(label: string): Promise<void> {
    this.busy = true;
    this.message = null;
    try {
      await api.dropGeneration(label);
      this.message = { text: `Dropped ${label}.`, error: false };
      this.confirmDrop = null;
      if (this.comparison?.label === label) this.comparison = null;
      void this.list.run();
    } catch (error) {
      this.message = { text: capitalize(errorMessage(error)), error: true };
    } finally {
      this.busy = false;
    }
  }

  private renderBuild(b: SideBuildStatus) {
    if (b.state === 'idle' || b.label === null) return html``;
    const p = b.progress;
    if (b.state === 'running') {
      const percent = p === null ? 0 : Math.floor(p.fraction * 100);
      return html`<div>
        <progress
          data-testid="generation-progress"
          aria-label="Side build progress"
          max=${Math.max(p?.total ?? 1, 1)}
          value=${Math.min(p?.done ?? 0, Math.max(p?.total ?? 1, 1))}
        ></progress>
        <p role="status" data-testid="generation-build" data-state="running">
          Building
          ${b.label}${p === null ? '…' : `: ${formatCount(p.done)} of ${formatCount(p.total)} events (${percent}%).`}
          <span class="muted">The live read model keeps answering, untouched.</span>
        </p>
      </div>`;
    }
    return html`<p
      class="status ${b.state === 'succeeded' ? 'ok' : 'error'}"
      role="status"
      data-testid="generation-build"
      data-state=${b.state}
    >
      ${
        b.state === 'succeeded'
          ? `Built ${b.label}; finished ${formatNemTime(b.finishedAt)}.`
          : `The build of ${b.label} ${b.state === 'stopped' ? 'stopped' : 'failed'}: ${b.error ?? 'no reason given'}.`
      }
    </p>`;
  }

  private dropCell(g: SideGeneration) {
    if (g.state === 'building') return html``;
    if (this.confirmDrop === g.label) {
      return html`<button
          type="button"
          class="small danger primary"
          data-testid="confirm-drop-generation"
          ?disabled=${this.busy}
          @click=${() => void this.drop(g.label)}
        >
          Drop ${g.label}
        </button>
        <button type="button" class="small" @click=${() => (this.confirmDrop = null)}>Cancel</button>`;
    }
    return html`<button
      type="button"
      class="small danger"
      data-testid="drop-generation"
      aria-label=${`Drop the generation ${g.label}`}
      @click=${() => (this.confirmDrop = g.label)}
    >
      Drop
    </button>`;
  }

  private table(list: GenerationList) {
    const { live } = list;
    return html`<div class="table-scroll cards" role="region" aria-label="Generations of the read model" tabindex="0">
      <table class="cards" data-testid="generations-table">
        <caption class="visually-hidden">
          Generations of the read model
        </caption>
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col">Until</th>
            <th scope="col">Readings</th>
            <th scope="col">State</th>
            <th scope="col"><span class="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          <tr data-testid="generation-row" data-label="live">
            <td data-label="Label">live (generation ${live.generation})</td>
            <td data-label="Until">checkpoint ${live.checkpoint ?? 'none'}, catching up</td>
            <td data-label="Readings">${formatCount(live.readings)}</td>
            <td data-label="State">serving</td>
            <td></td>
          </tr>
          ${list.generations.map(
            (g) =>
              html`<tr data-testid="generation-row" data-label=${g.label} data-state=${g.state}>
                <td data-label="Label" class="mono">${g.label}</td>
                <td data-label="Until">${describeUntil(g)}</td>
                <td data-label="Readings">${g.readings === null ? '—' : formatCount(g.readings)}</td>
                <td data-label="State">${g.state}${g.builtAt === null ? '' : `, ${formatNemTime(g.builtAt)}`}</td>
                <td>
                  <div class="actions">
                    ${
                      g.state === 'ready'
                        ? html`<button
                            type="button"
                            class="small"
                            data-testid="compare-generation"
                            aria-label=${`Compare ${g.label} with live`}
                            ?disabled=${this.busy}
                            @click=${() => void this.compare(g.label)}
                          >
                            Compare with live
                          </button>`
                        : html``
                    }
                    ${this.dropCell(g)}
                  </div>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderComparison(c: Comparison) {
    const heading = `${c.label} → live`;
    if (c.items.length === 0) {
      return html`<p class="status ok" data-testid="generation-diff-empty">${heading}: no register read differs.</p>`;
    }
    return html`<h3>${heading}: ${formatCount(c.items.length)}${c.nextCursor === null ? '' : '+'} differences</h3>
      <div class="table-scroll cards" role="region" aria-label=${`Differences ${heading}`} tabindex="0">
        <table class="cards" data-testid="generation-diff">
          <thead>
            <tr>
              <th scope="col">Change</th>
              <th scope="col">NMI</th>
              <th scope="col">Suffix / register</th>
              <th scope="col">Serial</th>
              <th scope="col">Read at</th>
              <th scope="col">In ${c.label}</th>
              <th scope="col">Live</th>
              <th scope="col">Fields</th>
            </tr>
          </thead>
          <tbody>
            ${c.items.map(
              (d) =>
                html`<tr data-testid="generation-diff-row" data-change=${d.change}>
                  <td data-label="Change" class="change-${d.change}">${d.change}</td>
                  <td data-label="NMI" class="mono">${d.key.nmi}</td>
                  <td data-label="Suffix / register">${d.key.nmiSuffix} / ${d.key.registerId}</td>
                  <td data-label="Serial" class="mono">${d.key.meterSerial}</td>
                  <td data-label="Read at">${formatNemTime(d.key.currentReadAt)}</td>
                  <td data-label=${`In ${c.label}`}>${describeVersion(d.before)}</td>
                  <td data-label="Live">${describeVersion(d.after)}</td>
                  <td data-label="Fields">${d.fields.map((f) => f.field).join(', ')}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${
        c.nextCursor === null
          ? html``
          : html`<div class="actions">
              <button
                type="button"
                data-testid="generation-diff-more"
                ?disabled=${this.busy}
                @click=${() => void this.compare(c.label, c.nextCursor ?? undefined)}
              >
                More differences
              </button>
            </div>`
      }`;
  }

  override render() {
    const running = this.list.value?.build.state === 'running';
    return html`<section class="card" aria-labelledby="generations-title" data-testid="generations-panel">
      <h2 id="generations-title">Side-by-side generations</h2>
      <p class="hint">
        For audits: a read model built from the events up to a global position or an instant, beside the live one, which
        keeps serving untouched. Compare it with the live one to see what changed since.
      </p>
      ${this.list.render({
        pending: () =>
          this.list.value === undefined
            ? html`<p class="status loading" role="status">Loading the generations…</p>`
            : this.table(this.list.value),
        error: (error) => loadError('Could not load the generations', error, () => void this.list.run()),
        complete: (list) => this.table(list),
      })}
      <form class="build" data-testid="generation-form" @submit=${(e: SubmitEvent) => void this.build(e)}>
        <label
          >Label
          <input
            name="label"
            required
            maxlength="40"
            pattern="[a-z0-9][a-z0-9\\-]{0,39}"
            title="lower-case letters, digits and dashes"
            placeholder="before-fix"
            autocomplete="off"
          />
        </label>
        <label
          >Until (position, day or instant)
          <input name="until" required maxlength="40" placeholder="2005-03-03 or 1234" autocomplete="off" />
        </label>
        <button type="submit" class="primary" data-testid="build-generation" ?disabled=${this.busy || running}>
          Build
        </button>
      </form>
      <div aria-live="polite">
        ${
          this.message === null
            ? html``
            : html`<p
                class="status ${this.message.error ? 'error' : 'ok'}"
                role=${this.message.error ? 'alert' : 'status'}
                data-testid="generations-message"
              >
                ${this.message.text}
              </p>`
        }
        ${this.list.value === undefined ? html`` : this.renderBuild(this.list.value.build)}
      </div>
      ${this.comparison === null ? html`` : this.renderComparison(this.comparison)}
    </section>`;
  }
}

customElements.define('nem-generations-panel', NemGenerationsPanel);

declare global {
  interface HTMLElementTagNameMap {
    'nem-generations-panel': NemGenerationsPanel;
  }
}
