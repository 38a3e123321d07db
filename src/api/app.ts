import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import './contracts/components.js';
import { completeRouteContract } from './contracts/error-responses.js';
import { finishDocument } from './contracts/openapi.js';
import type { AppDeps } from './deps.js';
import { frameworkProblem, registerErrorHandler, sendProblem } from './errors.js';
import { CSRF_HEADER, registerAuth } from './plugins/auth.js';
import { registerEtags } from './plugins/etag.js';
import { RebuildJob } from './rebuild-job.js';
import { accountRoutes } from './routes/accounts.routes.js';
import { fileRoutes } from './routes/files.routes.js';
import { MAX_FILES_PER_UPLOAD, uploadRoutes } from './routes/uploads.routes.js';
import { healthRoutes } from './routes/health.routes.js';
import { intervalChannelRoutes } from './routes/interval-channels.routes.js';
import { projectionRoutes } from './routes/projections.routes.js';
import { intervalRoutes } from './routes/intervals.routes.js';
import { readingRoutes } from './routes/readings.routes.js';
import { sessionRoutes } from './routes/session.routes.js';

export { DEFAULT_API_OPTIONS, type ApiOptions, type AppDeps } from './deps.js';

/** The API's version: see "Versions" in docs/api.md for what changes it. */
export const API_VERSION = '1.0.0';

const API_DESCRIPTION = [
  'Flow files (AEMO MDFF: NEM13 register reads of accumulation meters, NEM12 interval data of smart meters) imported by the service, and the reads they carry, found by meter point (NMI) or meter serial.',
  '',
  'Every `/api` operation needs a session (sign in with signIn) or an API token (`Authorization: Bearer nem_...`); with a session, changes also send the `x-csrf-token` header. Errors are RFC 9457 problem details (`application/problem+json`) with a stable `code`. Instants are ISO 8601 in NEM time (`+10:00`, no daylight saving), days `YYYY-MM-DD`; register reads and quantities are exact decimals as strings. Lists come a keyset page at a time (`nextCursor`). Answers built from the read model carry an ETag: send it back in If-None-Match to get 304 while nothing changed.',
].join('\n');

/** A request id taken from a caller: short, and nothing that could forge a log line. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** How long a request may take, unless its route says otherwise. */
export const HANDLER_TIMEOUT_MS = 30_000;

/** The longest path parameter routed: a 255-character file name, percent-encoded. */
const MAX_PARAM_LENGTH = 255 * 12;

export interface RouteEntry {
  readonly method: string;
  readonly url: string;
  readonly hidden: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeInventory: RouteEntry[];
  }
}

/**
 * The HTTP API as a plugin-composed Fastify instance with no port: the server listens, tests inject.
 * Every route declares its schemas (zod, shared with the domain), which also make the OpenAPI document
 * served at /docs.
 */
export async function buildApp(deps: AppDeps, fastifyOptions: FastifyServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: 1024 * 1024,
    // No request waits for ever (a frozen database): past this, 503 (uploads and replays set their own).
    handlerTimeout: HANDLER_TIMEOUT_MS,
    // A caller's (or a proxy's) request id is kept when it is sane, else one is made; it is echoed in the
    // answer and in every log line of the request.
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // Path parameters are file names (up to 255 characters, percent-encoded up to 12 bytes each), NMIs and
    // serials: long enough for all of them; the route schemas set the real limits.
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Errors Fastify raises before a route is found (a bad URL, a parameter over the limit) take the
    // same shape as every other error.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      void sendProblem(reply, frameworkProblem(error, error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400));
    },
    ...fastifyOptions,
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  // The inventory of routes, so the OpenAPI document can be checked against what is served.
  const routes: RouteEntry[] = [];
  app.decorate('routeInventory', routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      routes.push({ method, url: route.url, hidden: route.schema?.hide === true });
    completeRouteContract(route);
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    hsts: deps.options.secureCookies,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyCompress, { threshold: 1024 });
  app.addHook('onSend', async (request, reply) => {
    // Meter data and accounts must not sit in a browser's or a proxy's cache.
    const url = request.url;
    if (url.startsWith('/api/') || url === '/health' || url.startsWith('/health?')) {
      reply.header('cache-control', 'no-store');
    }
    // RFC 9110: a 401 says how to authenticate (the browser's session cookie has no scheme of its own).
    if (reply.statusCode === 401) reply.header('www-authenticate', 'Bearer realm="nem"');
  });
  await app.register(fastifyMultipart, {
    // A file over the limit is cut short and marked (truncated), so the upload can answer per file.
    throwFileSizeLimit: false,
    limits: { fileSize: deps.options.maxUploadBytes, files: MAX_FILES_PER_UPLOAD, fields: 10, fieldSize: 1024 },
  });
  await app.register(fastifySwagger, {
    openapi: {
      // 3.1: schemas are JSON Schema 2020-12, so a nullable enum is `type: [..., null]`, not 3.0's `nullable`.
      openapi: '3.1.0',
      info: {
        title: 'nem',
        summary: 'NEM12 and NEM13 flow files and the reads they carry',
        description: API_DESCRIPTION,
        version: API_VERSION,
        license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
      },
      servers: [{ url: '/', description: 'the server that serves this document' }],
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API token (`nem tokens create`, or createToken): `Authorization: Bearer nem_...`.',
          },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'nem_session',
            description: 'The browser session cookie set by signIn.',
          },
          csrf: {
            type: 'apiKey',
            in: 'header',
            name: CSRF_HEADER,
            description:
              'With a session, every change also sends the CSRF token (from signIn, or the `nem_csrf` cookie).',
          },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: (documentObject) => finishDocument(jsonSchemaTransformObject(documentObject)),
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: true });

  const uiDir = deps.options.uiDir;
  if (uiDir != null && existsSync(join(uiDir, 'index.html'))) {
    // The admin's files; its pages are routed in the browser (#/...), so `/` is the only page.
    await app.register(fastifyStatic, {
      root: uiDir,
      prefix: '/',
      index: 'index.html',
      schemaHide: true,
      cacheControl: false,
      setHeaders: (reply, path) => {
        // Vite names built assets by their content hash: they never change, so they may be kept for good;
        // the page that names them is checked every time.
        reply.header(
          'cache-control',
          /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }

  const auth = registerAuth(app, deps.accounts);
  registerEtags(app, () => deps.projections.readModelVersion());
  const rebuild =
    deps.rebuild ??
    new RebuildJob(deps.projections, {
      info: (message) => app.log.info(message),
      error: (message, error) => app.log.error({ err: error }, message),
    });
  app.addHook('onClose', () => rebuild.stop());
  const typed = app.withTypeProvider<ZodTypeProvider>();
  await typed.register(healthRoutes, { deps });
  await typed.register(sessionRoutes, { deps });
  await typed.register(intervalRoutes, { deps });
  await typed.register(readingRoutes, { deps });
  await typed.register(intervalChannelRoutes, { deps });
  await typed.register(fileRoutes, { deps });
  await typed.register(uploadRoutes, { deps });
  await typed.register(projectionRoutes, { deps, rebuild });
  await typed.register(accountRoutes, { deps, onTokenRevoked: auth.forgetTokens });
  return app;
}
