import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { unavailableReason } from '../infrastructure/db/unavailable.js';
import { InvalidCursorError } from '../projections/read-model/read-model.queries.js';

/** Every error answer of the API has this shape. */
export const ErrorResponse = z.object({
  code: z.string().describe('stable, machine-readable'),
  message: z.string(),
  issues: z
    .array(z.object({ path: z.string(), message: z.string() }))
    .optional()
    .describe('what is wrong with the request, field by field'),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;

/** An expected failure a route answers with: status, stable code, message for people. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** More members of the answer, documented by the route (e.g. the results of an upload cut short). */
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (message: string) => new ApiError(404, 'NOT_FOUND', message);

/** Seconds a client is asked to wait before retrying when the database is unavailable. */
const RETRY_AFTER_S = 5;

/** The one place errors become HTTP answers. A 5xx tells nothing of internals; the log keeps them. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      return reply.code(400).send({
        code: 'BAD_REQUEST',
        message: `the request's ${error.validationContext ?? 'input'} is not valid`,
        issues: error.validation.map((issue) => ({
          path: `${error.validationContext ?? ''}${issue.instancePath.replace(/\//g, '.')}`,
          message: issue.message ?? 'invalid',
        })),
      } satisfies ErrorResponse);
    }
    if (error instanceof InvalidCursorError) {
      return reply.code(400).send({ code: 'BAD_CURSOR', message: error.message } satisfies ErrorResponse);
    }
    if (error instanceof ApiError) {
      return reply
        .code(error.statusCode)
        .send({ ...error.extra, code: error.code, message: error.message } satisfies ErrorResponse);
    }
    // The database or the event store is out of reach (stopped, restarting, frozen): nothing the client
    // did; it may retry. The reason is a few classified words, never the driver's text.
    const unavailable = unavailableReason(error);
    if (unavailable !== null) {
      request.log.warn({ err: error, reason: unavailable }, 'database unavailable');
      return reply
        .code(503)
        .header('retry-after', String(RETRY_AFTER_S))
        .send({
          code: 'UNAVAILABLE',
          message: `the database is unavailable${unavailable === 'unavailable' ? '' : ` (${unavailable})`}; try again shortly`,
        } satisfies ErrorResponse);
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
      return reply.code(500).send({ code: 'INTERNAL', message: 'internal error' } satisfies ErrorResponse);
    }
    const status = error.statusCode ?? 500;
    if (error.code === 'FST_ERR_HANDLER_TIMEOUT') {
      request.log.warn({ err: error }, 'request took too long');
      return reply
        .code(503)
        .header('retry-after', String(RETRY_AFTER_S))
        .send({
          code: 'UNAVAILABLE',
          message: 'the request took too long (is the database reachable?); try again shortly',
        } satisfies ErrorResponse);
    }
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.code(status).send({ code: 'INTERNAL', message: 'internal error' } satisfies ErrorResponse);
    }
    if (status === 413) {
      return reply.code(413).send({ code: 'TOO_LARGE', message: error.message } satisfies ErrorResponse);
    }
    return reply.code(status).send({
      code: (error.code as string | undefined)?.replace(/^FST_/, '') ?? 'BAD_REQUEST',
      message: error.message,
    } satisfies ErrorResponse);
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send({ code: 'NOT_FOUND', message: `no route ${request.method} ${request.url}` } satisfies ErrorResponse),
  );
}
