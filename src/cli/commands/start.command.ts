import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { importFlowFile } from '../../application/import-flow-file.js';
import { importedRecords } from './import.command.js';
import { AccountStore } from '../../infrastructure/accounts/account-store.js';
import { expandPaths } from '../../infrastructure/files/flow-file.js';
import { port } from '../options.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { Output } from '../output.js';
import { announceReadyUntilStopSignal, giveUp, shutDown } from '../signals.js';
import { withServices } from '../services.js';

/** The copy of the public sample files kept in the repository. */
const SAMPLES_DIR = resolve(
  import.meta.dirname,
  import.meta.dirname.includes('/dist/') ? '../../../../samples' : '../../../samples',
);

interface StartOptions {
  readonly host: string;
  readonly port: number;
  readonly samples: string;
}

/**
 * `nem start` (what `npm start` runs): the first run of a new installation in one command. Creates an
 * admin when there is no user (password from NEM_ADMIN_PASSWORD, or a random one printed once),
 * imports the sample files when the store is empty, then serves the API and the admin.
 */
export async function runStart(options: StartOptions, io: Output): Promise<ExitCode> {
  return withServices(io, async (services) => {
    const accounts = new AccountStore(services.database.pool);
    if ((await accounts.countUsers()) === 0) {
      const given = process.env.NEM_ADMIN_PASSWORD;
      const password = given !== undefined && given !== '' ? given : randomBytes(15).toString('base64url');
      await accounts.addUser('admin', 'admin', password);
      io.out(
        given !== undefined && given !== ''
          ? 'nem start: created the user "admin" with the password from NEM_ADMIN_PASSWORD'
          : `nem start: created the user "admin" with the password ${password} (shown once; change it with nem users set-password admin)`,
      );
    }
    if ((await services.store.headPosition()) === null && existsSync(options.samples)) {
      const tally = { imported: 0, rejected: 0, readings: 0, intervalDays: 0 };
      for (const entry of await expandPaths([
        resolve(options.samples, 'accepted'),
        resolve(options.samples, 'rejected'),
      ])) {
        if (typeof entry !== 'string') continue;
        const result = await importFlowFile(services.store, () => services.openFlowFile(entry), {
          channel: 'cli',
          originals: services.originals,
        });
        if (result.status === 'rejected') tally.rejected++;
        else tally.imported++;
        tally.readings += result.registerReads;
        tally.intervalDays += result.intervalDays;
      }
      io.out(
        `nem start: imported the sample files: ${tally.imported} files (${importedRecords(tally)}), ${tally.rejected} rejected`,
      );
    }
    // The HTTP stack (Fastify, its plugins, the OpenAPI document) loads only for the commands that serve.
    const { startServer } = await import('../../api/server.js');
    const server = await startServer(services, {
      host: options.host,
      port: options.port,
      log: 'errors',
      notice: (message) => io.err(`nem start: ${message}`),
    });
    await server.projections.catchUp();
    const signal = await announceReadyUntilStopSignal(() =>
      io.out(`nem start: open ${server.url}/ (API documentation at ${server.url}/docs); stop with Ctrl-C`),
    );
    io.err(`nem start: ${signal}: shutting down`);
    const unfinished = await shutDown(server.shutdownSteps);
    if (unfinished.length > 0) return giveUp('nem start', unfinished, io);
    return EXIT.ok;
  });
}

export function registerStart(program: Command, io: Output, setExit: (code: ExitCode) => void): void {
  program
    .command('start')
    .description(
      'first run in one command: create an admin if there is no user, import the samples into an empty store, serve',
    )
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on', port, 3000)
    .option('--samples <dir>', 'sample files to import into an empty store', SAMPLES_DIR)
    .action(async (options: StartOptions) => {
      setExit(await runStart(options, io));
    });
}
