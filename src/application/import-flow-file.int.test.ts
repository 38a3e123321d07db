import { TEST_LIMITS } from '../../test/limits.js';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import { sql } from 'slonik';
import { z } from 'zod';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeNem12File, writeNem13File } from '../../bench/generate.js';
import type { EventStore, NewEvent, RecordedEvent } from '../domain/event-store/event-store.js';
import { parseFileEvent, storedFileStream } from '../domain/events/file-events.js';
import type { Database } from '../infrastructure/db/database.js';
import { PostgresEventStore } from '../infrastructure/event-store/postgres/postgres-event-store.js';
import { openFlowFile } from '../infrastructure/files/flow-file.js';
import { EXPECTED, samplePath } from '../../test/samples.js';
import { eventStoreOn, TEST_DATABASES } from '../../test/databases.js';
import { DatabaseOriginalsArchive } from '../infrastructure/files/originals-archive.js';
import { importFlowFile } from './import-flow-file.js';
import { createSha256 } from './sha256.js';
import { streamDigestOf } from '../domain/events/stream-digest.js';
import type { OriginalsArchive } from './originals.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function bytesOf(content: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of content) parts.push(part);
  return Buffer.concat(parts);
}

async function streamOf(store: EventStore, sha256: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  const stream = await storedFileStream(store, sha256);
  if (stream === null) return events;
  for await (const event of store.readStream(stream)) events.push(event);
  return events;
}

/** The closing event's digest is that of every event before it, as the store gives them back. */
function expectDigestOfEarlierEvents(events: readonly RecordedEvent[]): void {
  const closing = events.at(-1);
  const parsed = closing === undefined ? null : parseFileEvent(closing);
  if (parsed?.type !== 'FileImported' && parsed?.type !== 'FileRejected') throw new Error('no closing event');
  expect(parsed.data.earlierEventsSha256).toBe(streamDigestOf(events.slice(0, -1), createSha256()));
  expect(closing?.metadata.schemaVersion).toBe(2);
}

const work = mkdtempSync(join(tmpdir(), 'nem-import-'));

const importPath = (store: EventStore, path: string, extra: { chunkSize?: number } = {}) =>
  importFlowFile(store, () => openFlowFile(path, TEST_LIMITS), { channel: 'cli', ...extra });

describe.each(TEST_DATABASES)('importing flow files on $name', (target) => {
  let database: Database;
  let store: PostgresEventStore;
  beforeAll(async () => {
    database = await target.open();
    store = eventStoreOn(database);
  });
  afterAll(async () => {
    await store.close();
    await database.close();
  });

  it('imports every valid sample: FileReceived, one ReadingRecorded per 250 in file order, FileImported', async () => {
    for (const expected of EXPECTED) {
      const result = await importPath(store, samplePath(expected.file));
      expect(result).toMatchObject({ status: 'imported', records: expected.n250, errors: [] });
      const events = await streamOf(store, result.sha256 ?? '');
      expect(events.map((e) => e.type)).toEqual([
        'FileReceived',
        ...Array<string>(expected.n250).fill('ReadingRecorded'),
        'FileImported',
      ]);
      const readings = events.filter((e) => e.type === 'ReadingRecorded').map((e) => parseFileEvent(e));
      expect(
        readings.map((e) =>
          e.type === 'ReadingRecorded' ? [e.data.fields.nmi, e.data.fields.currentRead, e.data.fields.quantity] : [],
        ),
      ).toEqual(expected.records.map((r) => [r.nmi, r.cur_read, r.quantity]));
      const received = parseFileEvent(events[0]!);
      expect(received.type === 'FileReceived' && received.data).toMatchObject({
        fileId: result.sha256,
        fileName: expected.file.split('/').at(-1),
        channel: 'cli',
        header: { fromParticipant: expected.header[3], toParticipant: expected.header[4] },
      });
      expect(events.every((e) => e.metadata.sourceLine !== undefined)).toBe(true);
      expectDigestOfEarlierEvents(events);
    }
  });

  it('reports a re-import as duplicate and appends nothing', async () => {
    const path = samplePath('challenge-sample.csv');
    const first = await importPath(store, path);
    const before = await store.headPosition();
    const again = await importPath(store, path);
    expect(again).toMatchObject({ status: 'duplicate', records: 10, sha256: first.sha256 });
    expect(await store.headPosition()).toBe(before);
    const zipped = await importPath(store, samplePath('zipped/NEM13#000000000000011#CNRGYMDP#NEMMCO.zip'));
    expect(zipped.status).toBe('duplicate');
  });

  it('rejects an invalid file with FileRejected and no ReadingRecorded', async () => {
    for (const [name, line, code] of [
      ['malformed/handcopied-spec-example-nem13-meter-change.csv', 4, 'NEM13_BAD_NUMBER'],
    ] as const) {
      const result = await importPath(store, samplePath(name));
      expect(result.status).toBe('rejected');
      expect(result.records).toBe(0);
      const events = await streamOf(store, result.sha256 ?? '');
      expect(events.map((e) => e.type)).toEqual(['FileReceived', 'FileRejected']);
      const rejected = parseFileEvent(events[1]!);
      expect(rejected.type === 'FileRejected' && rejected.data.errors[0]).toMatchObject({ line, code });
      expectDigestOfEarlierEvents(events);
      expect((await importPath(store, samplePath(name))).status).toBe('duplicate');
    }
  });

  it('resumes a stream left without its closing event and ends with one event per reading', async () => {
    const path = join(work, `resume-${target.name}.csv`);
    await writeNem13File(path, 6, { seed: 11 });
    // A store that dies after two appends, like a process killed mid-import.
    let appends = 0;
    const dying: EventStore = {
      kind: store.kind,
      lastEvent: (s) => store.lastEvent(s),
      readStream: (s, o) => store.readStream(s, o),
      readAll: (o) => store.readAll(o),
      headPosition: () => store.headPosition(),
      close: () => store.close(),
      append: async (s: string, events: readonly NewEvent[], expected) => {
        if (++appends > 2) throw new Error('killed');
        return store.append(s, events, expected);
      },
    };
    await expect(importPath(dying, path, { chunkSize: 2 })).rejects.toThrow('killed');
    const partial = await importPath(store, path, { chunkSize: 2 });
    expect(partial).toMatchObject({ status: 'imported', records: 6 });
    const events = await streamOf(store, partial.sha256 ?? '');
    expect(events.map((e) => e.type)).toEqual([
      'FileReceived',
      ...Array<string>(6).fill('ReadingRecorded'),
      'FileImported',
    ]);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    // Generated files put a 550 after every third 250.
    expect(events.slice(1, 7).map((e) => e.metadata.sourceLine)).toEqual([2, 3, 4, 6, 7, 8]);
    // The digest covers the events the dead import appended, read back, and those appended after.
    expectDigestOfEarlierEvents(events);
  });

  it.each([
    {
      format: 'NEM13',
      recordEvent: 'ReadingRecorded',
      write: (path: string) => writeNem13File(path, 4, { seed: 12 }),
    },
    {
      format: 'NEM12',
      recordEvent: 'IntervalDayRecorded',
      // One NMI of two channels, two days each.
      write: (path: string) => writeNem12File(path, { nmis: 1, days: 2, channels: 2, seed: 12 }),
    },
  ])('lets two imports of the same $format file race and keeps one copy of its events', async (format) => {
    const path = join(work, `race-${target.name}-${format.format}.csv`);
    await format.write(path);
    const results = await Promise.all([
      importPath(store, path, { chunkSize: 1 }),
      importPath(store, path, { chunkSize: 1 }),
    ]);
    // Each reports the file as imported or as a duplicate (the appends of both are the same events, so
    // the later one may land as an idempotent retry); either way the stream holds one copy.
    expect(results.map((r) => r.status)).toContain('imported');
    for (const result of results) expect(['imported', 'duplicate']).toContain(result.status);
    const events = await streamOf(store, results[0].sha256 ?? '');
    expect(events.map((e) => e.type)).toEqual([
      'FileReceived',
      ...Array<string>(4).fill(format.recordEvent),
      'FileImported',
    ]);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(results.every((r) => r.records === 4)).toBe(true);
    expectDigestOfEarlierEvents(events);
  });

  describe('keeping originals', () => {
    let originals: DatabaseOriginalsArchive;
    beforeAll(() => {
      originals = new DatabaseOriginalsArchive(database.pool, 1024 * 1024);
    });
    const keeping = (path: string, archive: OriginalsArchive = originals) =>
      importFlowFile(store, () => openFlowFile(path, TEST_LIMITS), { channel: 'cli', originals: archive });

    it('keeps the content each id is the SHA-256 of: as sent, decompressed from gzip and zip', async () => {
      const plain = join(work, `original-${target.name}.csv`);
      await writeNem13File(plain, 30, { seed: 21 });
      await pipeline(createReadStream(plain), createGzip(), createWriteStream(`${plain}.gz`));
      const sent = await readFile(plain);
      for (const path of [`${plain}.gz`, plain]) {
        const result = await keeping(path);
        expect(await originals.describe(result.sha256 ?? '')).toMatchObject({ basis: 'content', size: sent.length });
      }
      const zipped = await keeping(samplePath('zipped/NEM13#000000000000012#CNRGYMDP#NEMMCO.zip'));
      const fromZip = await originals.read(zipped.sha256 ?? '');
      expect(sha256(await bytesOf(fromZip!))).toBe(zipped.sha256);
      expect(sha256(await bytesOf((await originals.read(sha256(sent)))!))).toBe(sha256(sent));
    });

    it('keeps a rejected file, and the bytes of a container that could not be read', async () => {
      const invalid = join(work, `invalid-${target.name}.csv`);
      await writeFile(invalid, `100,NEM13,200401101030,MDA1,Ret1\n250,${target.name}\n900\n`);
      const rejected = await keeping(invalid);
      expect(rejected.status).toBe('rejected');
      expect(await originals.describe(rejected.sha256 ?? '')).toMatchObject({ basis: 'content' });

      const broken = join(work, `broken-${target.name}.csv.gz`);
      await writeFile(broken, Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.from('not really gzip')]));
      const result = await keeping(broken);
      expect(result.status).toBe('rejected');
      expect(await originals.describe(result.sha256 ?? '')).toMatchObject({ basis: 'raw', size: 19 });
      expect(sha256(await bytesOf((await originals.read(result.sha256 ?? ''))!))).toBe(result.sha256);
    });

    it('imports a file larger than the limit without keeping it, and keeps nothing of a refused file', async () => {
      const large = join(work, `large-original-${target.name}.csv`);
      await writeNem13File(large, 2000, { seed: 22 });
      const small = new DatabaseOriginalsArchive(database.pool, 10_000);
      const result = await keeping(large, small);
      expect(result).toMatchObject({ status: 'imported', records: 2000 });
      expect(await small.describe(result.sha256 ?? '')).toBeNull();

      const bomb = join(work, `bomb-${target.name}.csv.gz`);
      await writeFile(bomb, gzipSync(Buffer.alloc(100_001, 0x41)));
      const before = await database.pool.oneFirst(sql.type(z.object({ n: z.number() }))`
        SELECT count(*)::int AS n FROM nem_originals`);
      const refused = await importFlowFile(store, () => openFlowFile(bomb, { maxContentBytes: 100_000 }), {
        channel: 'cli',
        originals,
      });
      expect(refused.status).toBe('refused');
      expect(
        await database.pool.oneFirst(
          sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM nem_originals`,
        ),
      ).toBe(before);
    });

    it('keeps the original before the first event, so a crash between them leaves both to the next run', async () => {
      const path = join(work, `crash-original-${target.name}.csv`);
      await writeNem13File(path, 5, { seed: 23 });
      const dead: EventStore = {
        kind: store.kind,
        lastEvent: (s) => store.lastEvent(s),
        readStream: (s, o) => store.readStream(s, o),
        readAll: (o) => store.readAll(o),
        headPosition: () => store.headPosition(),
        close: () => store.close(),
        append: () => Promise.reject(new Error('killed')),
      };
      await expect(
        importFlowFile(dead, () => openFlowFile(path, TEST_LIMITS), { channel: 'cli', originals }),
      ).rejects.toThrow('killed');
      const id = sha256(await readFile(path));
      expect(await originals.describe(id)).not.toBeNull();
      expect(await storedFileStream(store, id)).toBeNull();
      expect((await keeping(path)).status).toBe('imported');
    });
  });
});
