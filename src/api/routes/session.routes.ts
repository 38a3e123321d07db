import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../domain/accounts.js';
import { safeText } from '../contracts/params.js';
import type { AppDeps } from '../deps.js';
import { ApiError, ErrorResponse } from '../errors.js';
import { CSRF_COOKIE, csrfTokenOf, SESSION_COOKIE } from '../plugins/auth.js';

export const UserView = z.object({ username: z.string(), role: z.enum(ROLES) });
const SessionView = z.object({
  user: UserView,
  via: z.enum(['session', 'token']),
  csrfToken: z.string().nullable().describe('send back in the x-csrf-token header of changes made with the session'),
});

export const sessionRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const throttle = deps.signInThrottle;
  app.post(
    '/api/session',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Sign in: sets the session cookie',
        tags: ['session'],
        security: [],
        body: z.object({ username: safeText(64), password: z.string().min(1).max(1024) }),
        description:
          'Failed sign-ins are counted per account and per client address, shared by every server: past a few, each further one makes that account (at most a minute) or that address (up to 15 minutes) wait, answered with 429 and Retry-After. A successful sign-in clears its account.',
        response: { 200: SessionView, 401: ErrorResponse, 429: ErrorResponse },
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
        summary: 'Who is signed in',
        tags: ['session'],
        response: { 200: SessionView },
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
        summary: 'Sign out: ends the session',
        tags: ['session'],
        response: { 204: z.null() },
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
