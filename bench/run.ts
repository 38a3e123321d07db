/**
 * `npm run bench [-- section...]`: runs the benchmarks and checks their targets. Sections: reader (NEM13 and NEM12), import, projection, search, api,
 * nem12-storage, e2e (file to searchable and storage; BENCH_E2E_READINGS readings, 1,000,000 by default).
 * PostgreSQL figures use BENCH_DATABASE_URL (default: the local server as postgres), which must be
 * allowed to create databases.
 * Each measurement runs in a fresh process; generated inputs are cached in bench/out/.
 */
import { apiBenchmark } from './api.bench.js';
import { e2eBenchmark } from './e2e.bench.js';
import { importBenchmark } from './import.bench.js';
import { nem12ReaderBenchmark } from './nem12-reader.bench.js';
import { nem12StorageBenchmark } from './nem12-storage.bench.js';
import { projectionBenchmark, searchBenchmark } from './projection.bench.js';
import { readerBenchmark } from './reader.bench.js';
import type { Verdict } from './harness.js';

const SECTIONS: Record<string, () => Promise<Verdict[]>> = {
  reader: async () => [...(await readerBenchmark()), ...(await nem12ReaderBenchmark())],
  import: () => importBenchmark(),
  projection: () => projectionBenchmark(),
  search: () => searchBenchmark(),
  api: () => apiBenchmark(),
  'nem12-storage': () => nem12StorageBenchmark(),
  e2e: () => e2eBenchmark(),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in SECTIONS));
if (unknown.length > 0) {
  process.stderr.write(`unknown section(s): ${unknown.join(', ')}; known: ${Object.keys(SECTIONS).join(', ')}\n`);
  process.exit(2);
}
process.stdout.write(`# nem benchmark (${new Date().toISOString()}, Node ${process.version})\n`);
const verdicts: Verdict[] = [];
for (const [name, section] of Object.entries(SECTIONS)) {
  if (wanted.length === 0 || wanted.includes(name)) verdicts.push(...(await section()));
}
process.stdout.write('## Targets\n\n');
for (const verdict of verdicts) process.stdout.write(`${verdict.met ? 'MET   ' : 'MISSED'} ${verdict.target}\n`);
process.exitCode = verdicts.every((v) => v.met) ? 0 : 1;
