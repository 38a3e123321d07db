/**
 * Writes synthetic but valid NEM13 and NEM12 files of any size, deterministically (same options, same
 * bytes).
 * Usage: node dist/bench/generate.js <out-file> <records>
 *        node dist/bench/generate.js --nem12 <out-file> <nmis> <days> [channels]
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** A small deterministic PRNG (mulberry32), so generated files are reproducible. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NMI_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

function pad(value: number, width: number): string {
  return value.toString().padStart(width, '0');
}

function nemStamp(ms: number): string {
  return new Date(ms + 10 * 3600_000).toISOString().replace(/[-T:]/g, '').slice(0, 14);
}

export interface GeneratedFileOptions {
  readonly seed?: number;
  /** Register reads per meter point (each NMI has this many consecutive 250s). */
  readonly readsPerNmi?: number;
  readonly eol?: '\n' | '\r\n';
}

/** Yields the lines of a NEM13 file with `records` 250 records (and a 550 after every third). */
export function* generateNem13Lines(records: number, options: GeneratedFileOptions = {}): Generator<string> {
  const random = prng(options.seed ?? 1);
  const readsPerNmi = options.readsPerNmi ?? 4;
  yield '100,NEM13,202401011200,BENCHMDP,RETAILER';
  let nmi = '';
  let serial = '';
  let read = 0;
  let at = Date.UTC(2023, 0, 1);
  for (let i = 0; i < records; i++) {
    if (i % readsPerNmi === 0) {
      nmi = Array.from({ length: 10 }, () => NMI_CHARS[Math.floor(random() * NMI_CHARS.length)]).join('');
      serial = `M${pad(Math.floor(random() * 1e9), 9)}`;
      read = Math.floor(random() * 90000);
      at = Date.UTC(2023, 0, 1) + Math.floor(random() * 86400_000 * 30);
    }
    const consumption = Math.floor(random() * 2000);
    const tenths = Math.floor(random() * 10);
    const previous = `${pad(read, 6)}.${tenths}`;
    const nextRead = read + consumption;
    const current = `${pad(nextRead, 6)}.${tenths}`;
    const previousAt = nemStamp(at);
    at += 86400_000 * 90 + Math.floor(random() * 3600_000);
    const currentAt = nemStamp(at);
    const estimate = i % 7 === 6;
    yield [
      '250',
      nmi,
      '1141',
      i % 2 === 0 ? '1' : '2',
      i % 2 === 0 ? '11' : '41',
      i % 2 === 0 ? '11' : '41',
      serial,
      'E',
      previous,
      previousAt,
      'A',
      '',
      '',
      current,
      currentAt,
      estimate ? 'E64' : 'A',
      '',
      '',
      `${consumption}.0`,
      'kWh',
      currentAt.slice(0, 8),
      currentAt,
      '',
    ].join(',');
    if (i % 3 === 2) yield estimate ? '550,N,,E,' : '550,N,,N,';
    read = nextRead;
  }
  yield '900';
}

export async function writeNem13File(path: string, records: number, options: GeneratedFileOptions = {}): Promise<void> {
  await writeLines(path, generateNem13Lines(records, options), options.eol ?? '\n');
}

export interface GeneratedNem12Options {
  readonly seed?: number;
  readonly nmis: number;
  readonly days: number;
  /** Datastreams per NMI, 1 to 4: E1 (kWh), B1 (kWh), Q1 (kVArh), K1 (kVArh). */
  readonly channels?: number;
}

const NEM12_CHANNELS = [
  ['E1', 'kWh'],
  ['B1', 'kWh'],
  ['Q1', 'kVArh'],
  ['K1', 'kVArh'],
] as const;
const NEM12_FIRST_DAY = Date.UTC(2023, 0, 1);

/**
 * Yields the lines of a NEM12 file of 30-minute data. Layout: the 100 header; then per NMI (10 random
 * characters of the NMI alphabet, drawn from the seed) and per channel in the order E1 B1 Q1 K1, one 200
 * (register 1..4, stream N1.., serial M + 9 digits, next read date 2024-01-01) followed by one 300 per
 * day from 2023-01-01: 48 values of 0.000-2.999 kWh (3 decimals), quality A, UpdateDateTime the next day
 * 12:00:00; every tenth day is a V day whose two 400 records flag intervals 1-24 A and 25-48 E52; then 900.
 */
export function* generateNem12Lines(options: GeneratedNem12Options): Generator<string> {
  const random = prng(options.seed ?? 1);
  const channels = NEM12_CHANNELS.slice(0, Math.max(1, Math.min(options.channels ?? 2, NEM12_CHANNELS.length)));
  const configuration = channels.map(([suffix]) => suffix).join('');
  yield '100,NEM12,202401011200,BENCHMDP,RETAILER';
  for (let n = 0; n < options.nmis; n++) {
    const nmi = Array.from({ length: 10 }, () => NMI_CHARS[Math.floor(random() * NMI_CHARS.length)]).join('');
    const serial = `M${pad(Math.floor(random() * 1e9), 9)}`;
    for (const [c, [suffix, uom]] of channels.entries()) {
      yield `200,${nmi},${configuration},${c + 1},${suffix},N${c + 1},${serial},${uom},30,20240101`;
      for (let d = 0; d < options.days; d++) {
        const dayMs = NEM12_FIRST_DAY + d * 86400_000;
        const date = new Date(dayMs).toISOString().slice(0, 10).replaceAll('-', '');
        const updatedAt = `${new Date(dayMs + 86400_000).toISOString().slice(0, 10).replaceAll('-', '')}120000`;
        const values = Array.from({ length: 48 }, () => {
          const thousandths = Math.floor(random() * 3000);
          return `${Math.floor(thousandths / 1000)}.${pad(thousandths % 1000, 3)}`;
        });
        const variable = d % 10 === 9;
        yield `300,${date},${values.join(',')},${variable ? 'V' : 'A'},,,${updatedAt},`;
        if (variable) {
          yield '400,1,24,A,,';
          yield '400,25,48,E52,,';
        }
      }
    }
  }
  yield '900';
}

async function writeLines(path: string, lines: Iterable<string>, eol: string): Promise<void> {
  const out = createWriteStream(path);
  let buffer = '';
  for (const line of lines) {
    buffer += line + eol;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}

export async function writeNem12File(path: string, options: GeneratedNem12Options, eol = '\n'): Promise<void> {
  await writeLines(path, generateNem12Lines(options), eol);
}

if (import.meta.url === `file://${process.argv[1] ?? ''}` && process.argv[2] === '--nem12') {
  const [path, nmis, days, channels] = process.argv.slice(3);
  if (path === undefined || nmis === undefined || days === undefined) {
    process.stderr.write('usage: node dist/bench/generate.js --nem12 <out-file> <nmis> <days> [channels]\n');
    process.exit(2);
  }
  await writeNem12File(path, { nmis: Number(nmis), days: Number(days), channels: Number(channels ?? 2) });
} else if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const [path, count] = process.argv.slice(2);
  if (path === undefined || count === undefined) {
    process.stderr.write('usage: node dist/bench/generate.js <out-file> <records>\n');
    process.exit(2);
  }
  await writeNem13File(path, Number(count));
}
