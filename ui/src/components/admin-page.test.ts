// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { deepQuery, deepQueryAll, mount, text, useFetch } from './component.fixtures.js';
import { fakeFetch, sessionFixture } from '../api/api.fixtures.js';
import { NemAdminPage } from './admin-page.js';

describe('nem-admin-page', () => {
  it('shows a viewer nothing but a word', async () => {
    const fake = fakeFetch({});
    useFetch(fake.fetch);
    const element = new NemAdminPage();
    element.user = sessionFixture('viewer', 'bob').user;
    await mount(element);
    expect(text(deepQuery(element, '[data-testid="admin-forbidden"]'))).toBe(
      'This page is for admins; bob is a viewer.',
    );
    expect(deepQueryAll(element, '[data-testid="rebuild-button"]')).toHaveLength(0);
    expect(fake.requests).toHaveLength(0);
  });

  it('gives an admin the read model, users and tokens', async () => {
    useFetch(fakeFetch({}).fetch);
    const element = new NemAdminPage();
    element.user = sessionFixture('admin').user;
    await mount(element);
    for (const id of ['rebuild-panel', 'users-section', 'tokens-section'])
      expect(deepQuery(element, `[data-testid="${id}"]`)).toBeTruthy();
  });
});
