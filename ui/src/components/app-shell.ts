import { css, html, LitElement, type PropertyValues } from 'lit';
import { api, errorMessage } from '../api/client.js';
import type { Session } from '../api/types.js';
import { RouteController } from '../controllers/route-controller.js';
import { href, routeTitle, sameRoute, type Route } from '../router.js';
import { sharedStyles } from './shared-styles.js';
import './admin-page.js';
import './file-page.js';
import './files-page.js';
import './meter-page.js';
import './meter-point-page.js';
import './search-page.js';
import './sign-in-form.js';

type Phase =
  | { readonly name: 'checking' }
  | { readonly name: 'signed-out'; readonly notice: string }
  | { readonly name: 'signed-in'; readonly session: Session }
  | { readonly name: 'unreachable'; readonly message: string };

/**
 * The application: asks who is signed in, shows the sign-in form or the page the location hash names,
 * with the navigation and the sign-out button. Admin-only links are not shown to viewers (the API
 * refuses them anyway). A request answered 401 (the session ended) brings the sign-in form back, on the
 * same page.
 */
export class NemApp extends LitElement {
  static override properties = { phase: { state: true }, signingOut: { state: true } };
  declare phase: Phase;
  declare signingOut: boolean;

  static override styles = [
    sharedStyles,
    css`
      :host {
        min-height: 100vh;
      }
      .skip {
        position: absolute;
        left: 0.5rem;
        top: -3rem;
        background: var(--nem-surface, #fff);
        padding: 0.5rem 0.75rem;
        border-radius: var(--nem-radius, 6px);
        z-index: 10;
      }
      .skip:focus {
        top: 0.5rem;
      }
      header {
        background: #0d2a4a;
        color: #fff;
      }
      .bar {
        max-width: 1400px;
        margin: 0 auto;
        padding: 0.5rem 1rem;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1.5rem;
      }
      .brand {
        color: #fff;
        font-weight: 700;
        font-size: 1.15rem;
        text-decoration: none;
        margin-right: auto;
      }
      .brand small {
        font-weight: 400;
        opacity: 0.8;
        margin-left: 0.4rem;
      }
      nav ul {
        list-style: none;
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
        margin: 0;
        padding: 0;
      }
      nav a {
        display: inline-block;
        color: #fff;
        text-decoration: none;
        padding: 0.45rem 0.75rem;
        border-radius: var(--nem-radius, 6px);
      }
      nav a:hover {
        background: rgba(255, 255, 255, 0.12);
      }
      nav a[aria-current='page'] {
        background: rgba(255, 255, 255, 0.2);
        font-weight: 600;
      }
      .who {
        display: flex;
        align-items: center;
        gap: 0.6rem;
        font-size: 0.9rem;
      }
      .muted-light {
        opacity: 0.85;
      }
      .who button {
        color: #fff;
        border-color: #fff;
        background: transparent;
      }
      header a:focus-visible,
      header button:focus-visible {
        outline-color: var(--nem-focus, #f5a300);
      }
      main {
        max-width: 1400px;
        margin: 0 auto;
        padding: 1rem;
      }
      main:focus {
        outline: none;
      }
      @media (max-width: 600px) {
        .brand small {
          display: none;
        }
        .who {
          width: 100%;
          justify-content: space-between;
        }
      }
    `,
  ];

  private readonly router = new RouteController(this);
  private shownRoute: Route | null = null;

  constructor() {
    super();
    this.phase = { name: 'checking' };
    this.signingOut = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    api.onUnauthenticated = () => {
      if (this.phase.name === 'signed-in')
        this.phase = { name: 'signed-out', notice: 'Your session has ended. Sign in again to go on.' };
    };
    void this.checkSession();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    api.onUnauthenticated = null;
  }

  private async checkSession(): Promise<void> {
    try {
      const session = await api.session();
      this.phase = session === null ? { name: 'signed-out', notice: '' } : { name: 'signed-in', session };
    } catch (error) {
      this.phase = { name: 'unreachable', message: errorMessage(error) };
    }
  }

  private async signOut(): Promise<void> {
    this.signingOut = true;
    try {
      await api.signOut();
    } catch {
      // Signed out on this side whatever the server said: the cookie is cleared or already gone.
    } finally {
      this.signingOut = false;
      this.phase = { name: 'signed-out', notice: 'You have signed out.' };
      this.forgetRoute();
    }
  }

  /**
   * Takes the page (a NMI, a search) out of the address, so whoever signs in next at this browser starts
   * at the search rather than on what the last person looked at.
   */
  private forgetRoute(): void {
    if (window.location.hash === '') return;
    history.replaceState(history.state, '', `${window.location.pathname}${window.location.search}`);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }

  protected override updated(changed: PropertyValues<this>): void {
    const route = this.router.route;
    document.title = `${this.phase.name === 'signed-in' ? routeTitle(route) : 'Sign in'} · nem`;
    if (this.phase.name !== 'signed-in') {
      this.shownRoute = null;
      return;
    }
    const previous = this.shownRoute;
    this.shownRoute = route;
    // After a navigation (not the first page shown, not a sign-in), move focus to the new page's heading.
    if (previous !== null && !sameRoute(previous, route) && !changed.has('phase')) void this.focusPage();
  }

  private async focusPage(): Promise<void> {
    const page = this.renderRoot.querySelector('main > *');
    if (page instanceof LitElement) await page.updateComplete;
    const heading = page?.shadowRoot?.querySelector<HTMLElement>('h1');
    (heading ?? this.renderRoot.querySelector<HTMLElement>('main'))?.focus();
  }

  private page(route: Route, session: Session) {
    const user = session.user;
    switch (route.name) {
      case 'search':
        return html`<nem-search-page .params=${route.params}></nem-search-page>`;
      case 'nmi':
        return html`<nem-meter-point-page .nmi=${route.nmi} .view=${route.view}></nem-meter-point-page>`;
      case 'meter':
        return html`<nem-meter-page .serial=${route.serial} .view=${route.view}></nem-meter-page>`;
      case 'files':
        return html`<nem-files-page .params=${route.params} .user=${user}></nem-files-page>`;
      case 'file':
        return html`<nem-file-page .fileId=${route.id} .user=${user}></nem-file-page>`;
      case 'admin':
        return html`<nem-admin-page .user=${user}></nem-admin-page>`;
      case 'not-found':
        return html`<h1 tabindex="-1">Not found</h1>
          <p class="status empty" data-testid="route-not-found">
            There is no page <span class="mono">${route.path}</span>. <a href=${href.search()}>Go to the search</a>.
          </p>`;
    }
  }

  private navLink(label: string, target: string, current: boolean, testid: string) {
    return html`<li>
      <a href=${target} aria-current=${current ? 'page' : 'false'} data-testid=${testid}>${label}</a>
    </li>`;
  }

  private signedIn(session: Session) {
    const route = this.router.route;
    const admin = session.user.role === 'admin';
    // The skip control is a button inside the banner: the content lies in this shadow root, where a
    // "#main" link cannot point (the hash is the router's), and nothing should stand outside a landmark.
    return html`<header>
        <button type="button" class="skip" data-testid="skip-to-content" @click=${this.skipToMain}>
          Skip to the content
        </button>
        <div class="bar">
          <a class="brand" href=${href.search()}>nem <small>register reads</small></a>
          <nav aria-label="Main">
            <ul>
              ${this.navLink('Search', href.search(), route.name === 'search', 'nav-search')}
              ${this.navLink('Files', href.files(), route.name === 'files' || route.name === 'file', 'nav-files')}
              ${admin ? this.navLink('Admin', href.admin(), route.name === 'admin', 'nav-admin') : html``}
            </ul>
          </nav>
          <div class="who">
            <span data-testid="current-user"
              >${session.user.username} <span class="muted-light">(${session.user.role})</span></span
            >
            <button
              type="button"
              data-testid="sign-out"
              ?disabled=${this.signingOut}
              @click=${() => void this.signOut()}
            >
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="main" tabindex="-1">${this.page(route, session)}</main>`;
  }

  override render() {
    const phase = this.phase;
    switch (phase.name) {
      case 'checking':
        return html`<main id="main"><p class="status loading" role="status">Loading…</p></main>`;
      case 'unreachable':
        return html`<main id="main">
          <h1>nem</h1>
          <div class="status error" role="alert" data-testid="app-error">
            <p class="load-error-text">The service cannot be reached: ${phase.message}</p>
            <button type="button" data-testid="retry" @click=${this.retry}>Retry</button>
          </div>
        </main>`;
      case 'signed-out':
        return html`<main id="main">
          <nem-sign-in
            .notice=${phase.notice}
            @signed-in=${(event: CustomEvent<Session>) => (this.phase = { name: 'signed-in', session: event.detail })}
          ></nem-sign-in>
        </main>`;
      case 'signed-in':
        return this.signedIn(phase.session);
    }
  }

  private readonly retry = (): void => {
    this.phase = { name: 'checking' };
    void this.checkSession();
  };

  private readonly skipToMain = (): void => {
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  };
}

customElements.define('nem-app', NemApp);

declare global {
  interface HTMLElementTagNameMap {
    'nem-app': NemApp;
  }
}
