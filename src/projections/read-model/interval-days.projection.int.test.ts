/**
 * Interval days in the read model: given the NEM12 samples imported, when projected (from the events
 * table, and from a store outside the database), then each channel's days in force sum to the oracle's
 * exact value_sum; a day sent again with a later UpdateDateTime supersedes the first.
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_LIMITS } from '../../../test/limits.js';
import { eventStoreOn, TEST_DATABASES } from '../../../test/databases.js';
import { EXPECTED_NEM12, nem12SamplePath } from '../../../test/samples.js';
import { importFlowFile } from '../../application/import-flow-file.js';
import { Decimal } from '../../domain/decimal.js';
import type { RecordedEvent } from '../../domain/event-store/event-store.js';
import type { Database } from '../../infrastructure/db/database.js';
import type { PostgresEventStore } from '../../infrastructure/event-store/postgres/postgres-event-store.js';
import { openFlowFile } from '../../infrastructure/files/flow-file.js';
import { ArrayEventStore } from '../../../test/array-event-store.js';
import { ProjectionRunner } from '../runner.js';
import { findIntervalDays, type IntervalDay } from './interval-days.queries.js';
import { eventsTableSource } from '../../infrastructure/event-store/postgres/postgres-event-store.js';
import { storeEventSource } from '../event-source.js';

const work = mkdtempSync(join(tmpdir(), 'nem-interval-days-'));

/** Valid samples whose channels no other valid sample sends: their days in force are all their own. */
function ownChannels() {
  const valid = EXPECTED_NEM12.filter((f) => f.valid);
  const owners = new Map<string, Set<string>>();
  for (const file of valid) {
    for (const c of file.channels ?? []) {
      const key = `${c.nmi}/${c.suffix}`;
      owners.set(key, (owners.get(key) ?? new Set()).add(file.member ?? file.file.split('/').at(-1) ?? ''));
    }
  }
  return valid.filter((file) => (file.channels ?? []).every((c) => owners.get(`${c.nmi}/${c.suffix}`)?.size === 1));
}

async function allDays(database: Database, nmi: string): Promise<IntervalDay[]> {
  const days: IntervalDay[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await findIntervalDays(database.pool, { nmi, limit: 3, cursor });
    days.push(...page.items);
    if (page.nextCursor === null) return days;
    cursor = page.nextCursor;
  }
}

describe.each(TEST_DATABASES)('interval days on $name', (target) => {
  let database: Database;
  let store: PostgresEventStore;
  const importPath = (path: string) => importFlowFile(store, () => openFlowFile(path, TEST_LIMITS), { channel: 'cli' });

  beforeAll(async () => {
    database = await target.open();
    store = eventStoreOn(database);
    for (const file of EXPECTED_NEM12) await importPath(nem12SamplePath(file.file));
  });
  afterAll(async () => {
    await store.close();
    await database.close();
  });

  it.each([
    ['the events table', 'events-table'],
    ['a store outside the database', 'event-store'],
  ] as const)('projects each channel from %s: days, dates and exact sums as the oracle', async (_name, kind) => {
    // Another store (the EventStoreDB path): the same events, read from outside the database.
    const events: RecordedEvent[] = [];
    for (;;) {
      const last = events.at(-1);
      const batch = await store.readAll({ ...(last === undefined ? {} : { after: last.position }), maxCount: 1000 });
      if (batch.length === 0) break;
      events.push(...batch);
    }
    const elsewhere = new ArrayEventStore(events);
    const runner = new ProjectionRunner(
      database.pool,
      elsewhere,
      kind === 'events-table' ? eventsTableSource() : storeEventSource(elsewhere),
    );
    await runner.rebuild();
    const files = ownChannels();
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      for (const channel of file.channels ?? []) {
        const days = (await allDays(database, channel.nmi)).filter((d) => d.nmiSuffix === channel.suffix);
        expect(days).toHaveLength(channel.days);
        const date = (d: IntervalDay | undefined) => d?.intervalDate.replaceAll('-', '');
        expect([date(days[0]), date(days.at(-1))]).toEqual([channel.first_date, channel.last_date]);
        const total = days.reduce((sum, d) => sum.add(Decimal.parse(d.dayTotal)), Decimal.ZERO);
        expect(total.toString(), `${file.file} ${channel.nmi}/${channel.suffix}`).toBe(channel.value_sum);
        const quality: Record<string, number> = {};
        for (const d of days) {
          for (const [flag, n] of Object.entries(d.qualitySummary)) quality[flag] = (quality[flag] ?? 0) + n;
        }
        expect(quality).toEqual(channel.interval_quality);
      }
    }
  });

  it('lets a day sent again with a later UpdateDateTime supersede the first, which stays as a version', async () => {
    const source = nem12SamplePath('examples/Example_NEM12_actual_interval.csv');
    const text = readFileSync(source, 'utf8');
    // The same days, every value 1 more tenth and a later UpdateDateTime: a corrected file.
    const corrected = text
      .split('\n')
      .map((line) =>
        line.startsWith('300,')
          ? line.replace(/,1\.111(?=,)/g, ',1.211').replace(/,20040202120025,/, ',20040303120025,')
          : line,
      )
      .join('\n');
    expect(corrected).not.toBe(text);
    const path = join(work, `corrected-${target.name}.csv`);
    writeFileSync(path, corrected);
    const runner = new ProjectionRunner(database.pool, store, eventsTableSource());
    await runner.catchUp();
    const before = (await allDays(database, 'VABD000163')).find((d) => d.nmiSuffix === 'E1');
    expect(before?.values.every((v) => v === '1.111')).toBe(true);
    expect((await importPath(path)).status).toBe('imported');
    await runner.catchUp();
    const days = await allDays(database, 'VABD000163');
    const e1 = days.find((d) => d.nmiSuffix === 'E1');
    expect(e1).toMatchObject({
      versions: (before?.versions ?? 0) + 1,
      updatedAt: '2004-03-03T12:00:25+10:00',
      dayTotal: '58.128',
    });
    expect(e1?.values).toEqual(Array<string>(48).fill('1.211'));
    expect(days.filter((d) => d.nmiSuffix === 'E1')).toHaveLength(1);
  });
});
