import { Command, CommanderError } from 'commander';
import { registerAudit } from './commands/audit.command.js';
import { registerEvents } from './commands/events.command.js';
import { registerFiles } from './commands/files.command.js';
import { registerImport } from './commands/import.command.js';
import { registerProjections } from './commands/projections.command.js';
import { registerIntervals } from './commands/intervals.command.js';
import { registerReadings } from './commands/readings.command.js';
import { registerServe } from './commands/serve.command.js';
import { registerStart } from './commands/start.command.js';
import { registerTokens } from './commands/tokens.command.js';
import { registerUsers } from './commands/users.command.js';
import { registerValidate } from './commands/validate.command.js';
import { registerWatch } from './commands/watch.command.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { processOutput, type Output } from './output.js';

/** Builds the `nem` program; `run` parses argv and answers the exit code instead of exiting. */
export function buildProgram(io: Output, setExit: (code: ExitCode) => void): Command {
  const program = new Command();
  program
    .name('nem')
    .description('Import AEMO NEM12 and NEM13 flow files and find their reads by NMI or meter serial')
    .version('0.1.0')
    .showHelpAfterError()
    // An option after a subcommand is the subcommand's: `nem files show x --json` is show's --json, not
    // the --json of `nem files` (with enablePositionalOptions on `files` too).
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text.trimEnd()),
      writeErr: (text) => io.err(text.trimEnd()),
    });
  registerValidate(program, io, setExit);
  registerImport(program, io, setExit);
  registerReadings(program, io, setExit);
  registerIntervals(program, io, setExit);
  registerFiles(program, io, setExit);
  registerEvents(program, io, setExit);
  registerProjections(program, io, setExit);
  registerServe(program, io, setExit);
  registerStart(program, io, setExit);
  registerUsers(program, io, setExit);
  registerTokens(program, io, setExit);
  registerWatch(program, io, setExit);
  registerAudit(program, io, setExit);
  return program;
}

export async function run(argv: readonly string[], io: Output = processOutput): Promise<ExitCode> {
  let exit: ExitCode = EXIT.ok;
  const program = buildProgram(io, (code) => {
    exit = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      const benign = ['commander.helpDisplayed', 'commander.version', 'commander.help'];
      return benign.includes(error.code) ? EXIT.ok : EXIT.usage;
    }
    io.err(`nem: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.NEM_DEBUG === '1' && error instanceof Error && error.stack !== undefined) io.err(error.stack);
    return EXIT.usage;
  }
  return exit;
}
