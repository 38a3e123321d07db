// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { deepQuery, mount, text, until, useFetch } from './component.fixtures.js';
import { fakeFetch, sessionFixture, problem } from '../api/api.fixtures.js';
import { NemSignIn } from './sign-in-form.js';

async function fillAndSubmit(element: NemSignIn, username: string, password: string): Promise<void> {
  (deepQuery(element, '[data-testid="sign-in-username"]') as HTMLInputElement).value = username;
  (deepQuery(element, '[data-testid="sign-in-password"]') as HTMLInputElement).value = password;
  (deepQuery(element, '[data-testid="sign-in-form"]') as HTMLFormElement).requestSubmit();
  await element.updateComplete;
}

describe('nem-sign-in', () => {
  it('signs in and tells who', async () => {
    const fake = fakeFetch({ 'POST /api/session': () => ({ body: sessionFixture('viewer', 'bob') }) });
    useFetch(fake.fetch);
    const element = await mount(new NemSignIn());
    const signedIn: unknown[] = [];
    element.addEventListener('signed-in', (event) => signedIn.push((event as CustomEvent).detail));
    await fillAndSubmit(element, ' bob ', 'a long password');
    await until(() => expect(signedIn).toEqual([sessionFixture('viewer', 'bob')]));
    expect(JSON.parse(fake.requests[0]?.body as string)).toEqual({ username: 'bob', password: 'a long password' });
  });

  it('says when the credentials are wrong and clears the password', async () => {
    useFetch(
      fakeFetch({
        'POST /api/session': () => ({ status: 401, body: problem(401, 'BAD_CREDENTIALS', 'wrong') }),
      }).fetch,
    );
    const element = await mount(new NemSignIn());
    await fillAndSubmit(element, 'bob', 'not it');
    const error = await until(() => deepQuery(element, '[data-testid="sign-in-error"]'));
    expect(text(error)).toBe('The username or the password is wrong.');
    expect(error.getAttribute('role')).toBe('alert');
    expect((deepQuery(element, '[data-testid="sign-in-password"]') as HTMLInputElement).value).toBe('');
  });

  it('labels its fields', async () => {
    const element = await mount(new NemSignIn());
    for (const id of ['username', 'password']) {
      expect(deepQuery(element, `label[for="${id}"]`)).toBeTruthy();
      expect(deepQuery(element, `#${id}`)).toBeTruthy();
    }
  });
});
