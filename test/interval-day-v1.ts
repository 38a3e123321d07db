/**
 * Streams as nem wrote them before IntervalDayRecorded v2: a store that stores each IntervalDayRecorded
 * as schema version 1 (every member, nulls and empty lists included, the values as an array, the
 * interval length beside them) and closes the stream with the digest of the events as stored, as the
 * importer of that time did. For tests of the upcast and of a stream written across versions.
 */
import type { EventStore, NewEvent } from '../src/domain/event-store/event-store.js';
import {
  intervalLengthOf,
  intervalValuesOf,
  IntervalDayRecordedData,
  type IntervalDayRecordedV1Data,
} from '../src/domain/events/interval-day-recorded.js';
import { streamDigestOf } from '../src/domain/events/stream-digest.js';
import type { RecordedEvent } from '../src/domain/event-store/event-store.js';
import { createSha256 } from '../src/application/sha256.js';

/** The version 1 data of a day: v2's facts with every member present (the inverse of the upcast). */
export function intervalDayV1(v2: IntervalDayRecordedData): IntervalDayRecordedV1Data {
  return {
    nmi: v2.nmi,
    nmiSuffix: v2.nmiSuffix,
    registerId: v2.registerId ?? null,
    meterSerialNumber: v2.meterSerialNumber ?? null,
    uom: v2.uom,
    intervalLength: intervalLengthOf(v2),
    intervalDate: v2.intervalDate,
    values: intervalValuesOf(v2),
    quality: v2.quality,
    reasonCode: v2.reasonCode ?? null,
    reasonDescription: v2.reasonDescription ?? null,
    updatedAt: v2.updatedAt ?? null,
    msatsLoadedAt: v2.msatsLoadedAt ?? null,
    intervalQuality:
      v2.intervalQuality?.map((run) => ({
        from: run.from,
        to: run.to,
        quality: run.quality,
        reasonCode: run.reasonCode ?? null,
        reasonDescription: run.reasonDescription ?? null,
      })) ?? null,
    b2b: (v2.b2b ?? []).map((b2b) => ({
      transactionCode: b2b.transactionCode,
      retailerServiceOrder: b2b.retailerServiceOrder ?? null,
      readAt: b2b.readAt ?? null,
      indexRead: b2b.indexRead ?? null,
    })),
  };
}

async function storedStream(store: EventStore, stream: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(stream)) events.push(event);
  return events;
}

export interface Version1WriterOptions {
  /** Appends after which the store fails, like a process killed mid-import. */
  readonly dieAfterAppends?: number;
}

/** `store`, appending IntervalDayRecorded as schema version 1 (see the module's comment). */
export function writingVersion1(store: EventStore, options: Version1WriterOptions = {}): EventStore {
  let appends = 0;
  const asV1 = async (stream: string, event: NewEvent): Promise<NewEvent> => {
    if (event.type === 'IntervalDayRecorded') {
      return {
        ...event,
        data: intervalDayV1(IntervalDayRecordedData.parse(event.data)),
        metadata: { ...event.metadata, schemaVersion: 1 },
      };
    }
    if (event.type === 'FileImported' || event.type === 'FileRejected') {
      const digest = streamDigestOf(await storedStream(store, stream), createSha256());
      return { ...event, data: { ...event.data, earlierEventsSha256: digest } };
    }
    return event;
  };
  return {
    kind: store.kind,
    lastEvent: (stream) => store.lastEvent(stream),
    readStream: (stream, o) => store.readStream(stream, o),
    readAll: (o) => store.readAll(o),
    headPosition: () => store.headPosition(),
    close: () => store.close(),
    append: async (stream, events, expected) => {
      if (options.dieAfterAppends !== undefined && ++appends > options.dieAfterAppends) throw new Error('killed');
      const written: NewEvent[] = [];
      for (const event of events) written.push(await asV1(stream, event));
      return store.append(stream, written, expected);
    },
  };
}
