import { createHash, randomBytes, scryptSync } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'slonik';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TEST_DATABASES } from '../../../test/databases.js';
import { AccountError, type AccountErrorCode } from '../../domain/accounts.js';
import type { Database } from '../db/database.js';
import { AccountStore } from './account-store.js';
import { hashPassword, needsRehash, verifyPassword } from './passwords.js';

const PASSWORD = 'correct horse battery';
const OTHER_PASSWORD = 'staple and more words';

async function refusal(promise: Promise<unknown>): Promise<AccountErrorCode> {
  const error: unknown = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AccountError);
  return (error as AccountError).code;
}

describe('password hashes', () => {
  it('are Argon2id with OWASP parameters (19 MiB, 2 passes, 1 lane), a 16-byte salt and a 32-byte key', async () => {
    const hash = await hashPassword(PASSWORD);
    const [empty, scheme, version, cost, salt, key, ...rest] = hash.split('$');
    expect([empty, scheme, version, cost, rest]).toEqual(['', 'argon2id', 'v=19', 'm=19456,t=2,p=1', []]);
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
    expect(Buffer.from(key!, 'base64')).toHaveLength(32);
    expect(await verifyPassword(PASSWORD, hash)).toBe(true);
    expect(await verifyPassword(`${PASSWORD} `, hash)).toBe(false);
    expect(await hashPassword(PASSWORD)).not.toBe(hash);
    expect(needsRehash(hash)).toBe(false);
  });

  it('still verify scrypt hashes made before, which need rehashing, as do weaker Argon2id ones', async () => {
    // A hash made by the previous version (scrypt N=2^15, r=8, p=1) of PASSWORD.
    const salt = randomBytes(16);
    const key = scryptSync(PASSWORD.normalize('NFKC'), salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 128 * 1024 * 1024 });
    const scrypt = ['scrypt', 32768, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
    expect(await verifyPassword(PASSWORD, scrypt)).toBe(true);
    expect(await verifyPassword(OTHER_PASSWORD, scrypt)).toBe(false);
    expect(needsRehash(scrypt)).toBe(true);
    const weak = (await hashPassword(PASSWORD)).replace('m=19456,t=2', 'm=19456,t=1');
    expect(needsRehash(weak)).toBe(true);
    await expect(
      verifyPassword(PASSWORD, '$argon2id$v=19$m=99999999,t=2,p=1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA'),
    ).rejects.toThrow();
  });

  it('treat composed and decomposed accents as the same password', async () => {
    const hash = await hashPassword('caf\u00e9 au lait please');
    expect(await verifyPassword('cafe\u0301 au lait please', hash)).toBe(true);
  });
});

describe.each(TEST_DATABASES)('the account store on $name', (target) => {
  let database: Database;
  let accounts: AccountStore;
  beforeAll(async () => {
    database = await target.open();
    accounts = new AccountStore(database.pool);
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    await database.pool.query(sql.unsafe`DELETE FROM nem_users`);
  });

  it('adds, lists and removes users, with usernames stored lower-case', async () => {
    expect(await accounts.countUsers()).toBe(0);
    const alice = await accounts.addUser('Alice@Example.com', 'admin', PASSWORD);
    expect(alice).toEqual({
      id: expect.stringMatching(/^\d+$/),
      username: 'alice@example.com',
      role: 'admin',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+10:00$/),
    });
    await accounts.addUser('bob', 'viewer', PASSWORD);
    expect((await accounts.listUsers()).map((user) => [user.username, user.role])).toEqual([
      ['alice@example.com', 'admin'],
      ['bob', 'viewer'],
    ]);
    expect(await accounts.countUsers()).toBe(2);
    expect(await accounts.findUser('BOB')).toMatchObject({ username: 'bob', role: 'viewer' });
    expect(await accounts.removeUser('BOB')).toMatchObject({ username: 'bob' });
    expect((await accounts.listUsers()).map((user) => user.username)).toEqual(['alice@example.com']);
    expect(await refusal(accounts.removeUser('bob'))).toBe('NO_SUCH_USER');
  });

  it('treats usernames case-insensitively: one user, found in any case', async () => {
    await accounts.addUser('Carol', 'viewer', PASSWORD);
    expect(await refusal(accounts.addUser('CAROL', 'admin', PASSWORD))).toBe('USER_EXISTS');
    expect(await accounts.verifyPassword('cArOl', PASSWORD)).toMatchObject({ username: 'carol' });
    expect(await accounts.countUsers()).toBe(1);
  });

  it('refuses bad usernames and weak passwords, saying why', async () => {
    for (const name of ['ab', 'x'.repeat(65), 'has space', 'semi;colon', 'ünï']) {
      expect(await refusal(accounts.addUser(name, 'viewer', PASSWORD))).toBe('INVALID_USERNAME');
    }
    await accounts.addUser(`${'x'.repeat(60)}.a@b`, 'viewer', PASSWORD);
    const short = accounts.addUser('dave', 'viewer', 'elevenchars');
    await expect(short).rejects.toThrow('a password needs at least 12 characters');
    expect(await refusal(accounts.addUser('dave', 'viewer', 'x'.repeat(1025)))).toBe('WEAK_PASSWORD');
    expect(await accounts.countUsers()).toBe(1);
  });

  it('protects the last admin from removal and demotion', async () => {
    await accounts.addUser('root', 'admin', PASSWORD);
    await accounts.addUser('viewer', 'viewer', PASSWORD);
    expect(await refusal(accounts.removeUser('root'))).toBe('LAST_ADMIN');
    expect(await refusal(accounts.setRole('root', 'viewer'))).toBe('LAST_ADMIN');
    await accounts.setRole('viewer', 'admin');
    await accounts.setRole('root', 'viewer');
    expect(await refusal(accounts.removeUser('viewer'))).toBe('LAST_ADMIN');
    await accounts.removeUser('root');
    expect(await accounts.listUsers()).toEqual([expect.objectContaining({ username: 'viewer', role: 'admin' })]);
  });

  it('lets only one of two admins removing each other at once succeed', async () => {
    await accounts.addUser('admin1', 'admin', PASSWORD);
    await accounts.addUser('admin2', 'admin', PASSWORD);
    const results = await Promise.allSettled([accounts.removeUser('admin1'), accounts.removeUser('admin2')]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((result) => result.status === 'rejected')?.reason).toMatchObject({ code: 'LAST_ADMIN' });
    expect(await accounts.countUsers()).toBe(1);
  });

  it('answers null for a wrong password or an unknown user, and the user for the right one', async () => {
    const erin = await accounts.addUser('erin', 'viewer', PASSWORD);
    expect(await accounts.verifyPassword('erin', PASSWORD)).toEqual(erin);
    expect(await accounts.verifyPassword('erin', OTHER_PASSWORD)).toBeNull();
    expect(await accounts.verifyPassword('nobody', PASSWORD)).toBeNull();
    expect(await accounts.verifyPassword('erin', 'x'.repeat(5000))).toBeNull();
  });

  it('stores only the Argon2id hash of a password', async () => {
    await accounts.addUser('frank', 'viewer', PASSWORD);
    const { hash } = await database.pool.one(sql.type(z.object({ hash: z.string() }))`
      SELECT password_hash AS hash FROM nem_users WHERE username = 'frank'`);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    expect(hash).not.toContain(PASSWORD);
  });

  it('replaces a scrypt hash by an Argon2id one at the next successful sign-in, not at a failed one', async () => {
    const frank = await accounts.addUser('frank', 'viewer', PASSWORD);
    const salt = randomBytes(16);
    const key = scryptSync(PASSWORD, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 128 * 1024 * 1024 });
    const scrypt = ['scrypt', 32768, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
    await database.pool.query(sql.unsafe`UPDATE nem_users SET password_hash = ${scrypt} WHERE username = 'frank'`);
    const stored = () =>
      database.pool.oneFirst(sql.type(z.object({ hash: z.string() }))`
        SELECT password_hash AS hash FROM nem_users WHERE username = 'frank'`);
    expect(await accounts.verifyPassword('frank', OTHER_PASSWORD)).toBeNull();
    expect(await stored()).toBe(scrypt);
    expect(await accounts.verifyPassword('frank', PASSWORD)).toEqual(frank);
    const upgraded = await stored();
    expect(upgraded).toMatch(/^\$argon2id\$/);
    expect(await accounts.verifyPassword('frank', PASSWORD)).toEqual(frank);
    expect(await stored()).toBe(upgraded);
  });

  it('changes a password and ends that user’s sessions only', async () => {
    const grace = await accounts.addUser('grace', 'viewer', PASSWORD);
    const heidi = await accounts.addUser('heidi', 'viewer', PASSWORD);
    const graceSession = await accounts.createSession(grace.id, 60_000);
    const heidiSession = await accounts.createSession(heidi.id, 60_000);
    expect(await accounts.sessionUser(graceSession.secret)).toEqual(grace);
    await accounts.setPassword('GRACE', OTHER_PASSWORD);
    expect(await accounts.sessionUser(graceSession.secret)).toBeNull();
    expect(await accounts.sessionUser(heidiSession.secret)).toEqual(heidi);
    expect(await accounts.verifyPassword('grace', PASSWORD)).toBeNull();
    expect(await accounts.verifyPassword('grace', OTHER_PASSWORD)).toEqual(grace);
    expect(await refusal(accounts.setPassword('grace', 'short'))).toBe('WEAK_PASSWORD');
    expect(await refusal(accounts.setPassword('nobody', OTHER_PASSWORD))).toBe('NO_SUCH_USER');
  });

  it('gives out a token once and keeps only its SHA-256 and prefix', async () => {
    const ivan = await accounts.addUser('ivan', 'admin', PASSWORD);
    const created = await accounts.createToken('Ivan', 'nightly import');
    expect(created.token).toMatch(/^nem_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.token.slice(0, 12));
    const rows = await database.pool.any(sql.type(z.object({ hash: z.string(), row: z.string() }))`
      SELECT token_hash AS hash, row_to_json(t)::text AS row FROM nem_api_tokens t`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.hash).toBe(createHash('sha256').update(created.token).digest('hex'));
    expect(rows[0]!.row).not.toContain(created.token);
    expect(rows[0]!.row).not.toContain(created.token.slice(12));
    expect(await accounts.authenticateToken(created.token)).toEqual({ user: ivan, expiresAt: null });
    const [listed] = await accounts.listTokens('ivan');
    expect(listed).toEqual({
      id: created.id,
      prefix: created.prefix,
      name: 'nightly import',
      username: 'ivan',
      createdAt: expect.stringMatching(/\+10:00$/),
      lastUsedAt: expect.stringMatching(/\+10:00$/),
      expiresAt: null,
      revokedAt: null,
    });
    expect(JSON.stringify(await accounts.listTokens())).not.toContain(created.token.slice(12));
  });

  it('refuses unknown, malformed and revoked tokens', async () => {
    await accounts.addUser('judy', 'viewer', PASSWORD);
    const first = await accounts.createToken('judy', 'ci');
    const second = await accounts.createToken('judy', 'laptop');
    const tampered = `${first.token.slice(0, -1)}${first.token.endsWith('A') ? 'B' : 'A'}`;
    expect(await accounts.authenticateToken(tampered)).toBeNull();
    expect(await accounts.authenticateToken('')).toBeNull();
    expect(await accounts.authenticateToken('Bearer nonsense')).toBeNull();
    expect(await accounts.revokeToken(first.prefix)).toMatchObject({ id: first.id, revokedAt: expect.any(String) });
    expect(await accounts.authenticateToken(first.token)).toBeNull();
    expect(await accounts.authenticateToken(second.token)).toMatchObject({ user: { username: 'judy' } });
    await accounts.revokeToken(second.id);
    expect(await accounts.authenticateToken(second.token)).toBeNull();
    expect((await accounts.listTokens('judy')).every((token) => token.revokedAt !== null)).toBe(true);
    expect(await refusal(accounts.revokeToken('nem_nothing1'))).toBe('NO_SUCH_TOKEN');
    expect(await refusal(accounts.revokeToken('999999'))).toBe('NO_SUCH_TOKEN');
    expect(await refusal(accounts.createToken('nobody', 'ci'))).toBe('NO_SUCH_USER');
    expect(await refusal(accounts.createToken('judy', '  '))).toBe('INVALID_TOKEN_NAME');
    expect(await refusal(accounts.listTokens('nobody'))).toBe('NO_SUCH_USER');
  });

  it('gives tokens an expiry: valid until then, refused after, listed with it', async () => {
    await accounts.addUser('kim', 'viewer', PASSWORD);
    const soon = new Date(Date.now() + 60 * 60_000);
    const lasting = await accounts.createToken('kim', 'for an hour', soon);
    expect(lasting.expiresAt).toMatch(/\+10:00$/);
    expect(Date.parse(lasting.expiresAt ?? '')).toBe(Math.floor(soon.getTime() / 1000) * 1000);
    expect(
      Math.floor(((await accounts.authenticateToken(lasting.token))?.expiresAt?.getTime() ?? 0) / 1000) * 1000,
    ).toBe(Date.parse(lasting.expiresAt ?? ''));
    const ending = await accounts.createToken('kim', 'a moment', new Date(Date.now() + 60_000));
    await database.pool.query(sql.unsafe`
      UPDATE nem_api_tokens SET expires_at = now() - interval '1 second' WHERE id = ${ending.id}::int8`);
    expect(await accounts.authenticateToken(ending.token)).toBeNull();
    expect((await accounts.listTokens('kim')).map((token) => [token.name, token.expiresAt === null])).toEqual([
      ['for an hour', false],
      ['a moment', false],
    ]);
    expect(await refusal(accounts.createToken('kim', 'past', new Date(Date.now() - 1000)))).toBe('INVALID_EXPIRY');
  });

  it('revokes a leaked token given whole', async () => {
    await accounts.addUser('ken', 'viewer', PASSWORD);
    const created = await accounts.createToken('ken', 'leaked');
    expect(await accounts.revokeToken(created.token)).toMatchObject({ id: created.id });
    expect(await accounts.authenticateToken(created.token)).toBeNull();
  });

  it('refuses an expired session and deletes expired sessions', async () => {
    const lena = await accounts.addUser('lena', 'viewer', PASSWORD);
    const short = await accounts.createSession(lena.id, 1);
    const long = await accounts.createSession(lena.id, 3_600_000);
    expect(short.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(long.expiresAt.getTime() - Date.now()).toBeGreaterThan(3_500_000);
    await sleep(20);
    expect(await accounts.sessionUser(short.secret)).toBeNull();
    expect(await accounts.sessionUser(long.secret)).toEqual(lena);
    expect(await accounts.deleteExpiredSessions()).toBe(1);
    expect(await accounts.deleteSession(long.secret)).toBe(true);
    expect(await accounts.deleteSession(long.secret)).toBe(false);
    expect(await accounts.sessionUser(long.secret)).toBeNull();
    const ids = await database.pool.any(sql.type(z.object({ idHash: z.string() }))`
      SELECT id_hash AS "idHash" FROM nem_sessions`);
    expect(ids).toEqual([]);
    expect(await refusal(accounts.createSession('999999', 1000))).toBe('NO_SUCH_USER');
  });

  it('ends a removed user’s sessions and tokens with them', async () => {
    await accounts.addUser('admin', 'admin', PASSWORD);
    const mallory = await accounts.addUser('mallory', 'viewer', PASSWORD);
    const session = await accounts.createSession(mallory.id, 60_000);
    const token = await accounts.createToken('mallory', 'script');
    await accounts.removeUser('mallory');
    expect(await accounts.sessionUser(session.secret)).toBeNull();
    expect(await accounts.authenticateToken(token.token)).toBeNull();
    expect(await accounts.listTokens()).toEqual([]);
  });
});
