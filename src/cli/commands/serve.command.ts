import type { Command } from 'commander';
import { importFromInbox, InboxFolderError, InboxWatcher } from '../../application/inbox.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { port } from '../options.js';
import type { Output } from '../output.js';
import { announceReadyUntilStopSignal, giveUp, shutDown } from '../signals.js';
import { withServices } from '../services.js';

export interface ServeOptions {
  readonly host: string;
  readonly port: number;
  readonly inbox?: string;
  readonly log: boolean;
}

/** `nem serve`: the HTTP API (and the admin), the live read model, and optionally the landing folder. */
export async function runServe(options: ServeOptions, io: Output): Promise<ExitCode> {
  return withServices(io, async (services) => {
    // The HTTP stack (Fastify, its plugins, the OpenAPI document) loads only for the commands that serve.
    const { startServer } = await import('../../api/server.js');
    const server = await startServer(services, {
      host: options.host,
      port: options.port,
      log: options.log ? 'requests' : 'errors',
      notice: (message) => io.err(`nem serve: ${message}`),
    });
    let watcher: InboxWatcher | null = null;
    if (options.inbox !== undefined) {
      watcher = new InboxWatcher(options.inbox, {
        importFile: importFromInbox(services.store, services.openFlowFile, services.originals),
        afterImport: async () => {
          await server.projections.catchUp();
        },
        logger: { info: (line) => io.out(line), error: (line) => io.err(line) },
      });
      try {
        await watcher.start();
      } catch (error) {
        await server.close();
        if (!(error instanceof InboxFolderError)) throw error;
        io.err(`nem serve: ${error.message}`);
        return EXIT.usage;
      }
    }
    const signal = await announceReadyUntilStopSignal(() => {
      io.err(`nem serve: listening on ${server.url} (API under /api, documentation at ${server.url}/docs)`);
      if (options.inbox !== undefined) io.err(`nem serve: importing files that land in ${options.inbox}`);
    });
    io.err(`nem serve: ${signal}: shutting down`);
    const unfinished = await shutDown([
      ...(watcher === null ? [] : [{ name: 'the file being imported from the inbox', close: () => watcher.stop() }]),
      ...server.shutdownSteps,
    ]);
    if (unfinished.length > 0) return giveUp('nem serve', unfinished, io);
    return EXIT.ok;
  });
}

export function registerServe(program: Command, io: Output, setExit: (code: ExitCode) => void): void {
  program
    .command('serve')
    .description('run the HTTP API and the admin, keeping the read model up to date')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on', port, 3000)
    .option('--inbox <dir>', 'also import each flow file that lands in this folder (as nem watch)')
    .option('--no-log', 'log only failures (on stderr), not every request')
    .action(async (options: ServeOptions) => {
      setExit(await runServe(options, io));
    });
}
