import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route answers from the read model: it carries an ETag and honours If-None-Match (304). */
    etag?: boolean;
  }
}

/** The state of the read model a route's answer comes from, as a version: it changes with every event applied. */
export type ReadModelVersion = () => Promise<string>;

/** Whether an If-None-Match header names this entity tag (weak comparison, RFC 9110 13.1.2). */
export function noneMatch(header: string | undefined, tag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const opaque = (value: string) => value.trim().replace(/^W\//, '');
  return header.split(',').some((candidate) => opaque(candidate) === opaque(tag));
}

/**
 * Conditional requests for the routes marked `config.etag`: their answers depend only on the URL and on
 * the read model, so the read model's version (its generation and checkpoint) is a valid entity tag for
 * each of them. A client that sends it back in If-None-Match gets 304 without the query running.
 */
export function registerEtags(app: FastifyInstance, version: ReadModelVersion): void {
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.routeOptions.config.etag !== true || request.method !== 'GET') return;
    const tag = `W/"${await version()}"`;
    reply.header('etag', tag);
    const sent = request.headers['if-none-match'];
    if (noneMatch(typeof sent === 'string' ? sent : undefined, tag)) {
      await reply.code(304).send();
    }
  });
}
