import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { unavailableReason } from '../infrastructure/db/unavailable.js';
import { InvalidCursorError } from '../projections/read-model/read-model.queries.js';
import { problem, PROBLEM_MEDIA_TYPE, type Problem } from './contracts/problem.js';

export { Problem } from './contracts/problem.js';

/** An expected failure a route answers with: status, stable code, and the detail for people. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** More members of the problem, documented by the route (e.g. the results of an upload cut short). */
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (message: string) => new ApiError(404, 'NOT_FOUND', message);

/** Seconds a client is asked to wait before retrying when the database is unavailable. */
export const RETRY_AFTER_S = 5;

/** Sends a problem as `application/problem+json`. */
export function sendProblem(reply: FastifyReply, answer: Problem): FastifyReply {
  return reply.code(answer.status).type(`${PROBLEM_MEDIA_TYPE}; charset=utf-8`).send(answer);
}

/** Fastify's own error codes, as ours. */
const FASTIFY_CODES: Readonly<Record<string, string>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_MAX_PARAM_LENGTH: 'URI_TOO_LONG',
  FST_ERR_BAD_URL: 'BAD_REQUEST',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'NOT_MULTIPART',
  FST_FILES_LIMIT: 'TOO_LARGE',
  FST_PARTS_LIMIT: 'TOO_LARGE',
  FST_FIELDS_LIMIT: 'TOO_LARGE',
};

/** The problem for an error Fastify (or a plugin) raised with a 4xx status. */
export function frameworkProblem(error: FastifyError, status: number): Problem {
  const code =
    FASTIFY_CODES[error.code] ??
    (status === 413 ? 'TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST');
  return problem(status, code, error.message);
}

/** The one place errors become HTTP answers. A 5xx tells nothing of internals; the log keeps them. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      return sendProblem(
        reply,
        problem(400, 'BAD_REQUEST', `the request's ${error.validationContext ?? 'input'} is not valid`, {
          issues: error.validation.map((issue) => ({
            path: `${error.validationContext ?? ''}${issue.instancePath.replace(/\//g, '.')}`,
            message: issue.message ?? 'invalid',
          })),
        }),
      );
    }
    if (error instanceof InvalidCursorError) return sendProblem(reply, problem(400, 'BAD_CURSOR', error.message));
    if (error instanceof ApiError) {
      return sendProblem(reply, problem(error.statusCode, error.code, error.message, { ...error.extra }));
    }
    // The database or the event store is out of reach (stopped, restarting, frozen): nothing the client
    // did; it may retry. The reason is a few classified words, never the driver's text.
    const unavailable = unavailableReason(error);
    if (unavailable !== null) {
      request.log.warn({ err: error, reason: unavailable }, 'database unavailable');
      reply.header('retry-after', String(RETRY_AFTER_S));
      return sendProblem(
        reply,
        problem(
          503,
          'UNAVAILABLE',
          `the database is unavailable${unavailable === 'unavailable' ? '' : ` (${unavailable})`}; try again shortly`,
        ),
      );
    }
    if (error.code === 'FST_ERR_HANDLER_TIMEOUT') {
      request.log.warn({ err: error }, 'request took too long');
      reply.header('retry-after', String(RETRY_AFTER_S));
      return sendProblem(
        reply,
        problem(503, 'UNAVAILABLE', 'the request took too long (is the database reachable?); try again shortly'),
      );
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
      return sendProblem(reply, problem(500, 'INTERNAL', 'internal error (the log says more)'));
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return sendProblem(reply, problem(500, 'INTERNAL', 'internal error (the log says more)'));
    }
    return sendProblem(reply, frameworkProblem(error, status));
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problem(404, 'NO_ROUTE', `no route ${request.method} ${request.url}`)),
  );
}
