// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deepQuery, deepQueryAll, mount, text, until, useFetch } from './component.fixtures.js';
import { fakeFetch, sessionFixture, problem } from '../api/api.fixtures.js';
import { api } from '../api/client.js';
import type { Session } from '../api/types.js';
import { NemApp } from './app-shell.js';

function signedInAs(session: Session | null) {
  return fakeFetch({
    'GET /api/session': () =>
      session === null ? { status: 401, body: problem(401, 'UNAUTHENTICATED', 'not signed in') } : { body: session },
    'DELETE /api/session': () => ({ status: 204 }),
    'GET /api/readings': () => ({ status: 401, body: problem(401, 'UNAUTHENTICATED', 'sign in') }),
    'GET /api/files': () => ({ body: { items: [], nextCursor: null } }),
  });
}

beforeEach(() => {
  document.cookie = 'nem_csrf=csrf-123; path=/';
  api.csrfToken = null;
});

afterEach(() => {
  document.cookie = 'nem_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
});

describe('nem-app', () => {
  it('shows the sign-in form without asking when there is no session cookie', async () => {
    document.cookie = 'nem_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
    const fake = signedInAs(null);
    useFetch(fake.fetch);
    const app = await mount(new NemApp());
    await until(() => deepQuery(app, '[data-testid="sign-in-form"]'));
    expect(fake.requests).toHaveLength(0);
  });

  it('gives an admin the admin link and a viewer none', async () => {
    useFetch(signedInAs(sessionFixture('admin')).fetch);
    const admin = await mount(new NemApp());
    await until(() => deepQuery(admin, '[data-testid="nav-admin"]'));
    expect(text(deepQuery(admin, '[data-testid="current-user"]'))).toBe('alice (admin)');
    admin.remove();

    useFetch(signedInAs(sessionFixture('viewer', 'bob')).fetch);
    const viewer = await mount(new NemApp());
    await until(() => deepQuery(viewer, '[data-testid="sign-out"]'));
    expect(deepQueryAll(viewer, '[data-testid="nav-admin"]')).toHaveLength(0);
  });

  it('routes by the location hash and marks the current link', async () => {
    useFetch(signedInAs(sessionFixture('viewer', 'bob')).fetch);
    const app = await mount(new NemApp());
    await until(() => deepQuery(app, 'nem-search-page'));
    window.location.hash = '#/files';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await until(() => deepQuery(app, 'nem-files-page'));
    expect(deepQuery(app, '[data-testid="nav-files"]').getAttribute('aria-current')).toBe('page');
    expect(deepQueryAll(app, '[data-testid="upload-panel"]')).toHaveLength(0);
    window.location.hash = '#/admin';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await until(() => deepQuery(app, '[data-testid="admin-forbidden"]'));
    window.location.hash = '#/nowhere';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await until(() => deepQuery(app, '[data-testid="route-not-found"]'));
  });

  it('signs out with the CSRF token', async () => {
    const fake = signedInAs(sessionFixture());
    useFetch(fake.fetch);
    const app = await mount(new NemApp());
    const signOut = await until(() => deepQuery(app, '[data-testid="sign-out"]') as HTMLButtonElement);
    signOut.click();
    await until(() => deepQuery(app, '[data-testid="sign-in-form"]'));
    const request = fake.requests.find((r) => r.method === 'DELETE');
    expect(request?.url.pathname).toBe('/api/session');
    expect(request?.headers.get('x-csrf-token')).toBe('csrf-123');
  });

  it('takes the page out of the address on signing out, so the next person starts at the search', async () => {
    useFetch(signedInAs(sessionFixture()).fetch);
    window.location.hash = '#/nmi/5787326565';
    const app = await mount(new NemApp());
    const signOut = await until(() => deepQuery(app, '[data-testid="sign-out"]') as HTMLButtonElement);
    signOut.click();
    await until(() => deepQuery(app, '[data-testid="sign-in-form"]'));
    expect(window.location.hash).toBe('');
    expect(window.location.href).not.toContain('5787326565');
  });

  it('asks to sign in again when the session has ended', async () => {
    useFetch(signedInAs(sessionFixture()).fetch);
    window.location.hash = '#/search?q=5787326565';
    const app = await mount(new NemApp());
    await until(() => deepQuery(app, '[data-testid="sign-in-form"]'));
    expect(text(app.shadowRoot!.querySelector('nem-sign-in')!.shadowRoot!.querySelector('[role="status"]')!)).toBe(
      'Your session has ended. Sign in again to go on.',
    );
  });

  it('offers Retry when the server could not be reached, and goes on when it answers', async () => {
    let up = false;
    const fake = signedInAs(sessionFixture());
    useFetch(async (input, init) => {
      if (!up) throw new TypeError('Failed to fetch');
      return fake.fetch(input, init);
    });
    const app = await mount(new NemApp());
    const error = await until(() => deepQuery(app, '[data-testid="app-error"]'));
    expect(text(error)).toContain('The service cannot be reached: the server could not be reached');
    up = true;
    (deepQuery(error, '[data-testid="retry"]') as HTMLButtonElement).click();
    await until(() => deepQuery(app, '[data-testid="sign-out"]'));
  });

  it('has one banner, one main navigation and one main; the skip control in the banner moves focus to the content', async () => {
    useFetch(signedInAs(sessionFixture()).fetch);
    const app = await mount(new NemApp());
    await until(() => deepQuery(app, '[data-testid="sign-out"]'));
    const root = app.shadowRoot!;
    expect(root.querySelectorAll('header')).toHaveLength(1);
    expect(root.querySelectorAll('nav')).toHaveLength(1);
    expect(root.querySelectorAll('main')).toHaveLength(1);
    // Nothing of the shell stands outside a landmark.
    expect([...root.children].map((child) => child.localName).filter((name) => name !== 'style')).toEqual([
      'header',
      'main',
    ]);
    const skip = deepQuery(app, '[data-testid="skip-to-content"]') as HTMLButtonElement;
    expect(skip.closest('header')).not.toBeNull();
    skip.click();
    expect(root.activeElement?.localName).toBe('main');
  });
});
