import { measure, table, type Verdict } from './harness.js';

interface ApiMeasurement {
  readings: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

/** Readings search behind the API under 50 connections, at 100,000 and 10,000,000 readings. */
export async function apiBenchmark(sizes: readonly number[] = [100_000, 10_000_000]): Promise<Verdict[]> {
  const results: ApiMeasurement[] = [];
  for (const size of sizes) results.push(await measure<ApiMeasurement>('api-run.js', [String(size), '15']));
  const ms = (value: number) => value.toFixed(1);
  process.stdout.write(
    `\n## API (GET /api/readings?nmi=..., 50 connections, loopback, native PostgreSQL)\n\n${table(
      results.map((r) => ({
        readings: r.readings,
        seconds: r.seconds,
        requests: r.requests,
        'requests/s': r.requestsPerSecond,
        'p50 ms': ms(r.p50),
        'p95 ms': ms(r.p95),
        'p99 ms': ms(r.p99),
        errors: r.errors,
      })),
    )}\n\n`,
  );
  const verdicts: Verdict[] = results.map((r) => ({
    target: `API search at ${r.readings}: p95 ${ms(r.p95)} ms with ${r.errors} errors (target < 50 ms, no errors)`,
    met: r.p95 < 50 && r.errors === 0,
  }));
  const small = results[0];
  const large = results.at(-1);
  if (small && large && large !== small) {
    const ratio = large.requestsPerSecond / small.requestsPerSecond;
    verdicts.push({
      target: `API throughput at ${large.readings} is ${ratio.toFixed(2)}x that at ${small.readings} (target >= 0.8x)`,
      met: ratio >= 0.8,
    });
  }
  return verdicts;
}
