import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { createPool, sql } from 'slonik';
import { openDatabase, type Database } from '../src/infrastructure/db/database.js';
import { PostgresEventStore } from '../src/infrastructure/event-store/postgres/postgres-event-store.js';

let tarball: Blob | undefined;
/** The migrated embedded database of this run, read once per worker. */
function templateTarball(): Blob {
  return (tarball ??= new Blob([readFileSync(inject('nemTemplateTarball'))]));
}

/** A new in-memory PGlite, started from the migrated template. */
export function openPgliteFromTemplate(): Promise<Database> {
  return openDatabase({ kind: 'pglite-memory', template: templateTarball() });
}

/** The PostgreSQL server tests may use (CI sets it); PGlite is always tested. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? '';

export interface TestPostgres {
  readonly url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database on the test server, so test files running in parallel do not meet. */
export async function createTestPostgres(): Promise<TestPostgres> {
  const admin = await createPool(TEST_DATABASE_URL, { maxPoolSize: 1 });
  const name = `nem_test_${randomBytes(6).toString('hex')}`;
  await admin.query(sql.unsafe`CREATE DATABASE ${sql.identifier([name])}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(sql.unsafe`DROP DATABASE IF EXISTS ${sql.identifier([name])} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export interface TestDatabaseTarget {
  readonly name: 'pglite' | 'postgres';
  /** Opens a new, empty database (of the schema up to `schemaThrough`, when given). */
  open(options?: { readonly schemaThrough?: string }): Promise<Database>;
}

/** The event store the application uses on that database (COPY appends on a server). */
export function eventStoreOn(database: Database): PostgresEventStore {
  return new PostgresEventStore(database.pool, database.kind, { copyUrl: database.url });
}

/** PGlite in memory always; PostgreSQL too when TEST_DATABASE_URL is set. */
export const TEST_DATABASES: TestDatabaseTarget[] = [
  {
    name: 'pglite',
    // A migrated template (test/template-database.ts) unless the test wants an earlier schema.
    open: (options) =>
      options?.schemaThrough === undefined
        ? openPgliteFromTemplate()
        : openDatabase({ kind: 'pglite-memory' }, options),
  },
  ...(TEST_DATABASE_URL === ''
    ? []
    : [
        {
          name: 'postgres' as const,
          open: async (options?: { readonly schemaThrough?: string }) => {
            const server = await createTestPostgres();
            const database = await openDatabase({ kind: 'postgres', url: server.url }, options);
            return {
              ...database,
              close: async () => {
                await database.close();
                await server.drop();
              },
            };
          },
        },
      ]),
];
