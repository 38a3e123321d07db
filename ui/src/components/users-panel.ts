import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { api, errorMessage } from '../api/client.js';
import type { Role, UserAccount } from '../api/types.js';
import { formText } from '../form-data.js';
import { capitalize } from '../format.js';
import { loadError } from './load-error.js';
import { nemTime } from './nem-time.js';
import { sharedStyles } from './shared-styles.js';

export const PASSWORD_MIN = 12;

type RowAction = { readonly kind: 'password' | 'remove'; readonly username: string } | null;
type Message = { readonly text: string; readonly error: boolean } | null;

/**
 * Support-staff accounts (admins): list, add, set a password (which ends that user's sessions), remove
 * (with their tokens and sessions). Fires `accounts-changed` after a change.
 */
export class NemUsersPanel extends LitElement {
  static override properties = {
    action: { state: true },
    message: { state: true },
    busy: { state: true },
  };

  declare action: RowAction;
  declare message: Message;
  declare busy: boolean;

  static override styles = [
    sharedStyles,
    css`
      form.add {
        margin-top: 1rem;
      }
      tr.editing td {
        background: var(--nem-bg, #f6f8fa);
      }
      td.inline {
        white-space: normal;
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
    this.action = null;
    this.message = null;
    this.busy = false;
  }

  private readonly users = new Task(this, {
    task: async (_args, { signal }) => api.users(signal),
    args: () => [] as const,
  });

  private async change(work: () => Promise<unknown>, done: string): Promise<boolean> {
    this.busy = true;
    this.message = null;
    try {
      await work();
      this.message = { text: done, error: false };
      this.action = null;
      void this.users.run();
      this.dispatchEvent(new CustomEvent('accounts-changed', { bubbles: true, composed: true }));
      return true;
    } catch (error) {
      this.message = { text: capitalize(errorMessage(error)), error: true };
      return false;
    } finally {
      this.busy = false;
    }
  }

  private async add(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const username = formText(data, 'username').trim();
    const role: Role = formText(data, 'role') === 'admin' ? 'admin' : 'viewer';
    const password = formText(data, 'password');
    if (password.length < PASSWORD_MIN) {
      this.message = { text: `A password needs at least ${PASSWORD_MIN} characters.`, error: true };
      return;
    }
    const ok = await this.change(() => api.addUser(username, role, password), `Added ${username} (${role}).`);
    if (ok) form.reset();
  }

  private async setPassword(event: SubmitEvent, username: string): Promise<void> {
    event.preventDefault();
    const password = formText(new FormData(event.target as HTMLFormElement), 'password');
    if (password.length < PASSWORD_MIN) {
      this.message = { text: `A password needs at least ${PASSWORD_MIN} characters.`, error: true };
      return;
    }
    await this.change(
      () => api.setPassword(username, password),
      `Set a new password for ${username}; their sessions have ended.`,
    );
  }

  private async open(action: RowAction): Promise<void> {
    this.action = action;
    this.message = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('tr.editing input, tr.editing button')?.focus();
  }

  private actionRow(user: UserAccount) {
    const action = this.action;
    if (action?.username !== user.username) return nothing;
    if (action.kind === 'remove') {
      return html`<tr class="editing">
        <td colspan="4" class="inline">
          <div class="actions">
            <span>Remove <strong>${user.username}</strong> with their API tokens and sessions?</span>
            <button
              type="button"
              class="danger primary small"
              data-testid="confirm-remove-user"
              ?disabled=${this.busy}
              @click=${() => void this.change(() => api.removeUser(user.username), `Removed ${user.username}.`)}
            >
              Remove ${user.username}
            </button>
            <button type="button" class="small" @click=${() => (this.action = null)}>Cancel</button>
          </div>
        </td>
      </tr>`;
    }
    return html`<tr class="editing">
      <td colspan="4" class="inline">
        <form class="fields" @submit=${(e: SubmitEvent) => void this.setPassword(e, user.username)}>
          <div class="field">
            <label for="new-password">New password for ${user.username}</label>
            <input
              id="new-password"
              name="password"
              type="password"
              autocomplete="new-password"
              minlength=${PASSWORD_MIN}
              required
              data-testid="new-password"
            />
          </div>
          <div class="actions">
            <button type="submit" class="primary small" data-testid="save-password" ?disabled=${this.busy}>
              Save password
            </button>
            <button type="button" class="small" @click=${() => (this.action = null)}>Cancel</button>
          </div>
        </form>
      </td>
    </tr>`;
  }

  private table(users: readonly UserAccount[]) {
    return html`<div class="table-scroll cards" role="region" aria-label="List of users" tabindex="0">
      <table class="cards" data-testid="users-table">
        <caption class="visually-hidden">
          Users
        </caption>
        <thead>
          <tr>
            <th scope="col">Username</th>
            <th scope="col">Role</th>
            <th scope="col">Created</th>
            <th scope="col"><span class="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          ${users.map(
            (user) =>
              html`<tr data-testid="user-row" data-username=${user.username}>
                  <td class="mono" data-label="Username">${user.username}</td>
                  <td data-label="Role">${user.role}</td>
                  <td class="when" data-label="Created">${nemTime(user.createdAt)}</td>
                  <td>
                    <div class="actions">
                      <button
                        type="button"
                        class="small"
                        data-testid="set-password"
                        aria-label=${`Set password for ${user.username}`}
                        @click=${() => void this.open({ kind: 'password', username: user.username })}
                      >
                        Set password
                      </button>
                      <button
                        type="button"
                        class="small danger"
                        data-testid="remove-user"
                        aria-label=${`Remove ${user.username}`}
                        @click=${() => void this.open({ kind: 'remove', username: user.username })}
                      >
                        Remove
                      </button>
                    </div>
                  </td>
                </tr>
                ${this.actionRow(user)}`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  override render() {
    return html`<section class="card" aria-labelledby="users-title" data-testid="users-section">
      <h2 id="users-title">Users</h2>
      <div aria-live="polite">
        ${
          this.message === null
            ? html``
            : html`<p
                class="status ${this.message.error ? 'error' : 'ok'}"
                role=${this.message.error ? 'alert' : 'status'}
                data-testid="users-message"
              >
                ${this.message.text}
              </p>`
        }
      </div>
      <div>
        ${this.users.render({
          pending: () =>
            this.users.value === undefined
              ? html`<p class="status loading" role="status">Loading users…</p>`
              : this.table(this.users.value),
          error: (error) => loadError('Could not load the users', error, () => void this.users.run()),
          complete: (users) => (users.length === 0 ? html`<p class="status empty">No users.</p>` : this.table(users)),
        })}
      </div>
      <form class="add" data-testid="add-user-form" @submit=${(e: SubmitEvent) => void this.add(e)}>
        <h3>Add a user</h3>
        <div class="fields">
          <div class="field">
            <label for="add-username">Username</label>
            <input
              id="add-username"
              name="username"
              type="text"
              required
              autocomplete="off"
              spellcheck="false"
              data-testid="add-username"
              aria-describedby="add-username-hint"
            />
          </div>
          <div class="field">
            <label for="add-role">Role</label>
            <select id="add-role" name="role" data-testid="add-role">
              <option value="viewer">viewer: searches and reads</option>
              <option value="admin">admin: also uploads, replays, rebuilds, manages users</option>
            </select>
          </div>
          <div class="field">
            <label for="add-password">Password</label>
            <input
              id="add-password"
              name="password"
              type="password"
              required
              minlength=${PASSWORD_MIN}
              autocomplete="new-password"
              data-testid="add-password"
              aria-describedby="add-password-hint"
            />
          </div>
          <div class="field">
            <button type="submit" class="primary" data-testid="add-user-submit" ?disabled=${this.busy}>Add user</button>
          </div>
        </div>
        <p class="hint" id="add-username-hint">3 to 64 characters of a–z, 0–9, “.”, “_”, “-”, “@”.</p>
        <p class="hint" id="add-password-hint">At least ${PASSWORD_MIN} characters.</p>
      </form>
    </section>`;
  }
}

customElements.define('nem-users-panel', NemUsersPanel);

declare global {
  interface HTMLElementTagNameMap {
    'nem-users-panel': NemUsersPanel;
  }
}
