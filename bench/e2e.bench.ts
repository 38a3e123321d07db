import type { StorageReport } from './storage.js';
import { generatedFile, measure, table, type Verdict } from './harness.js';

export interface E2eMeasurement {
  backend: 'postgres' | 'pglite';
  readings: number;
  fileBytes: number;
  floor: {
    copySeconds: number;
    projectionSeconds: number;
    indexSeconds: number;
    readsRows: number;
    readsBytes: number;
  };
  importSeconds: number;
  catchUpSeconds: number;
  rebuildSeconds: number;
  storage: StorageReport;
  peakRssMiB: number;
}

/** Readings of the end-to-end file: BENCH_E2E_READINGS, 1,000,000 by default. */
export function e2eSize(): number {
  const size = Number(process.env.BENCH_E2E_READINGS ?? 1_000_000);
  if (!Number.isInteger(size) || size <= 0) throw new RangeError('BENCH_E2E_READINGS must be a positive integer');
  return size;
}

const mb = (bytes: number) => (bytes / 1_000_000).toFixed(1);
const s = (value: number) => value.toFixed(1);
const x = (value: number) => `${value.toFixed(2)}x`;

/** What searchable physically needs: the events by one COPY, the rows by one INSERT, their indexes. */
function floorSeconds(m: E2eMeasurement): number {
  return m.floor.copySeconds + m.floor.projectionSeconds + m.floor.indexSeconds;
}

/** The floor of earlier issues, without the indexes: kept so that figures stay comparable. */
function indexFreeFloorSeconds(m: E2eMeasurement): number {
  return m.floor.copySeconds + m.floor.projectionSeconds;
}

function endToEnd(m: E2eMeasurement): number {
  return m.importSeconds + m.catchUpSeconds;
}

/**
 * File to searchable (`nem import`, which writes the file's rows with its events, and a catch-up that
 * should find nothing left) on PostgreSQL and PGlite, each next to the floors of the same run, and the
 * bytes the database holds for it: `npm run bench -- e2e`.
 */
export async function e2eBenchmark(size = e2eSize()): Promise<Verdict[]> {
  const path = await generatedFile(size);
  const results: E2eMeasurement[] = [];
  for (const backend of ['postgres', 'pglite'] as const) {
    results.push(await measure<E2eMeasurement>('e2e-run.js', [backend, path]));
  }
  const times = results.map((m) => ({
    backend: m.backend,
    readings: m.readings,
    'floor: COPY s': s(m.floor.copySeconds),
    'floor: INSERT ... SELECT s': s(m.floor.projectionSeconds),
    'floor: indexes s': s(m.floor.indexSeconds),
    'nem import s': s(m.importSeconds),
    'catch-up after s': s(m.catchUpSeconds),
    'file to searchable s': s(endToEnd(m)),
    'e2e / floor': x(endToEnd(m) / floorSeconds(m)),
    'e2e / index-free floor': x(endToEnd(m) / indexFreeFloorSeconds(m)),
    'rebuild s': s(m.rebuildSeconds),
    'peak RSS MiB': m.peakRssMiB,
  }));
  process.stdout.write(`\n## File to searchable (${size.toLocaleString('en')} readings)\n\n${table(times)}\n\n`);

  const storage = results.map((m) => {
    const reads = m.storage.readModel.find((t) => t.table.startsWith('register_reads'));
    const perRead = (bytes: number) => Math.round(bytes / m.readings);
    return {
      backend: m.backend,
      'file MB': mb(m.fileBytes),
      'file B/reading': perRead(m.fileBytes),
      'event row B': Math.round(m.storage.readingEvents.rowBytes),
      'data B': Math.round(m.storage.readingEvents.dataBytes),
      'metadata B': Math.round(m.storage.readingEvents.metadataBytes),
      'events MB (indexes)': `${mb(m.storage.events.total)} (${mb(sum(m.storage.events.indexes))})`,
      'register_reads B/row': reads ? perRead(reads.total) : '-',
      'floor table B/row': Math.round(m.floor.readsBytes / m.floor.readsRows),
      'events + read model MB': mb(m.storage.totalBytes),
      'x file': x(m.storage.totalBytes / m.fileBytes),
      'database MB': mb(m.storage.databaseBytes),
    };
  });
  process.stdout.write(`## Storage\n\n${table(storage)}\n\n`);
  const indexes = results.flatMap((m) =>
    [m.storage.events, ...m.storage.readModel.filter((t) => t.rows > 0)].flatMap((t) => [
      { backend: m.backend, relation: t.table, 'B/reading': Math.round(t.heap / m.readings), MB: mb(t.heap) },
      ...Object.entries(t.indexes).map(([name, bytes]) => ({
        backend: m.backend,
        relation: `  ${name}`,
        'B/reading': Math.round(bytes / m.readings),
        MB: mb(bytes),
      })),
    ]),
  );
  process.stdout.write(`${table(indexes)}\n\n`);
  return verdicts(results);
}

function sum(values: Record<string, number>): number {
  return Object.values(values).reduce((total, value) => total + value, 0);
}

function verdicts(results: E2eMeasurement[]): Verdict[] {
  const out: Verdict[] = [];
  const native = results.find((m) => m.backend === 'postgres');
  const embedded = results.find((m) => m.backend === 'pglite');
  if (native) {
    const ratio = endToEnd(native) / floorSeconds(native);
    out.push({
      target: `file to searchable on PostgreSQL, ${native.readings} readings: ${s(endToEnd(native))} s is ${x(ratio)} its floor of ${s(floorSeconds(native))} s (COPY ${s(native.floor.copySeconds)} s + INSERT ... SELECT ${s(native.floor.projectionSeconds)} s + indexes ${s(native.floor.indexSeconds)} s) (target <= 1.5x)`,
      met: ratio <= 1.5,
    });
    const perLine = native.fileBytes / native.readings;
    const row = native.storage.readingEvents.rowBytes;
    out.push({
      target: `ReadingRecorded row: ${Math.round(row)} B on average (data ${Math.round(native.storage.readingEvents.dataBytes)} B, metadata ${Math.round(native.storage.readingEvents.metadataBytes)} B) is ${x(row / perLine)} the file's ${Math.round(perLine)} B per reading (target <= 3x)`,
      met: row <= 3 * perLine,
    });
    const reads = native.storage.readModel.find((t) => t.table.startsWith('register_reads'));
    if (reads) {
      const perRow = reads.total / reads.rows;
      const floorPerRow = native.floor.readsBytes / native.floor.readsRows;
      out.push({
        target: `register_reads with its indexes: ${Math.round(perRow)} B per row is ${x(perRow / floorPerRow)} the floor table's ${Math.round(floorPerRow)} B (target <= 2x)`,
        met: perRow <= 2 * floorPerRow,
      });
    }
    const total = native.storage.totalBytes;
    out.push({
      target: `events + read model with indexes on PostgreSQL: ${mb(total)} MB is ${x(total / native.fileBytes)} the file's ${mb(native.fileBytes)} MB (target <= 5x)`,
      met: total <= 5 * native.fileBytes,
    });
  }
  if (native && embedded) {
    const ratio = endToEnd(embedded) / endToEnd(native);
    out.push({
      target: `file to searchable on PGlite: ${s(endToEnd(embedded))} s is ${x(ratio)} native PostgreSQL (target <= 2x)`,
      met: ratio <= 2,
    });
  }
  for (const m of results) {
    out.push({
      target: `full rebuild on ${m.backend}: ${s(m.rebuildSeconds)} s, the import ${s(m.importSeconds)} s (target: rebuild no slower)`,
      met: m.rebuildSeconds <= m.importSeconds,
    });
  }
  return out;
}
