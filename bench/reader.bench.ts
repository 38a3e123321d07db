import { fileMiB, generatedFile, measure, medianOf, table, type Verdict } from './harness.js';

interface Measurement {
  mode: string;
  records: number;
  seconds: number;
  recordsPerSecond: number;
  peakRssMiB: number;
}

/**
 * Reader throughput and peak memory at 100,000 and 1,000,000 records, next to the bare-split floor
 * measured in the same run. Each figure is the median of three fresh processes.
 */
export async function readerBenchmark(sizes: readonly number[] = [100_000, 1_000_000]): Promise<Verdict[]> {
  const rows: Array<Record<string, string | number>> = [];
  const results = new Map<string, Measurement>();
  for (const size of sizes) {
    const path = await generatedFile(size);
    for (const mode of ['floor', 'reader', 'validate']) {
      const m = await medianOf(
        3,
        (r: Measurement) => r.seconds,
        () => measure<Measurement>('reader-run.js', [mode, path]),
      );
      if (m.records !== size) throw new Error(`${mode} counted ${m.records} records in a file of ${size}`);
      results.set(`${mode}:${size}`, m);
      rows.push({
        records: size,
        'file MiB': fileMiB(path),
        mode,
        seconds: m.seconds.toFixed(2),
        'records/s': m.recordsPerSecond,
        'peak RSS MiB': m.peakRssMiB,
      });
    }
  }
  process.stdout.write(`\n## Reader\n\n${table(rows)}\n\n`);
  const verdicts: Verdict[] = [];
  const largest = sizes.at(-1) ?? 0;
  const smallest = sizes[0] ?? 0;
  for (const size of sizes) {
    const floor = results.get(`floor:${size}`);
    const reader = results.get(`reader:${size}`);
    if (floor && reader) {
      const ratio = reader.recordsPerSecond / floor.recordsPerSecond;
      verdicts.push({
        target: `reader at ${size}: ${reader.recordsPerSecond} records/s is ${ratio.toFixed(2)}x the floor (target >= 0.33x)`,
        met: ratio >= 1 / 3,
      });
    }
  }
  const small = results.get(`reader:${smallest}`);
  const large = results.get(`reader:${largest}`);
  if (small && large && largest > smallest) {
    const ratio = large.peakRssMiB / small.peakRssMiB;
    verdicts.push({
      target: `reader peak RSS ${large.peakRssMiB} MiB at ${largest} vs ${small.peakRssMiB} MiB at ${smallest}: ${ratio.toFixed(2)}x (target <= 1.2x)`,
      met: ratio <= 1.2,
    });
  }
  return verdicts;
}
