/**
 * One import measurement in a fresh process and a fresh database.
 * Usage: node dist/bench/import-run.js <import|copy> <postgres|pglite> <file>
 *   import: `nem import`'s use case (validation pass, append pass, FileImported);
 *   copy:   the floor: the same event rows, prepared before the clock starts, written by plain COPY.
 * Prints one JSON line: { mode, backend, events, seconds, eventsPerSecond, peakRssMiB }.
 */
import { rmSync } from 'node:fs';
import { importFlowFile } from '../src/application/import-flow-file.js';
import { PostgresEventStore } from '../src/infrastructure/event-store/postgres/postgres-event-store.js';
import { openFlowFile } from '../src/infrastructure/files/flow-file.js';
import { freshDatabase, type BenchDatabase } from './backends.js';
import { copyInto, prepareRows } from './copy-floor.js';
import { BENCH_LIMITS } from './limits.js';

async function measureImport(bench: BenchDatabase, path: string): Promise<{ events: number; seconds: number }> {
  const store = new PostgresEventStore(bench.database.pool, bench.database.kind, { copyUrl: bench.database.url });
  const started = process.hrtime.bigint();
  const result = await importFlowFile(store, () => openFlowFile(path, BENCH_LIMITS), { channel: 'cli' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await store.close();
  if (result.status !== 'imported') throw new Error(`${path}: ${result.status}`);
  return { events: result.records + 2, seconds };
}

async function measureCopy(bench: BenchDatabase, path: string): Promise<{ events: number; seconds: number }> {
  const prepared = await prepareRows(path);
  try {
    if (bench.dataDir !== null) await bench.database.close();
    const started = process.hrtime.bigint();
    await copyInto(bench, prepared);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { events: prepared.events, seconds };
  } finally {
    rmSync(prepared.dir, { recursive: true, force: true });
  }
}

const [mode, backend, path] = process.argv.slice(2);
if (path === undefined || (mode !== 'import' && mode !== 'copy') || (backend !== 'postgres' && backend !== 'pglite')) {
  process.stderr.write('usage: node dist/bench/import-run.js <import|copy> <postgres|pglite> <file>\n');
  process.exit(2);
}
const bench = await freshDatabase(backend);
try {
  const { events, seconds } = mode === 'import' ? await measureImport(bench, path) : await measureCopy(bench, path);
  process.stdout.write(
    `${JSON.stringify({
      mode,
      backend,
      events,
      seconds,
      eventsPerSecond: Math.round(events / seconds),
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    })}\n`,
  );
} finally {
  await bench.dispose();
}
