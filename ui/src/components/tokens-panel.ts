import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { api, errorMessage } from '../api/client.js';
import type { ApiToken, CreatedToken, UserAccount } from '../api/types.js';
import { formText } from '../form-data.js';
import { capitalize } from '../format.js';
import { loadError } from './load-error.js';
import { nemTime } from './nem-time.js';
import { sharedStyles } from './shared-styles.js';
import { copyOrSelect } from '../clipboard.js';

type Message = { readonly text: string; readonly error: boolean } | null;

/**
 * API tokens (admins): list, create (the token is shown once, here, and never again), revoke. `refresh`
 * reloads the lists (bump it when users change: removing a user removes their tokens).
 */
export class NemTokensPanel extends LitElement {
  static override properties = {
    refresh: { type: Number },
    created: { state: true },
    confirmRevoke: { state: true },
    message: { state: true },
    busy: { state: true },
    copied: { state: true },
  };

  declare refresh: number;
  declare created: (CreatedToken & { readonly username: string; readonly name: string }) | null;
  declare confirmRevoke: string | null;
  declare message: Message;
  declare busy: boolean;
  declare copied: boolean;

  static override styles = [
    sharedStyles,
    css`
      .created code {
        display: block;
        padding: 0.5rem;
        margin: 0.5rem 0;
        background: #fff;
        border: 1px solid var(--nem-border, #d0d7de);
        border-radius: var(--nem-radius, 6px);
        overflow-wrap: anywhere;
        user-select: all;
        color: var(--nem-fg, #1b1f24);
      }
      form.create {
        margin-top: 1rem;
      }
      tr.revoked td {
        color: var(--nem-muted, #57606a);
      }
      button.small {
        min-height: 2rem;
        padding: 0.1rem 0.6rem;
        font-size: 0.85rem;
      }
    `,
  ];

  constructor() {
    super();
    this.refresh = 0;
    this.created = null;
    this.confirmRevoke = null;
    this.message = null;
    this.busy = false;
    this.copied = false;
  }

  private readonly lists = new Task(this, {
    task: async (_args, { signal }): Promise<{ tokens: ApiToken[]; users: UserAccount[] }> => {
      const [tokens, users] = await Promise.all([api.tokens(signal), api.users(signal)]);
      return { tokens, users };
    },
    args: () => [this.refresh] as const,
  });

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const username = formText(data, 'username');
    const name = formText(data, 'name').trim();
    const days = Number(formText(data, 'expires'));
    const expiresAt = days > 0 ? new Date(Date.now() + days * 24 * 3600_000).toISOString() : null;
    this.busy = true;
    this.message = null;
    this.copied = false;
    try {
      const token = await api.createToken(username, name, expiresAt);
      this.created = { ...token, username, name };
      form.reset();
      void this.lists.run();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[data-testid="created-token"]')?.focus();
    } catch (error) {
      this.message = { text: capitalize(errorMessage(error)), error: true };
    } finally {
      this.busy = false;
    }
  }

  private async revoke(token: ApiToken): Promise<void> {
    this.busy = true;
    this.message = null;
    try {
      await api.revokeToken(token.id);
      this.message = { text: `Revoked ${token.prefix} (${token.name}).`, error: false };
      this.confirmRevoke = null;
      void this.lists.run();
    } catch (error) {
      this.message = { text: capitalize(errorMessage(error)), error: true };
    } finally {
      this.busy = false;
    }
  }

  private async copy(token: string): Promise<void> {
    const shown = this.renderRoot.querySelector('[data-testid="created-token-value"]');
    this.copied = (await copyOrSelect(token, shown)) === 'copied';
  }

  private renderCreated() {
    const created = this.created;
    if (created === null) return html``;
    return html`<div class="status ok created" role="status" tabindex="-1" data-testid="created-token">
      <p>
        <strong>Token “${created.name}” for ${created.username}</strong>: copy it now. It is shown only this once; only
        its SHA-256 is kept.
      </p>
      <code data-testid="created-token-value">${created.token}</code>
      <div class="actions">
        <button type="button" class="small" data-testid="copy-token" @click=${() => void this.copy(created.token)}>
          ${this.copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" class="small" data-testid="dismiss-token" @click=${() => (this.created = null)}>
          Done, hide it
        </button>
      </div>
    </div>`;
  }

  private revokeCell(token: ApiToken) {
    if (token.revokedAt !== null) return html``;
    if (this.confirmRevoke === token.id) {
      return html`<div class="actions">
        <button
          type="button"
          class="small danger primary"
          data-testid="confirm-revoke-token"
          ?disabled=${this.busy}
          @click=${() => void this.revoke(token)}
        >
          Revoke ${token.prefix}
        </button>
        <button type="button" class="small" @click=${() => (this.confirmRevoke = null)}>Cancel</button>
      </div>`;
    }
    return html`<button
      type="button"
      class="small danger"
      data-testid="revoke-token"
      aria-label=${`Revoke the token ${token.prefix} (${token.name}) of ${token.username}`}
      @click=${() => (this.confirmRevoke = token.id)}
    >
      Revoke
    </button>`;
  }

  private table(tokens: readonly ApiToken[]) {
    if (tokens.length === 0) return html`<p class="status empty" data-testid="tokens-empty">No API tokens.</p>`;
    return html`<div class="table-scroll cards" role="region" aria-label="List of API tokens" tabindex="0">
      <table class="cards" data-testid="tokens-table">
        <caption class="visually-hidden">
          API tokens
        </caption>
        <thead>
          <tr>
            <th scope="col">Prefix</th>
            <th scope="col">Name</th>
            <th scope="col">User</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Expires</th>
            <th scope="col">State</th>
            <th scope="col"><span class="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          ${tokens.map(
            (t) =>
              html`<tr
                data-testid="token-row"
                data-prefix=${t.prefix}
                data-revoked=${t.revokedAt === null ? 'false' : 'true'}
                class=${t.revokedAt === null ? '' : 'revoked'}
              >
                <td class="mono" data-label="Prefix">${t.prefix}</td>
                <td data-label="Name">${t.name}</td>
                <td class="mono" data-label="User">${t.username}</td>
                <td class="when" data-label="Created">${nemTime(t.createdAt)}</td>
                <td class="when" data-label="Last used">${nemTime(t.lastUsedAt, 'never')}</td>
                <td class="when" data-label="Expires" data-testid="token-expires">${nemTime(t.expiresAt, 'never')}</td>
                <td data-label="State">
                  ${
                    t.revokedAt !== null
                      ? html`<span class="badge rejected">Revoked</span> ${nemTime(t.revokedAt)}`
                      : t.expiresAt !== null && Date.parse(t.expiresAt) <= Date.now()
                        ? html`<span class="badge rejected">Expired</span>`
                        : html`<span class="badge imported">Active</span>`
                  }
                </td>
                <td>${this.revokeCell(t)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private form(users: readonly UserAccount[]) {
    return html`<form class="create" data-testid="create-token-form" @submit=${(e: SubmitEvent) => void this.create(e)}>
      <h3>Create a token</h3>
      <div class="fields">
        <div class="field">
          <label for="token-user">User</label>
          <select id="token-user" name="username" required data-testid="token-user">
            ${users.map((u) => html`<option value=${u.username}>${u.username} (${u.role})</option>`)}
          </select>
        </div>
        <div class="field grow">
          <label for="token-name">Name</label>
          <input
            id="token-name"
            name="name"
            type="text"
            required
            autocomplete="off"
            placeholder="nightly import"
            data-testid="token-name"
          />
        </div>
        <div class="field">
          <label for="token-expires">Expires</label>
          <select id="token-expires" name="expires" data-testid="token-expires-select">
            <option value="90">in 90 days</option>
            <option value="30">in 30 days</option>
            <option value="365">in a year</option>
            <option value="0">never (until revoked)</option>
          </select>
        </div>
        <div class="field">
          <button type="submit" class="primary" data-testid="create-token-submit" ?disabled=${this.busy}>
            Create token
          </button>
        </div>
      </div>
      <p class="hint">A token acts as its user, with their role; scripts send it as “Authorization: Bearer …”.</p>
    </form>`;
  }

  private content({ tokens, users }: { tokens: readonly ApiToken[]; users: readonly UserAccount[] }) {
    return html`${this.table(tokens)} ${this.form(users)}`;
  }

  override render() {
    return html`<section class="card" aria-labelledby="tokens-title" data-testid="tokens-section">
      <h2 id="tokens-title">API tokens</h2>
      <div aria-live="polite">
        ${this.renderCreated()}
        ${
          this.message === null
            ? html``
            : html`<p
                class="status ${this.message.error ? 'error' : 'ok'}"
                role=${this.message.error ? 'alert' : 'status'}
                data-testid="tokens-message"
              >
                ${this.message.text}
              </p>`
        }
      </div>
      ${this.lists.render({
        // Reloading after a change keeps showing what was there.
        pending: () =>
          this.lists.value === undefined
            ? html`<p class="status loading" role="status">Loading tokens…</p>`
            : this.content(this.lists.value),
        error: (error) => loadError('Could not load the tokens', error, () => void this.lists.run()),
        complete: (lists) => this.content(lists),
      })}
    </section>`;
  }
}

customElements.define('nem-tokens-panel', NemTokensPanel);

declare global {
  interface HTMLElementTagNameMap {
    'nem-tokens-panel': NemTokensPanel;
  }
}
