import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { appendFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { writeNem13File } from '../../bench/generate.js';
import type { RecordedEvent } from '../domain/event-store/event-store.js';
import { parseFileEvent, storedFileStream } from '../domain/events/file-events.js';
import type { Database } from '../infrastructure/db/database.js';
import { openFlowFile } from '../infrastructure/files/flow-file.js';
import type { PostgresEventStore } from '../infrastructure/event-store/postgres/postgres-event-store.js';
import { eventStoreOn, TEST_DATABASES } from '../../test/databases.js';
import { openWithTestLimits } from '../../test/limits.js';
import { EXPECTED, samplePath } from '../../test/samples.js';
import type { ImportResult } from './import-flow-file.js';
import { importFromInbox, InboxWatcher, type InboxImport, type InboxOptions } from './inbox.js';

const STABLE_MS = 200;
const GOOD = samplePath('challenge-sample.csv');
const GOOD_READINGS = EXPECTED.find((f) => f.file === 'challenge-sample.csv')?.n250 ?? NaN;
const BAD = samplePath('malformed/handcopied-spec-example-nem13-meter-change.csv');

const work = mkdtempSync(join(tmpdir(), 'nem-inbox-'));

const list = (dir: string) => readdirSync(dir).sort();

/** Polls `check` until it holds, failing after a deadline (for the tests on real timers). */
async function eventually(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('the expected state was not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.each(TEST_DATABASES)('the inbox on $name', (target) => {
  let database: Database;
  let store: PostgresEventStore;
  let inbox: string;
  /** The watchers' clock, moved by hand so completeness never depends on how fast the machine is. */
  let now = 0;
  let info: string[] = [];
  let errors: string[] = [];
  let afterImports = 0;

  const newWatcher = (
    importFile: InboxImport = importFromInbox(store, openWithTestLimits),
    options: InboxOptions = {},
  ) =>
    new InboxWatcher(
      inbox,
      {
        importFile,
        afterImport: async () => {
          afterImports++;
        },
        logger: { info: (line) => info.push(line), error: (line) => errors.push(line) },
      },
      { stableMs: STABLE_MS, clock: () => now, ...options },
    );
  let watcher: InboxWatcher;

  /** Lets the stability time pass, then polls. */
  const afterStable = () => {
    now += STABLE_MS;
    return watcher.processOnce();
  };

  const eventCount = async () =>
    Number(await database.pool.oneFirst(sql.type(z.object({ count: z.bigint() }))`SELECT count(*) FROM nem_events`));

  async function streamOf(path: string): Promise<RecordedEvent[]> {
    const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
    const events: RecordedEvent[] = [];
    for await (const event of store.readStream((await storedFileStream(store, sha256)) ?? '')) events.push(event);
    return events;
  }

  beforeAll(async () => {
    database = await target.open();
    store = eventStoreOn(database);
    inbox = mkdtempSync(join(work, `${target.name}-`));
    watcher = newWatcher();
  });
  afterAll(async () => {
    await store.close();
    await database.close();
  });

  it('imports a good file into processed/ and a bad one into rejected/ with its errors, once they are complete', async () => {
    copyFileSync(GOOD, join(inbox, 'good.csv'));
    copyFileSync(BAD, join(inbox, 'bad.csv'));
    expect(await watcher.processOnce()).toBe(0);
    expect(list(inbox)).toEqual(['bad.csv', 'good.csv', 'processed', 'rejected']);
    now += STABLE_MS - 1;
    expect(await watcher.processOnce()).toBe(0);
    expect(await eventCount()).toBe(0);

    expect(await afterStable()).toBe(2);
    expect(list(inbox)).toEqual(['processed', 'rejected']);
    expect(list(join(inbox, 'processed'))).toEqual(['good.csv']);
    expect(list(join(inbox, 'rejected'))).toEqual(['bad.csv', 'bad.csv.errors.txt']);
    expect(info).toEqual([
      expect.stringMatching(/^bad\.csv: rejected \(1 error(, \d+ warnings?)?\) -> rejected\/$/),
      `good.csv: imported (${GOOD_READINGS} readings) -> processed/`,
    ]);
    expect(errors).toEqual([]);
    expect(afterImports).toBe(2);

    const report = readFileSync(join(inbox, 'rejected', 'bad.csv.errors.txt'), 'utf8');
    expect(report).toMatch(/^bad\.csv: rejected with 1 error and \d+ warnings?\n/);
    expect(report).toMatch(/^line 4: Quantity: "8\. 77" is not a number .*\(NEM13_BAD_NUMBER\)$/m);

    const events = await streamOf(join(inbox, 'processed', 'good.csv'));
    expect(events.map((e) => e.type)).toEqual([
      'FileReceived',
      ...Array<string>(GOOD_READINGS).fill('ReadingRecorded'),
      'FileImported',
    ]);
    const received = parseFileEvent(events[0]!);
    expect(received.type === 'FileReceived' && received.data).toMatchObject({ fileName: 'good.csv', channel: 'inbox' });
  });

  it('refuses a file too large once decompressed: rejected/ with the reason, no events', async () => {
    const before = await eventCount();
    const own = mkdtempSync(join(work, `${target.name}-bomb-`));
    const limited = new InboxWatcher(
      own,
      {
        importFile: importFromInbox(store, (path) => openFlowFile(path, { maxContentBytes: 100_000 })),
        logger: { info: () => undefined, error: (line) => errors.push(line) },
      },
      { stableMs: STABLE_MS, clock: () => now },
    );
    writeFileSync(join(own, 'bomb.csv.gz'), gzipSync(Buffer.alloc(2_000_000, 0x30)));
    await limited.processOnce();
    now += STABLE_MS;
    expect(await limited.processOnce()).toBe(1);
    expect(list(join(own, 'rejected'))).toEqual(['bomb.csv.gz', 'bomb.csv.gz.errors.txt']);
    expect(readFileSync(join(own, 'rejected', 'bomb.csv.gz.errors.txt'), 'utf8')).toContain(
      'larger than the limit of 100000 bytes',
    );
    expect(await eventCount()).toBe(before);
  });

  it('moves the same content under another name to processed/ as a duplicate, appending nothing', async () => {
    info = [];
    const before = await eventCount();
    copyFileSync(GOOD, join(inbox, 'good-again.csv'));
    await watcher.processOnce();
    expect(await afterStable()).toBe(1);
    expect(info).toEqual(['good-again.csv: duplicate -> processed/']);
    expect(list(join(inbox, 'processed'))).toEqual(['good-again.csv', 'good.csv']);
    expect(await eventCount()).toBe(before);
  });

  it('never overwrites: a name already taken gets a suffix, and a bad file sent again stays rejected', async () => {
    info = [];
    const before = await eventCount();
    copyFileSync(GOOD, join(inbox, 'good.csv'));
    copyFileSync(BAD, join(inbox, 'bad.csv'));
    await watcher.processOnce();
    expect(await afterStable()).toBe(2);
    expect(info).toEqual([
      'bad.csv: duplicate of a rejected file (1 error) -> rejected/bad.1.csv',
      'good.csv: duplicate -> processed/good.1.csv',
    ]);
    expect(list(join(inbox, 'processed'))).toEqual(['good-again.csv', 'good.1.csv', 'good.csv']);
    expect(list(join(inbox, 'rejected'))).toEqual([
      'bad.1.csv',
      'bad.1.csv.errors.txt',
      'bad.csv',
      'bad.csv.errors.txt',
    ]);
    expect(readFileSync(join(inbox, 'rejected', 'bad.1.csv.errors.txt'), 'utf8')).toContain(
      'line 4: Quantity: "8. 77"',
    );
    expect(await eventCount()).toBe(before);
  });

  it('waits for a file written slowly in pieces, then imports it exactly once with all its readings', async () => {
    info = [];
    const source = join(work, `slow-${target.name}.csv`);
    const readings = 300;
    await writeNem13File(source, readings, { seed: 21 });
    const content = readFileSync(source);
    const pieces = 5;
    const before = await eventCount();
    const slow = join(inbox, 'slow.csv');
    for (let i = 0; i < pieces; i++) {
      const piece = content.subarray(
        Math.floor((i * content.length) / pieces),
        Math.floor(((i + 1) * content.length) / pieces),
      );
      if (i === 0) await writeFile(slow, piece);
      else await appendFile(slow, piece);
      // Each piece lands within the stability time of the one before.
      now += STABLE_MS / 2;
      expect(await watcher.processOnce()).toBe(0);
      expect(list(inbox)).toContain('slow.csv');
      expect(await eventCount()).toBe(before);
    }
    expect(await afterStable()).toBe(1);
    expect(info).toEqual([`slow.csv: imported (${readings} readings) -> processed/`]);
    expect(await eventCount()).toBe(before + readings + 2);
    expect((await streamOf(join(inbox, 'processed', 'slow.csv'))).map((e) => e.type)).toEqual([
      'FileReceived',
      ...Array<string>(readings).fill('ReadingRecorded'),
      'FileImported',
    ]);
    expect(await afterStable()).toBe(0);
  });

  it('ignores temporary names and picks a file up once it is renamed to its final name', async () => {
    info = [];
    const source = join(work, `late-${target.name}.csv`);
    await writeNem13File(source, 7, { seed: 22 });
    for (const name of ['late.csv.PART', '.late.csv', 'late.csv.filepart', 'late.tmp', 'late.uploading']) {
      copyFileSync(source, join(inbox, name));
    }
    const before = await eventCount();
    await watcher.processOnce();
    expect(await afterStable()).toBe(0);
    now += 10 * STABLE_MS;
    expect(await watcher.processOnce()).toBe(0);
    expect(await eventCount()).toBe(before);

    renameSync(join(inbox, 'late.csv.PART'), join(inbox, 'late.csv'));
    expect(await watcher.processOnce()).toBe(0);
    expect(await afterStable()).toBe(1);
    expect(info).toEqual(['late.csv: imported (7 readings) -> processed/']);
    expect(list(inbox)).toEqual([
      '.late.csv',
      'late.csv.filepart',
      'late.tmp',
      'late.uploading',
      'processed',
      'rejected',
    ]);
    expect(await eventCount()).toBe(before + 7 + 2);
  });

  it('leaves a file it could not import where it is and tries again later, not on every poll', async () => {
    info = [];
    errors = [];
    let failing = true;
    const real = importFromInbox(store, openWithTestLimits);
    const flaky = newWatcher((path, name): Promise<ImportResult> => {
      if (failing) return Promise.reject(new Error('database down'));
      return real(path, name);
    });
    await writeNem13File(join(inbox, 'flaky.csv'), 3, { seed: 24 });
    await flaky.processOnce();
    now += STABLE_MS;
    expect(await flaky.processOnce()).toBe(0);
    expect(errors).toEqual([
      expect.stringMatching(/^flaky\.csv: not imported, left in the inbox \(database down\); next try in 1 s$/),
    ]);
    expect(list(inbox)).toContain('flaky.csv');
    now += 500;
    expect(await flaky.processOnce()).toBe(0);
    expect(errors).toHaveLength(1);
    now += 500;
    expect(await flaky.processOnce()).toBe(0);
    expect(errors).toHaveLength(2);
    expect(errors[1]).toMatch(/next try in 2 s$/);

    failing = false;
    now += 2000;
    expect(await flaky.processOnce()).toBe(1);
    expect(info).toEqual(['flaky.csv: imported (3 readings) -> processed/']);
  });

  it('after a restart, neither loses nor re-imports: a file left in the inbox by a crash becomes a duplicate', async () => {
    info = [];
    const processed = list(join(inbox, 'processed'));
    const rejected = list(join(inbox, 'rejected'));
    // A crash between the import and the move: the events are in, the file is still in the inbox.
    const source = join(work, `crash-${target.name}.csv`);
    await writeNem13File(source, 5, { seed: 23 });
    copyFileSync(source, join(inbox, 'crash.csv'));
    expect((await importFromInbox(store, openWithTestLimits)(join(inbox, 'crash.csv'), 'crash.csv')).status).toBe(
      'imported',
    );
    const before = await eventCount();

    watcher = newWatcher();
    await watcher.processOnce();
    expect(await afterStable()).toBe(1);
    expect(info).toEqual(['crash.csv: duplicate -> processed/']);
    expect(list(join(inbox, 'processed'))).toEqual([...processed, 'crash.csv'].sort());
    expect(list(join(inbox, 'rejected'))).toEqual(rejected);

    watcher = newWatcher();
    await watcher.processOnce();
    expect(await afterStable()).toBe(0);
    expect(await eventCount()).toBe(before);
  });

  it('runs on its own timer after start(), and stop() finishes the file in progress', async () => {
    const folder = mkdtempSync(join(work, `timer-${target.name}-`));
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    const real = importFromInbox(store, openWithTestLimits);
    const timed = new InboxWatcher(
      folder,
      {
        importFile: async (path, name) => {
          started = true;
          await gate;
          return real(path, name);
        },
        logger: { info: () => {}, error: (line) => errors.push(line) },
      },
      { stableMs: 20, pollMs: 10 },
    );
    await timed.start();
    expect(list(folder)).toEqual(['processed', 'rejected']);
    copyFileSync(GOOD, join(folder, 'timed.csv'));
    await eventually(() => started);
    let stopped = false;
    const stopping = timed.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(list(folder)).toEqual(['processed', 'rejected']);
    expect(list(join(folder, 'processed'))).toEqual(['timed.csv']);
  });
});
