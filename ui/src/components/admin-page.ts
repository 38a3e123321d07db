import { html, LitElement } from 'lit';
import type { SessionUser } from '../api/types.js';
import { sharedStyles } from './shared-styles.js';
import './generations-panel.js';
import './rebuild-panel.js';
import './tokens-panel.js';
import './users-panel.js';

/** Administration (admins only): the read model and its rebuild, users, API tokens. */
export class NemAdminPage extends LitElement {
  static override properties = { user: { attribute: false }, accountChanges: { state: true } };
  declare user: SessionUser | null;
  declare accountChanges: number;

  static override styles = [sharedStyles];

  constructor() {
    super();
    this.user = null;
    this.accountChanges = 0;
  }

  override render() {
    if (this.user?.role !== 'admin') {
      return html`<h1 tabindex="-1">Admin</h1>
        <p class="status empty" data-testid="admin-forbidden">
          This page is for admins${this.user === null ? '' : `; ${this.user.username} is a ${this.user.role}`}.
        </p>`;
    }
    return html`<h1 tabindex="-1">Admin</h1>
      <nem-rebuild-panel></nem-rebuild-panel>
      <nem-generations-panel></nem-generations-panel>
      <nem-users-panel @accounts-changed=${() => this.accountChanges++}></nem-users-panel>
      <nem-tokens-panel .refresh=${this.accountChanges}></nem-tokens-panel>`;
  }
}

customElements.define('nem-admin-page', NemAdminPage);

declare global {
  interface HTMLElementTagNameMap {
    'nem-admin-page': NemAdminPage;
  }
}
