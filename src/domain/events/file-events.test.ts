import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../event-store/event-store.js';
import { readNem13, validateNem13 } from '../nem13/reader.js';
import type { RegisterRead } from '../nem13/records.js';
import { fromNem13Summary, type FlowSummary } from '../flow-summary.js';
import { bytesOf, nem13File, record250, record550 } from '../nem13/nem13.fixtures.js';
import { readNem12 } from '../nem12/reader.js';
import type { IntervalDay } from '../nem12/records.js';
import { nem12File, record200, record300, record400, record500 } from '../nem12/nem12.fixtures.js';
import { decodeReading, type StoredReading } from './reading-recorded.js';
import {
  fileImported,
  fileRejected,
  IMPORTER,
  intervalDayRecorded,
  parseFileEvent,
  readingRecorded,
  UnknownEventVersionError,
} from './file-events.js';
import {
  intervalDayFacts,
  IntervalDayRecordedData,
  intervalLengthOf,
  intervalValuesOf,
} from './interval-day-recorded.js';

const FILE_ID = 'a'.repeat(64);

async function readsOf(text: string): Promise<RegisterRead[]> {
  const reads: RegisterRead[] = [];
  for await (const item of readNem13(bytesOf(text))) if (item.kind === 'registerRead') reads.push(item.read);
  return reads;
}

function stored(event: { id: string; type: string; data: object; metadata: object }, revision = 1): RecordedEvent {
  return {
    ...event,
    data: event.data as Record<string, unknown>,
    metadata: event.metadata as Record<string, unknown>,
    streamName: `nem13File-${FILE_ID}`,
    revision,
    position: 41n,
    recordedAt: '2026-11-30T00:00:00Z',
  };
}

describe('ReadingRecorded schema versions', () => {
  it('writes v2: the fields as the reader accepted them, the 550 beside, the line in the metadata', async () => {
    const [read] = await readsOf(nem13File(record250({ UpdateDateTime: ' 20040108100333' }), record550()));
    const event = readingRecorded(FILE_ID, read!);
    expect(event.metadata).toEqual({ schemaVersion: 2, sourceLine: 2 });
    expect(event.data).toEqual({
      fields: record250().split(',').slice(1),
      b2b: { line: 3, fields: ['N', '', 'E', ''] },
    });
  });

  it('upcasts a v1 event to exactly the v2 one of the same read', async () => {
    const reads = await readsOf(
      nem13File(record250({ UpdateDateTime: ' 20040108100333' }), record550(), record250({ RegisterID: '2' })),
    );
    for (const read of reads) {
      const v2 = readingRecorded(FILE_ID, read);
      const v1 = stored({
        id: v2.id,
        type: 'ReadingRecorded',
        data: { ...read, fileId: FILE_ID },
        metadata: { schemaVersion: 1, channel: 'cli', sourceLine: read.line, importer: IMPORTER },
      });
      const named = decodeReading(v2.data as StoredReading);
      expect(parseFileEvent(v1)).toEqual({ type: 'ReadingRecorded', data: named });
      expect(parseFileEvent(stored(v2))).toEqual({ type: 'ReadingRecorded', data: named });
    }
  });

  it('refuses a version it does not know, naming the event', async () => {
    const [read] = await readsOf(nem13File(record250()));
    const v3 = readingRecorded(FILE_ID, read!);
    const event = stored({ ...v3, metadata: { ...v3.metadata, schemaVersion: 3 } }, 7);
    expect(() => parseFileEvent(event)).toThrow(UnknownEventVersionError);
    expect(() => parseFileEvent(event)).toThrow(
      `event ${v3.id} (ReadingRecorded, nem13File-${FILE_ID} revision 7, position 41) has schema version 3`,
    );
    const received = stored({ id: 'x', type: 'FileReceived', data: {}, metadata: { schemaVersion: 9 } }, 0);
    expect(() => parseFileEvent(received)).toThrow(UnknownEventVersionError);
  });
});

describe('closing events carry the stream digest from schema version 2', () => {
  const summary = async (text: string): Promise<FlowSummary> => fromNem13Summary(await validateNem13(bytesOf(text)));
  const DIGEST = 'b'.repeat(64);
  const withoutDigest = (data: object) =>
    Object.fromEntries(Object.entries(data).filter(([key]) => key !== 'earlierEventsSha256'));

  it('writes FileImported and FileRejected v2 with the digest of the events before them', async () => {
    const imported = fileImported(FILE_ID, await summary(nem13File(record250())), 'cli', DIGEST);
    expect(imported.metadata).toMatchObject({ schemaVersion: 2 });
    expect(parseFileEvent(stored(imported, 2))).toMatchObject({
      type: 'FileImported',
      data: { counts: { registerReads: 1 }, earlierEventsSha256: DIGEST },
    });
    const rejected = fileRejected(FILE_ID, await summary(nem13File(record250({ NMI: '' }))), 'api', DIGEST);
    expect(rejected.metadata).toMatchObject({ schemaVersion: 2 });
    expect(parseFileEvent(stored(rejected, 1))).toMatchObject({
      type: 'FileRejected',
      data: { earlierEventsSha256: DIGEST },
    });
  });

  it('reads version 1 events, written before the digest, with a null digest', async () => {
    const imported = fileImported(FILE_ID, await summary(nem13File(record250())), 'cli', DIGEST);
    const v1Data = withoutDigest(imported.data);
    const v1 = stored({ ...imported, data: v1Data, metadata: { ...imported.metadata, schemaVersion: 1 } }, 2);
    expect(parseFileEvent(v1)).toEqual({ type: 'FileImported', data: { ...v1Data, earlierEventsSha256: null } });
    const unversioned = stored({ ...imported, data: v1Data, metadata: { sourceLine: 0 } }, 2);
    expect(parseFileEvent(unversioned)).toMatchObject({ data: { earlierEventsSha256: null } });
  });

  it('refuses a version 2 closing event without its digest', async () => {
    const imported = fileImported(FILE_ID, await summary(nem13File(record250())), 'cli', DIGEST);
    const v1Data = withoutDigest(imported.data);
    expect(() => parseFileEvent(stored({ ...imported, data: v1Data }, 2))).toThrow(/earlierEventsSha256/);
  });
});

describe('IntervalDayRecorded schema versions', () => {
  const text = nem12File(
    record200(),
    record300(),
    record300({ IntervalDate: '20040202', QualityMethod: 'V' }),
    record400({ EndInterval: '20', QualityMethod: 'F14', ReasonCode: '76' }),
    record400({ StartInterval: '21', QualityMethod: 'S14', ReasonCode: '0', ReasonDescription: 'meter swap' }),
    record500(),
    record300({ IntervalDate: '20040203', QualityMethod: 'S14', ReasonCode: '1', UpdateDateTime: '' }),
  );
  async function daysOf(): Promise<IntervalDay[]> {
    const days: IntervalDay[] = [];
    for await (const item of readNem12(bytesOf(text))) if (item.kind === 'intervalDay') days.push(item.day);
    return days;
  }

  it('writes v2: each fact once and only when the file gave it, the values as one string', async () => {
    const [plain, v, substituted] = await daysOf();
    const event = intervalDayRecorded(FILE_ID, plain!);
    expect(event.metadata).toEqual({ schemaVersion: 2, sourceLine: 3 });
    expect(event.data).toEqual({
      nmi: 'VABD000163',
      nmiSuffix: 'E1',
      registerId: '1',
      meterSerialNumber: 'METSER123',
      uom: 'kWh',
      intervalDate: '20040201',
      values: Array<string>(48).fill('1111').join(','),
      valueScale: 3,
      quality: 'A',
      updatedAt: '20040202120025',
    });
    expect(intervalValuesOf(IntervalDayRecordedData.parse(event.data))).toEqual(Array<string>(48).fill('1.111'));
    expect(intervalLengthOf(IntervalDayRecordedData.parse(event.data))).toBe(30);
    expect(intervalDayRecorded(FILE_ID, v!).data).toMatchObject({
      quality: 'V',
      intervalQuality: [
        { from: 1, to: 20, quality: 'F14', reasonCode: 76 },
        { from: 21, to: 48, quality: 'S14', reasonCode: 0, reasonDescription: 'meter swap' },
      ],
      b2b: [{ transactionCode: 'O', retailerServiceOrder: 'S01009', readAt: '20040201120000' }],
    });
    const lean = intervalDayRecorded(FILE_ID, substituted!).data;
    expect(lean).toMatchObject({ quality: 'S14', reasonCode: 1 });
    expect(Object.keys(lean)).not.toContain('updatedAt');
    expect(Object.keys(lean)).not.toContain('reasonDescription');
    expect(Object.keys(lean)).not.toContain('b2b');
  });

  it('upcasts a v1 event (every member, nulls included) to exactly the v2 one of the same day', async () => {
    for (const day of await daysOf()) {
      const v2 = intervalDayRecorded(FILE_ID, day);
      const v1 = stored({
        id: v2.id,
        type: 'IntervalDayRecorded',
        data: intervalDayFacts(day),
        metadata: { schemaVersion: 1, sourceLine: day.line },
      });
      expect(v1.data).toMatchObject({ intervalLength: 30, msatsLoadedAt: null });
      expect(parseFileEvent(v1)).toEqual({ type: 'IntervalDayRecorded', data: v2.data });
      expect(parseFileEvent(stored(v2))).toEqual({ type: 'IntervalDayRecorded', data: v2.data });
    }
  });

  it('writes the digits alone with valueScale when every value has the same places, else the decimals', async () => {
    const values = (first: string) => [first, ...Array<string>(47).fill('0.5')].join(',');
    const day = async (line: string) => {
      for await (const item of readNem12(bytesOf(nem12File(record200(), line)))) {
        if (item.kind === 'intervalDay')
          return IntervalDayRecordedData.parse(intervalDayRecorded(FILE_ID, item.day).data);
      }
      throw new Error('no day');
    };
    const fields = (first: string) => record300().replace(/(?<=^300,\d{8},)(?:[^,]*,){47}[^,]*/, values(first));
    const shared = await day(fields('0012.5'));
    expect(shared).toMatchObject({ values: ['125', ...Array<string>(47).fill('5')].join(','), valueScale: 1 });
    expect(intervalValuesOf(shared)).toEqual(['12.5', ...Array<string>(47).fill('0.5')]);
    const zeros = await day(fields('0.0'));
    expect(intervalValuesOf(zeros)[0]).toBe('0.0');
    const mixed = await day(fields('3.25'));
    expect(mixed).toMatchObject({ values: values('3.25') });
    expect(mixed.valueScale).toBeUndefined();
    const whole = await day(fields('7').replaceAll(',0.5', ',4'));
    expect(whole.valueScale).toBeUndefined();
    expect(intervalValuesOf(whole)).toEqual(['7', ...Array<string>(47).fill('4')]);
  });

  it('refuses v2 values that are not exact decimals joined by commas, and version 3', async () => {
    const [day] = await daysOf();
    const v2 = intervalDayRecorded(FILE_ID, day!);
    const withValues = (values: string) => stored({ ...v2, data: { ...v2.data, values } });
    expect(() => parseFileEvent(withValues('1.5,,2'))).toThrow(/exact decimals/);
    expect(() => parseFileEvent(withValues(Array<string>(47).fill('1').join(',')))).toThrow(/48, 96 or 288/);
    expect(() => parseFileEvent(withValues(Array<string>(48).fill('01').join(',')))).toThrow(/no leading zero/);
    const v3 = stored({ ...v2, metadata: { ...v2.metadata, schemaVersion: 3 } });
    expect(() => parseFileEvent(v3)).toThrow(UnknownEventVersionError);
  });
});
