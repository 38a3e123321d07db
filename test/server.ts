import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawnNem } from './cli.js';

export interface RunningCli {
  readonly child: ChildProcessWithoutNullStreams;
  /** Everything printed so far on stdout and stderr. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output (rejects after `timeoutMs`). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** SIGTERM, then the exit code; SIGKILL (and null) if it has not ended after a grace period. */
  stop(): Promise<number | null>;
}

/** How long stop() waits after SIGTERM before it kills the process (and the test sees no exit code). */
const STOP_GRACE_MS = 30_000;

/** Starts a long-running `nem` command (serve, start, watch) as a child process. */
export function startNem(args: readonly string[], env: NodeJS.ProcessEnv = {}): RunningCli {
  const child = spawnNem(args, env, { stdio: ['pipe', 'pipe', 'pipe'] }) as ChildProcessWithoutNullStreams;
  let text = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  const exited = new Promise<number | null>((done) =>
    child.once('close', (code, signal) => {
      // What ended it belongs in the output a failing test prints.
      text += `\n[nem ended: ${signal === null ? `exit code ${code}` : `signal ${signal}`}]\n`;
      done(code);
    }),
  );
  return {
    child,
    output: () => text,
    waitFor: (pattern, timeoutMs = 60_000) =>
      new Promise((done, fail) => {
        const started = Date.now();
        const look = () => {
          const match = pattern.exec(text);
          if (match !== null) return done(match);
          if (child.exitCode !== null)
            return fail(new Error(`nem exited (${child.exitCode}) before printing ${pattern}:\n${text}`));
          if (Date.now() - started > timeoutMs)
            return fail(new Error(`nem did not print ${pattern} in ${timeoutMs} ms:\n${text}`));
          setTimeout(look, 50);
        };
        look();
      }),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const overdue = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      const code = await exited;
      clearTimeout(overdue);
      return code;
    },
  };
}
