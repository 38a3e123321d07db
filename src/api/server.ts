import { join, resolve } from 'node:path';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { AccountStore } from '../infrastructure/accounts/account-store.js';
import { SignInThrottle } from '../infrastructure/accounts/sign-in-throttle.js';
import type { Services } from '../compose.js';
import type { TrustProxy } from '../infrastructure/config.js';
import { LiveProjections } from '../projections/live.js';
import { buildApp, DEFAULT_API_OPTIONS } from './app.js';
import { RebuildJob } from './rebuild-job.js';

/** The built admin UI, from dist/src/api/ (compiled) or src/api/ (sources) alike. */
export const UI_DIR = resolve(
  import.meta.dirname,
  import.meta.dirname.includes('/dist/') ? '../../../ui/dist' : '../../ui/dist',
);

export interface ServerOptions {
  readonly host: string;
  readonly port: number;
  /**
   * `requests`: every request and every error, as JSON lines on stdout; `errors`: failures only (5xx,
   * a lost database), as JSON lines on stderr. Errors are always logged.
   */
  readonly log: 'requests' | 'errors';
  /** Tells the operator something they should know (an abandoned upload folder removed, a rebuild resumed). */
  readonly notice: (message: string) => void;
}

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly projections: LiveProjections;
  /** What stopping the server waits for, in order (the command bounds the time it takes). */
  readonly shutdownSteps: ReadonlyArray<{ readonly name: string; close(): Promise<void> }>;
  close(): Promise<void>;
}

/** Fastify's form of the setting: a hop count is a function of the hop (0 is the nearest proxy). */
function trustProxyOption(trust: TrustProxy): NonNullable<FastifyServerOptions['trustProxy']> {
  if (typeof trust === 'number') return (_address: string, hop: number) => hop < trust;
  return typeof trust === 'boolean' ? trust : [...trust];
}

function loggerOf(log: ServerOptions['log']): NonNullable<FastifyServerOptions['logger']> {
  return log === 'requests' ? { level: 'info' } : { level: 'warn', stream: process.stderr };
}

/**
 * Listens with the API and keeps the read model live; `close` stops both (not the services). A rebuild
 * that a stopped or crashed process left part-way is resumed in the background.
 */
export async function startServer(services: Services, options: ServerOptions): Promise<RunningServer> {
  const live = new LiveProjections(services.projections, {
    error: (message, error) => app.log.error({ err: error }, message),
    info: (message) => app.log.info(message),
  });
  const rebuild = new RebuildJob(services.projections, {
    info: (message) => {
      app.log.info(message);
      options.notice(message);
    },
    error: (message, error) => app.log.error({ err: error }, message),
  });
  const app = await buildApp(
    {
      database: services.database,
      store: services.store,
      projections: services.projections,
      accounts: new AccountStore(services.database.pool),
      signInThrottle: new SignInThrottle(services.database.pool),
      originals: services.originals,
      rebuild,
      notice: options.notice,
      afterImport: async () => {
        await live.catchUp();
      },
      options: {
        ...DEFAULT_API_OPTIONS,
        maxUploadBytes: services.config.maxUploadBytes,
        maxContentBytes: services.config.maxDecompressedBytes,
        secureCookies: services.config.secureCookies,
        uploadDir: join(services.config.dataDir, 'uploads'),
        uiDir: UI_DIR,
      },
    },
    { logger: loggerOf(options.log), trustProxy: trustProxyOption(services.config.trustProxy) },
  );
  await services.projections.ensureReadModel(options.notice);
  if ((await services.projections.interruptedRebuild()) !== null) rebuild.start();
  live.start();
  const address = await app.listen({ host: options.host, port: options.port });
  const shutdownSteps = [
    { name: 'HTTP requests in flight and the rebuild (stopping at a batch boundary)', close: () => app.close() },
    { name: 'the read model catch-up', close: () => live.stop() },
  ];
  return {
    app,
    url: address,
    projections: live,
    shutdownSteps,
    close: async () => {
      for (const step of shutdownSteps) await step.close();
    },
  };
}
