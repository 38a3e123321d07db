import { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createPool, sql, type DatabasePool } from 'slonik';
import { redactUrl } from '../config.js';
import { lockDataDir } from './data-dir-lock.js';
import { migrate } from './migrations.js';
import { resultParserInterceptor } from './result-parser.js';
import { createPgliteDriverFactory } from './pglite-driver.js';
import { TYPE_PARSERS } from './type-parsers.js';

/** The relational database behind the event store and the read models. */
export interface Database {
  readonly kind: 'postgres' | 'pglite';
  /** Where it is, for messages: a redacted URL or a folder. */
  readonly location: string;
  /** The connection URL of a PostgreSQL server, for adapters that need connections of their own. */
  readonly url: string | null;
  readonly pool: DatabasePool;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { readonly kind: 'postgres'; readonly url: string }
  | { readonly kind: 'pglite'; readonly dataDir: string }
  /** PGlite in memory: for tests. */
  | { readonly kind: 'pglite-memory' };

export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

const COMMON = {
  typeParsers: TYPE_PARSERS,
  interceptors: [resultParserInterceptor],
  // No session state is used, so a connection needs no DISCARD ALL (an extra round trip) on release.
  resetConnection: () => Promise.resolve(),
  statementTimeout: 'DISABLE_TIMEOUT',
  idleInTransactionSessionTimeout: 'DISABLE_TIMEOUT',
} as const;

function reason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reason(error.errors[0]);
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ECONNREFUSED') return 'connection refused';
    if (code === 'ENOTFOUND') return 'host not found';
    if (cause !== undefined && error.message.length < 20) return reason(cause);
    return error.message.split('\n')[0] ?? error.message;
  }
  return String(error);
}

async function openPostgres(url: string): Promise<Database> {
  const location = redactUrl(url);
  let pool: DatabasePool;
  try {
    pool = await createPool(url, { ...COMMON, maxPoolSize: 10, connectionTimeout: 5000, connectionRetryLimit: 1 });
    await pool.query(sql.unsafe`SELECT 1`);
  } catch (error) {
    throw new DatabaseUnavailableError(`cannot connect to PostgreSQL at ${location}: ${reason(error)}`, {
      cause: error,
    });
  }
  let closing: Promise<void> | null = null;
  return { kind: 'postgres', location, url, pool, close: () => (closing ??= pool.end()) };
}

async function openPglite(dataDir: string | null): Promise<Database> {
  let lock: { release: () => void } | null = null;
  if (dataDir !== null) {
    mkdirSync(dataDir, { recursive: true });
    lock = lockDataDir(dataDir);
  }
  try {
    const db = await PGlite.create(dataDir === null ? undefined : join(dataDir, 'pgdata'));
    const pool = await createPool('postgres://pglite@localhost/nem', {
      ...COMMON,
      driverFactory: createPgliteDriverFactory(db),
      // One session: slonik hands it to one caller (and one transaction) at a time.
      maxPoolSize: 1,
      connectionTimeout: 'DISABLE_TIMEOUT',
    });
    let closing: Promise<void> | null = null;
    return {
      kind: 'pglite',
      location: dataDir ?? '(memory)',
      url: null,
      pool,
      close: () =>
        (closing ??= (async () => {
          await pool.end();
          await db.close();
          lock?.release();
        })()),
    };
  } catch (error) {
    lock?.release();
    throw new DatabaseUnavailableError(
      `cannot open the embedded database in ${dataDir ?? 'memory'}: ${reason(error)}`,
      {
        cause: error,
      },
    );
  }
}

/** Opens the database and brings its schema up to date. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  const database =
    target.kind === 'postgres'
      ? await openPostgres(target.url)
      : await openPglite(target.kind === 'pglite' ? target.dataDir : null);
  try {
    await migrate(database.pool);
  } catch (error) {
    await database.close();
    throw new DatabaseUnavailableError(`cannot prepare the database at ${database.location}: ${reason(error)}`, {
      cause: error,
    });
  }
  return database;
}
