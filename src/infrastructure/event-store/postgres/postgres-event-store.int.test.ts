import { randomUUID } from 'node:crypto';
import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { eventStoreContract, wholeStreamContract } from '../../../domain/event-store/event-store.contract.js';
import {
  createTestPostgres,
  openPgliteFromTemplate,
  TEST_DATABASE_URL,
  TEST_DATABASES,
} from '../../../../test/databases.js';
import { openDatabase } from '../../db/database.js';
import { eventsTableSource, PostgresEventStore } from './postgres-event-store.js';

const pglite = async () => {
  const database = await openPgliteFromTemplate();
  return { store: new PostgresEventStore(database.pool, 'pglite'), dispose: () => database.close() };
};
eventStoreContract('pglite (in memory)', pglite);
wholeStreamContract('pglite (in memory)', pglite);

if (TEST_DATABASE_URL !== '') {
  const postgres = async () => {
    const server = await createTestPostgres();
    const database = await openDatabase({ kind: 'postgres', url: server.url });
    const other = await openDatabase({ kind: 'postgres', url: server.url });
    const store = new PostgresEventStore(database.pool, 'postgres', { copyUrl: server.url });
    const second = new PostgresEventStore(other.pool, 'postgres', { copyUrl: server.url });
    return {
      store,
      second,
      dispose: async () => {
        await Promise.all([store.close(), second.close()]);
        await Promise.all([database.close(), other.close()]);
        await server.drop();
      },
    };
  };
  eventStoreContract('postgres', postgres);
  wholeStreamContract('postgres', postgres);
}

describe.each(TEST_DATABASES)('reading a stream with a revision removed by hand ($name)', (target) => {
  it('reads past the gap to the last revision: the store and the projection source alike', async () => {
    const database = await target.open();
    try {
      const store = new PostgresEventStore(database.pool, database.kind);
      const events = Array.from({ length: 2500 }, (_, i) => ({
        id: randomUUID(),
        type: i % 2 === 0 ? 'Even' : 'Odd',
        data: { i },
        metadata: {},
      }));
      await store.append('gapped-1', events, 'no_stream');
      // What an audit has to find: an event deleted from the middle of a stream.
      await database.pool.query(sql.unsafe`
        DELETE FROM nem_events WHERE stream_revision = 10
          AND stream_id = (SELECT stream_id FROM nem_streams WHERE stream_name = 'gapped-1')`);
      const read: number[] = [];
      for await (const event of store.readStream('gapped-1')) read.push(event.revision);
      expect(read).toHaveLength(2499);
      expect(read.at(-1)).toBe(2499);
      expect(read).not.toContain(10);
      const page: number[] = [];
      for await (const event of store.readStream('gapped-1', { fromRevision: 5, maxCount: 10 })) {
        page.push(event.revision);
      }
      expect(page).toEqual([5, 6, 7, 8, 9, 11, 12, 13, 14, 15]);
      const odd: number[] = [];
      await database.pool.transaction(async (tx) => {
        for await (const event of eventsTableSource().readStream(tx, 'gapped-1', ['Odd'])) odd.push(event.revision);
      });
      expect(odd).toHaveLength(1250);
      expect(odd.at(-1)).toBe(2499);
    } finally {
      await database.close();
    }
  });
});
