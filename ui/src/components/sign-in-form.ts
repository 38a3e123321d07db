import { css, html, LitElement } from 'lit';
import { api, ApiError, errorMessage } from '../api/client.js';
import type { Session } from '../api/types.js';
import { formText } from '../form-data.js';
import { sharedStyles } from './shared-styles.js';

/** Signing in with a username and password. Fires `signed-in` (detail: the session). */
export class NemSignIn extends LitElement {
  static override properties = { busy: { state: true }, error: { state: true }, notice: {} };
  declare busy: boolean;
  declare error: string | null;
  /** Why the form is shown, when it is not the first visit (say the session ended). */
  declare notice: string;

  static override styles = [
    sharedStyles,
    css`
      :host {
        max-width: 24rem;
        margin: 3rem auto;
        padding: 0 1rem;
      }
      form {
        display: grid;
        gap: 0.9rem;
      }
      input {
        width: 100%;
      }
    `,
  ];

  constructor() {
    super();
    this.busy = false;
    this.error = null;
    this.notice = '';
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLInputElement>('#username')?.focus();
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const username = formText(data, 'username').trim();
    const password = formText(data, 'password');
    if (username === '' || password === '') {
      this.error = 'Enter your username and password.';
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      const session = await api.signIn(username, password);
      this.dispatchEvent(new CustomEvent<Session>('signed-in', { detail: session, bubbles: true, composed: true }));
    } catch (error) {
      this.error =
        error instanceof ApiError && error.code === 'BAD_CREDENTIALS'
          ? 'The username or the password is wrong.'
          : errorMessage(error);
      const password = this.renderRoot.querySelector<HTMLInputElement>('#password');
      if (password !== null) {
        password.value = '';
        password.focus();
      }
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<form class="card" data-testid="sign-in-form" @submit=${(e: SubmitEvent) => void this.submit(e)}>
      <h1>Sign in</h1>
      <p class="muted">nem: the reads of NEM12 and NEM13 flow files, for support staff.</p>
      ${this.notice === '' ? html`` : html`<p class="status empty" role="status">${this.notice}</p>`}
      <div class="field">
        <label for="username">Username</label>
        <input
          id="username"
          name="username"
          type="text"
          autocomplete="username"
          autocapitalize="none"
          spellcheck="false"
          required
          data-testid="sign-in-username"
        />
      </div>
      <div class="field">
        <label for="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          data-testid="sign-in-password"
        />
      </div>
      <div aria-live="assertive">
        ${
          this.error === null
            ? html``
            : html`<p class="status error" role="alert" data-testid="sign-in-error">${this.error}</p>`
        }
      </div>
      <button type="submit" class="primary" data-testid="sign-in-submit" ?disabled=${this.busy}>
        ${this.busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>`;
  }
}

customElements.define('nem-sign-in', NemSignIn);

declare global {
  interface HTMLElementTagNameMap {
    'nem-sign-in': NemSignIn;
  }
}
