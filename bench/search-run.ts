/**
 * Search latency through the query function the API uses (findReadings), on native PostgreSQL with a
 * read model of `readings` rows, filled by SQL (not by imports: this measures the queries). Four
 * readings per NMI (two registers, two reads each), two NMIs per meter serial... see the INSERT.
 * Usage: node dist/bench/search-run.js <readings> [queries]
 * Prints one JSON line: { readings, queries, nmi, serial, nmiPrefix, serialPrefix, nmiAsOf, serialAsOf } with
 * {p50,p95,p99} in ms. The as-of searches ask as of a random instant between the import of the searched
 * reading's file and the last import (one in four before it: an answer with no readings).
 * The prefix searches use one or two characters (`N`, `N0`, ...): the widest a person types, matching
 * up to every row.
 */
import { findReadings } from '../src/projections/read-model/read-model.queries.js';
import { freshDatabase } from './backends.js';
import { importedAtOf, lastImportOf, loadReadModel, nmiOf, serialOf } from './read-model-loader.js';
import { prng } from './generate.js';

const readings = Number(process.argv[2]);
const queries = Number(process.argv[3] ?? 1000);
if (!Number.isInteger(readings) || readings < 1000) {
  process.stderr.write('usage: node dist/bench/search-run.js <readings> [queries]\n');
  process.exit(2);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const bench = await freshDatabase('postgres');
try {
  const { pool } = bench.database;
  await loadReadModel(pool, readings);

  const random = prng(7);
  const timings = {
    nmi: [] as number[],
    serial: [] as number[],
    nmiPrefix: [] as number[],
    serialPrefix: [] as number[],
    nmiAsOf: [] as number[],
    serialAsOf: [] as number[],
  };
  const lastImport = lastImportOf(readings).getTime();
  for (let i = 0; i < queries; i++) {
    const g = Math.floor(random() * readings);
    for (const kind of ['nmi', 'serial', 'nmiPrefix', 'serialPrefix'] as const) {
      const whole = kind.startsWith('nmi') ? nmiOf(g) : serialOf(g);
      const prefix = kind.endsWith('Prefix');
      const key = prefix ? whole.slice(0, 1 + (i % 2)) : whole;
      const started = process.hrtime.bigint();
      const page = await findReadings(pool, {
        ...(kind.startsWith('nmi') ? { nmi: key } : { serial: key }),
        prefix,
        limit: 50,
      });
      timings[kind].push(Number(process.hrtime.bigint() - started) / 1e6);
      if (page.items.length === 0) throw new Error(`no readings for ${kind} ${key}`);
    }
    for (const kind of ['nmiAsOf', 'serialAsOf'] as const) {
      const imported = importedAtOf(g).getTime();
      const before = i % 4 === 3;
      const asOf = new Date(before ? imported - 1000 : imported + Math.floor(random() * (lastImport - imported + 1)));
      const started = process.hrtime.bigint();
      const page = await findReadings(pool, {
        ...(kind === 'nmiAsOf' ? { nmi: nmiOf(g) } : { serial: serialOf(g) }),
        asOf,
        limit: 50,
      });
      timings[kind].push(Number(process.hrtime.bigint() - started) / 1e6);
      if ((page.items.length === 0) !== before) throw new Error(`${kind} of reading ${g} as of ${asOf.toISOString()}`);
    }
  }
  const summary = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
  };
  process.stdout.write(
    `${JSON.stringify({
      readings,
      queries,
      nmi: summary(timings.nmi),
      serial: summary(timings.serial),
      nmiPrefix: summary(timings.nmiPrefix),
      serialPrefix: summary(timings.serialPrefix),
      nmiAsOf: summary(timings.nmiAsOf),
      serialAsOf: summary(timings.serialAsOf),
    })}\n`,
  );
} finally {
  await bench.dispose();
}
