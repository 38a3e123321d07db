// The composition root: the one module that knows every layer, and wires the adapters to the ports.
import type { OpenFlowFile } from './application/flow-file.js';
import type { OriginalsArchive } from './application/originals.js';
import type { EventStore } from './domain/event-store/event-store.js';
import { intakeLimits, type Config } from './infrastructure/config.js';
import { openDatabase, type Database } from './infrastructure/db/database.js';
import { eventsTableSource, PostgresEventStore } from './infrastructure/event-store/postgres/postgres-event-store.js';
import { openFlowFile } from './infrastructure/files/flow-file.js';
import { DatabaseOriginalsArchive } from './infrastructure/files/originals-archive.js';
import { inlineReadModel } from './projections/inline.js';
import { ProjectionRunner } from './projections/runner.js';
import { storeEventSource, type ProjectionEventSource } from './projections/event-source.js';

/** Everything a command needs, wired once from the configuration. */
export interface Services {
  readonly config: Config;
  readonly database: Database;
  readonly store: EventStore;
  readonly projections: ProjectionRunner;
  /** The original content of received files (docs/adr/0007-keeping-originals.md). */
  readonly originals: OriginalsArchive;
  /** Opens a flow file on disk within the configured intake limits. */
  readonly openFlowFile: OpenFlowFile;
  close(): Promise<void>;
}

export interface ServiceOptions {
  /**
   * Whether an import writes a new file's read-model rows with its events (when the read model is at
   * the store's head); `false` leaves every file to the catch-up (`nem import --no-project`).
   */
  readonly inlineProjection?: boolean;
}

/**
 * Opens the database (PostgreSQL at DATABASE_URL, or embedded PGlite in the data folder) and the event
 * store (EventStoreDB at EVENTSTORE_URL, or the events table of that database).
 */
export async function openServices(config: Config, options: ServiceOptions = {}): Promise<Services> {
  const limits = intakeLimits(config);
  const database = await openDatabase(
    config.databaseUrl === null
      ? { kind: 'pglite', dataDir: config.dataDir }
      : { kind: 'postgres', url: config.databaseUrl },
  );
  let store: EventStore;
  let events: ProjectionEventSource;
  try {
    if (config.eventStoreUrl === null) {
      events = eventsTableSource();
      // A new file's stream is written whole, with its read-model rows in the same transaction.
      store = new PostgresEventStore(database.pool, database.kind, {
        copyUrl: database.url,
        inline: options.inlineProjection === false ? null : inlineReadModel(events),
      });
    } else {
      // The EventStoreDB client (gRPC) loads only when one is configured.
      const esdb = await import('./infrastructure/event-store/esdb/esdb-event-store.js');
      store = await esdb.openEsdbEventStore(config.eventStoreUrl);
      events = storeEventSource(store);
    }
  } catch (error) {
    await database.close();
    throw error;
  }
  const projections = new ProjectionRunner(database.pool, store, events);
  return {
    config,
    database,
    store,
    projections,
    originals: new DatabaseOriginalsArchive(database.pool, config.originalsMaxBytes),
    openFlowFile: (path) => openFlowFile(path, limits),
    close: async () => {
      await store.close();
      await database.close();
    },
  };
}
