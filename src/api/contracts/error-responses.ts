/**
 * The errors every route can answer because of what it is, documented from its options (the route
 * itself declares only the errors of its own logic, such as 404 or 409): the one error handler sends
 * them in this shape, and the OpenAPI document lists them.
 */
import type { RouteOptions } from 'fastify';
import { ErrorResponse } from '../errors.js';
import { accessOf, SAFE_METHODS } from '../plugins/access.js';

type Responses = Record<string, unknown>;

export function documentRouteErrors(route: RouteOptions): void {
  const schema = route.schema;
  if (schema === undefined || schema.hide === true) return;
  const responses = (schema.response ??= {}) as Responses;
  const add = (status: number) => {
    if (!(String(status) in responses) && !(status in responses)) responses[status] = ErrorResponse;
  };
  const access = accessOf(route.config?.access, route.url);
  const changes = [route.method].flat().some((method) => !SAFE_METHODS.has(method));
  const hasInput = [schema.querystring, schema.params, schema.body, schema.headers].some((part) => part !== undefined);
  if (hasInput) add(400);
  // A path parameter longer than the router routes (see MAX_PARAM_LENGTH) is refused before routing.
  if (schema.params !== undefined) add(414);
  if (access !== 'public') add(401);
  // Admin routes refuse viewers; changes made with a session need the CSRF header.
  if (access === 'admin' || (access !== 'public' && changes)) add(403);
  if (schema.body !== undefined) {
    add(413);
    add(415);
  }
  add(500);
  add(503);
}
