/**
 * What an auditor reads through the API: the stored events of a file (imported or rejected), a page at a
 * time, and the history of a register read that files sent three times, each version with the event
 * that brought it and why it ranks where it does.
 */
import { createHash } from 'node:crypto';
import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileEventId } from '../domain/events/event-ids.js';
import { CURRENT_SCHEMA_VERSIONS } from '../domain/events/file-events.js';
import { nem13File, record250 } from '../domain/nem13/nem13.fixtures.js';
import type { Database } from '../infrastructure/db/database.js';
import { body, multipart, signIn, testApi, type SignedIn, type TestApi } from '../../test/api.js';
import { TEST_DATABASES } from '../../test/databases.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** One register read sent three times: first, corrected (newer UpdateDateTime), corrected again (same one). */
const FIRST = nem13File(record250());
const CORRECTED = nem13File(
  record250({ NMI: 'VABC005891' }),
  record250({ CurrentRegisterRead: '007660.0', Quantity: '1317.2', UpdateDateTime: '20040201120000' }),
);
const CORRECTED_AGAIN = nem13File(
  record250({ CurrentRegisterRead: '007661.0', Quantity: '1318.2', UpdateDateTime: '20040201120000' }),
);
const REJECTED = nem13File(record250({ Quantity: '8. 77' }));
const KEY = 'nmi=VABC005890&nmiSuffix=11&registerId=1&meterSerial=METSER123&currentReadAt=2004-01-07T10:03:33%2B10:00';

interface StoredEvent {
  streamName: string;
  revision: number;
  position: string;
  eventId: string;
  type: string;
  recordedAt: string;
  schemaVersion: number | null;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}
interface EventPage {
  fileId: string;
  fileName: string | null;
  streamName: string;
  events: number;
  items: StoredEvent[];
  nextCursor: string | null;
}
interface History {
  key: Record<string, string>;
  versions: Array<{
    rank: number;
    inForce: boolean;
    decidedBy: string;
    reason: string;
    reading: { fileName: string; line: number; currentRead: string; superseded: boolean };
    event: { streamName: string; revision: number; position: string; eventId: string; recordedAt: string } | null;
  }>;
}

describe.each(TEST_DATABASES)('file events and reading history on $name', (target) => {
  let database: Database;
  let api: TestApi;
  let viewer: SignedIn;
  const get = (url: string, who: SignedIn | null = viewer) =>
    api.app.inject({ method: 'GET', url, ...(who === null ? {} : { cookies: who.cookies }) });
  let admin: SignedIn;
  const upload = async (files: Array<{ name: string; content: string }>): Promise<string[]> => {
    const form = multipart(files);
    const uploaded = await api.app.inject({
      method: 'POST',
      url: '/api/files',
      cookies: admin.cookies,
      headers: { ...form.headers, 'x-csrf-token': admin.csrfToken },
      payload: form.payload,
    });
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    return body<{ results: Array<{ status: string }> }>(uploaded).results.map((r) => r.status);
  };
  const history = async (key = KEY): Promise<History> => {
    const response = await get(`/api/readings/history?${key}`);
    expect(response.statusCode, response.body).toBe(200);
    return body<History>(response);
  };
  const events = async (file: string, query = ''): Promise<EventPage> => {
    const response = await get(`/api/files/${encodeURIComponent(file)}/events${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return body<EventPage>(response);
  };

  beforeAll(async () => {
    database = await target.open();
    api = await testApi(database);
    admin = await signIn(api.app, 'admin');
    viewer = await signIn(api.app, 'viewer');
    expect(
      await upload([
        { name: 'first.csv', content: FIRST },
        { name: 'corrected.csv', content: CORRECTED },
        { name: 'rejected.csv', content: REJECTED },
      ]),
    ).toEqual(['imported', 'imported', 'rejected']);
  });
  afterAll(async () => {
    await api.close();
    await database.close();
  });

  it("lists an imported file's events as stored, to a viewer, in stream order", async () => {
    const id = sha256(CORRECTED);
    const page = await events('corrected.csv');
    expect(page).toMatchObject({ fileId: id, fileName: 'corrected.csv', streamName: `nem13File-${id}`, events: 4 });
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((e) => [e.revision, e.type, e.schemaVersion, e.metadata.sourceLine])).toEqual([
      [0, 'FileReceived', CURRENT_SCHEMA_VERSIONS.FileReceived, 0],
      [1, 'ReadingRecorded', CURRENT_SCHEMA_VERSIONS.ReadingRecorded, 2],
      [2, 'ReadingRecorded', CURRENT_SCHEMA_VERSIONS.ReadingRecorded, 3],
      [3, 'FileImported', CURRENT_SCHEMA_VERSIONS.FileImported, 0],
    ]);
    expect(page.items.map((e) => e.eventId)).toEqual([
      fileEventId(id, 'FileReceived', 0),
      fileEventId(id, 'ReadingRecorded', 2),
      fileEventId(id, 'ReadingRecorded', 3),
      fileEventId(id, 'FileImported', 0),
    ]);
    const positions = page.items.map((e) => BigInt(e.position));
    expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
    expect(new Set(positions).size).toBe(4);
    for (const event of page.items) {
      expect(event.streamName).toBe(`nem13File-${id}`);
      expect(event.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+10:00$/);
    }
    // The data as stored: the 250's fields as sent, and the file's facts.
    expect((page.items[2]?.data.fields as string[]).slice(12, 14)).toEqual(['007660.0', '20040107100333']);
    expect(page.items[0]?.data).toMatchObject({ fileId: id, fileName: 'corrected.csv', channel: 'api' });
    expect(page.items[3]?.data).toMatchObject({ counts: { registerReads: 2 } });
    // The same by the whole SHA-256, its start and the stream name.
    expect((await events(id)).items).toEqual(page.items);
    expect((await events(id.slice(0, 10))).items).toEqual(page.items);
    expect((await events(`nem13File-${id}`)).items).toEqual(page.items);
  });

  it("lists a rejected file's events: received, then rejected with its errors", async () => {
    const page = await events('rejected.csv');
    expect(page.items.map((e) => e.type)).toEqual(['FileReceived', 'FileRejected']);
    expect(page.items[1]?.data).toMatchObject({
      errorCount: 1,
      errors: [expect.objectContaining({ line: 2, field: 'Quantity', code: 'NEM13_BAD_NUMBER' })],
    });
  });

  it('pages by keyset: the pages together are the whole stream, and a forged cursor is refused', async () => {
    const whole = await events('corrected.csv');
    const first = await events('corrected.csv', '?limit=3');
    expect(first.items.map((e) => e.revision)).toEqual([0, 1, 2]);
    expect(first.nextCursor).not.toBeNull();
    const second = await events('corrected.csv', `?limit=3&cursor=${first.nextCursor ?? ''}`);
    expect(second.items.map((e) => e.revision)).toEqual([3]);
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items]).toEqual(whole.items);
    const forged = Buffer.from(JSON.stringify(['revision', -1])).toString('base64url');
    const refused = await get(`/api/files/corrected.csv/events?cursor=${forged}`);
    expect(refused.statusCode).toBe(400);
    expect(body<{ code: string }>(refused).code).toBe('BAD_CURSOR');
  });

  it('answers 404 for a file it does not know, and 401 without an identity', async () => {
    for (const unknown of ['nothing.csv', 'f'.repeat(64), `nem13File-${'e'.repeat(64)}`]) {
      const response = await get(`/api/files/${unknown}/events`);
      expect(response.statusCode, unknown).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(body<{ code: string }>(response).code).toBe('NOT_FOUND');
    }
    expect((await get('/api/files/corrected.csv/events', null)).statusCode).toBe(401);
  });

  it('gives the history of a corrected read: the newer UpdateDateTime won, each version with its event', async () => {
    const corrected = await history();
    expect(corrected.key).toEqual({
      nmi: 'VABC005890',
      nmiSuffix: '11',
      registerId: '1',
      meterSerial: 'METSER123',
      currentReadAt: '2004-01-07T10:03:33+10:00',
    });
    expect(
      corrected.versions.map((v) => [
        v.rank,
        v.inForce,
        v.reading.fileName,
        v.reading.currentRead,
        v.decidedBy,
        v.reason,
      ]),
    ).toEqual([
      [
        1,
        true,
        'corrected.csv',
        '007660.0',
        'updateDateTime',
        'newer UpdateDateTime (2004-02-01 12:00:00 +10:00 against 2004-01-08 10:03:33 +10:00)',
      ],
      [2, false, 'first.csv', '007654.9', 'updateDateTime', 'older UpdateDateTime than the version in force'],
    ]);
  });

  it('ranks a third version with the same UpdateDateTime, imported later, first: and names every event', async () => {
    expect(await upload([{ name: 'corrected-again.csv', content: CORRECTED_AGAIN }])).toEqual(['imported']);
    const again = await history();
    expect(again.versions.map((v) => [v.rank, v.inForce, v.reading.fileName, v.decidedBy, v.reason])).toEqual([
      [1, true, 'corrected-again.csv', 'importOrder', 'same UpdateDateTime, imported later'],
      [2, false, 'corrected.csv', 'importOrder', 'same UpdateDateTime as the version in force, imported earlier'],
      [3, false, 'first.csv', 'updateDateTime', 'older UpdateDateTime than the version in force'],
    ]);
    // The read model agrees on which is in force.
    expect(again.versions.map((v) => v.reading.superseded)).toEqual([false, true, true]);
    // Each event is the one the file's stream holds: the corrected read is its file's second reading.
    for (const [file, revision] of [
      ['corrected-again.csv', 1],
      ['corrected.csv', 2],
      ['first.csv', 1],
    ] as const) {
      const version = again.versions.find((v) => v.reading.fileName === file);
      const stored = (await events(file)).items.find((e) => e.revision === revision);
      expect(stored?.type).toBe('ReadingRecorded');
      expect(version?.event).toEqual({
        streamName: stored?.streamName,
        revision,
        position: stored?.position,
        eventId: stored?.eventId,
        recordedAt: stored?.recordedAt,
      });
    }
  });

  it('answers 404 for a read no file sent, and 401 without an identity', async () => {
    const missing = await get(`/api/readings/history?${KEY.replace('10:03:33', '10:03:34')}`);
    expect(missing.statusCode).toBe(404);
    expect(body<{ code: string }>(missing).code).toBe('NOT_FOUND');
    expect((await get(`/api/readings/history?${KEY}`, null)).statusCode).toBe(401);
  });

  it('gives no event for a version where the read model and the store disagree, rather than the wrong one', async () => {
    // The read model loses the first reading of corrected.csv: its second now seems to be at revision 1,
    // where the store holds the event of line 2.
    await database.pool.query(sql.unsafe`
      DELETE FROM register_reads
      WHERE import_position = (SELECT closed_position FROM files WHERE file_id = ${sha256(CORRECTED)}) AND line = 2`);
    const versions = (await history()).versions;
    expect(versions.map((v) => [v.reading.fileName, v.event === null])).toEqual([
      ['corrected-again.csv', false],
      ['corrected.csv', true],
      ['first.csv', false],
    ]);
  });
});
