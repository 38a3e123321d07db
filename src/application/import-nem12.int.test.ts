/**
 * NEM12 files through the import: one IntervalDayRecorded per 300, the oracle's exact sums read back from
 * the events, the same idempotency, resume and audit as NEM13 files.
 */
import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_LIMITS } from '../../test/limits.js';
import { eventStoreOn, TEST_DATABASES } from '../../test/databases.js';
import { EXPECTED_NEM12, nem12SamplePath, type ExpectedNem12File } from '../../test/samples.js';
import { Decimal } from '../domain/decimal.js';
import type { EventStore, NewEvent, RecordedEvent } from '../domain/event-store/event-store.js';
import { fileStreamName, parseFileEvent, storedFileStream } from '../domain/events/file-events.js';
import { intervalLengthOf, intervalValuesOf } from '../domain/events/interval-day-recorded.js';
import { streamDigestOf } from '../domain/events/stream-digest.js';
import type { Database } from '../infrastructure/db/database.js';
import type { PostgresEventStore } from '../infrastructure/event-store/postgres/postgres-event-store.js';
import { openFlowFile } from '../infrastructure/files/flow-file.js';
import { DatabaseOriginalsArchive } from '../infrastructure/files/originals-archive.js';
import { verifyAudit } from './audit-verify.js';
import { importFlowFile } from './import-flow-file.js';
import { createSha256 } from './sha256.js';

const VALID = EXPECTED_NEM12.filter((f) => f.valid);
const INVALID = EXPECTED_NEM12.filter((f) => !f.valid);

async function streamOf(store: EventStore, sha256: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  // A file that is not valid NEM12 may have been read by the NEM13 reader's rules: its stream is nem13File-.
  const stream = await storedFileStream(store, sha256);
  if (stream === null) return events;
  for await (const event of store.readStream(stream)) events.push(event);
  return events;
}

/** Per channel (NMI/suffix): the exact sum of every interval value, read back from the events. */
function sumsFromEvents(events: readonly RecordedEvent[]): Record<string, string> {
  const sums = new Map<string, Decimal>();
  for (const event of events) {
    const parsed = parseFileEvent(event);
    if (parsed.type !== 'IntervalDayRecorded') continue;
    const key = `${parsed.data.nmi}/${parsed.data.nmiSuffix}`;
    let sum = sums.get(key) ?? Decimal.ZERO;
    for (const value of intervalValuesOf(parsed.data)) sum = sum.add(Decimal.parse(value));
    sums.set(key, sum);
  }
  return Object.fromEntries([...sums].map(([key, sum]) => [key, sum.toString()]));
}

function expectedSums(expected: ExpectedNem12File): Record<string, string> {
  return Object.fromEntries((expected.channels ?? []).map((c) => [`${c.nmi}/${c.suffix}`, c.value_sum]));
}

function expectClosingDigest(events: readonly RecordedEvent[]): void {
  const closing = events.at(-1);
  const parsed = closing === undefined ? null : parseFileEvent(closing);
  if (parsed?.type !== 'FileImported' && parsed?.type !== 'FileRejected') throw new Error('no closing event');
  expect(parsed.data.earlierEventsSha256).toBe(streamDigestOf(events.slice(0, -1), createSha256()));
}

describe.each(TEST_DATABASES)('importing NEM12 files on $name', (target) => {
  let database: Database;
  let store: PostgresEventStore;
  let originals: DatabaseOriginalsArchive;
  const importPath = (path: string, extra: { chunkSize?: number; store?: EventStore } = {}) =>
    importFlowFile(extra.store ?? store, () => openFlowFile(path, TEST_LIMITS), {
      channel: 'cli',
      originals: originals,
      ...(extra.chunkSize === undefined ? {} : { chunkSize: extra.chunkSize }),
    });

  beforeAll(async () => {
    database = await target.open();
    store = eventStoreOn(database);
    originals = new DatabaseOriginalsArchive(database.pool, 1024 * 1024);
  });
  afterAll(async () => {
    await store.close();
    await database.close();
  });

  it('imports every valid sample: FileReceived, one IntervalDayRecorded per 300, FileImported; sums exact', async () => {
    expect(VALID.length).toBeGreaterThan(30);
    const seen = new Set<string>();
    for (const expected of VALID) {
      const result = await importPath(nem12SamplePath(expected.file), { chunkSize: 3 });
      const days = expected.records?.['300'] ?? -1;
      const sha256 = result.sha256 ?? '';
      // The zipped sample holds the same content as a plain one: the same file, so a duplicate.
      expect(result).toMatchObject({ status: seen.has(sha256) ? 'duplicate' : 'imported', records: days });
      expect(result.format).toBe('NEM12');
      expect(await storedFileStream(store, sha256)).toBe(fileStreamName(sha256, 'NEM12'));
      seen.add(sha256);
      const events = await streamOf(store, sha256);
      expect(events.map((e) => e.type)).toEqual([
        'FileReceived',
        ...Array<string>(days).fill('IntervalDayRecorded'),
        'FileImported',
      ]);
      expect(sumsFromEvents(events)).toEqual(expectedSums(expected));
      const received = parseFileEvent(events[0]!);
      expect(received.type === 'FileReceived' && received.data.header).toMatchObject({ versionHeader: 'NEM12' });
      const imported = parseFileEvent(events.at(-1)!);
      expect(imported.type === 'FileImported' && imported.data.counts).toEqual({
        registerReads: 0,
        b2bDetails: expected.records?.['500'],
        channels: expected.records?.['200'],
        intervalDays: days,
        intervalEvents: expected.records?.['400'],
      });
      expectClosingDigest(events);
    }
  });

  it('folds 400s into per-interval quality runs and keeps 500s on their day', async () => {
    const expected = VALID.find((f) => f.file.endsWith('NEM12_Scenario06_ETSAMDP_NEMMCO.csv'));
    if (expected === undefined) throw new Error('sample missing');
    const result = await importPath(nem12SamplePath(expected.file));
    const days = (await streamOf(store, result.sha256 ?? ''))
      .map((e) => parseFileEvent(e))
      .flatMap((e) => (e.type === 'IntervalDayRecorded' ? [e.data] : []));
    const vDays = days.filter((d) => d.quality === 'V');
    expect(vDays.length).toBeGreaterThan(0);
    for (const day of vDays) {
      const runs = day.intervalQuality ?? [];
      expect(runs[0]?.from).toBe(1);
      expect(runs.at(-1)?.to).toBe(1440 / intervalLengthOf(day));
      for (let i = 1; i < runs.length; i++) expect(runs[i]?.from).toBe((runs[i - 1]?.to ?? 0) + 1);
    }
    expect(days.filter((d) => d.quality !== 'V').every((d) => d.intervalQuality === undefined)).toBe(true);
    expect(days.reduce((n, d) => n + (d.b2b?.length ?? 0), 0)).toBe(expected.records?.['500']);
    expect(vDays.reduce((n, d) => n + (d.intervalQuality?.length ?? 0), 0)).toBe(expected.records?.['400']);
  });

  it('reports a re-import as a duplicate and appends nothing', async () => {
    const path = nem12SamplePath(VALID[0]?.file ?? '');
    const first = await importPath(path);
    const before = await store.headPosition();
    const again = await importPath(path);
    expect(again).toMatchObject({
      status: 'duplicate',
      format: 'NEM12',
      sha256: first.sha256,
      records: VALID[0]?.records?.['300'],
    });
    expect(await store.headPosition()).toBe(before);
  });

  it('rejects every invalid sample with FileRejected at the oracle first error line, and no day', async () => {
    expect(INVALID.length).toBeGreaterThan(3);
    for (const expected of INVALID) {
      const result = await importPath(nem12SamplePath(expected.file));
      expect(result).toMatchObject({ status: 'rejected', records: 0 });
      const events = await streamOf(store, result.sha256 ?? '');
      expect(events.map((e) => e.type)).toEqual(['FileReceived', 'FileRejected']);
      const rejected = parseFileEvent(events[1]!);
      // Our readers put a problem with the file as a whole (an empty file) at line 0.
      const line = expected.error === 'empty file' ? 0 : expected.error_line;
      expect(rejected.type === 'FileRejected' && rejected.data.errors[0]?.line).toBe(line);
      expectClosingDigest(events);
    }
  });

  it('resumes a NEM12 import killed part-way and ends with one event per 300', async () => {
    const expected = [...VALID].sort((a, b) => (b.records?.['300'] ?? 0) - (a.records?.['300'] ?? 0))[0];
    if (expected === undefined) throw new Error('no sample');
    const days = expected.records?.['300'] ?? 0;
    expect(days).toBeGreaterThan(4);
    const path = nem12SamplePath(expected.file);
    // A fresh database for this test, so the sample is not already imported.
    const own = await target.open();
    const ownStore = eventStoreOn(own);
    try {
      let appends = 0;
      const dying: EventStore = {
        kind: ownStore.kind,
        lastEvent: (s) => ownStore.lastEvent(s),
        readStream: (s, o) => ownStore.readStream(s, o),
        readAll: (o) => ownStore.readAll(o),
        headPosition: () => ownStore.headPosition(),
        close: () => ownStore.close(),
        append: async (s: string, events: readonly NewEvent[], expectedRevision) => {
          if (++appends > 2) throw new Error('killed');
          return ownStore.append(s, events, expectedRevision);
        },
      };
      await expect(importPath(path, { store: dying, chunkSize: 2 })).rejects.toThrow('killed');
      const resumed = await importPath(path, { store: ownStore, chunkSize: 2 });
      expect(resumed).toMatchObject({ status: 'imported', records: days });
      const events = await streamOf(ownStore, resumed.sha256 ?? '');
      expect(events.map((e) => e.type)).toEqual([
        'FileReceived',
        ...Array<string>(days).fill('IntervalDayRecorded'),
        'FileImported',
      ]);
      expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
      expect(sumsFromEvents(events)).toEqual(expectedSums(expected));
      expectClosingDigest(events);
    } finally {
      await ownStore.close();
      await own.close();
    }
  });

  it('passes nem audit verify: each IntervalDayRecorded re-read from the kept original', async () => {
    const report = await verifyAudit({ store, originals });
    const nem12Streams = report.reports.filter((r) => r.events > 2);
    expect(nem12Streams.length).toBeGreaterThan(30);
    expect(report.reports.filter((r) => r.status !== 'ok')).toEqual([]);
    for (const stream of report.reports) expect(stream.checks.original).toBe('passed');
  });

  it('names an IntervalDayRecorded whose value was edited in SQL', async () => {
    const result = await importPath(nem12SamplePath(VALID[0]?.file ?? ''));
    const victim = (await streamOf(store, result.sha256 ?? ''))[2]!;
    const data = victim.data as { values: string };
    const edited = { ...data, values: data.values.replace(/^[^,]*/, '99.999') };
    const setData = (value: unknown) =>
      database.pool.query(
        sql.unsafe`UPDATE nem_events SET data = ${JSON.stringify(value)}::jsonb WHERE event_id = ${victim.id}::uuid`,
      );
    await setData(edited);
    try {
      const report = await verifyAudit({ store, originals });
      const broken = report.reports.find((r) => r.fileId === result.sha256);
      expect(broken?.status).toBe('broken');
      expect(broken?.differences.find((d) => d.check === 'original')).toMatchObject({
        eventId: victim.id,
        eventType: 'IntervalDayRecorded',
        message: expect.stringContaining('its values'),
      });
      expect(broken?.checks.digest).toBe('failed');
    } finally {
      await setData(data);
    }
    expect((await verifyAudit({ store, originals })).broken).toBe(0);
  });
});
