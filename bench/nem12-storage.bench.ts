import { BENCH_DATABASE_URL } from './backends.js';
import { measure, table, type Verdict } from './harness.js';
import { describeSize, generatedNem12File, identityOf, type Nem12Size } from './nem12-files.js';

/** Bytes per row, and where they go (see nem12-storage-run.ts for the method). */
interface RowBytes {
  bytes: number;
  heapAndToast: number;
  indexes: number;
  tuple: number;
}

interface StorageMeasurement {
  backend: 'postgres' | 'pglite';
  days: number;
  importSeconds: number;
  lineBytes: number;
  event: RowBytes & { data: number; metadata: number };
  readModel: RowBytes & { table: string; values: number };
}

export const NEM12_STORAGE_SIZE: Nem12Size = { nmis: 100, days: 365, channels: 2 };

/**
 * Bytes per interval day on disk (issue 13): an IntervalDayRecorded row of the events table against its
 * 300 line (target <= 3x), and an interval_days row against the event row (target <= 3x), after
 * `nem import` and the projection of a generated file, on PostgreSQL and PGlite.
 */
export async function nem12StorageBenchmark(size: Nem12Size = NEM12_STORAGE_SIZE): Promise<Verdict[]> {
  const path = await generatedNem12File(size);
  const identity = await identityOf(path);
  const rows: Array<Record<string, string | number>> = [];
  const verdicts: Verdict[] = [];
  for (const backend of ['postgres', 'pglite'] as const) {
    const m = await measure<StorageMeasurement>('nem12-storage-run.js', [backend, path]);
    const eventRatio = m.event.bytes / m.lineBytes;
    const readModelRatio = m.readModel.bytes / m.event.bytes;
    rows.push({
      backend,
      'interval days': m.days,
      '300 line B': m.lineBytes.toFixed(0),
      'event row B': m.event.bytes.toFixed(0),
      'event heap+TOAST B': m.event.heapAndToast.toFixed(0),
      'event indexes B': m.event.indexes.toFixed(0),
      'event data B': m.event.data.toFixed(0),
      'event metadata B': m.event.metadata.toFixed(0),
      'event / line': `${eventRatio.toFixed(2)}x`,
      'interval_days row B': m.readModel.bytes.toFixed(0),
      'its heap+TOAST B': m.readModel.heapAndToast.toFixed(0),
      'its indexes B': m.readModel.indexes.toFixed(0),
      'its values B': m.readModel.values.toFixed(0),
      'read model / event': `${readModelRatio.toFixed(2)}x`,
    });
    verdicts.push(
      {
        target: `IntervalDayRecorded on ${backend}: ${m.event.bytes.toFixed(0)} B per interval day is ${eventRatio.toFixed(2)}x its 300 line of ${m.lineBytes.toFixed(0)} B (target <= 3x)`,
        met: eventRatio <= 3,
      },
      {
        target: `interval_days on ${backend}: ${m.readModel.bytes.toFixed(0)} B per interval day is ${readModelRatio.toFixed(2)}x its event row (target <= 3x)`,
        met: readModelRatio <= 3,
      },
    );
  }
  process.stdout.write(
    `\n## NEM12 storage (PostgreSQL at ${BENCH_DATABASE_URL.replace(/:[^:@/]*@/, ':***@')})\n\n` +
      `Generated file: ${describeSize(size)}: ${identity.bytes} bytes, SHA-256 ${identity.sha256}\n\n${table(rows)}\n\n`,
  );
  return verdicts;
}
