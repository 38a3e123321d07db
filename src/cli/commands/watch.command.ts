import { InvalidArgumentError, type Command } from 'commander';
import { importFromInbox, InboxFolderError, InboxWatcher } from '../../application/inbox.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { Output } from '../output.js';
import { announceReadyUntilStopSignal, giveUp, shutDown } from '../signals.js';
import { withServices } from '../services.js';

export interface WatchCommandOptions {
  readonly stableMs: number;
  readonly pollMs: number;
}

/** `nem watch <dir>`: imports each file that lands in the folder until SIGINT or SIGTERM. */
export async function runWatch(dir: string, options: WatchCommandOptions, io: Output): Promise<ExitCode> {
  return withServices(io, async (services) => {
    const watcher = new InboxWatcher(
      dir,
      {
        importFile: importFromInbox(services.store, services.openFlowFile, services.originals),
        afterImport: async () => {
          await services.projections.catchUp();
        },
        logger: { info: (line) => io.out(line), error: (line) => io.err(line) },
      },
      { stableMs: options.stableMs, pollMs: options.pollMs },
    );
    try {
      await watcher.start();
    } catch (error) {
      if (!(error instanceof InboxFolderError)) throw error;
      io.err(`nem watch: ${error.message}`);
      return EXIT.usage;
    }
    const received = await announceReadyUntilStopSignal(() =>
      io.err(`nem watch: watching ${dir} (complete after ${options.stableMs} ms unchanged); stop with Ctrl-C`),
    );
    io.err(`nem watch: ${received}: finishing the file in progress`);
    const unfinished = await shutDown([{ name: 'the file being imported', close: () => watcher.stop() }]);
    if (unfinished.length > 0) return giveUp('nem watch', unfinished, io);
    return EXIT.ok;
  });
}

function milliseconds(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number of milliseconds');
  return Number(value);
}

export function registerWatch(program: Command, io: Output, setExit: (code: ExitCode) => void): void {
  program
    .command('watch')
    .description('import each flow file that lands in a folder once complete, then move it to processed/ or rejected/')
    .argument('<dir>', 'the landing folder')
    .option('--stable-ms <n>', 'a file is complete when unchanged for this long', milliseconds, 2000)
    .option('--poll-ms <n>', 'time between two looks at the folder', milliseconds, 500)
    .action(async (dir: string, options: WatchCommandOptions) => {
      setExit(await runWatch(dir, options, io));
    });
}
