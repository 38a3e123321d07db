import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeNem12File, type GeneratedNem12Options } from './generate.js';
import { OUT_DIR } from './harness.js';

/** The generated NEM12 files of the benchmarks: 30-minute data, seed 1, LF line ends. */
export interface Nem12Size {
  readonly nmis: number;
  readonly days: number;
  readonly channels: number;
}

export const NEM12_READER_SIZES: readonly Nem12Size[] = [
  { nmis: 100, days: 365, channels: 2 },
  { nmis: 1000, days: 365, channels: 2 },
];

export function describeSize(size: Nem12Size): string {
  return `${size.nmis} NMIs x ${size.days} days x ${size.channels} channels`;
}

/** Interval days (300 records) of a generated file. */
export function intervalDaysOf(size: Nem12Size): number {
  return size.nmis * size.days * size.channels;
}

/**
 * A generated NEM12 file, made once in bench/out/ (written under a temporary name first, so an
 * interrupted generation is never reused). The same size always gives the same bytes:
 * `node dist/bench/generate.js --nem12 <out-file> <nmis> <days> <channels>` writes them too.
 */
export async function generatedNem12File(size: Nem12Size): Promise<string> {
  mkdirSync(OUT_DIR, { recursive: true });
  const path = join(OUT_DIR, `nem12-${size.nmis}x${size.days}x${size.channels}.csv`);
  if (!existsSync(path)) {
    process.stderr.write(`generating ${path} ...\n`);
    const options: GeneratedNem12Options = { nmis: size.nmis, days: size.days, channels: size.channels };
    await writeNem12File(`${path}.partial`, options);
    renameSync(`${path}.partial`, path);
  }
  return path;
}

export interface FileIdentity {
  readonly bytes: number;
  readonly sha256: string;
}

export async function identityOf(path: string): Promise<FileIdentity> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path) as AsyncIterable<Uint8Array>) hash.update(chunk);
  return { bytes: statSync(path).size, sha256: hash.digest('hex') };
}
