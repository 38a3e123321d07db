import { createHash, randomBytes } from 'node:crypto';
import { sql, type CommonQueryMethods, type DatabasePool, type FragmentSqlToken } from 'slonik';
import { z } from 'zod';
import {
  AccountError,
  ApiTokenSchema,
  checkPassword,
  parseTokenName,
  parseUsername,
  PASSWORD_MAX,
  RoleSchema,
  UserSchema,
  type ApiToken,
  type Role,
  type User,
} from '../../domain/accounts.js';
import { toNemIso } from '../../domain/nem-time.js';
import { hashPassword, needsRehash, verifyAgainstDecoy, verifyPassword } from './passwords.js';

/** Instants come back in NEM time (`+10:00`), as everywhere else in the service. */
const nemTime = z.string().transform((value) => toNemIso(value) as string);
const UserRow = UserSchema.extend({ createdAt: nemTime });
const TokenRow = ApiTokenSchema.extend({
  createdAt: nemTime,
  lastUsedAt: nemTime.nullable(),
  expiresAt: nemTime.nullable(),
  revokedAt: nemTime.nullable(),
});

const USER_COLUMNS = sql.fragment`u.id::text AS id, u.username, u.role, u.created_at AS "createdAt"`;
const TOKEN_COLUMNS = sql.fragment`
  t.id::text AS id, t.token_prefix AS prefix, t.name, u.username, t.created_at AS "createdAt",
  t.last_used_at AS "lastUsedAt", t.expires_at AS "expiresAt", t.revoked_at AS "revokedAt"`;

const TOKEN_PREFIX = 'nem_';
/** `nem_` and 8 characters: 48 random bits, enough to tell a user's tokens apart at a glance. */
const TOKEN_PREFIX_LENGTH = 12;
/** 32 random bytes in base64url, behind `nem_` for a token, alone for a session secret. */
const TOKEN_PATTERN = /^nem_[A-Za-z0-9_-]{43}$/;
const SESSION_SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const ID_PATTERN = /^\d{1,18}$/;
/** Serialises changes that could remove the last admin (two admins removing each other at once). */
const ADMIN_LOCK = 7_361_130_004;

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

function noSuchUser(username: string): AccountError {
  return new AccountError('NO_SUCH_USER', `no user ${JSON.stringify(username)}`);
}

/**
 * Users, their API tokens and their browser sessions. Usernames are case-insensitive (stored lower-case);
 * passwords are kept as scrypt hashes, tokens and session secrets as SHA-256 hashes, so the tables hold
 * nothing that signs anyone in. Passwords are Argon2id (older scrypt hashes are replaced at the next
 * successful sign-in). Refusals throw an AccountError with a stable code.
 */
export class AccountStore {
  constructor(private readonly pool: DatabasePool) {}

  /** Adds a user; USER_EXISTS if the name is taken in any case. */
  async addUser(username: string, role: Role, password: string): Promise<User> {
    const name = parseUsername(username);
    const checkedRole = RoleSchema.parse(role);
    const hash = await hashPassword(checkPassword(password));
    const user = await this.pool.maybeOne(sql.type(UserRow)`
      INSERT INTO nem_users AS u (username, role, password_hash) VALUES (${name}, ${checkedRole}, ${hash})
      ON CONFLICT (username) DO NOTHING
      RETURNING ${USER_COLUMNS}`);
    if (user === null) throw new AccountError('USER_EXISTS', `user ${JSON.stringify(name)} already exists`);
    return user;
  }

  /** Every user, by username. */
  async listUsers(): Promise<User[]> {
    return [...(await this.pool.any(sql.type(UserRow)`SELECT ${USER_COLUMNS} FROM nem_users u ORDER BY u.username`))];
  }

  async findUser(username: string): Promise<User | null> {
    return this.pool.maybeOne(
      sql.type(UserRow)`SELECT ${USER_COLUMNS} FROM nem_users u WHERE u.username = ${username.toLowerCase()}`,
    );
  }

  async countUsers(): Promise<number> {
    const row = await this.pool.one(sql.type(z.object({ count: z.number() }))`
      SELECT count(*)::int AS count FROM nem_users`);
    return row.count;
  }

  /** Removes a user with their tokens and sessions; LAST_ADMIN if they are the only admin. */
  async removeUser(username: string): Promise<User> {
    return this.pool.transaction(async (tx) => {
      const user = await lockedUser(tx, username);
      if (user.role === 'admin') await refuseLastAdmin(tx, user, 'remove');
      await tx.query(sql.unsafe`DELETE FROM nem_users WHERE id = ${user.id}::int8`);
      return user;
    });
  }

  /** Changes a user's role; LAST_ADMIN if that would leave no admin. */
  async setRole(username: string, role: Role): Promise<User> {
    const checkedRole = RoleSchema.parse(role);
    return this.pool.transaction(async (tx) => {
      const user = await lockedUser(tx, username);
      if (user.role === checkedRole) return user;
      if (user.role === 'admin') await refuseLastAdmin(tx, user, 'demote');
      return tx.one(sql.type(UserRow)`
        UPDATE nem_users u SET role = ${checkedRole}, updated_at = now() WHERE u.id = ${user.id}::int8
        RETURNING ${USER_COLUMNS}`);
    });
  }

  /** Replaces a user's password and ends their sessions (their API tokens stay valid). */
  async setPassword(username: string, password: string): Promise<User> {
    const hash = await hashPassword(checkPassword(password));
    return this.pool.transaction(async (tx) => {
      const user = await tx.maybeOne(sql.type(UserRow)`
        UPDATE nem_users u SET password_hash = ${hash}, updated_at = now()
        WHERE u.username = ${username.toLowerCase()}
        RETURNING ${USER_COLUMNS}`);
      if (user === null) throw noSuchUser(username);
      await tx.query(sql.unsafe`DELETE FROM nem_sessions WHERE user_id = ${user.id}::int8`);
      return user;
    });
  }

  /**
   * The user if the password is theirs, else null. An unknown username costs the same hashing work as a
   * wrong password, so response times do not tell which usernames exist. A hash of an older scheme (or
   * weaker parameters) is replaced by a current one once the password is known to be right.
   */
  async verifyPassword(username: string, password: string): Promise<User | null> {
    if (password.length > PASSWORD_MAX) return null;
    const row = await this.pool.maybeOne(sql.type(UserRow.extend({ passwordHash: z.string() }))`
      SELECT ${USER_COLUMNS}, u.password_hash AS "passwordHash"
      FROM nem_users u WHERE u.username = ${username.toLowerCase()}`);
    if (row === null) {
      await verifyAgainstDecoy(password);
      return null;
    }
    const { passwordHash, ...user } = row;
    if (!(await verifyPassword(password, passwordHash))) return null;
    if (needsRehash(passwordHash)) {
      const upgraded = await hashPassword(password);
      // Only if nobody changed the password meanwhile.
      await this.pool.query(sql.unsafe`
        UPDATE nem_users SET password_hash = ${upgraded}
        WHERE id = ${user.id}::int8 AND password_hash = ${passwordHash}`);
    }
    return user;
  }

  /**
   * Creates an API token for a user. The token is in the answer only: the store keeps its SHA-256, and
   * its first 12 characters (`prefix`) to list and revoke it by.
   */
  async createToken(
    username: string,
    name: string,
    /** Until when the token works; null for a token that works until revoked. */
    expiresAt: Date | null = null,
  ): Promise<{ token: string; id: string; prefix: string; expiresAt: string | null }> {
    const tokenName = parseTokenName(name);
    if (expiresAt !== null && !(expiresAt.getTime() > Date.now())) {
      throw new AccountError('INVALID_EXPIRY', 'a token must expire in the future');
    }
    const token = `${TOKEN_PREFIX}${randomSecret()}`;
    const prefix = token.slice(0, TOKEN_PREFIX_LENGTH);
    const row = await this.pool.maybeOne(sql.type(z.object({ id: z.string(), expiresAt: nemTime.nullable() }))`
      INSERT INTO nem_api_tokens (user_id, name, token_hash, token_prefix, expires_at)
      SELECT u.id, ${tokenName}, ${sha256Hex(token)}, ${prefix}, ${expiresAt?.toISOString() ?? null}::timestamptz
      FROM nem_users u WHERE u.username = ${username.toLowerCase()}
      RETURNING id::text AS id, expires_at AS "expiresAt"`);
    if (row === null) throw noSuchUser(username);
    return { token, id: row.id, prefix, expiresAt: row.expiresAt };
  }

  /** Tokens (revoked ones too), oldest first; only one user's when a username is given. */
  async listTokens(username?: string): Promise<ApiToken[]> {
    const where = username === undefined ? sql.fragment`TRUE` : sql.fragment`u.username = ${username.toLowerCase()}`;
    const tokens = await this.pool.any(sql.type(TokenRow)`
      SELECT ${TOKEN_COLUMNS} FROM nem_api_tokens t JOIN nem_users u ON u.id = t.user_id
      WHERE ${where} ORDER BY t.id`);
    if (tokens.length === 0 && username !== undefined && (await this.findUser(username)) === null) {
      throw noSuchUser(username);
    }
    return [...tokens];
  }

  /**
   * Revokes a token named by its id, its prefix or the whole token; NO_SUCH_TOKEN if none (or, by
   * prefix, more than one) matches. Revoking a revoked token changes nothing.
   */
  async revokeToken(idOrPrefix: string): Promise<ApiToken> {
    const key = idOrPrefix.trim();
    let match: FragmentSqlToken;
    if (ID_PATTERN.test(key)) match = sql.fragment`t.id = ${key}::int8`;
    else if (TOKEN_PATTERN.test(key)) match = sql.fragment`t.token_hash = ${sha256Hex(key)}`;
    else match = sql.fragment`t.token_prefix = ${key}`;
    const found = await this.pool.any(sql.type(z.object({ id: z.string() }))`
      SELECT t.id::text AS id FROM nem_api_tokens t WHERE ${match} LIMIT 2`);
    const [only] = found;
    if (only === undefined) {
      throw new AccountError('NO_SUCH_TOKEN', `no token with id or prefix ${JSON.stringify(key)}`);
    }
    if (found.length > 1) {
      throw new AccountError('NO_SUCH_TOKEN', `more than one token has the prefix ${JSON.stringify(key)}: give its id`);
    }
    return this.pool.one(sql.type(TokenRow)`
      UPDATE nem_api_tokens t SET revoked_at = coalesce(t.revoked_at, now())
      FROM nem_users u WHERE t.id = ${only.id}::int8 AND u.id = t.user_id
      RETURNING ${TOKEN_COLUMNS}`);
  }

  /**
   * The user of a valid token (known, not revoked, not expired) and until when it is valid, or null.
   * `last_used_at` is written at most once a minute per token: a write (and its commit) on every request
   * was most of the cost of an API call under load.
   */
  async authenticateToken(token: string): Promise<{ user: User; expiresAt: Date | null } | null> {
    if (!TOKEN_PATTERN.test(token)) return null;
    const hash = sha256Hex(token);
    const row = await this.pool.maybeOne(sql.type(UserRow.extend({ expiresAt: z.string().nullable() }))`
      SELECT ${USER_COLUMNS}, t.expires_at AS "expiresAt" FROM nem_api_tokens t JOIN nem_users u ON u.id = t.user_id
      WHERE t.token_hash = ${hash} AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())`);
    if (row === null) return null;
    await this.pool.query(sql.unsafe`
      UPDATE nem_api_tokens SET last_used_at = now()
      WHERE token_hash = ${hash} AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`);
    const { expiresAt, ...user } = row;
    return { user, expiresAt: expiresAt === null ? null : new Date(expiresAt) };
  }

  /**
   * Starts a browser session of `ttlMs` milliseconds (by the database's clock). The secret goes in the
   * cookie; the store keeps its SHA-256.
   */
  async createSession(userId: string, ttlMs: number): Promise<{ secret: string; expiresAt: Date }> {
    if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) {
      throw new RangeError(`a session lasts a positive whole number of milliseconds, not ${ttlMs}`);
    }
    if (!ID_PATTERN.test(userId)) throw new AccountError('NO_SUCH_USER', `no user with id ${JSON.stringify(userId)}`);
    const secret = randomSecret();
    const row = await this.pool.maybeOne(sql.type(z.object({ expiresAt: z.string() }))`
      INSERT INTO nem_sessions (id_hash, user_id, expires_at)
      SELECT ${sha256Hex(secret)}, u.id, now() + ${ttlMs}::int8 * interval '1 millisecond'
      FROM nem_users u WHERE u.id = ${userId}::int8
      RETURNING expires_at AS "expiresAt"`);
    if (row === null) throw new AccountError('NO_SUCH_USER', `no user with id ${JSON.stringify(userId)}`);
    return { secret, expiresAt: new Date(row.expiresAt) };
  }

  /** The user of a session that has not expired, or null; records that the session was seen. */
  /** The user of a live session; `last_seen_at` is written at most once a minute, as for tokens. */
  async sessionUser(secret: string): Promise<User | null> {
    if (!SESSION_SECRET_PATTERN.test(secret)) return null;
    const hash = sha256Hex(secret);
    const user = await this.pool.maybeOne(sql.type(UserRow)`
      SELECT ${USER_COLUMNS} FROM nem_sessions s JOIN nem_users u ON u.id = s.user_id
      WHERE s.id_hash = ${hash} AND s.expires_at > now()`);
    if (user !== null) {
      await this.pool.query(sql.unsafe`
        UPDATE nem_sessions SET last_seen_at = now()
        WHERE id_hash = ${hash} AND (last_seen_at IS NULL OR last_seen_at < now() - interval '1 minute')`);
    }
    return user;
  }

  /** Ends a session (signing out); false if there was none. */
  async deleteSession(secret: string): Promise<boolean> {
    if (!SESSION_SECRET_PATTERN.test(secret)) return false;
    const deleted = await this.pool.maybeOne(sql.type(z.object({ idHash: z.string() }))`
      DELETE FROM nem_sessions WHERE id_hash = ${sha256Hex(secret)} RETURNING id_hash AS "idHash"`);
    return deleted !== null;
  }

  /** Deletes expired sessions; answers how many. */
  async deleteExpiredSessions(): Promise<number> {
    const row = await this.pool.one(sql.type(z.object({ count: z.number() }))`
      WITH deleted AS (DELETE FROM nem_sessions WHERE expires_at <= now() RETURNING 1)
      SELECT count(*)::int AS count FROM deleted`);
    return row.count;
  }
}

/** The user, with the admin lock held for the rest of the transaction. */
async function lockedUser(tx: CommonQueryMethods, username: string): Promise<User> {
  await tx.query(sql.unsafe`SELECT pg_advisory_xact_lock(${ADMIN_LOCK})`);
  const user = await tx.maybeOne(
    sql.type(UserRow)`SELECT ${USER_COLUMNS} FROM nem_users u WHERE u.username = ${username.toLowerCase()}`,
  );
  if (user === null) throw noSuchUser(username);
  return user;
}

async function refuseLastAdmin(tx: CommonQueryMethods, user: User, change: 'remove' | 'demote'): Promise<void> {
  const { admins } = await tx.one(sql.type(z.object({ admins: z.number() }))`
    SELECT count(*)::int AS admins FROM nem_users WHERE role = 'admin'`);
  if (admins <= 1) {
    throw new AccountError(
      'LAST_ADMIN',
      `cannot ${change} ${JSON.stringify(user.username)}: they are the last admin (make another user admin first)`,
    );
  }
}
