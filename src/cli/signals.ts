import { EXIT, type ExitCode } from './exit-codes.js';
import type { Output } from './output.js';

/** Resolves with the first SIGINT or SIGTERM: long-running commands stop cleanly on either. */
export function untilStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
    const handler = (signal: NodeJS.Signals) => {
      for (const s of signals) process.off(s, handler);
      resolve(signal);
    };
    for (const s of signals) process.on(s, handler);
  });
}

/**
 * Says a long-running command is ready, then resolves with the first SIGINT or SIGTERM. It listens before
 * it says so: a supervisor may send SIGTERM as soon as it reads the line, and with no handler yet the
 * signal's default action would kill the process instead of stopping it cleanly.
 */
export function announceReadyUntilStopSignal(announce: () => void): Promise<NodeJS.Signals> {
  const stopped = untilStopSignal();
  announce();
  return stopped;
}

/** Something a long-running command stops when it shuts down. */
export interface ShutdownStep {
  /** What is still running while this step waits, for the message when shutdown takes too long. */
  readonly name: string;
  close(): Promise<void>;
}

/** How long a shutdown may take before the command gives up waiting and exits non-zero. */
export const SHUTDOWN_LIMIT_MS = 10_000;

/**
 * Runs the steps in order within `limitMs`; answers the names of the steps that had not finished by
 * then (empty when everything stopped in time). A step that fails counts as finished: shutdown goes on.
 */
export async function shutDown(steps: readonly ShutdownStep[], limitMs = SHUTDOWN_LIMIT_MS): Promise<string[]> {
  let current = 0;
  const all = (async () => {
    for (; current < steps.length; current++) await steps[current]?.close().catch(() => undefined);
  })();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), limitMs);
  });
  const outcome = await Promise.race([all.then(() => 'done' as const), timedOut]);
  clearTimeout(timer);
  return outcome === 'done' ? [] : steps.slice(current).map((step) => step.name);
}

/**
 * Shutdown took too long: says what was still running and ends the process (what is left, such as a
 * request waiting on a frozen database, would otherwise keep it alive). A rebuild stopped this way
 * resumes at the next start; an import left part-way is completed by the next run.
 */
export function giveUp(command: string, unfinished: readonly string[], io: Output): ExitCode {
  io.err(`${command}: gave up waiting after ${SHUTDOWN_LIMIT_MS / 1000} s for: ${unfinished.join('; ')}`);
  process.exit(EXIT.usage);
}
