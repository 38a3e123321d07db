/**
 * One measurement in a fresh process, so peak RSS belongs to that measurement alone. The file is read
 * twice and the second pass is timed: the first warms the JIT and lets V8 size its heap, so both
 * sizes are compared in steady state (a 100,000-record pass is otherwise mostly JIT warm-up).
 * Usage: node dist/bench/reader-run.js <floor|reader|validate> <file>
 * Prints one JSON line: { mode, records, seconds, recordsPerSecond, peakRssMiB }.
 */
import { BENCH_LIMITS } from './limits.js';
import { createReadStream } from 'node:fs';
import { validateFlowFile } from '../src/application/read-flow-file.js';
import { readNem13Batches } from '../src/domain/nem13/reader.js';
import { openFlowFile } from '../src/infrastructure/files/flow-file.js';

/** The floor: read, decode, split into lines and fields, count the 250s. Nothing else. */
async function floor(path: string): Promise<number> {
  const decoder = new TextDecoder();
  let carry = '';
  let records = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Uint8Array>) {
    const lines = (carry + decoder.decode(chunk, { stream: true })).split('\n');
    carry = lines.pop() ?? '';
    for (const line of lines) {
      const fields = line.split(',');
      if (fields[0] === '250') records++;
    }
  }
  if (carry.split(',')[0] === '250') records++;
  return records;
}

/** The reader alone: every field validated and typed, every record built. */
async function reader(path: string): Promise<number> {
  let records = 0;
  for await (const batch of readNem13Batches(createReadStream(path) as AsyncIterable<Uint8Array>)) {
    for (const item of batch) {
      if (item.kind === 'registerRead') records++;
      if (item.kind === 'summary' && !item.summary.valid) throw new Error(`${path} is invalid`);
    }
  }
  return records;
}

/** What `nem validate` does for a file: the reader plus SHA-256 of the content. */
async function validate(path: string): Promise<number> {
  const report = await validateFlowFile(await openFlowFile(path, BENCH_LIMITS));
  if (!report.summary.valid) throw new Error(`${path} is invalid`);
  return report.summary.counts.registerReads;
}

const MODES = { floor, reader, validate } as const;
const [mode, path] = process.argv.slice(2);
if (path === undefined || !(mode === 'floor' || mode === 'reader' || mode === 'validate')) {
  process.stderr.write('usage: node dist/bench/reader-run.js <floor|reader|validate> <file>\n');
  process.exit(2);
}
await MODES[mode](path);
const started = process.hrtime.bigint();
const records = await MODES[mode](path);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(
  `${JSON.stringify({
    mode,
    records,
    seconds,
    recordsPerSecond: Math.round(records / seconds),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
