/**
 * Writes synthetic but valid NEM13 files of any size, deterministically (same size, same bytes).
 * Usage: node dist/bench/generate.js <out-file> <records>
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
  const eol = options.eol ?? '\n';
  const out = createWriteStream(path);
  let buffer = '';
  for (const line of generateNem13Lines(records, options)) {
    buffer += line + eol;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const [path, count] = process.argv.slice(2);
  if (path === undefined || count === undefined) {
    process.stderr.write('usage: node dist/bench/generate.js <out-file> <records>\n');
    process.exit(2);
  }
  await writeNem13File(path, Number(count));
}
