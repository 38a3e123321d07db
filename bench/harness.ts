import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { BASELINE_WASM_ONLY, YOUNG_GENERATION_CAP } from '../src/cli/v8-flags.js';
import { writeNem13File } from './generate.js';

const run = promisify(execFile);

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
/** Generated files live outside git (bench/out is ignored). */
export const OUT_DIR = join(BENCH_DIR, '../../bench/out');

/** A generated file of `records` 250s, made once and reused by later runs. */
export async function generatedFile(records: number): Promise<string> {
  mkdirSync(OUT_DIR, { recursive: true });
  const path = join(OUT_DIR, `nem13-${records}.csv`);
  if (!existsSync(path)) {
    process.stderr.write(`generating ${path} ...\n`);
    await writeNem13File(path, records);
  }
  return path;
}

export function fileMiB(path: string): number {
  return Math.round(statSync(path).size / 1024 / 1024);
}

/**
 * The V8 flags `nem` runs with (the shebang of src/cli/bin.ts and docs/adr/0003, and the one bin.ts sets
 * before PGlite compiles): every measured process, floors included, runs with them too.
 */
export const NODE_FLAGS = [YOUNG_GENERATION_CAP, BASELINE_WASM_ONLY];

/** Runs a compiled bench script in a fresh Node process and parses the JSON line it prints. */
export async function measure<T>(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<T> {
  const { stdout } = await run(process.execPath, [...NODE_FLAGS, join(BENCH_DIR, script), ...args], {
    env: { ...process.env, ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as T;
}

/** Runs a measurement `times` times and keeps the median by `key` (the runs' spread is reported too). */
export async function medianOf<T>(times: number, key: (value: T) => number, once: () => Promise<T>): Promise<T> {
  const runs: T[] = [];
  for (let i = 0; i < times; i++) runs.push(await once());
  runs.sort((a, b) => key(a) - key(b));
  const median = runs[Math.floor(runs.length / 2)];
  if (median === undefined) throw new Error('no runs');
  return median;
}

export interface Verdict {
  readonly target: string;
  readonly met: boolean;
}

export function table(rows: Array<Record<string, string | number>>): string {
  const first = rows[0];
  if (first === undefined) return '';
  const headers = Object.keys(first);
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => String(r[h]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return [
    line(headers),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(headers.map((h) => String(r[h])))),
  ].join('\n');
}
