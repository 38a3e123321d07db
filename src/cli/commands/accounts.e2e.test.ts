import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectExit, runNem } from '../../../test/cli.js';
import { runNemInProcess } from '../../../test/nem-in-process.js';

const env = { NEM_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'nem-accounts-e2e-')), 'data'), DATABASE_URL: '' };
const PASSWORD = 'a long enough password';

interface ListedUser {
  readonly id: string;
  readonly username: string;
  readonly role: string;
  readonly createdAt: string;
}

interface ListedToken {
  readonly id: string;
  readonly prefix: string;
  readonly name: string;
  readonly username: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

// The tests share one data folder and run in order: users first, then their tokens.
describe('nem users and nem tokens (embedded database)', () => {
  it('adds users with the password as the first line of stdin and lists them as JSON', async () => {
    const added = await runNem(['users', 'add', 'Alice', '--role', 'admin'], env, undefined, `${PASSWORD}\nignored\n`);
    expect(added.stderr).toBe('');
    expect(added.stdout).toBe('added alice (admin)\n');
    expectExit(added, 0);
    const viewer = await runNem(['users', 'add', 'bob', '--role', 'viewer'], env, undefined, `${PASSWORD}\r\n`);
    expectExit(viewer, 0);
    const listed = await runNemInProcess(['users', 'list', '--json'], env);
    expectExit(listed, 0);
    expect(JSON.parse(listed.stdout) as ListedUser[]).toEqual([
      { id: expect.stringMatching(/^\d+$/), username: 'alice', role: 'admin', createdAt: expect.any(String) },
      { id: expect.stringMatching(/^\d+$/), username: 'bob', role: 'viewer', createdAt: expect.any(String) },
    ]);
    const table = await runNemInProcess(['users', 'list'], env);
    expect(table.stdout).toMatch(/^Username\s+Role\s+Created\n/);
    expect(table.stdout).toMatch(/\nalice\s+admin\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+10:00\n/);
  });

  it('takes no password from the arguments, and none from an empty stdin', async () => {
    const option = await runNemInProcess(['users', 'add', 'carol', '--role', 'viewer', '--password', PASSWORD], env);
    expectExit(option, 2);
    expect(option.stderr).toContain("unknown option '--password'");
    const positional = await runNemInProcess(['users', 'add', 'carol', PASSWORD, '--role', 'viewer'], env);
    expectExit(positional, 2);
    expect(positional.stderr).toContain('too many arguments');
    const empty = await runNem(['users', 'add', 'carol', '--role', 'viewer'], env);
    expectExit(empty, 2);
    expect(empty.stderr).toBe('nem users add: no password on stdin (give it as the first line)\n');
    const users = JSON.parse((await runNemInProcess(['users', 'list', '--json'], env)).stdout) as ListedUser[];
    expect(users.map((user) => user.username)).toEqual(['alice', 'bob']);
  });

  it('refuses in one line: a weak password or bad name with 2, an existing user or the last admin with 1', async () => {
    const weak = await runNem(['users', 'add', 'carol', '--role', 'viewer'], env, undefined, 'short\n');
    expect(weak).toMatchObject({ code: 2, stderr: 'nem users add: a password needs at least 12 characters\n' });
    const badName = await runNem(['users', 'add', 'no spaces', '--role', 'viewer'], env, undefined, `${PASSWORD}\n`);
    expectExit(badName, 2);
    expect(badName.stderr).toMatch(/^nem users add: username "no spaces" may contain only/);
    const badRole = await runNem(['users', 'add', 'carol', '--role', 'root'], env, undefined, `${PASSWORD}\n`);
    expectExit(badRole, 2);
    const exists = await runNem(['users', 'add', 'ALICE', '--role', 'viewer'], env, undefined, `${PASSWORD}\n`);
    expect(exists).toMatchObject({ code: 1, stderr: 'nem users add: user "alice" already exists\n' });
    const last = await runNemInProcess(['users', 'remove', 'alice'], env);
    expectExit(last, 1);
    expect(last.stderr).toMatch(/^nem users remove: cannot remove "alice": they are the last admin/);
    const missing = await runNemInProcess(['users', 'remove', 'nobody'], env);
    expect(missing).toMatchObject({ code: 1, stderr: 'nem users remove: no user "nobody"\n' });
  });

  it('sets a password from stdin', async () => {
    const changed = await runNem(['users', 'set-password', 'Bob'], env, undefined, 'another long password\n');
    expect(changed).toMatchObject({ code: 0, stdout: 'changed the password of bob and ended their sessions\n' });
    const weak = await runNem(['users', 'set-password', 'bob'], env, undefined, 'short\n');
    expectExit(weak, 2);
  });

  it('creates a token shown once, lists it without the secret, and revokes it', async () => {
    const created = await runNemInProcess(['tokens', 'create', 'bob', '--name', 'nightly import'], env);
    expectExit(created, 0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^nem_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toContain('it will not be shown again');
    expect(created.stderr).not.toContain(token);

    const listed = await runNemInProcess(['tokens', 'list', '--user', 'BOB', '--json'], env);
    expectExit(listed, 0);
    expect(listed.stdout).not.toContain(token.slice(12));
    const tokens = JSON.parse(listed.stdout) as ListedToken[];
    expect(tokens).toEqual([
      expect.objectContaining({
        prefix: token.slice(0, 12),
        name: 'nightly import',
        username: 'bob',
        lastUsedAt: null,
        revokedAt: null,
      }),
    ]);
    const table = await runNemInProcess(['tokens', 'list'], env);
    expect(table.stdout).toMatch(/^Id\s+Prefix\s+Name\s+User\s+Created\s+Last used\s+Expires\s+Revoked\n/);
    expect(table.stdout).toContain(token.slice(0, 12));

    const revoked = await runNemInProcess(['tokens', 'revoke', token.slice(0, 12)], env);
    expectExit(revoked, 0);
    expect(revoked.stdout).toBe(`revoked ${token.slice(0, 12)} (id ${tokens[0]!.id}, "nightly import") of bob\n`);
    const after = JSON.parse((await runNemInProcess(['tokens', 'list', '--json'], env)).stdout) as ListedToken[];
    expect(after[0]!.revokedAt).toEqual(expect.any(String));

    const unknown = await runNemInProcess(['tokens', 'revoke', 'nem_nothing1'], env);
    expect(unknown).toMatchObject({
      code: 1,
      stderr: 'nem tokens revoke: no token with id or prefix "nem_nothing1"\n',
    });
    const noUser = await runNemInProcess(['tokens', 'create', 'nobody', '--name', 'ci'], env);
    expect(noUser).toMatchObject({ code: 1, stdout: '', stderr: 'nem tokens create: no user "nobody"\n' });
    const noName = await runNemInProcess(['tokens', 'create', 'bob'], env);
    expectExit(noName, 2);
  });
});
