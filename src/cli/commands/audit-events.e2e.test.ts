/**
 * `nem events` and `nem readings history` as an auditor runs them: the stored events of a file, paged;
 * a name two files share refused with both listed; the versions of a corrected read with their events.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectExit, ndjson } from '../../../test/cli.js';
import { runNemInProcess } from '../../../test/nem-in-process.js';
import { samplePath } from '../../../test/samples.js';

const work = mkdtempSync(join(tmpdir(), 'nem-audit-events-e2e-'));
const env = { NEM_DATA_DIR: join(work, 'data'), DATABASE_URL: '' };
const HISTORY_KEY = ['--nmi', '2291137510', '--suffix', '11', '--register', '1', '--serial', 'R4ZFLS6ZY1UV'];

/** The challenge sample's first read again, corrected: another read and quality, a newer UpdateDateTime. */
function corrected(): string {
  const [header, first] = readFileSync(samplePath('challenge-sample.csv'), 'utf8').split('\n');
  const fields = (first ?? '').split(',');
  fields[13] = '56320.0';
  fields[15] = 'S61';
  fields[18] = '427.0';
  fields[21] = '20040201120000';
  return [header, fields.join(','), '900'].join('\n');
}

describe('nem events and nem readings history (embedded database)', () => {
  const twice = [join(work, 'a', 'twice.csv'), join(work, 'b', 'twice.csv')];
  let rejectedId = '';

  beforeAll(async () => {
    writeFileSync(join(work, 'challenge-corrected.csv'), corrected());
    for (const [i, path] of twice.entries()) {
      mkdirSync(join(path, '..'));
      writeFileSync(path, corrected().replace('20040201120000', `2004011512000${i}`));
    }
    const rejected = samplePath('malformed/handcopied-spec-example-nem13-meter-change.csv');
    rejectedId = createHash('sha256').update(readFileSync(rejected)).digest('hex');
    const imported = await runNemInProcess(
      ['import', samplePath('challenge-sample.csv'), join(work, 'challenge-corrected.csv'), ...twice, rejected],
      env,
    );
    expectExit(imported, 1);
  }, 180_000);

  it('prints the events of a file as NDJSON, and pages with --limit and --after', async () => {
    const all = await runNemInProcess(['events', 'challenge-sample.csv', '--json'], env);
    expectExit(all, 0);
    const events = ndjson(all.stdout);
    expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(events.map((e) => e.type)).toEqual([
      'FileReceived',
      ...Array<string>(10).fill('ReadingRecorded'),
      'FileImported',
    ]);
    expect(events[1]).toMatchObject({
      streamName: expect.stringMatching(/^nem13File-[0-9a-f]{64}$/),
      position: expect.stringMatching(/^\d+$/),
      eventId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-8/),
      recordedAt: expect.stringMatching(/\+10:00$/),
      schemaVersion: 2,
      metadata: { schemaVersion: 2, sourceLine: 2 },
    });
    expect((events[1]?.data as { fields: string[] }).fields.slice(0, 1)).toEqual(['2291137510']);

    const first = await runNemInProcess(['events', 'challenge-sample.csv', '--json', '--limit', '5'], env);
    expectExit(first, 0);
    expect(ndjson(first.stdout).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
    expect(first.stderr).toContain('showing 5 events of 12; the next page: --after 4');
    const next = await runNemInProcess(
      ['events', 'challenge-sample.csv', '--json', '--limit', '5', '--after', '4'],
      env,
    );
    expect(ndjson(next.stdout)).toEqual(events.slice(5, 10));
  }, 180_000);

  it('prints each event for people, found by its SHA-256 start: a rejected file received, then rejected', async () => {
    const result = await runNemInProcess(['events', rejectedId.slice(0, 12)], env);
    expectExit(result, 0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe(`nem13File-${rejectedId} (handcopied-spec-example-nem13-meter-change.csv): 2 events`);
    expect(lines[1]).toMatch(
      /^#0 FileReceived {2}position \d+ {2}recorded \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+10:00 {2}schema 1 {2}id /,
    );
    expect(lines[4]).toMatch(/^#1 FileRejected /);
    expect(lines[5]).toMatch(/^ {3}data: {5}\{.*"code":"NEM13_BAD_NUMBER"/);
  }, 120_000);

  it('refuses a name two files share, listing both, and a file it does not know (exit 1)', async () => {
    const shared = await runNemInProcess(['events', 'twice.csv'], env);
    expectExit(shared, 1);
    expect(shared.stderr).toContain('2 files match "twice.csv"; name one by its SHA-256:');
    for (const path of twice) {
      expect(shared.stderr).toContain(createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
    const unknown = await runNemInProcess(['events', 'nothing.csv'], env);
    expectExit(unknown, 1);
    expect(unknown.stderr).toContain('no file with id, name or stream "nothing.csv"');
  }, 120_000);

  it('gives the history of a corrected read: the versions, which won and why, and their events', async () => {
    const text = await runNemInProcess(
      ['readings', 'history', ...HISTORY_KEY, '--read-at', '2004-01-07 10:03:33 +10:00'],
      env,
    );
    expectExit(text, 0);
    expect(text.stdout).toContain('read at 2004-01-07 10:03:33 +10:00: 4 versions');
    expect(text.stdout).toMatch(/1\. in force: 56320\.0 S61, .*\n {3}why: {3}newer UpdateDateTime/);
    expect(text.stdout).toMatch(
      /4\. superseded: 56311\.0 A, .*\n {3}why: {3}older UpdateDateTime than the version in force/,
    );

    const json = await runNemInProcess(
      ['readings', 'history', ...HISTORY_KEY, '--read-at', '20040107100333', '--json'],
      env,
    );
    expectExit(json, 0);
    const history = JSON.parse(json.stdout) as {
      versions: Array<{
        rank: number;
        decidedBy: string;
        reading: { fileName: string };
        event: { revision: number } | null;
      }>;
    };
    expect(history.versions.map((v) => [v.rank, v.reading.fileName, v.decidedBy, v.event?.revision])).toEqual([
      [1, 'challenge-corrected.csv', 'updateDateTime', 1],
      [2, 'twice.csv', 'updateDateTime', 1],
      [3, 'twice.csv', 'updateDateTime', 1],
      [4, 'challenge-sample.csv', 'updateDateTime', 1],
    ]);

    const none = await runNemInProcess(['readings', 'history', ...HISTORY_KEY, '--read-at', '20040107100334'], env);
    expectExit(none, 1);
    expect(none.stderr).toContain('no file sent a read of NMI 2291137510');
    const bad = await runNemInProcess(['readings', 'history', ...HISTORY_KEY, '--read-at', '2004-01-07'], env);
    expectExit(bad, 2);
    expect(bad.stderr).toContain('is not an instant with an offset');
  }, 180_000);
});
