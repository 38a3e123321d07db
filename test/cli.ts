import { spawn, type ChildProcess, type ChildProcessWithoutNullStreams, type StdioOptions } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, inject } from 'vitest';
import { YOUNG_GENERATION_CAP } from '../src/cli/v8-flags.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The built command, as `npx nem` runs it (npm test builds first). */
export const NEM_BIN = resolve(REPO_ROOT, 'dist/src/cli/bin.js');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Children still running when the test worker exits are killed: a failed or timed-out test leaves none behind. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export function killOnExit(child: ChildProcess): void {
  running.add(child);
  child.once('close', () => running.delete(child));
}

const unseeded = new Set<string>();

/**
 * A data folder that a test's first `nem` command must create from nothing (initdb and every migration),
 * as a new user's first command does; every other new folder starts as a copy of the run's migrated template.
 */
export function unseededDataDir(path: string): string {
  unseeded.add(resolve(path));
  return path;
}

/**
 * Before a child starts on an embedded data folder that holds no database yet, copies the run's migrated
 * template into it (test/template-database.ts): the child then opens a database instead of making one,
 * 3 to 5 s less per folder. What the child sees is what a second command on a folder sees.
 */
export function seedDataDir(env: NodeJS.ProcessEnv): void {
  const dataDir = env.NEM_DATA_DIR;
  const databaseUrl = 'DATABASE_URL' in env ? env.DATABASE_URL : process.env.DATABASE_URL;
  if (dataDir === undefined || dataDir === '' || (databaseUrl ?? '') !== '') return;
  if (unseeded.has(resolve(dataDir)) || existsSync(join(dataDir, 'pgdata'))) return;
  mkdirSync(dataDir, { recursive: true });
  cpSync(join(inject('nemTemplateDataDir'), 'pgdata'), join(dataDir, 'pgdata'), { recursive: true });
}

/**
 * Starts `nem` as a child process through its shebang's flags, as a user would, on a seeded data folder
 * (seedDataDir); it is killed if the test worker exits first.
 */
export function spawnNem(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  options: { readonly cwd?: string; readonly stdio: StdioOptions },
): ChildProcess {
  seedDataDir(env);
  const child = spawn(process.execPath, [YOUNG_GENERATION_CAP, NEM_BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: options.stdio,
  });
  killOnExit(child);
  return child;
}

/**
 * Runs `nem` in a child process through its shebang's flags, as a user would. Its stdin is a pipe (not a
 * terminal) holding `input`, or nothing.
 */
export function runNem(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  cwd = REPO_ROOT,
  input?: string,
): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawnNem(args, env, { cwd, stdio: ['pipe', 'pipe', 'pipe'] }) as ChildProcessWithoutNullStreams;
    // The command may exit before reading all of its input (a password is only the first line).
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** The tail of a child's output, for a failed assertion's message. */
export function describeRun(result: CliResult): string {
  const tail = (text: string): string => (text.length > 4000 ? `...${text.slice(-4000)}` : text);
  return `exit code ${String(result.code)}\n--- stderr ---\n${tail(result.stderr)}\n--- stdout ---\n${tail(result.stdout)}`;
}

/** Asserts a nem run's exit code; on failure the message shows what it printed. */
export function expectExit(result: CliResult, code: number): void {
  expect(result.code, describeRun(result)).toBe(code);
}

export function ndjson(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
