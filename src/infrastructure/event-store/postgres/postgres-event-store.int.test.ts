import { eventStoreContract } from '../../../domain/event-store/event-store.contract.js';
import { createTestPostgres, openPgliteFromTemplate, TEST_DATABASE_URL } from '../../../../test/databases.js';
import { openDatabase } from '../../db/database.js';
import { PostgresEventStore } from './postgres-event-store.js';

eventStoreContract('pglite (in memory)', async () => {
  const database = await openPgliteFromTemplate();
  return { store: new PostgresEventStore(database.pool, 'pglite'), dispose: () => database.close() };
});

if (TEST_DATABASE_URL !== '') {
  eventStoreContract('postgres', async () => {
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
  });
}
