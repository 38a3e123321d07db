import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../event-store/event-store.js';
import { readNem13 } from '../nem13/reader.js';
import type { RegisterRead } from '../nem13/records.js';
import { bytesOf, nem13File, record250, record550 } from '../nem13/nem13.fixtures.js';
import { IMPORTER, parseFileEvent, readingRecorded, UnknownEventVersionError } from './file-events.js';

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
      expect(parseFileEvent(v1)).toEqual({ type: 'ReadingRecorded', data: v2.data });
      expect(parseFileEvent(stored(v2))).toEqual({ type: 'ReadingRecorded', data: v2.data });
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
