import { run } from '../src/cli/main.js';
import { captureOutput } from './captured-output.js';
import { seedDataDir, type CliResult } from './cli.js';

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs a `nem` command in the test's own process, through the same `run(argv, io)` that `bin.ts` calls,
 * with `env` laid over process.env for its duration and what it writes captured: for tests about what a
 * command does and prints. Half the cost of a child (no Node start, no module load, PGlite compiled
 * once per worker). Tests about the process itself (exit codes from bin.ts, signals, kills, stdin, two
 * processes at once, the shebang's flags) use runNem or spawnNem.
 *
 * Runs one at a time: process.env and the directory are the process's own, so two commands at once would
 * see each other's.
 */
export function runNemInProcess(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  cwd?: string,
  /** Called with each line the command writes (out or err) as it writes it, before it goes on. */
  observe?: (line: string) => void,
): Promise<CliResult> {
  const result = queue.then(() => runAlone(args, env, cwd, observe));
  queue = result.catch(() => undefined);
  return result;
}

async function runAlone(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string | undefined,
  observe: ((line: string) => void) | undefined,
): Promise<CliResult> {
  seedDataDir(env);
  const io = captureOutput(observe);
  const saved = new Map<string, string | undefined>();
  for (const [key, value] of Object.entries(env)) {
    saved.set(key, process.env[key]);
    if (value === undefined) Reflect.deleteProperty(process.env, key);
    else process.env[key] = value;
  }
  const savedCwd = process.cwd();
  try {
    // Vitest's workers are child processes (pool "forks"), which may change their directory.
    if (cwd !== undefined) process.chdir(cwd);
    const code = await run(args, io);
    return { code, stdout: io.stdout(), stderr: io.stderr() };
  } finally {
    process.chdir(savedCwd);
    for (const [key, value] of saved) {
      if (value === undefined) Reflect.deleteProperty(process.env, key);
      else process.env[key] = value;
    }
  }
}
