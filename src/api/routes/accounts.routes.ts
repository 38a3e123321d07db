import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AccountError, ApiTokenSchema, ROLES, UserSchema, type AccountErrorCode } from '../../domain/accounts.js';
import { Instant, safeText } from '../contracts/params.js';
import type { AppDeps } from '../deps.js';
import { json, problems } from '../contracts/responses.js';
import { ApiError } from '../errors.js';

const UserView = UserSchema.pick({ username: true, role: true, createdAt: true })
  .extend({
    createdAt: z.iso.datetime({ offset: true }).describe('when the user was added, NEM time (+10:00)'),
  })
  .meta({
    id: 'User',
    description: 'A support-staff account: a viewer searches and reads; an admin may also change things.',
    examples: [{ username: 'alice', role: 'admin', createdAt: '2026-11-30T09:00:00+10:00' }],
  });
const TokenView = ApiTokenSchema;

// Request bodies with an id are made once per process, not per app: zod's global registry names a
// schema registered twice under one id differently (NewUser, not NewUserInput), and the document
// served would depend on how many apps the process had built.
const NewUser = z
  .object({ username: safeText(64), role: z.enum(ROLES), password: z.string().max(1024) })
  .meta({ id: 'NewUser' });
const NewPassword = z.object({ password: z.string().max(1024) }).meta({ id: 'NewPassword' });
const NewToken = z
  .object({
    username: safeText(64).describe('whose token it is'),
    name: safeText(100).describe('what it is for, e.g. `nightly import`'),
    expiresAt: Instant.optional().describe('until when it works (in the future); absent: until revoked'),
  })
  .meta({ id: 'NewToken' });
const CreatedToken = z
  .object({
    id: z.string(),
    prefix: z.string().describe('the first 12 characters, to recognise the token by'),
    token: z.string().describe('the token: shown this once, only its SHA-256 is kept'),
    expiresAt: z.iso.datetime({ offset: true }).nullable().describe('NEM time (+10:00); null: until revoked'),
  })
  .meta({
    id: 'CreatedToken',
    description: 'A new API token, the only time it is shown.',
    examples: [
      {
        id: '2',
        prefix: 'nem_Zz9yX8wV',
        token: 'nem_Zz9yX8wVq3PbT1mA7cK0dE2fG4hJ6kL8nM9oP1rS3tU',
        expiresAt: '2027-02-28T09:00:00+10:00',
      },
    ],
  });

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
      schema: {
        operationId: 'listUsers',
        summary: 'List users',
        description: 'Every support-staff account, by username.',
        tags: ['accounts'],
        response: { 200: json('The users.', z.array(UserView)) },
      },
    },
    async () => (await accounts.listUsers()).map(({ username, role, createdAt }) => ({ username, role, createdAt })),
  );

  app.post(
    '/api/users',
    {
      config: admin,
      schema: {
        operationId: 'addUser',
        summary: 'Add a user',
        description:
          'Usernames are 3 to 64 characters of a-z 0-9 . _ - @, case-insensitive (kept lower-case); passwords 12 to 1,024 characters.',
        tags: ['accounts'],
        body: NewUser,
        response: { 201: json('The user was added.', UserView), 409: problems('A user of this name exists.') },
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
        operationId: 'removeUser',
        summary: 'Remove a user',
        description: 'Removes the user with their API tokens and sessions. The last admin cannot be removed.',
        tags: ['accounts'],
        params: z.object({ username: safeText(64).describe('The username, any case.') }),
        response: {
          204: z.null().describe('The user was removed.'),
          404: problems('No user of this name.'),
          409: problems('The user is the last admin.'),
        },
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
        operationId: 'setUserPassword',
        summary: "Set a user's password",
        description: "Replaces the user's password and ends their sessions (their API tokens stay valid).",
        tags: ['accounts'],
        params: z.object({ username: safeText(64).describe('The username, any case.') }),
        body: NewPassword,
        response: { 204: z.null().describe('The password was set.'), 404: problems('No user of this name.') },
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
        operationId: 'listTokens',
        summary: 'List API tokens',
        description: 'Every API token (revoked and expired ones too), oldest first; never the tokens themselves.',
        tags: ['accounts'],
        response: { 200: json('The tokens.', z.array(TokenView)) },
      },
    },
    async () => accounts.listTokens(),
  );

  app.post(
    '/api/tokens',
    {
      config: admin,
      schema: {
        operationId: 'createToken',
        summary: 'Create an API token',
        description:
          'A token acts as its user, with their role, sent as `Authorization: Bearer <token>`. The answer is the only time it is shown: only its SHA-256 is kept.',
        tags: ['accounts'],
        body: NewToken,
        response: { 201: json('The token, shown once.', CreatedToken), 404: problems('No user of this name.') },
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
        operationId: 'revokeToken',
        summary: 'Revoke an API token',
        description:
          'Revokes a token named by its id, its prefix or the whole token; it stops working at once here, within seconds on other servers. A revoked token stays listed.',
        tags: ['accounts'],
        params: z.object({ token: safeText(100).describe('The id, the prefix (nem_ and 8 characters) or the token.') }),
        response: {
          204: z.null().describe('The token is revoked.'),
          404: problems('No token matches (or, by prefix, more than one: give its id).'),
        },
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
