/**
 * The contract every event-store adapter passes, unchanged. Store quirks are options, never branches
 * on the adapter's name. Imported by each adapter's *.int.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WrongExpectedRevisionError, type EventStore, type NewEvent, type RecordedEvent } from './event-store.js';

export interface EventStoreContractSubject {
  readonly store: EventStore;
  /** Another store instance on the same data, when the adapter can have several (separate connections). */
  readonly second?: EventStore;
  readonly dispose: () => Promise<void>;
}

function event(type = 'Tested', data: Record<string, unknown> = {}): NewEvent {
  return { id: randomUUID(), type, data: { ...data }, metadata: { by: 'contract' } };
}

async function collect(iterable: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Reads every event after `after` whose stream starts with `prefix`, in batches. */
async function readAllOf(store: EventStore, prefix: string, after?: bigint): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  let position = after;
  for (;;) {
    const batch = await store.readAll({
      ...(position === undefined ? {} : { after: position }),
      maxCount: 500,
      streamPrefixes: [prefix],
    });
    out.push(...batch);
    const last = batch.at(-1);
    if (last === undefined) return out;
    position = last.position;
  }
}

export function eventStoreContract(name: string, open: () => Promise<EventStoreContractSubject>): void {
  describe(`event store contract: ${name}`, () => {
    let subject: EventStoreContractSubject;
    let store: EventStore;
    // Every test works in streams of its own, so the suite runs against a store that already has data.
    const run = randomUUID().replace(/-/g, '').slice(0, 12);
    const stream = (label: string) => `contract${run}-${label}`;

    beforeAll(async () => {
      subject = await open();
      store = subject.store;
    });
    afterAll(async () => {
      await subject.dispose();
    });

    it('appends and reads back events with their ids, types, data, metadata and revisions', async () => {
      const events = [
        event('First', { n: 1, text: 'ünïcode, "quotes"', decimal: '0000964.00' }),
        event('Second', { n: 2 }),
      ];
      const result = await store.append(stream('basic'), events, 'no_stream');
      expect(result.nextExpectedRevision).toBe(1);
      const read = await collect(store.readStream(stream('basic')));
      expect(read.map((e) => [e.id, e.type, e.data, e.metadata, e.revision, e.streamName])).toEqual([
        [events[0]?.id, 'First', events[0]?.data, events[0]?.metadata, 0, stream('basic')],
        [events[1]?.id, 'Second', events[1]?.data, events[1]?.metadata, 1, stream('basic')],
      ]);
      expect(read[1]!.position).toBeGreaterThan(read[0]!.position);
      expect(result.position).toBe(read[1]!.position);
      expect(Number.isNaN(Date.parse(read[0]!.recordedAt))).toBe(false);
      expect((await store.lastEvent(stream('basic')))?.id).toBe(events[1]?.id);
      const fromOne = await collect(store.readStream(stream('basic'), { fromRevision: 1 }));
      expect(fromOne.map((e) => e.revision)).toEqual([1]);
    });

    it('rejects an append to a new stream that expects it to exist', async () => {
      await expect(store.append(stream('new'), [event()], 0)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(store.append(stream('new'), [event()], 'stream_exists')).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      expect(await collect(store.readStream(stream('new')))).toEqual([]);
    });

    it('rejects an append to an existing stream with a stale revision, and no_stream on an existing one', async () => {
      await store.append(stream('existing'), [event(), event()], 'no_stream');
      const stale = store.append(stream('existing'), [event()], 0);
      await expect(stale).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(stale).rejects.toMatchObject({ streamName: stream('existing'), expected: 0 });
      await expect(store.append(stream('existing'), [event()], 'no_stream')).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      const ok = await store.append(stream('existing'), [event()], 1);
      expect(ok.nextExpectedRevision).toBe(2);
      expect((await store.append(stream('existing'), [event()], 'stream_exists')).nextExpectedRevision).toBe(3);
      expect((await store.append(stream('existing'), [event()], 'any')).nextExpectedRevision).toBe(4);
    });

    it('reads a missing stream as empty, with no last event', async () => {
      expect(await collect(store.readStream(stream('missing')))).toEqual([]);
      expect(await store.lastEvent(stream('missing'))).toBeNull();
    });

    it('keeps one global order across streams', async () => {
      const prefix = stream('order');
      const a1 = event('A1');
      const b1 = event('B1');
      const a2 = event('A2');
      await store.append(`${prefix}-a`, [a1], 'no_stream');
      await store.append(`${prefix}-b`, [b1], 'no_stream');
      await store.append(`${prefix}-a`, [a2], 0);
      const all = await readAllOf(store, prefix);
      expect(all.map((e) => e.id)).toEqual([a1.id, b1.id, a2.id]);
      expect(all.map((e) => e.position)).toEqual(
        [...all.map((e) => e.position)].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)),
      );
      const head = await store.headPosition();
      expect(head).not.toBeNull();
      expect(head! >= all.at(-1)!.position).toBe(true);
      const afterFirst = await readAllOf(store, prefix, all[0]!.position);
      expect(afterFirst.map((e) => e.id)).toEqual([b1.id, a2.id]);
    });

    it('never lets a reader catching up from a position miss an event appended concurrently', async () => {
      const prefix = stream('race');
      const writers = [store, subject.second ?? store];
      const appended: string[] = [];
      const seen: RecordedEvent[] = [];
      let checkpoint: bigint | undefined;
      const progress = { writing: true };
      const reader = (async () => {
        for (;;) {
          const done = !progress.writing;
          const batch = await store.readAll({
            ...(checkpoint === undefined ? {} : { after: checkpoint }),
            maxCount: 50,
            streamPrefixes: [prefix],
          });
          seen.push(...batch);
          if (batch.length > 0) checkpoint = batch.at(-1)!.position;
          if (done && batch.length === 0) return;
          if (batch.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
        }
      })();
      await Promise.all(
        Array.from({ length: 8 }, async (_, w) => {
          const writer = writers[w % writers.length]!;
          for (let i = 0; i < 10; i++) {
            const batch = [event('Raced', { w, i }), event('Raced', { w, i, second: true })];
            await writer.append(`${prefix}-${w}`, batch, i === 0 ? 'no_stream' : i * 2 - 1);
            appended.push(...batch.map((e) => e.id));
          }
        }),
      );
      progress.writing = false;
      await reader;
      expect(seen.map((e) => e.id).sort()).toEqual([...appended].sort());
      expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
      for (let i = 1; i < seen.length; i++) expect(seen[i]!.position > seen[i - 1]!.position).toBe(true);
    });

    it('appends a batch larger than 1 MiB and reads it back in order', async () => {
      const padding = 'x'.repeat(1024);
      const events = Array.from({ length: 1500 }, (_, i) => event('Big', { i, padding }));
      const result = await store.append(stream('big'), events, 'no_stream');
      expect(result.nextExpectedRevision).toBe(1499);
      const read = await collect(store.readStream(stream('big')));
      expect(read).toHaveLength(1500);
      expect(read.map((e) => e.data.i)).toEqual(events.map((_, i) => i));
    });

    it('treats the same events appended twice as one append', async () => {
      const events = [event('Once'), event('Once')];
      const first = await store.append(stream('idempotent'), events, 'no_stream');
      const again = await store.append(stream('idempotent'), events, 'no_stream');
      expect(again.nextExpectedRevision).toBe(first.nextExpectedRevision);
      const read = await collect(store.readStream(stream('idempotent')));
      expect(read.map((e) => e.id)).toEqual(events.map((e) => e.id));
    });

    it('filters reads of all streams by event type', async () => {
      const prefix = stream('types');
      await store.append(`${prefix}-a`, [event('Kept'), event('Dropped'), event('Kept'), event('Other')], 'no_stream');
      const kept = await store.readAll({ maxCount: 100, streamPrefixes: [prefix], types: ['Kept', 'Other'] });
      expect(kept.map((e) => e.type)).toEqual(['Kept', 'Kept', 'Other']);
    });

    it('filters reads of all streams by stream name prefix', async () => {
      const prefix = stream('prefix');
      await store.append(`${prefix}-mine`, [event('Mine')], 'no_stream');
      await store.append(`other${run}-theirs`, [event('Theirs')], 'no_stream');
      const mine = await readAllOf(store, prefix);
      expect(mine.map((e) => e.type)).toEqual(['Mine']);
    });

    it('reads the streams of several prefixes at once, in global order, and none of an empty list', async () => {
      const first = stream('first');
      const second = stream('second');
      await store.append(`${first}-a`, [event('A1')], 'no_stream');
      await store.append(`${second}-b`, [event('B1')], 'no_stream');
      await store.append(`${first}-a`, [event('A2')], 0);
      await store.append(`other${run}-c`, [event('C1')], 'no_stream');
      const both = await store.readAll({ maxCount: 100, streamPrefixes: [first, second] });
      expect(both.map((e) => e.type)).toEqual(['A1', 'B1', 'A2']);
      expect(await store.readAll({ maxCount: 100, streamPrefixes: [] })).toEqual([]);
    });
  });
}

async function* chunksOf(events: readonly NewEvent[], size: number): AsyncIterable<readonly NewEvent[]> {
  for (let i = 0; i < events.length; i += size) yield events.slice(i, i + size);
}

/** The contract of {@link EventStore.writeStream}, for the adapters that offer it (PostgreSQL, PGlite). */
export function wholeStreamContract(name: string, open: () => Promise<EventStoreContractSubject>): void {
  describe(`writing a stream whole: ${name}`, () => {
    let subject: EventStoreContractSubject;
    let store: EventStore & Required<Pick<EventStore, 'writeStream'>>;
    const run = randomUUID().replace(/-/g, '').slice(0, 12);
    const stream = (label: string) => `whole${run}-${label}`;

    beforeAll(async () => {
      subject = await open();
      const offered = subject.store;
      if (offered.writeStream === undefined) throw new Error(`${name} does not offer writeStream`);
      store = offered as typeof store;
    });
    afterAll(async () => {
      await subject.dispose();
    });

    it('stores every event in order, at consecutive positions, and appends go on after them', async () => {
      await store.append(stream('before'), [event()], 'no_stream');
      const events = Array.from({ length: 25 }, (_, i) => event('Whole', { i }));
      const written = await store.writeStream({ name: stream('a'), count: 25, chunks: chunksOf(events, 7) });
      const read = await collect(store.readStream(stream('a')));
      expect(read.map((e) => [e.id, e.revision, e.data.i])).toEqual(events.map((e, i) => [e.id, i, i]));
      const first = read[0]?.position ?? 0n;
      expect(read.map((e) => e.position)).toEqual(read.map((_, i) => first + BigInt(i)));
      expect(written).toEqual({ nextExpectedRevision: 24, position: first + 24n });
      expect(await store.headPosition()).toBe(first + 24n);
      const after = await store.append(stream('after'), [event()], 'no_stream');
      expect(after.position).toBeGreaterThan(first + 24n);
    });

    it('refuses a stream that exists, adding nothing to it', async () => {
      await store.append(stream('exists'), [event()], 'no_stream');
      await expect(
        store.writeStream({ name: stream('exists'), count: 1, chunks: chunksOf([event()], 1) }),
      ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect(await collect(store.readStream(stream('exists')))).toHaveLength(1);
    });

    it('stores nothing when its events fail part-way, or are more or fewer than announced', async () => {
      const events = Array.from({ length: 10 }, () => event());
      async function* failing(): AsyncIterable<readonly NewEvent[]> {
        yield events.slice(0, 5);
        throw new Error('the file changed');
      }
      await expect(store.writeStream({ name: stream('failing'), count: 10, chunks: failing() })).rejects.toThrow(
        'the file changed',
      );
      await expect(store.writeStream({ name: stream('more'), count: 9, chunks: chunksOf(events, 4) })).rejects.toThrow(
        /announced with 9 events/,
      );
      await expect(
        store.writeStream({ name: stream('fewer'), count: 11, chunks: chunksOf(events, 4) }),
      ).rejects.toThrow(/announced with 11 events and has 10/);
      for (const label of ['failing', 'more', 'fewer']) {
        expect(await store.lastEvent(stream(label))).toBeNull();
      }
      // Nothing half-written is in the way: the stream can be written afterwards.
      await store.writeStream({ name: stream('failing'), count: 10, chunks: chunksOf(events, 3) });
      expect(await collect(store.readStream(stream('failing')))).toHaveLength(10);
    });

    it('lets one of two writers of the same stream win; the other is told it exists', async () => {
      const writers = [subject.store, subject.second ?? subject.store].map((s) =>
        (s as typeof store).writeStream({
          name: stream('race'),
          count: 20,
          chunks: chunksOf(
            Array.from({ length: 20 }, () => event()),
            5,
          ),
        }),
      );
      const outcomes = await Promise.allSettled(writers);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const lost = outcomes.find((o) => o.status === 'rejected');
      expect(lost?.status === 'rejected' && lost.reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect(await collect(store.readStream(stream('race')))).toHaveLength(20);
    });
  });
}
