import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { AccountStore } from '../infrastructure/accounts/account-store.js';
import type { Services } from '../infrastructure/compose.js';
import { LiveProjections } from '../projections/live.js';
import { buildApp, DEFAULT_API_OPTIONS } from './app.js';

/** The built admin UI, from dist/src/api/ (compiled) or src/api/ (sources) alike. */
export const UI_DIR = resolve(
  import.meta.dirname,
  import.meta.dirname.includes('/dist/') ? '../../../ui/dist' : '../../ui/dist',
);

export interface ServerOptions {
  readonly host: string;
  readonly port: number;
  /** Log requests (JSON lines on stdout). */
  readonly log: boolean;
}

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly projections: LiveProjections;
  close(): Promise<void>;
}

/** Listens with the API and keeps the read model live; `close` stops both (not the services). */
export async function startServer(services: Services, options: ServerOptions): Promise<RunningServer> {
  const live = new LiveProjections(services.projections, {
    error: (message, error) => app.log.error({ err: error }, message),
    info: (message) => app.log.info(message),
  });
  const app = await buildApp(
    {
      database: services.database,
      store: services.store,
      projections: services.projections,
      accounts: new AccountStore(services.database.pool),
      afterImport: async () => {
        await live.catchUp();
      },
      options: {
        ...DEFAULT_API_OPTIONS,
        maxUploadBytes: services.config.maxUploadBytes,
        maxContentBytes: services.config.maxDecompressedBytes,
        secureCookies: services.config.secureCookies,
        uploadDir: join(tmpdir(), 'nem-uploads'),
        uiDir: UI_DIR,
      },
    },
    { logger: options.log ? { level: 'info' } : false, trustProxy: true },
  );
  await services.projections.ensureReadModel();
  live.start();
  const address = await app.listen({ host: options.host, port: options.port });
  return {
    app,
    url: address,
    projections: live,
    close: async () => {
      await app.close();
      await live.stop();
    },
  };
}
