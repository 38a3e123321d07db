import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../domain/accounts.js';
import { safeText } from '../contracts/params.js';
import type { AppDeps } from '../deps.js';
import { json, problems } from '../contracts/responses.js';
import { ApiError } from '../errors.js';
import { CSRF_COOKIE, csrfTokenOf, SESSION_COOKIE } from '../plugins/auth.js';

const SignedInUser = z.object({ username: z.string(), role: z.enum(ROLES) });
const SessionView = z
  .object({
    user: SignedInUser,
    via: z.enum(['session', 'token']).describe('how the caller is signed in'),
    csrfToken: z
      .string()
      .nullable()
      .describe('send it back in the `x-csrf-token` header of changes made with the session; null for a token'),
  })
  .meta({
    id: 'Session',
    description: 'Who is signed in, and how.',
    examples: [{ user: { username: 'alice', role: 'admin' }, via: 'session', csrfToken: 'mQ3v0b3T6oW0lq6J2G3c5Q' }],
  });

// Made once per process, as the request bodies of accounts.routes.ts (see there).
const Credentials = z
  .object({ username: safeText(64), password: z.string().min(1).max(1024) })
  .meta({ id: 'Credentials', description: 'A username (any case) and its password.' });

export const sessionRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const throttle = deps.signInThrottle;
  app.post(
    '/api/session',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'signIn',
        summary: 'Sign in',
        tags: ['session'],
        security: [],
        body: Credentials,
        description:
          'Starts a browser session: sets the HttpOnly `nem_session` cookie and the readable `nem_csrf` cookie (also in the answer). Failed sign-ins are counted per account and per client address, shared by every server: past a few, each further one makes that account (at most a minute) or that address (up to 15 minutes) wait, answered with 429 and `Retry-After`. A successful sign-in clears its account. Scripts use API tokens instead.',
        response: {
          200: json('Signed in.', SessionView),
          401: problems('The username or the password is wrong.'),
          429: problems('Too many failed sign-ins for this account or from this address: wait `Retry-After` seconds.'),
        },
      },
    },
    async (request, reply) => {
      const attempt = { username: request.body.username, address: request.ip };
      const wait = await throttle.waitSeconds(attempt);
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        throw new ApiError(429, 'RATE_LIMITED', `too many failed sign-ins; try again in ${wait} s`);
      }
      const user = await deps.accounts.verifyPassword(request.body.username, request.body.password);
      if (user === null) {
        await throttle.failed(attempt);
        throw new ApiError(401, 'BAD_CREDENTIALS', 'the username or the password is wrong');
      }
      await throttle.succeeded(attempt);
      const session = await deps.accounts.createSession(user.id, deps.options.sessionTtlMs);
      const secure = deps.options.secureCookies || request.protocol === 'https';
      const csrfToken = csrfTokenOf(session.secret);
      reply.setCookie(SESSION_COOKIE, session.secret, {
        httpOnly: true,
        sameSite: 'strict',
        secure,
        path: '/',
        expires: session.expiresAt,
      });
      reply.setCookie(CSRF_COOKIE, csrfToken, {
        httpOnly: false,
        sameSite: 'strict',
        secure,
        path: '/',
        expires: session.expiresAt,
      });
      return { user: { username: user.username, role: user.role }, via: 'session' as const, csrfToken };
    },
  );

  app.get(
    '/api/session',
    {
      schema: {
        operationId: 'getSession',
        summary: 'Who is signed in',
        description: 'The signed-in user and how (session or token); for a session, its CSRF token again.',
        tags: ['session'],
        response: { 200: json('The caller.', SessionView) },
      },
    },
    (request) => {
      const principal = request.principal;
      if (principal === null) throw new ApiError(401, 'UNAUTHENTICATED', 'not signed in');
      return {
        user: { username: principal.user.username, role: principal.user.role },
        via: principal.via,
        csrfToken: principal.sessionSecret === null ? null : csrfTokenOf(principal.sessionSecret),
      };
    },
  );

  app.delete(
    '/api/session',
    {
      schema: {
        operationId: 'signOut',
        summary: 'Sign out',
        description: 'Ends the session and clears its cookies (with a token: nothing to end).',
        tags: ['session'],
        response: { 204: z.null().describe('Signed out.') },
      },
    },
    async (request, reply) => {
      if (request.principal?.sessionSecret != null) await deps.accounts.deleteSession(request.principal.sessionSecret);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      reply.clearCookie(CSRF_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );
};
