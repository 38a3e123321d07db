/**
 * One NEM12 reader measurement in a fresh process, as reader-run.ts does for NEM13: the file is read
 * twice and the second pass is timed (the first warms the JIT and lets V8 size its heap).
 * Usage: node dist/bench/nem12-reader-run.js <floor|reader|validate> <file>
 * Prints one JSON line: { mode, days, values, seconds, daysPerSecond, valuesPerSecond, peakRssMiB }.
 */
import { BENCH_LIMITS } from './limits.js';
import { createReadStream } from 'node:fs';
import { validateFlowFile } from '../src/application/read-flow-file.js';
import { readNem12Batches } from '../src/domain/nem12/reader.js';
import { openFlowFile } from '../src/infrastructure/files/flow-file.js';

interface Count {
  days: number;
  values: number;
}

/**
 * The floor: read, decode, split into lines and fields, count the 300s and their fields. Nothing else:
 * no interval length from the 200, no check of any field.
 */
async function floor(path: string): Promise<Count> {
  const decoder = new TextDecoder();
  let carry = '';
  const count: Count = { days: 0, values: 0 };
  const take = (line: string) => {
    const fields = line.split(',');
    if (fields[0] === '300') {
      count.days++;
      count.values += fields.length - 7;
    }
  };
  for await (const chunk of createReadStream(path) as AsyncIterable<Uint8Array>) {
    const lines = (carry + decoder.decode(chunk, { stream: true })).split('\n');
    carry = lines.pop() ?? '';
    for (const line of lines) take(line);
  }
  take(carry);
  return count;
}

/** The reader alone: every field validated, every 400 checked, every interval day built. */
async function reader(path: string): Promise<Count> {
  const count: Count = { days: 0, values: 0 };
  for await (const batch of readNem12Batches(createReadStream(path) as AsyncIterable<Uint8Array>)) {
    for (const item of batch) {
      if (item.kind === 'intervalDay') {
        count.days++;
        count.values += item.day.values.length;
      } else if (item.kind === 'summary' && !item.summary.valid) throw new Error(`${path} is invalid`);
    }
  }
  return count;
}

/** What `nem validate` does for a file: format sniffing, the reader, and SHA-256 of the content. */
async function validate(path: string): Promise<Count> {
  const report = await validateFlowFile(await openFlowFile(path, BENCH_LIMITS));
  if (!report.summary.valid) throw new Error(`${path} is invalid`);
  const days = report.summary.counts.intervalDays ?? 0;
  // Every generated channel is 30-minute data.
  return { days, values: days * 48 };
}

const MODES = { floor, reader, validate } as const;
const [mode, path] = process.argv.slice(2);
if (path === undefined || !(mode === 'floor' || mode === 'reader' || mode === 'validate')) {
  process.stderr.write('usage: node dist/bench/nem12-reader-run.js <floor|reader|validate> <file>\n');
  process.exit(2);
}
await MODES[mode](path);
const started = process.hrtime.bigint();
const { days, values } = await MODES[mode](path);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(
  `${JSON.stringify({
    mode,
    days,
    values,
    seconds,
    daysPerSecond: Math.round(days / seconds),
    valuesPerSecond: Math.round(values / seconds),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
