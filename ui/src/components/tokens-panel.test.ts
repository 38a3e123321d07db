// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { deepQuery, deepQueryAll, mount, text, until, useFetch } from './component.fixtures.js';
import { fakeFetch } from '../api/api.fixtures.js';
import type { ApiToken } from '../api/types.js';
import { NemTokensPanel } from './tokens-panel.js';

const token: ApiToken = {
  id: 't1',
  prefix: 'nem_Ab3dE6gH',
  name: 'nightly import',
  username: 'bob',
  createdAt: '2024-01-01T00:00:00Z',
  lastUsedAt: null,
  expiresAt: '2024-04-01T00:00:00Z',
  revokedAt: null,
};

describe('nem-tokens-panel', () => {
  it('creates a token and shows it once', async () => {
    const fake = fakeFetch({
      'GET /api/tokens': () => ({ body: [token] }),
      'GET /api/users': () => ({ body: [{ username: 'bob', role: 'viewer', createdAt: '2024-01-01T00:00:00Z' }] }),
      'POST /api/tokens': () => ({
        status: 201,
        body: { id: 't2', prefix: 'nem_Zz9yX8wV', token: 'nem_Zz9yX8wVsecret', expiresAt: null },
      }),
    });
    useFetch(fake.fetch);
    const element = await mount(new NemTokensPanel());
    const row = await until(() => deepQuery(element, '[data-testid="token-row"]'));
    // Expired on 1 April 2024: shown as such.
    expect(text(row)).toContain(
      'nem_Ab3dE6gH nightly import bob 2024-01-01 10:00:00 +10:00 never 2024-04-01 10:00:00 +10:00 Expired',
    );
    (deepQuery(element, '[data-testid="token-name"]') as HTMLInputElement).value = 'backup';
    (deepQuery(element, '[data-testid="create-token-form"]') as HTMLFormElement).requestSubmit();
    const shown = await until(() => deepQuery(element, '[data-testid="created-token-value"]'));
    expect(text(shown)).toBe('nem_Zz9yX8wVsecret');
    // 90 days by default.
    const sent = JSON.parse(fake.requests.find((r) => r.method === 'POST')?.body as string) as Record<string, string>;
    expect(sent).toMatchObject({ username: 'bob', name: 'backup' });
    const days = (Date.parse(sent.expiresAt ?? '') - Date.now()) / (24 * 3600_000);
    expect(days).toBeGreaterThan(89);
    expect(days).toBeLessThanOrEqual(90);
    (deepQuery(element, '[data-testid="dismiss-token"]') as HTMLButtonElement).click();
    await element.updateComplete;
    expect(deepQueryAll(element, '[data-testid="created-token"]')).toHaveLength(0);
  });

  it('revokes a token after confirming', async () => {
    const fake = fakeFetch({
      'GET /api/tokens': () => ({ body: [token] }),
      'GET /api/users': () => ({ body: [] }),
      'DELETE /api/tokens/t1': () => ({ status: 204 }),
    });
    useFetch(fake.fetch);
    const element = await mount(new NemTokensPanel());
    const revoke = await until(() => deepQuery(element, '[data-testid="revoke-token"]') as HTMLButtonElement);
    revoke.click();
    await element.updateComplete;
    (deepQuery(element, '[data-testid="confirm-revoke-token"]') as HTMLButtonElement).click();
    await until(() =>
      expect(text(deepQuery(element, '[data-testid="tokens-message"]'))).toBe('Revoked nem_Ab3dE6gH (nightly import).'),
    );
  });

  it('names each cell for the card layout, and each Revoke button starts with its visible label', async () => {
    useFetch(fakeFetch({ 'GET /api/tokens': () => ({ body: [token] }), 'GET /api/users': () => ({ body: [] }) }).fetch);
    const element = await mount(new NemTokensPanel());
    const row = await until(() => deepQuery(element, '[data-testid="token-row"]'));
    expect(deepQuery(element, 'table').classList.contains('cards')).toBe(true);
    expect([...row.querySelectorAll('td[data-label]')].map((cell) => cell.getAttribute('data-label'))).toEqual([
      'Prefix',
      'Name',
      'User',
      'Created',
      'Last used',
      'Expires',
      'State',
    ]);
    const revoke = deepQuery(row, '[data-testid="revoke-token"]');
    expect(revoke.getAttribute('aria-label')?.startsWith(text(revoke))).toBe(true);
  });
});
