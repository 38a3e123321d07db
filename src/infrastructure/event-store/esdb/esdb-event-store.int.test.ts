import { describe } from 'vitest';
import { eventStoreContract } from '../../../domain/event-store/event-store.contract.js';
import { openEsdbEventStore } from './esdb-event-store.js';

const url = process.env.EVENTSTORE_URL ?? '';
if (url === '') {
  console.warn(
    "event store contract: eventstoredb skipped: EVENTSTORE_URL is not set (e.g. 'kurrentdb://localhost:2113?tls=false' for docker-compose.yml's server)",
  );
}

describe.skipIf(url === '')('event store contract: eventstoredb (needs EVENTSTORE_URL)', () => {
  eventStoreContract('eventstoredb', async () => {
    const store = await openEsdbEventStore(url);
    const second = await openEsdbEventStore(url);
    return {
      store,
      second,
      dispose: async () => {
        await second.close();
        await store.close();
      },
    };
  });
});
