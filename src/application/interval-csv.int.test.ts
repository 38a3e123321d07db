import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeNem12File } from '../../bench/generate.js';
import { csvLine } from '../domain/csv.js';
import type { Database } from '../infrastructure/db/database.js';
import type { PostgresEventStore } from '../infrastructure/event-store/postgres/postgres-event-store.js';
import { openFlowFile } from '../infrastructure/files/flow-file.js';
import { ProjectionRunner } from '../projections/runner.js';
import { eventStoreOn, TEST_DATABASES } from '../../test/databases.js';
import { TEST_LIMITS } from '../../test/limits.js';
import { importFlowFile } from './import-flow-file.js';
import { INTERVAL_CSV_COLUMNS, intervalsCsv } from './interval-csv.js';
import { eventsTableSource } from '../infrastructure/event-store/postgres/postgres-event-store.js';

/** One NMI, two channels of 30-minute data over 150 days: 300 interval days, more than a page of them. */
const DAYS = 150;

describe.each(TEST_DATABASES)('interval CSV, streamed, on $name', (target) => {
  let database: Database;
  let store: PostgresEventStore;
  let nmi = '';

  beforeAll(async () => {
    database = await target.open();
    store = eventStoreOn(database);
    const path = join(mkdtempSync(join(tmpdir(), 'nem-interval-csv-')), 'days.csv');
    await writeNem12File(path, { nmis: 1, days: DAYS, channels: 2, seed: 5 });
    nmi = readFileSync(path, 'utf8').split('\n')[1]?.split(',')[1] ?? '';
    const report = await importFlowFile(store, () => openFlowFile(path, TEST_LIMITS), { channel: 'cli' });
    expect(report.status, JSON.stringify(report.errors)).toBe('imported');
    const runner = new ProjectionRunner(database.pool, store, eventsTableSource());
    await runner.ensureReadModel();
    await runner.catchUp();
  });
  afterAll(async () => {
    await store.close();
    await database.close();
  });

  it('hands the rows out one day per chunk, in order, across pages of days', async () => {
    const chunks: string[] = [];
    for await (const chunk of intervalsCsv(database.pool, { nmi })) chunks.push(chunk);
    const [header, ...days] = chunks;
    expect(header).toBe(csvLine(INTERVAL_CSV_COLUMNS));
    expect(days).toHaveLength(2 * DAYS);
    const keys = days.map((chunk) => {
      const rows = chunk.split('\r\n').slice(0, -1);
      expect(rows).toHaveLength(48);
      // One day per chunk: every row has the channel and date of the first.
      const [, suffix, , , date] = rows[0]?.split(',') ?? [];
      expect(rows.every((row) => row.startsWith(`${nmi},${suffix},`) && row.split(',')[4] === date)).toBe(true);
      return `${suffix} ${date}`;
    });
    expect(keys).toEqual([...keys].sort());
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('reads the first page of days before handing out the header, so a failure there is an error, not a cut CSV', async () => {
    await database.pool.query(sql.unsafe`ALTER VIEW interval_days RENAME TO interval_days_away`);
    try {
      await expect(intervalsCsv(database.pool, { nmi }).next()).rejects.toThrow(/interval_days/);
    } finally {
      await database.pool.query(sql.unsafe`ALTER VIEW interval_days_away RENAME TO interval_days`);
    }
  });
});
