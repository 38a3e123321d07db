import { mkdtempSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'slonik';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeNem13File } from '../../bench/generate.js';
import { eventStoreOn, TEST_DATABASES } from '../../test/databases.js';
import { TEST_LIMITS } from '../../test/limits.js';
import { samplePath } from '../../test/samples.js';
import type { RecordedEvent } from '../domain/event-store/event-store.js';
import { fileEventId } from '../domain/events/event-ids.js';
import {
  fileReceived,
  fileStreamName,
  storedFileStream,
  IMPORTER,
  readingRecorded,
  type FileImportedV1Data,
} from '../domain/events/file-events.js';
import { readNem13 } from '../domain/nem13/reader.js';
import type { Nem13Summary } from '../domain/nem13/records.js';
import { toNemIso } from '../domain/nem-time.js';
import type { Database } from '../infrastructure/db/database.js';
import type { PostgresEventStore } from '../infrastructure/event-store/postgres/postgres-event-store.js';
import { DatabaseOriginalsArchive } from '../infrastructure/files/originals-archive.js';
import { openFlowFile } from '../infrastructure/files/flow-file.js';
import { AUDIT_CHECKS, verifyAudit, type AuditReport, type StreamAuditReport } from './audit-verify.js';
import { importFlowFile } from './import-flow-file.js';
import type { OriginalsArchive } from './originals.js';

const work = mkdtempSync(join(tmpdir(), 'nem-audit-'));

const SAMPLES = [
  'challenge-sample.csv',
  'aemo-spec-example-nem13-consumption-data.csv',
  'aemo-spec-example-nem13-forward-estimate.csv',
  'aemo-mdp-test-2005/aemo-mdp-test-NEM13_000000000000018_CNRGYMDP_NEMMCO.csv',
  'zipped/NEM13#000000000000012#CNRGYMDP#NEMMCO.zip',
  'malformed/handcopied-spec-example-nem13-meter-change.csv',
];

const EventData = z.object({ data: z.record(z.string(), z.unknown()) });

function reportOf(report: AuditReport, fileId: string): StreamAuditReport {
  const found = report.reports.find((r) => r.fileId === fileId);
  if (found === undefined) throw new Error(`no report for ${fileId}`);
  return found;
}

describe.each(TEST_DATABASES)('nem audit verify on $name', (target) => {
  let database: Database;
  let store: PostgresEventStore;
  let originals: OriginalsArchive;
  const ids = new Map<string, string>();

  async function streamOf(fileId: string): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    const stream = await storedFileStream(store, fileId);
    if (stream === null) return events;
    for await (const event of store.readStream(stream)) events.push(event);
    return events;
  }

  async function importFile(path: string, keep: boolean): Promise<string> {
    const result = await importFlowFile(store, () => openFlowFile(path, TEST_LIMITS), {
      channel: 'cli',
      ...(keep ? { originals } : {}),
    });
    expect(['imported', 'rejected']).toContain(result.status);
    return result.sha256 ?? '';
  }

  /** Replaces one stored event's data in SQL, as someone with write access to the table could. */
  async function setData(eventId: string, data: unknown): Promise<void> {
    await database.pool.query(sql.unsafe`
      UPDATE nem_events SET data = ${JSON.stringify(data)}::jsonb WHERE event_id = ${eventId}::uuid`);
  }

  async function dataOf(eventId: string): Promise<Record<string, unknown>> {
    return (await database.pool.one(sql.type(EventData)`SELECT data FROM nem_events WHERE event_id = ${eventId}::uuid`))
      .data;
  }

  beforeAll(async () => {
    database = await target.open();
    store = eventStoreOn(database);
    originals = new DatabaseOriginalsArchive(database.pool, 1024 * 1024);
    for (const sample of SAMPLES) ids.set(sample, await importFile(samplePath(sample), true));
    const generated = join(work, `generated-${target.name}.csv`);
    await writeNem13File(generated, 40, { seed: 31 });
    ids.set('generated, original not kept', await importFile(generated, false));
    const broken = join(work, `broken-${target.name}.csv.gz`);
    await writeFile(broken, Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.from(target.name)]));
    ids.set('broken gzip', await importFile(broken, true));
  }, 120_000);

  afterAll(async () => {
    await store.close();
    await database.close();
  });

  it('passes every stream the importer wrote, and says which checks did not apply', async () => {
    const report = await verifyAudit({ store, originals });
    expect(
      report.reports.filter((r) => r.status === 'broken'),
      'no broken stream',
    ).toEqual([]);
    expect(report).toMatchObject({ streams: ids.size, ok: ids.size, broken: 0 });
    const challenge = reportOf(report, ids.get('challenge-sample.csv')!);
    expect(challenge).toMatchObject({
      stream: fileStreamName(ids.get('challenge-sample.csv')!, 'NEM13'),
      fileName: 'challenge-sample.csv',
      events: 12,
      status: 'ok',
      firstDifference: null,
      notApplicable: [],
    });
    expect(challenge.checks).toEqual(Object.fromEntries(AUDIT_CHECKS.map((check) => [check, 'passed'])));
    const rejected = reportOf(report, ids.get('malformed/handcopied-spec-example-nem13-meter-change.csv')!);
    expect(rejected.checks).toMatchObject({ digest: 'passed', original: 'passed', closing: 'passed' });
    const notKept = reportOf(report, ids.get('generated, original not kept')!);
    expect(notKept.checks).toMatchObject({ digest: 'passed', original: 'not applicable' });
    expect(notKept.notApplicable).toEqual([{ check: 'original', reason: expect.stringContaining('not kept') }]);
    const broken = reportOf(report, ids.get('broken gzip')!);
    expect(broken.status).toBe('ok');
    expect(broken.notApplicable).toEqual([
      { check: 'original', reason: expect.stringContaining('could not be read: its SHA-256 was checked') },
    ]);
  });

  it('names the event whose data was edited in SQL, and passes again once it is put back', async () => {
    const fileId = ids.get('challenge-sample.csv')!;
    const events = await streamOf(fileId);
    const victim = events[3]!;
    const before = await dataOf(victim.id);
    const fields = [...(before.fields as string[])];
    const currentRead = fields[12];
    fields[12] = '99999.9';
    await setData(victim.id, { ...before, fields });

    const report = await verifyAudit({ store, originals });
    expect(report).toMatchObject({ broken: 1, ok: ids.size - 1 });
    const stream = reportOf(report, fileId);
    expect(stream.status).toBe('broken');
    expect(stream.firstDifference).toEqual({
      check: 'original',
      revision: 3,
      position: victim.position,
      eventId: victim.id,
      eventType: 'ReadingRecorded',
      message: `it differs from line ${String(victim.metadata.sourceLine)} of the original: CurrentRegisterRead is "99999.9" here, "${currentRead}" in the original`,
    });
    const closing = events.at(-1)!;
    expect(stream.differences.map((d) => [d.check, d.eventId])).toEqual([
      ['original', victim.id],
      ['digest', closing.id],
    ]);
    expect(stream.checks).toMatchObject({ order: 'passed', ids: 'passed', digest: 'failed', original: 'failed' });

    await setData(victim.id, before);
    expect(await verifyAudit({ store, originals })).toMatchObject({ broken: 0 });
  });

  it('without the original, the digest on the closing event says an earlier event changed', async () => {
    const fileId = ids.get('generated, original not kept')!;
    const events = await streamOf(fileId);
    const victim = events[17]!;
    const before = await dataOf(victim.id);
    await setData(victim.id, { ...before, b2b: null, fields: (before.fields as string[]).map(() => '') });
    const stream = reportOf(await verifyAudit({ store, originals }), fileId);
    const closing = events.at(-1)!;
    expect(stream.firstDifference).toMatchObject({ check: 'digest', eventId: closing.id, revision: 41 });
    expect(stream.firstDifference?.message).toContain('the 41 events before it give');
    await setData(victim.id, before);
  });

  it('names an event whose id is not the deterministic one', async () => {
    const fileId = ids.get('generated, original not kept')!;
    const events = await streamOf(fileId);
    const victim = events[5]!;
    const forged = '00000000-0000-4000-8000-000000000005';
    await database.pool.query(
      sql.unsafe`UPDATE nem_events SET event_id = ${forged}::uuid WHERE event_id = ${victim.id}::uuid`,
    );
    const stream = reportOf(await verifyAudit({ store, originals }), fileId);
    expect(stream.firstDifference).toMatchObject({ check: 'ids', revision: 5, eventId: forged });
    expect(stream.firstDifference?.message).toContain(`(${victim.id})`);
    expect(stream.differences.map((d) => d.check)).toEqual(['ids', 'digest']);
    await database.pool.query(
      sql.unsafe`UPDATE nem_events SET event_id = ${victim.id}::uuid WHERE event_id = ${forged}::uuid`,
    );
    expect(reportOf(await verifyAudit({ store, originals }), fileId).status).toBe('ok');
  });

  it('reports a kept original whose stored bytes were changed at the FileReceived, and goes on', async () => {
    const fileId = ids.get('aemo-spec-example-nem13-forward-estimate.csv')!;
    const Chunk = z.object({ bytes: z.instanceof(Uint8Array) });
    const before = await database.pool.one(sql.type(Chunk)`
      SELECT bytes FROM nem_original_chunks WHERE file_id = ${fileId} AND seq = 0`);
    await database.pool.query(sql.unsafe`
      UPDATE nem_original_chunks SET bytes = ${sql.binary(Buffer.from('not gzip at all'))}
      WHERE file_id = ${fileId} AND seq = 0`);
    const report = await verifyAudit({ store, originals });
    const stream = reportOf(report, fileId);
    const events = await streamOf(fileId);
    expect(stream.firstDifference).toMatchObject({ check: 'original', revision: 0, eventId: events[0]!.id });
    expect(stream.firstDifference?.message).toMatch(/^the kept original cannot be read \(.+\): its stored bytes/);
    expect(stream.checks).toMatchObject({ digest: 'passed', original: 'failed' });
    expect(report.broken).toBe(1);
    await database.pool.query(sql.unsafe`
      UPDATE nem_original_chunks SET bytes = ${sql.binary(Buffer.from(before.bytes))}
      WHERE file_id = ${fileId} AND seq = 0`);
    expect(reportOf(await verifyAudit({ store, originals }), fileId).status).toBe('ok');
  });

  it('names the event after one that was removed', async () => {
    const fileId = ids.get('aemo-mdp-test-2005/aemo-mdp-test-NEM13_000000000000018_CNRGYMDP_NEMMCO.csv')!;
    const events = await streamOf(fileId);
    expect(events.length).toBeGreaterThan(4);
    await database.pool.query(sql.unsafe`DELETE FROM nem_events WHERE event_id = ${events[2]!.id}::uuid`);
    const report = await verifyAudit({ store, originals });
    const stream = reportOf(report, fileId);
    expect(stream.firstDifference).toMatchObject({
      check: 'order',
      revision: 3,
      eventId: events[3]!.id,
      position: events[3]!.position,
      message: 'revision 3 where 2 was expected: an event is missing before it',
    });
    expect(stream.differences.map((d) => d.check)).toEqual(['order', 'original', 'closing', 'digest']);
    expect(stream.differences[1]?.eventId).toBe(events[3]!.id);
    expect(report.broken).toBe(1);
  });

  it('checks a stream written before the digest existed by the rules it can be, saying the digest did not apply', async () => {
    const path = join(work, `pre-digest-${target.name}.csv`);
    await writeNem13File(path, 5, { seed: 32 });
    const flowFile = await openFlowFile(path, TEST_LIMITS);
    const events = [];
    let found: Nem13Summary | null = null;
    for await (const item of readNem13(flowFile.content())) {
      if (item.kind === 'registerRead') events.push(item.read);
      if (item.kind === 'summary') found = item.summary;
    }
    if (found === null) throw new Error('no summary');
    const summary = found;
    const { sha256: fileId, size } = flowFile.digest();
    const v1Data: FileImportedV1Data = {
      fileId,
      counts: { ...summary.counts },
      lines: summary.lines,
      warnings: [],
      warningCount: 0,
    };
    await store.append(
      fileStreamName(fileId, 'NEM13'),
      [
        fileReceived({
          fileId,
          fileName: 'pre-digest.csv',
          size,
          identity: 'content',
          container: 'plain',
          zipMember: null,
          header: summary.header,
          receivedAt: toNemIso(new Date('2005-03-03T00:00:00+10:00')),
          channel: 'cli',
        }),
        ...events.map((read) => readingRecorded(fileId, read)),
        {
          id: fileEventId(fileId, 'FileImported', 0),
          type: 'FileImported',
          data: v1Data,
          metadata: { schemaVersion: 1, channel: 'cli', sourceLine: 0, importer: IMPORTER },
        },
      ],
      'no_stream',
    );
    const stream = reportOf(await verifyAudit({ store, originals }), fileId);
    expect(stream).toMatchObject({ status: 'ok', events: 7, firstDifference: null });
    expect(stream.checks).toEqual({
      'first-event': 'passed',
      order: 'passed',
      closing: 'passed',
      schema: 'passed',
      ids: 'passed',
      digest: 'not applicable',
      original: 'not applicable',
    });
    expect(stream.notApplicable.map((n) => [n.check, n.reason])).toEqual([
      ['digest', 'FileImported of schema version 1: written before the stream digest existed'],
      ['original', expect.stringContaining('not kept')],
    ]);
  });
});
