import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can, type User } from '../../domain/accounts.js';
import type { AccountStore } from '../../infrastructure/accounts/account-store.js';
import { ApiError } from '../errors.js';
import { accessOf, SAFE_METHODS, type Access } from './access.js';

export const SESSION_COOKIE = 'nem_session';
export const CSRF_COOKIE = 'nem_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export interface Principal {
  readonly user: User;
  readonly via: 'session' | 'token';
  /** The session's secret, for signing out. */
  readonly sessionSecret: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

/**
 * The CSRF token of a session: derived from its secret, so it needs no storage. The browser gets it in
 * a readable cookie and sends it back in a header; another site can neither read it nor make the
 * browser send it.
 */
export function csrfTokenOf(sessionSecret: string): string {
  return createHash('sha256').update(`csrf:${sessionSecret}`).digest('base64url');
}

/**
 * Valid tokens, remembered for a few seconds: scripts send many requests in a row, and looking the
 * token up each time was a database round trip per request. A token revoked through this process is
 * forgotten at once; one revoked elsewhere stops working within TOKEN_CACHE_MS.
 */
const TOKEN_CACHE_MS = 5000;
const TOKEN_CACHE_SIZE = 1000;

class TokenCache {
  private readonly entries = new Map<string, { user: User; until: number }>();

  get(token: string): User | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    if (entry.until < Date.now()) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.user;
  }

  /** Remembers a valid token for a few seconds, never past its expiry. */
  set(token: string, user: User, expiresAt: Date | null): void {
    if (this.entries.size >= TOKEN_CACHE_SIZE) this.entries.clear();
    const until = Math.min(Date.now() + TOKEN_CACHE_MS, expiresAt?.getTime() ?? Number.POSITIVE_INFINITY);
    this.entries.set(token, { user, until });
  }

  clear(): void {
    this.entries.clear();
  }
}

async function identify(
  accounts: AccountStore,
  tokens: TokenCache,
  request: FastifyRequest,
): Promise<Principal | null> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (match?.[1] === undefined)
      throw new ApiError(401, 'UNAUTHENTICATED', 'the Authorization header must be "Bearer <token>"');
    const cached = tokens.get(match[1]);
    if (cached !== undefined) return { user: cached, via: 'token', sessionSecret: null };
    const valid = await accounts.authenticateToken(match[1]);
    if (valid === null) {
      throw new ApiError(401, 'UNAUTHENTICATED', 'the API token is not valid (unknown, expired or revoked)');
    }
    tokens.set(match[1], valid.user, valid.expiresAt);
    return { user: valid.user, via: 'token', sessionSecret: null };
  }
  const secret = request.cookies[SESSION_COOKIE];
  if (secret === undefined || secret === '') return null;
  const user = await accounts.sessionUser(secret);
  return user === null ? null : { user, via: 'session', sessionSecret: secret };
}

/**
 * Every route says who may call it (`config.access`; signed-in viewers by default under /api, anyone
 * elsewhere, such as the documentation): a session cookie
 * or a bearer token identifies the caller, 401 without either, 403 for a viewer on an admin route.
 * State-changing requests made with the session cookie must carry the CSRF token.
 */
export function registerAuth(app: FastifyInstance, accounts: AccountStore): { forgetTokens: () => void } {
  const tokens = new TokenCache();
  app.decorateRequest('principal', null);
  // On request, before the body is read or validated: an anonymous caller learns nothing of the input.
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const access = accessOf(request.routeOptions.config.access, request.routeOptions.url);
    request.principal = await identify(accounts, tokens, request);
    if (access === 'public') return;
    const principal = request.principal;
    if (principal === null)
      throw new ApiError(401, 'UNAUTHENTICATED', 'sign in, or send an API token as "Authorization: Bearer <token>"');
    if (access === 'admin' && !can(principal.user.role, 'manage-users')) {
      throw new ApiError(
        403,
        'FORBIDDEN',
        `this needs the admin role; ${principal.user.username} is a ${principal.user.role}`,
      );
    }
    if (principal.via === 'session' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (
        typeof sent !== 'string' ||
        principal.sessionSecret === null ||
        sent !== csrfTokenOf(principal.sessionSecret)
      ) {
        throw new ApiError(
          403,
          'CSRF',
          `a change made with a session needs the ${CSRF_HEADER} header (from the ${CSRF_COOKIE} cookie)`,
        );
      }
    }
  });
  return { forgetTokens: () => tokens.clear() };
}
