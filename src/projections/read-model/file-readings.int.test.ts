/**
 * A file's readings page by page (GET /api/files/{id}/readings, the admin's file view): each page reads
 * the file's lines in primary-key order, so a deep page of a million-line file costs what the first does.
 */
import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { importFlowFile } from '../../application/import-flow-file.js';
import type { Database } from '../../infrastructure/db/database.js';
import type { PostgresEventStore } from '../../infrastructure/event-store/postgres/postgres-event-store.js';
import { openFlowFile } from '../../infrastructure/files/flow-file.js';
import { eventStoreOn, TEST_DATABASES } from '../../../test/databases.js';
import { TEST_LIMITS } from '../../../test/limits.js';
import { samplePath } from '../../../test/samples.js';
import { ProjectionRunner } from '../runner.js';
import { fileNmis, fileReadingsStatement, findFileReadings, readingRevision } from './read-model.queries.js';
import { eventsTableSource } from '../../infrastructure/event-store/postgres/postgres-event-store.js';

/** The plan nodes of an EXPLAIN (FORMAT JSON), flattened. */
function nodes(plan: Record<string, unknown>): Array<Record<string, unknown>> {
  const children = (plan['Plans'] ?? []) as Array<Record<string, unknown>>;
  return [plan, ...children.flatMap(nodes)];
}

describe.each(TEST_DATABASES)("a file's readings on $name", (target) => {
  let database: Database;
  let store: PostgresEventStore;
  let fileId: string;

  beforeAll(async () => {
    database = await target.open();
    store = eventStoreOn(database);
    const imported = [];
    for (const file of ['challenge-sample.csv', 'malformed/handcopied-spec-example-nem13-meter-change.csv']) {
      imported.push(await importFlowFile(store, () => openFlowFile(samplePath(file), TEST_LIMITS), { channel: 'cli' }));
    }
    fileId = imported[0]?.sha256 ?? '';
    await new ProjectionRunner(database.pool, store, eventsTableSource()).catchUp();
  });
  afterAll(async () => {
    await store.close();
    await database.close();
  });

  it('pages them in line order, with their revisions and NMIs', async () => {
    const lines: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await findFileReadings(database.pool, fileId, { limit: 1, ...(cursor ? { cursor } : {}) });
      lines.push(...page.items.map((item) => item.line));
      expect(page.items.every((item) => item.fileId === fileId)).toBe(true);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(await readingRevision(database.pool, fileId, lines[1] ?? 0)).toBe(2);
    const nmis = await fileNmis(database.pool, fileId, 10);
    expect(nmis.items.reduce((sum, nmi) => sum + nmi.readings, 0)).toBe(lines.length);
  });

  it("reads a page from the primary key in line order, never sorting the file's lines", async () => {
    const plan = await database.pool.transaction(async (tx) => {
      // Tables this small are cheaper to scan whole: ask for the plan a large table gets.
      await tx.query(sql.unsafe`SET LOCAL enable_seqscan = off`);
      await tx.query(sql.unsafe`SET LOCAL enable_bitmapscan = off`);
      return tx.oneFirst(
        sql.type(
          z.object({ 'QUERY PLAN': z.unknown() }),
        )`EXPLAIN (FORMAT JSON) ${fileReadingsStatement(fileId, 1, 50)}`,
      );
    });
    const root = (typeof plan === 'string' ? JSON.parse(plan) : plan) as Array<{ Plan: Record<string, unknown> }>;
    const types = nodes(root[0]?.Plan ?? {}).map((node) => node['Node Type']);
    expect(types).toContain('Limit');
    expect(types).not.toContain('Sort');
  });
});
