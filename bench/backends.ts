import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPool, sql } from 'slonik';
import { openDatabase, type Database } from '../src/infrastructure/db/database.js';

/** The PostgreSQL server the benchmark may create databases on. */
export const BENCH_DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type BackendName = 'postgres' | 'pglite';

export interface BenchDatabase {
  readonly database: Database;
  /** For PostgreSQL, the URL of the fresh database. */
  readonly url: string | null;
  /** For PGlite, its folder (the database lives in `pgdata` inside). */
  readonly dataDir: string | null;
  dispose(): Promise<void>;
}

/** A fresh, empty, migrated database on the backend. */
export async function freshDatabase(backend: BackendName): Promise<BenchDatabase> {
  if (backend === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'nem-bench-pglite-'));
    const database = await openDatabase({ kind: 'pglite', dataDir: dir });
    return {
      database,
      url: null,
      dataDir: dir,
      dispose: async () => {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const admin = await createPool(BENCH_DATABASE_URL, { maxPoolSize: 1 });
  const name = `nem_bench_${randomBytes(6).toString('hex')}`;
  await admin.query(sql.unsafe`CREATE DATABASE ${sql.identifier([name])}`);
  const url = new URL(BENCH_DATABASE_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString() });
  return {
    database,
    url: url.toString(),
    dataDir: null,
    dispose: async () => {
      await database.close();
      await admin.query(sql.unsafe`DROP DATABASE IF EXISTS ${sql.identifier([name])} WITH (FORCE)`);
      await admin.end();
    },
  };
}
