// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { deepQuery, deepQueryAll, mount, text, until, useFetch } from './component.fixtures.js';
import { fakeFetch } from '../api/api.fixtures.js';
import { NemUsersPanel } from './users-panel.js';

const users = [
  { username: 'alice', role: 'admin', createdAt: '2024-01-01T00:00:00.000Z' },
  { username: 'bob', role: 'viewer', createdAt: '2024-01-02T00:00:00.000Z' },
];

describe('nem-users-panel', () => {
  it('lists users with their creation time in NEM time', async () => {
    useFetch(fakeFetch({ 'GET /api/users': () => ({ body: users }) }).fetch);
    const element = await mount(new NemUsersPanel());
    const rows = await until(() => {
      const found = deepQueryAll(element, '[data-testid="user-row"]');
      expect(found).toHaveLength(2);
      return found;
    });
    expect(text(rows[0]!)).toContain('alice admin 2024-01-01 10:00:00 +10:00');
  });

  it('adds a user, sets a password and removes a user after confirming', async () => {
    const fake = fakeFetch({
      'GET /api/users': () => ({ body: users }),
      'POST /api/users': () => ({ status: 201, body: users[1] }),
      'PUT /api/users/bob/password': () => ({ status: 204 }),
      'DELETE /api/users/bob': () => ({ status: 204 }),
    });
    useFetch(fake.fetch);
    const element = await mount(new NemUsersPanel());
    await until(() => expect(deepQueryAll(element, '[data-testid="user-row"]')).toHaveLength(2));

    (deepQuery(element, '[data-testid="add-username"]') as HTMLInputElement).value = 'carol';
    (deepQuery(element, '[data-testid="add-role"]') as HTMLSelectElement).value = 'admin';
    (deepQuery(element, '[data-testid="add-password"]') as HTMLInputElement).value = 'carol-password-1';
    (deepQuery(element, '[data-testid="add-user-form"]') as HTMLFormElement).requestSubmit();
    await until(() => expect(text(deepQuery(element, '[data-testid="users-message"]'))).toBe('Added carol (admin).'));
    const added = fake.requests.find((r) => r.method === 'POST');
    expect(JSON.parse(added?.body as string)).toEqual({
      username: 'carol',
      role: 'admin',
      password: 'carol-password-1',
    });

    const bob = deepQueryAll(element, '[data-testid="user-row"]')[1]!;
    (deepQuery(bob, '[data-testid="set-password"]') as HTMLButtonElement).click();
    const input = await until(() => deepQuery(element, '[data-testid="new-password"]') as HTMLInputElement);
    input.value = 'bob-new-password';
    (input.form as HTMLFormElement).requestSubmit();
    await until(() =>
      expect(text(deepQuery(element, '[data-testid="users-message"]'))).toMatch(/^Set a new password for bob/),
    );

    (
      deepQuery(
        deepQueryAll(element, '[data-testid="user-row"]')[1]!,
        '[data-testid="remove-user"]',
      ) as HTMLButtonElement
    ).click();
    await element.updateComplete;
    expect(fake.requests.some((r) => r.method === 'DELETE')).toBe(false);
    (deepQuery(element, '[data-testid="confirm-remove-user"]') as HTMLButtonElement).click();
    await until(() => expect(text(deepQuery(element, '[data-testid="users-message"]'))).toBe('Removed bob.'));
    expect(fake.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      'POST /api/users',
      'PUT /api/users/bob/password',
      'DELETE /api/users/bob',
    ]);
  });

  it('refuses a short password before asking the API', async () => {
    const fake = fakeFetch({ 'GET /api/users': () => ({ body: users }) });
    useFetch(fake.fetch);
    const element = await mount(new NemUsersPanel());
    (deepQuery(element, '[data-testid="add-username"]') as HTMLInputElement).value = 'dave';
    (deepQuery(element, '[data-testid="add-password"]') as HTMLInputElement).value = 'short';
    deepQuery(element, '[data-testid="add-user-form"]').dispatchEvent(new Event('submit', { cancelable: true }));
    await element.updateComplete;
    expect(text(deepQuery(element, '[data-testid="users-message"]'))).toBe('A password needs at least 12 characters.');
    expect(fake.requests.every((r) => r.method === 'GET')).toBe(true);
  });

  it('names each cell for the card layout; the accessible names of the row buttons contain their visible labels', async () => {
    useFetch(fakeFetch({ 'GET /api/users': () => ({ body: users }) }).fetch);
    const element = await mount(new NemUsersPanel());
    const row = await until(() => deepQuery(element, '[data-testid="user-row"][data-username="alice"]'));
    expect(deepQuery(element, 'table').classList.contains('cards')).toBe(true);
    expect([...row.querySelectorAll('td[data-label]')].map((cell) => cell.getAttribute('data-label'))).toEqual([
      'Username',
      'Role',
      'Created',
    ]);
    const setPassword = deepQuery(row, '[data-testid="set-password"]');
    expect(text(setPassword)).toBe('Set password');
    expect(setPassword.getAttribute('aria-label')).toBe('Set password for alice');
    const remove = deepQuery(row, '[data-testid="remove-user"]');
    expect(remove.getAttribute('aria-label')).toBe(`${text(remove)} alice`);
  });

  it('starts an error message with a capital', async () => {
    useFetch(
      fakeFetch({
        'GET /api/users': () => ({ body: users }),
        'POST /api/users': () => ({
          status: 409,
          body: {
            type: 'about:blank',
            title: 'Conflict',
            status: 409,
            code: 'USER_EXISTS',
            detail: 'the user carol exists',
          },
        }),
      }).fetch,
    );
    const element = await mount(new NemUsersPanel());
    await until(() => expect(deepQueryAll(element, '[data-testid="user-row"]')).toHaveLength(2));
    (deepQuery(element, '[data-testid="add-username"]') as HTMLInputElement).value = 'carol';
    (deepQuery(element, '[data-testid="add-password"]') as HTMLInputElement).value = 'carol-password-1';
    (deepQuery(element, '[data-testid="add-user-form"]') as HTMLFormElement).requestSubmit();
    await until(() => expect(text(deepQuery(element, '[data-testid="users-message"]'))).toBe('The user carol exists'));
  });
});
