import { generatedFile, measure, table, type Verdict } from './harness.js';

interface ProjectionMeasurement {
  backend: 'postgres' | 'pglite';
  events: number;
  floorSeconds: number;
  projectSeconds: number;
  rebuildSeconds: number;
}

interface Latency {
  p50: number;
  p95: number;
  p99: number;
}
interface SearchMeasurement {
  readings: number;
  queries: number;
  nmi: Latency;
  serial: Latency;
  nmiPrefix: Latency;
  serialPrefix: Latency;
  nmiAsOf: Latency;
  serialAsOf: Latency;
}

/** Projection throughput and rebuild time at 1,000,000 events; the same run's INSERT ... SELECT floor. */
export async function projectionBenchmark(size = 1_000_000): Promise<Verdict[]> {
  const path = await generatedFile(size);
  const rows: Array<Record<string, string | number>> = [];
  const verdicts: Verdict[] = [];
  for (const backend of ['postgres', 'pglite'] as const) {
    const m = await measure<ProjectionMeasurement>('projection-run.js', [backend, path]);
    const ratio = m.projectSeconds / m.floorSeconds;
    rows.push({
      backend,
      events: m.events,
      'floor: INSERT ... SELECT s': m.floorSeconds.toFixed(1),
      'projection s': m.projectSeconds.toFixed(1),
      'events/s': Math.round(m.events / m.projectSeconds),
      'projection / floor': `${ratio.toFixed(2)}x`,
      'full rebuild s': m.rebuildSeconds.toFixed(1),
    });
    verdicts.push({
      target: `projection on ${backend} of ${m.events} events: ${m.projectSeconds.toFixed(1)} s is ${ratio.toFixed(2)}x its floor (target <= 2x)`,
      met: ratio <= 2,
    });
  }
  process.stdout.write(`\n## Projection\n\n${table(rows)}\n\n`);
  return verdicts;
}

const SEARCH_KINDS = ['nmi', 'serial', 'nmiPrefix', 'serialPrefix'] as const;
/** Searches as of an instant (issue 12): the readings as the service knew them then. */
const AS_OF_KINDS = ['nmiAsOf', 'serialAsOf'] as const;

/** Search latency by NMI and by serial at 100,000 and 10,000,000 readings (native PostgreSQL). */
export async function searchBenchmark(sizes: readonly number[] = [100_000, 10_000_000]): Promise<Verdict[]> {
  const results: SearchMeasurement[] = [];
  for (const size of sizes) results.push(await measure<SearchMeasurement>('search-run.js', [String(size), '1000']));
  const ms = (value: number) => value.toFixed(2);
  const rows = results.flatMap((r) =>
    [...SEARCH_KINDS, ...AS_OF_KINDS].map((kind) => ({
      readings: r.readings,
      'search by': kind,
      queries: r.queries,
      'p50 ms': ms(r[kind].p50),
      'p95 ms': ms(r[kind].p95),
      'p99 ms': ms(r[kind].p99),
    })),
  );
  process.stdout.write(`\n## Search (findReadings, 50 per page, native PostgreSQL)\n\n${table(rows)}\n\n`);
  const verdicts: Verdict[] = [];
  const small = results[0];
  const large = results.at(-1);
  for (const r of results) {
    for (const kind of SEARCH_KINDS) {
      verdicts.push({
        target: `search by ${kind} at ${r.readings}: p95 ${ms(r[kind].p95)} ms (target < 20 ms)`,
        met: r[kind].p95 < 20,
      });
    }
    for (const kind of AS_OF_KINDS) {
      verdicts.push({
        target: `search as of an instant by ${kind === 'nmiAsOf' ? 'nmi' : 'serial'} at ${r.readings}: p95 ${ms(r[kind].p95)} ms (target < 50 ms)`,
        met: r[kind].p95 < 50,
      });
    }
    // A prefix search reads in index order and stops at the page: no slower than an exact one.
    for (const kind of ['nmi', 'serial'] as const) {
      const prefix = r[`${kind}Prefix`].p95;
      verdicts.push({
        target: `search by ${kind} prefix at ${r.readings}: p95 ${ms(prefix)} ms, exact ${ms(r[kind].p95)} ms (target: prefix p95 within 2x exact, or under 5 ms)`,
        met: prefix <= Math.max(2 * r[kind].p95, 5),
      });
    }
  }
  if (small && large && large !== small) {
    for (const kind of ['nmi', 'serial'] as const) {
      const ratio = large[kind].p95 / small[kind].p95;
      verdicts.push({
        target: `search by ${kind}: p95 at ${large.readings} is ${ratio.toFixed(2)}x p95 at ${small.readings} (target <= 2x)`,
        met: ratio <= 2,
      });
    }
  }
  return verdicts;
}
