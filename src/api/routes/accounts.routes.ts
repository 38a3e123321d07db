import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AccountError, ApiTokenSchema, ROLES, UserSchema, type AccountErrorCode } from '../../domain/accounts.js';
import { Instant, safeText } from '../contracts/params.js';
import type { AppDeps } from '../deps.js';
import { ApiError, ErrorResponse } from '../errors.js';

const UserView = UserSchema.pick({ username: true, role: true, createdAt: true });
const TokenView = ApiTokenSchema;

const STATUS: Record<AccountErrorCode, number> = {
  USER_EXISTS: 409,
  NO_SUCH_USER: 404,
  INVALID_USERNAME: 400,
  WEAK_PASSWORD: 400,
  INVALID_TOKEN_NAME: 400,
  LAST_ADMIN: 409,
  NO_SUCH_TOKEN: 404,
  INVALID_EXPIRY: 400,
};

async function accountCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AccountError) throw new ApiError(STATUS[error.code], error.code, error.message);
    throw error;
  }
}

/** Users and API tokens, for admins. */
export const accountRoutes: FastifyPluginAsyncZod<{ deps: AppDeps; onTokenRevoked: () => void }> = async (
  app,
  { deps, onTokenRevoked },
) => {
  const accounts = deps.accounts;
  const admin = { access: 'admin' as const };

  app.get(
    '/api/users',
    {
      config: admin,
      schema: { summary: 'Users', tags: ['accounts'], response: { 200: z.array(UserView) } },
    },
    async () => (await accounts.listUsers()).map(({ username, role, createdAt }) => ({ username, role, createdAt })),
  );

  app.post(
    '/api/users',
    {
      config: admin,
      schema: {
        summary: 'Add a user',
        tags: ['accounts'],
        body: z.object({ username: safeText(64), role: z.enum(ROLES), password: z.string().max(1024) }),
        response: { 201: UserView, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      const user = await accountCall(() =>
        accounts.addUser(request.body.username, request.body.role, request.body.password),
      );
      return reply.code(201).send({ username: user.username, role: user.role, createdAt: user.createdAt });
    },
  );

  app.delete(
    '/api/users/:username',
    {
      config: admin,
      schema: {
        summary: 'Remove a user',
        tags: ['accounts'],
        params: z.object({ username: safeText(64) }),
        response: { 204: z.null(), 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      await accountCall(() => accounts.removeUser(request.params.username));
      onTokenRevoked();
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/users/:username/password',
    {
      config: admin,
      schema: {
        summary: "Set a user's password (ends their sessions)",
        tags: ['accounts'],
        params: z.object({ username: safeText(64) }),
        body: z.object({ password: z.string().max(1024) }),
        response: { 204: z.null(), 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      await accountCall(() => accounts.setPassword(request.params.username, request.body.password));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/tokens',
    {
      config: admin,
      schema: {
        summary: 'API tokens (never the tokens themselves)',
        tags: ['accounts'],
        response: { 200: z.array(TokenView) },
      },
    },
    async () => accounts.listTokens(),
  );

  app.post(
    '/api/tokens',
    {
      config: admin,
      schema: {
        summary: 'Create an API token: the answer is the only time it is shown',
        tags: ['accounts'],
        body: z.object({
          username: safeText(64),
          name: safeText(100),
          expiresAt: Instant.optional().describe('until when the token works (in the future); absent: until revoked'),
        }),
        response: {
          201: z.object({
            id: z.string(),
            prefix: z.string(),
            token: z.string(),
            expiresAt: z.string().nullable().describe('NEM time (+10:00); null: until revoked'),
          }),
          404: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const { username, name, expiresAt } = request.body;
      const created = await accountCall(() =>
        accounts.createToken(username, name, expiresAt === undefined ? null : new Date(expiresAt)),
      );
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/api/tokens/:token',
    {
      config: admin,
      schema: {
        summary: 'Revoke an API token by id or prefix',
        tags: ['accounts'],
        params: z.object({ token: safeText(100) }),
        response: { 204: z.null(), 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      await accountCall(() => accounts.revokeToken(request.params.token));
      // Revoked here: this process stops accepting it at once (others within seconds).
      onTokenRevoked();
      return reply.code(204).send(null);
    },
  );
};
