/**
 * What every route can answer because of what it is, added to its schema from its options as it is
 * registered: the generic errors (as problem details), who may call it (security requirements, the CSRF
 * header included), and, for the routes that support conditional requests, their ETag. Routes declare
 * only what belongs to their own logic (a 404, a 409).
 */
import type { RouteOptions } from 'fastify';
import { z } from 'zod';
import { accessOf, SAFE_METHODS } from '../plugins/access.js';
import { problems } from './responses.js';

type Responses = Record<string, unknown>;

/** The generic errors, by status: why a route answers it. */
const GENERIC: Readonly<Record<number, string>> = {
  400: 'The request is not valid: `issues` says what, field by field.',
  401: 'Not signed in: sign in (POST /api/session) or send an API token as `Authorization: Bearer <token>`.',
  403: 'Not allowed: a viewer on an admin operation, or a change made with a session without the `x-csrf-token` header.',
  413: 'The body is larger than this operation takes.',
  414: 'A path parameter is longer than any this API routes.',
  415: 'The body is not of a media type this operation takes.',
  500: 'An unexpected failure (logged with the request id); nothing the client sent.',
  503: 'The database cannot be reached, or the request took too long: try again after `Retry-After` seconds.',
};

/** Security requirements: any signed-in caller; for changes, a session only with its CSRF header. */
const READ = [{ bearer: [] }, { session: [] }];
const CHANGE = [{ bearer: [] }, { session: [], csrf: [] }];

export function completeRouteContract(route: RouteOptions): void {
  const schema = route.schema;
  if (schema === undefined || schema.hide === true) return;
  const responses = (schema.response ??= {}) as Responses;
  const add = (status: number) => {
    if (!(String(status) in responses) && !(status in responses)) {
      responses[status] = problems(GENERIC[status] ?? 'An error.');
    }
  };
  const access = accessOf(route.config?.access, route.url);
  const changes = [route.method].flat().some((method) => !SAFE_METHODS.has(method));
  const hasInput = [schema.querystring, schema.params, schema.body, schema.headers].some((part) => part !== undefined);
  if (hasInput) add(400);
  // A path parameter longer than the router routes (see MAX_PARAM_LENGTH) is refused before routing.
  if (schema.params !== undefined) add(414);
  // A public route still identifies a caller who sends credentials: a bad token is refused there too.
  if (access !== 'public') add(401);
  else if (!(401 in responses)) {
    responses[401] = problems('An `Authorization` header was sent and is not a valid API token.');
  }
  if (access === 'admin' || (access !== 'public' && changes)) add(403);
  if (schema.body !== undefined) {
    add(413);
    add(415);
  }
  add(500);
  add(503);
  if (route.config?.etag === true) {
    responses[304] = z.null().describe('Not modified: the ETag sent in If-None-Match is still current.');
    schema.headers ??= z.looseObject({
      'if-none-match': z
        .string()
        .max(1024)
        .optional()
        .describe('The ETag of an answer received before: 304 (and no body) when it is still current.'),
    });
  }
  const documented = schema as { security?: unknown };
  if (access !== 'public' && documented.security === undefined) documented.security = changes ? CHANGE : READ;
}
