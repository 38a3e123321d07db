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
  app.post(
    '/api/session',
    {
      config: {
        access: 'public',
        rateLimit: { max: deps.options.loginAttemptsPerMinute, timeWindow: '1 minute' },
      },
      schema: {
        summary: 'Sign in: sets the session cookie',
        tags: ['session'],
        security: [],
        body: z.object({ username: safeText(64), password: z.string().min(1).max(1024) }),
        response: { 200: SessionView, 401: ErrorResponse },
      },
    },
    async (request, reply) => {
      const user = await deps.accounts.verifyPassword(request.body.username, request.body.password);
      if (user === null) throw new ApiError(401, 'BAD_CREDENTIALS', 'the username or the password is wrong');
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
