import { fileMiB, measure, medianOf, table, type Verdict } from './harness.js';
import {
  NEM12_READER_SIZES,
  describeSize,
  generatedNem12File,
  identityOf,
  intervalDaysOf,
  type Nem12Size,
} from './nem12-files.js';

interface Measurement {
  mode: string;
  days: number;
  values: number;
  seconds: number;
  daysPerSecond: number;
  valuesPerSecond: number;
  peakRssMiB: number;
}

/**
 * The field's Python library reads 1M NEM13 register reads in about 23 s (issue 13): ten times faster
 * is 2.3 s per million records, here per million interval days (one 300 record each).
 */
const TEN_TIMES_PYTHON_SECONDS_PER_MILLION = 2.3;

/**
 * The NEM12 reader's throughput and peak memory on generated 30-minute files (see nem12-files.ts), next
 * to the bare-split floor on the same file in the same run. Each figure is the median of three fresh
 * processes.
 */
export async function nem12ReaderBenchmark(sizes: readonly Nem12Size[] = NEM12_READER_SIZES): Promise<Verdict[]> {
  const rows: Array<Record<string, string | number>> = [];
  const files: string[] = [];
  const results = new Map<string, Measurement>();
  for (const size of sizes) {
    const path = await generatedNem12File(size);
    const identity = await identityOf(path);
    files.push(`- ${describeSize(size)}: ${identity.bytes} bytes, SHA-256 ${identity.sha256}`);
    for (const mode of ['floor', 'reader', 'validate']) {
      const m = await medianOf(
        3,
        (r: Measurement) => r.seconds,
        () => measure<Measurement>('nem12-reader-run.js', [mode, path]),
      );
      if (m.days !== intervalDaysOf(size)) {
        throw new Error(`${mode} counted ${m.days} interval days in a file of ${intervalDaysOf(size)}`);
      }
      results.set(`${mode}:${size.nmis}`, m);
      rows.push({
        'interval days': m.days,
        'file MiB': fileMiB(path),
        mode,
        seconds: m.seconds.toFixed(2),
        'days/s': m.daysPerSecond,
        'values/s': m.valuesPerSecond,
        's per 1M days': ((m.seconds * 1e6) / m.days).toFixed(2),
        's per 1M values': ((m.seconds * 1e6) / m.values).toFixed(3),
        'peak RSS MiB': m.peakRssMiB,
      });
    }
  }
  process.stdout.write(`\n## NEM12 reader\n\nGenerated files:\n${files.join('\n')}\n\n${table(rows)}\n\n`);
  const verdicts: Verdict[] = [];
  for (const size of sizes) {
    const floor = results.get(`floor:${size.nmis}`);
    const reader = results.get(`reader:${size.nmis}`);
    if (floor && reader) {
      const ratio = floor.seconds / reader.seconds;
      verdicts.push({
        target: `NEM12 reader at ${reader.days} interval days: ${reader.daysPerSecond} days/s is ${ratio.toFixed(2)}x the floor (target >= 0.33x)`,
        met: ratio >= 1 / 3,
      });
    }
  }
  const largest = sizes.at(-1);
  const smallest = sizes[0];
  const large = largest && results.get(`reader:${largest.nmis}`);
  const small = smallest && results.get(`reader:${smallest.nmis}`);
  if (large) {
    const perMillion = (large.seconds * 1e6) / large.days;
    verdicts.push({
      target: `NEM12 reader: ${perMillion.toFixed(2)} s per 1M interval days (target < ${TEN_TIMES_PYTHON_SECONDS_PER_MILLION} s, ten times the Python library's 23 s per 1M records)`,
      met: perMillion < TEN_TIMES_PYTHON_SECONDS_PER_MILLION,
    });
  }
  if (small && large && large.days > small.days) {
    const ratio = large.peakRssMiB / small.peakRssMiB;
    verdicts.push({
      target: `NEM12 reader peak RSS ${large.peakRssMiB} MiB at ${large.days} days vs ${small.peakRssMiB} MiB at ${small.days}: ${ratio.toFixed(2)}x (target <= 1.2x)`,
      met: ratio <= 1.2,
    });
  }
  return verdicts;
}
