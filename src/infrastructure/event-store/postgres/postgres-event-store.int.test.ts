import { eventStoreContract } from '../../../domain/event-store/event-store.contract.js';
import { openDatabase } from '../../db/database.js';
import { PostgresEventStore } from './postgres-event-store.js';

eventStoreContract('pglite (in memory)', async () => {
  const database = await openDatabase({ kind: 'pglite-memory' });
  return { store: new PostgresEventStore(database.pool, 'pglite'), dispose: () => database.close() };
});

const url = process.env.TEST_DATABASE_URL;
if (url !== undefined && url !== '') {
  eventStoreContract('postgres', async () => {
    const database = await openDatabase({ kind: 'postgres', url });
    const second = await openDatabase({ kind: 'postgres', url });
    return {
      store: new PostgresEventStore(database.pool, 'postgres'),
      second: new PostgresEventStore(second.pool, 'postgres'),
      dispose: async () => {
        await second.close();
        await database.close();
      },
    };
  });
}
