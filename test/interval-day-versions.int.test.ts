/**
 * IntervalDayRecorded schema versions 1 and 2 (docs/events.md): the valid NEM12 samples imported into one
 * database as nem writes them now (v2) and into another as nem wrote them before (v1, test/interval-day-v1.ts),
 * at the same moment, then projected. Both give the same interval_days rows and the same API answers, and
 * pass `nem audit verify` against the kept originals; so does a file whose import was killed with v1
 * events stored and resumed with v2.
 *
 * It lives in test/, beside the other tests that span layers: it drives the import, the projection, the
 * audit and the HTTP API together.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/application/audit-verify.js';
import { importFlowFile } from '../src/application/import-flow-file.js';
import type { EventStore, RecordedEvent } from '../src/domain/event-store/event-store.js';
import { fileStreamName, parseFileEvent } from '../src/domain/events/file-events.js';
import type { Database } from '../src/infrastructure/db/database.js';
import { openFlowFile } from '../src/infrastructure/files/flow-file.js';
import { DatabaseOriginalsArchive } from '../src/infrastructure/files/originals-archive.js';
import { sql } from 'slonik';
import { z } from 'zod';
import { signIn, testApi, type SignedIn, type TestApi } from './api.js';
import { eventStoreOn, TEST_DATABASES } from './databases.js';
import { writingVersion1 } from './interval-day-v1.js';
import { TEST_LIMITS } from './limits.js';
import { EXPECTED_NEM12, nem12SamplePath } from './samples.js';

const VALID = EXPECTED_NEM12.filter((f) => f.valid && f.nmi_relaxed === undefined);
const NMIS = [...new Set(VALID.flatMap((f) => (f.channels ?? []).map((c) => c.nmi)))].sort();
const RECEIVED_AT = new Date('2026-11-30T01:00:00Z');

interface Side {
  readonly database: Database;
  readonly store: EventStore;
  readonly originals: DatabaseOriginalsArchive;
  readonly api: TestApi;
  readonly viewer: SignedIn;
}

async function open(target: (typeof TEST_DATABASES)[number]): Promise<Omit<Side, 'api' | 'viewer'>> {
  const database = await target.open();
  return { database, store: eventStoreOn(database), originals: new DatabaseOriginalsArchive(database.pool, 1 << 20) };
}

function importInto(side: Omit<Side, 'api' | 'viewer'>, path: string, store = side.store, chunkSize?: number) {
  return importFlowFile(store, () => openFlowFile(path, TEST_LIMITS), {
    channel: 'cli',
    originals: side.originals,
    now: () => RECEIVED_AT,
    ...(chunkSize === undefined ? {} : { chunkSize }),
  });
}

async function withApi(side: Omit<Side, 'api' | 'viewer'>): Promise<Side> {
  const api = await testApi(side.database);
  await api.projections.catchUp();
  return { ...side, api, viewer: await signIn(api.app, 'viewer') };
}

/**
 * The interval_days rows, by file and line; when the service learnt each version (imported_at, and so
 * superseded_at) is the recording time of its FileImported, which differs between the two databases.
 */
async function intervalDayRows(database: Database, fileId?: string): Promise<unknown[]> {
  const rows = await database.pool.any(sql.type(z.object({ row: z.unknown() }))`
    SELECT to_jsonb(d) - 'imported_at' - 'superseded_at'
      || jsonb_build_object('known_superseded', d.superseded_at IS NOT NULL) AS row
    FROM interval_days d ${fileId === undefined ? sql.fragment`` : sql.fragment`WHERE d.file_id = ${fileId}`}
    ORDER BY d.file_id, d.line`);
  return rows.map((r) => r.row);
}

async function streamOf(store: EventStore, fileId: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(fileStreamName(fileId, 'NEM12'))) events.push(event);
  return events;
}

const versionsOf = (events: readonly RecordedEvent[]) =>
  new Set(events.filter((e) => e.type === 'IntervalDayRecorded').map((e) => e.metadata.schemaVersion));

/** Every page of GET /api/intervals for a NMI, without the instant of import (see intervalDayRows). */
async function intervalsOf(side: Side, nmi: string): Promise<unknown[]> {
  const items: Array<Record<string, unknown>> = [];
  let cursor: string | null = null;
  do {
    const query: string = `nmi=${nmi}&limit=7${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
    const response = await side.api.app.inject({ url: `/api/intervals?${query}`, cookies: side.viewer.cookies });
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json<{ items: Array<Record<string, unknown>>; nextCursor: string | null }>();
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return items.map((item) => ({ ...item, importedAt: null }));
}

async function csvOf(side: Side, nmi: string): Promise<string> {
  const response = await side.api.app.inject({ url: `/api/intervals/csv?nmi=${nmi}`, cookies: side.viewer.cookies });
  expect(response.statusCode, response.body).toBe(200);
  return response.body;
}

describe.each(TEST_DATABASES)('IntervalDayRecorded v1 and v2 on $name', (target) => {
  let v2: Side;
  let v1: Side;

  beforeAll(async () => {
    const now = await open(target);
    const before = await open(target);
    const asBefore = writingVersion1(before.store);
    for (const file of VALID) {
      const path = nem12SamplePath(file.file);
      // A zipped copy of a file already in is a duplicate, on both sides alike.
      const status = (await importInto(now, path)).status;
      expect(['imported', 'duplicate']).toContain(status);
      expect((await importInto(before, path, asBefore)).status).toBe(status);
    }
    v2 = await withApi(now);
    v1 = await withApi(before);
  });
  afterAll(async () => {
    for (const side of [v2, v1] as Array<Side | undefined>) {
      if (side === undefined) continue;
      await side.api.close();
      await side.store.close();
      await side.database.close();
    }
  });

  it('stores v1 events in one database, v2 events in the other, the same ids in the same order', async () => {
    const all = (store: EventStore) => store.readAll({ maxCount: 100_000 });
    const [now, before] = [await all(v2.store), await all(v1.store)];
    expect(before.map((e) => [e.id, e.position])).toEqual(now.map((e) => [e.id, e.position]));
    expect(versionsOf(now)).toEqual(new Set([2]));
    expect(versionsOf(before)).toEqual(new Set([1]));
    const day = (events: RecordedEvent[]) => events.find((e) => e.type === 'IntervalDayRecorded')!;
    expect(Array.isArray(day(before).data.values)).toBe(true);
    expect(typeof day(now).data.values).toBe('string');
    // Both forms of v2 values: digits with valueScale (the samples' usual), and decimals of mixed places.
    const scales = new Set(now.filter((e) => e.type === 'IntervalDayRecorded').map((e) => e.data.valueScale));
    expect(scales).toContain(undefined);
    expect(scales).toContain(3);
    // The upcast: both read as the same day (the closing events' digests differ, as the stored data does).
    for (let i = 0; i < now.length; i++) {
      if (now[i]?.type === 'IntervalDayRecorded') expect(parseFileEvent(before[i]!)).toEqual(parseFileEvent(now[i]!));
    }
  });

  it('projects the same interval_days rows from v1 events as from v2 events', async () => {
    const rows = await intervalDayRows(v2.database);
    expect(rows.length).toBeGreaterThan(100);
    expect(await intervalDayRows(v1.database)).toEqual(rows);
  });

  it('answers GET /api/intervals and its CSV the same, reason descriptions included', async () => {
    expect(NMIS.length).toBeGreaterThan(10);
    let described = 0;
    for (const nmi of NMIS) {
      const days = await intervalsOf(v2, nmi);
      expect(await intervalsOf(v1, nmi), nmi).toEqual(days);
      expect(await csvOf(v1, nmi), nmi).toBe(await csvOf(v2, nmi));
      described += JSON.stringify(days).match(/"reasonDescription":"/g)?.length ?? 0;
    }
    // Descriptions the files sent are facts kept by both versions.
    expect(described).toBeGreaterThan(0);
  });

  it('passes nem audit verify against the originals, whichever version the stream holds', async () => {
    for (const side of [v2, v1]) {
      const report = await verifyAudit({ store: side.store, originals: side.originals });
      expect(report.reports.length).toBeGreaterThan(30);
      expect(report.reports.filter((r) => r.status !== 'ok')).toEqual([]);
      for (const stream of report.reports) expect(stream.checks.original).toBe('passed');
      for (const stream of report.reports) expect(stream.checks.digest).toBe('passed');
    }
  });

  it('resumes with v2 an import killed with v1 events stored: audit verify passes, the rows are the same', async () => {
    const file = [...VALID].sort((a, b) => (b.records?.['300'] ?? 0) - (a.records?.['300'] ?? 0))[0]!;
    const days = file.records?.['300'] ?? 0;
    expect(days).toBeGreaterThan(4);
    const path = nem12SamplePath(file.file);
    const side = await open(target);
    try {
      const dying = writingVersion1(side.store, { dieAfterAppends: 2 });
      await expect(importInto(side, path, dying, 2)).rejects.toThrow('killed');
      const resumed = await importInto(side, path, side.store, 2);
      expect(resumed).toMatchObject({ status: 'imported', records: days });
      const fileId = resumed.sha256 ?? '';
      const events = await streamOf(side.store, fileId);
      expect(events.filter((e) => e.type === 'IntervalDayRecorded')).toHaveLength(days);
      expect(versionsOf(events)).toEqual(new Set([1, 2]));

      const report = await verifyAudit({ store: side.store, originals: side.originals });
      expect(report.reports).toEqual([expect.objectContaining({ status: 'ok', differences: [] })]);
      expect(report.reports[0]?.checks).toMatchObject({ digest: 'passed', original: 'passed' });

      const api = await testApi(side.database);
      try {
        await api.projections.catchUp();
        // Whether a day is superseded, and where its file's import is, depend on the other files each holds.
        const own = (rows: unknown[]) =>
          rows.map((row) => ({ ...(row as object), superseded: null, known_superseded: null, import_position: null }));
        expect(own(await intervalDayRows(side.database, fileId))).toEqual(
          own(await intervalDayRows(v2.database, fileId)),
        );
      } finally {
        await api.close();
      }
    } finally {
      await side.store.close();
      await side.database.close();
    }
  });
  it('stops the projection at an IntervalDayRecorded of a version it does not know, naming the event', async () => {
    const side = await open(target);
    try {
      const resumed = await importInto(side, nem12SamplePath(VALID[0]!.file));
      const victim = (await streamOf(side.store, resumed.sha256 ?? ''))[1]!;
      expect(victim.type).toBe('IntervalDayRecorded');
      await side.database.pool.query(sql.unsafe`
        UPDATE nem_events SET metadata = jsonb_set(metadata, '{schemaVersion}', '3') WHERE event_id = ${victim.id}::uuid`);
      const api = await testApi(side.database);
      try {
        await expect(api.projections.catchUp()).rejects.toThrow(
          `event ${victim.id} (IntervalDayRecorded, ${victim.streamName} revision 1`,
        );
      } finally {
        await api.close();
      }
    } finally {
      await side.store.close();
      await side.database.close();
    }
  });
});
