import { BENCH_DATABASE_URL } from './backends.js';
import { generatedFile, measure, table, type Verdict } from './harness.js';

interface Measurement {
  mode: 'import' | 'copy';
  backend: 'postgres' | 'pglite';
  events: number;
  seconds: number;
  eventsPerSecond: number;
  peakRssMiB: number;
}

/**
 * `nem import` of 100,000 and 1,000,000 readings on PostgreSQL and PGlite, each next to the floor of the
 * same run: a plain COPY of the same event rows into the same table of a fresh database. One run per
 * figure (an import of a million readings takes a minute); each in a fresh process.
 */
export async function importBenchmark(sizes: readonly number[] = [100_000, 1_000_000]): Promise<Verdict[]> {
  process.stdout.write(`\n## Import (PostgreSQL at ${BENCH_DATABASE_URL.replace(/:[^:@/]*@/, ':***@')})\n\n`);
  const results = new Map<string, Measurement>();
  const rows: Array<Record<string, string | number>> = [];
  for (const size of sizes) {
    const path = await generatedFile(size);
    for (const backend of ['postgres', 'pglite'] as const) {
      for (const mode of ['copy', 'import'] as const) {
        const m = await measure<Measurement>('import-run.js', [mode, backend, path]);
        results.set(`${mode}:${backend}:${size}`, m);
        rows.push({
          readings: size,
          backend,
          mode: mode === 'copy' ? 'floor: COPY' : 'nem import',
          seconds: m.seconds.toFixed(1),
          'events/s': m.eventsPerSecond,
          'peak RSS MiB': m.peakRssMiB,
        });
      }
    }
  }
  process.stdout.write(`${table(rows)}\n\n`);
  const verdicts: Verdict[] = [];
  for (const size of sizes) {
    const floor = results.get(`copy:postgres:${size}`);
    const native = results.get(`import:postgres:${size}`);
    const embedded = results.get(`import:pglite:${size}`);
    if (floor && native) {
      const ratio = native.seconds / floor.seconds;
      verdicts.push({
        target: `import on PostgreSQL at ${size}: ${native.seconds.toFixed(1)} s is ${ratio.toFixed(2)}x its COPY floor (target <= 1.5x)`,
        met: ratio <= 1.5,
      });
    }
    if (native && embedded) {
      const ratio = embedded.seconds / native.seconds;
      verdicts.push({
        target: `import on PGlite at ${size}: ${embedded.seconds.toFixed(1)} s is ${ratio.toFixed(2)}x native PostgreSQL (target <= 3x)`,
        met: ratio <= 3,
      });
    }
  }
  const smallest = sizes[0] ?? 0;
  const largest = sizes.at(-1) ?? 0;
  for (const backend of ['postgres', 'pglite'] as const) {
    const small = results.get(`import:${backend}:${smallest}`);
    const large = results.get(`import:${backend}:${largest}`);
    if (small && large && largest > smallest) {
      const ratio = large.peakRssMiB / small.peakRssMiB;
      verdicts.push({
        target: `import peak RSS on ${backend}: ${large.peakRssMiB} MiB at ${largest} vs ${small.peakRssMiB} MiB at ${smallest}: ${ratio.toFixed(2)}x (target <= 1.2x)`,
        met: ratio <= 1.2,
      });
    }
  }
  return verdicts;
}
