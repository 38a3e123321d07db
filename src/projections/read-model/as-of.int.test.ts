/**
 * Answers as of an instant: the versions of register reads known then (their file's FileImported
 * recorded by then, to the second) and, among them, the one winning then.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../infrastructure/db/database.js';
import type { PostgresEventStore } from '../../infrastructure/event-store/postgres/postgres-event-store.js';
import { eventStoreOn, TEST_DATABASES } from '../../../test/databases.js';
import { AS_OF_FILES, AS_OF_NMI, AS_OF_SERIAL, importAsOfHistory } from '../../../test/as-of-history.js';
import { ProjectionRunner } from '../runner.js';
import { findReadings, getFile, getMeter, getMeterPoint, isKnown } from './read-model.queries.js';
import { eventsTableSource } from '../../infrastructure/event-store/postgres/postgres-event-store.js';

const at = (text: string) => new Date(text);
/** The register read sent again, as the readings of the NMI list it: [current read, superseded, corrected]. */
const versionsOf = (
  items: Array<{ registerId: string; currentRead: string; superseded: boolean; corrected: boolean }>,
) => items.filter((r) => r.registerId === '1').map((r) => [r.currentRead, r.superseded, r.corrected]);

describe.each(TEST_DATABASES)('readings as of an instant on $name', (target) => {
  let database: Database;
  let store: PostgresEventStore;
  let fileIds: string[];

  beforeAll(async () => {
    database = await target.open();
    store = eventStoreOn(database);
    fileIds = await importAsOfHistory(database.pool, store);
    await new ProjectionRunner(database.pool, store, eventsTableSource()).catchUp();
  });
  afterAll(async () => {
    await store.close();
    await database.close();
  });

  const search = (asOf: Date | undefined, includeSuperseded = false) =>
    findReadings(database.pool, {
      nmi: AS_OF_NMI,
      includeSuperseded,
      limit: 50,
      ...(asOf === undefined ? {} : { asOf }),
    });

  it('sets up the history it means to: two imported versions, a stale one, one stuck and one rejected', async () => {
    const statuses = await Promise.all(fileIds.map(async (id) => (await getFile(database.pool, id))?.status));
    expect(statuses).toEqual(['imported', 'receiving', 'rejected', 'imported', 'imported']);
    expect((await getFile(database.pool, fileIds[3] ?? ''))?.closedAt).toBe(
      AS_OF_FILES[3]?.closedAt.replace('.400', ''),
    );
  });

  it('knows nothing of the NMI before its first file was imported', async () => {
    const before = at('2005-03-01T11:59:59+10:00');
    expect((await search(before, true)).items).toEqual([]);
    expect((await search(before, true)).total.count).toBe(0);
    expect(await isKnown(database.pool, 'nmi', AS_OF_NMI, before)).toBe(false);
    expect(await isKnown(database.pool, 'serial', AS_OF_SERIAL.toLowerCase(), before)).toBe(false);
    expect(await getMeterPoint(database.pool, AS_OF_NMI, before)).toBeNull();
    expect(await getMeter(database.pool, AS_OF_SERIAL, before)).toBeNull();
  });

  it('from the first import until the correction, answers the first version, not yet corrected', async () => {
    for (const instant of ['2005-03-01T12:00:00+10:00', '2005-03-03T00:00:00+10:00', '2005-03-05T11:59:59+10:00']) {
      const asOf = at(instant);
      expect(versionsOf((await search(asOf)).items), instant).toEqual([['007654.9', false, false]]);
      // Not the stuck or the rejected file's version, though both would win and came before.
      expect(versionsOf((await search(asOf, true)).items), instant).toEqual([['007654.9', false, false]]);
    }
    const asOf = at('2005-03-03T00:00:00+10:00');
    expect(await isKnown(database.pool, 'nmi', AS_OF_NMI, asOf)).toBe(true);
    const point = await getMeterPoint(database.pool, AS_OF_NMI, asOf);
    expect(point?.asOf).toBe('2005-03-03T00:00:00+10:00');
    expect(point?.latestReadings.map((r) => [r.registerId, r.currentRead, r.corrected])).toEqual([
      ['1', '007654.9', false],
      ['2', '000500.0', false],
    ]);
    expect(point?.registers.map((r) => [r.nmiSuffix, r.registerId, r.direction, r.uom])).toEqual([
      ['11', '1', 'E', 'kWh'],
      ['12', '2', 'E', 'kWh'],
    ]);
    const periods = point?.usage.periods.map((p) => [p.registerId, p.quantity, p.corrected]) ?? [];
    expect(periods.sort()).toEqual([
      ['1', '1312.1', false],
      ['2', '400.0', false],
    ]);
    const meter = await getMeter(database.pool, AS_OF_SERIAL.toLowerCase(), asOf);
    expect(meter?.latestReadings.map((r) => r.currentRead)).toEqual(['007654.9', '000500.0']);
    expect(meter?.asOf).toBe('2005-03-03T00:00:00+10:00');
  });

  it('from the second of the correction on, answers the corrected version, the first superseded', async () => {
    // Recorded at 12:00:00.400: the file counts from 12:00:00, the time it is shown with.
    for (const instant of ['2005-03-05T12:00:00+10:00', '2005-03-06T00:00:00+10:00']) {
      const asOf = at(instant);
      expect(versionsOf((await search(asOf)).items), instant).toEqual([['007700.0', false, true]]);
      expect(versionsOf((await search(asOf, true)).items), instant).toEqual([
        ['007700.0', false, true],
        ['007654.9', true, true],
      ]);
    }
    const point = await getMeterPoint(database.pool, AS_OF_NMI, at('2005-03-06T00:00:00+10:00'));
    expect(point?.latestReadings.find((r) => r.registerId === '1')?.currentRead).toBe('007700.0');
    expect(point?.usage.periods.find((p) => p.registerId === '1')).toMatchObject({
      quantity: '1357.2',
      corrected: true,
    });
  });

  it('never lets a version that ranks lower win, though it came last, and agrees with the live answer after', async () => {
    const afterAll = at('2005-03-08T00:00:00+10:00');
    expect(versionsOf((await search(afterAll)).items)).toEqual([['007700.0', false, true]]);
    expect(versionsOf((await search(afterAll, true)).items)).toEqual([
      ['007600.0', true, true],
      ['007700.0', false, true],
      ['007654.9', true, true],
    ]);
    const { asOf, ...then } = (await getMeterPoint(database.pool, AS_OF_NMI, afterAll)) ?? {};
    expect(asOf).toBe('2005-03-08T00:00:00+10:00');
    expect(then).toEqual(await getMeterPoint(database.pool, AS_OF_NMI));
    const { asOf: meterAsOf, ...meterThen } = (await getMeter(database.pool, AS_OF_SERIAL, afterAll)) ?? {};
    expect(meterAsOf).toBeDefined();
    expect(meterThen).toEqual(await getMeter(database.pool, AS_OF_SERIAL));
    expect((await search(afterAll, true)).items).toEqual((await search(undefined, true)).items);
  });

  it('never counts a file whose import did not finish, or a rejected one', async () => {
    const reads = (await search(at('9999-12-31T00:00:00+10:00'), true)).items.map((r) => r.currentRead);
    for (const file of AS_OF_FILES.filter((f) => f.ends !== 'imported')) expect(reads).not.toContain(file.read);
  });
});
