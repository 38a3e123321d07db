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
import { DatabaseUnavailableError, firstLine, unavailableReason } from './unavailable.js';

export { DatabaseUnavailableError } from './unavailable.js';

/** The relational database behind the event store and the read models. */
export interface Database {
  readonly kind: 'postgres' | 'pglite';
  /** Where it is, for messages: a redacted URL or a folder. */
  readonly location: string;
  /** The connection URL of a PostgreSQL server, for adapters that need connections of their own. */
  readonly url: string | null;
  readonly pool: DatabasePool;
  /** The limits the connections of a PostgreSQL server run with; null for PGlite (in this process). */
  readonly timeouts: DatabaseTimeouts | null;
  close(): Promise<void>;
}

/**
 * Limits on a PostgreSQL server's connections, so that a lost or frozen server becomes an error instead
 * of a wait without end.
 */
export interface DatabaseTimeouts {
  /** Opening a connection (TCP and start-up): a server that does not answer in this time is unavailable. */
  readonly connectMs: number;
  /**
   * Any one statement (the server's statement_timeout). It must let the longest legitimate statement
   * finish: the projection writes a whole file's readings with one INSERT ... SELECT (about 25 s for
   * 1,000,000 readings on the benchmark machine, and a file may hold several million), and migrations
   * may build indexes on large tables. So it is long: it only ends runaway statements and frees their
   * locks. Checks that must answer quickly (/health) keep deadlines of their own.
   */
  readonly statementMs: number;
}

export const DEFAULT_TIMEOUTS: DatabaseTimeouts = { connectMs: 5_000, statementMs: 15 * 60_000 };

export type DatabaseTarget =
  | { readonly kind: 'postgres'; readonly url: string; readonly timeouts?: Partial<DatabaseTimeouts> }
  | { readonly kind: 'pglite'; readonly dataDir: string }
  /**
   * PGlite in memory: for tests. `template` is a data folder as `PGlite.dumpDataDir` writes it (a tar),
   * which starts the database from a copy instead of running initdb.
   */
  | { readonly kind: 'pglite-memory'; readonly template?: Blob };

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
  const classified = unavailableReason(error);
  if (classified !== null && classified !== 'unavailable') return classified;
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    if (cause !== undefined && error.message.length < 20) return reason(cause);
  }
  return firstLine(error);
}

/**
 * Errors of a connection reach the caller whose query fails; slonik also emits them on the pool, and an
 * EventEmitter without an 'error' listener throws what it emits. The listener makes sure a lost
 * connection can never end the process from there.
 */
function ignorePoolErrors(pool: DatabasePool): void {
  pool.on('error', () => undefined);
}

async function openPostgres(url: string, timeouts: DatabaseTimeouts): Promise<Database> {
  const location = redactUrl(url);
  let pool: DatabasePool;
  try {
    pool = await createPool(url, {
      ...COMMON,
      maxPoolSize: 10,
      connectionTimeout: timeouts.connectMs,
      connectionRetryLimit: 1,
      statementTimeout: timeouts.statementMs,
    });
    ignorePoolErrors(pool);
    await pool.query(sql.unsafe`SELECT 1`);
  } catch (error) {
    throw new DatabaseUnavailableError(`cannot connect to PostgreSQL at ${location}: ${reason(error)}`, {
      cause: error,
    });
  }
  let closing: Promise<void> | null = null;
  return { kind: 'postgres', location, url, pool, timeouts, close: () => (closing ??= pool.end()) };
}

/**
 * PGlite starts postgres with the server's default of 128 MB of shared buffers, which it zeroes in
 * WebAssembly at every start: 0.3 s of CPU, for each command on the embedded database. An embedded
 * database has one session, and its pages stay in the operating system's file cache; 16 MB costs a
 * large import nothing measurable (docs/testing.md has the figures).
 */
export const PGLITE_START_PARAMS: readonly string[] = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

async function openPglite(dataDir: string | null, template?: Blob): Promise<Database> {
  let lock: { release: () => void } | null = null;
  if (dataDir !== null) {
    mkdirSync(dataDir, { recursive: true });
    lock = lockDataDir(dataDir);
  }
  try {
    const db = await PGlite.create({
      startParams: [...PGLITE_START_PARAMS],
      ...(dataDir === null ? {} : { dataDir: join(dataDir, 'pgdata') }),
      ...(template === undefined ? {} : { loadDataDir: template }),
    });
    const pool = await createPool('postgres://pglite@localhost/nem', {
      ...COMMON,
      driverFactory: createPgliteDriverFactory(db),
      // One session: slonik hands it to one caller (and one transaction) at a time.
      maxPoolSize: 1,
      connectionTimeout: 'DISABLE_TIMEOUT',
    });
    ignorePoolErrors(pool);
    let closing: Promise<void> | null = null;
    return {
      kind: 'pglite',
      location: dataDir ?? '(memory)',
      url: null,
      pool,
      timeouts: null,
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

/**
 * Opens the database and brings its schema up to date (or up to the migration `schemaThrough` names, to
 * test a later migration on an earlier schema).
 */
export async function openDatabase(
  target: DatabaseTarget,
  options: { readonly schemaThrough?: string } = {},
): Promise<Database> {
  const database =
    target.kind === 'postgres'
      ? await openPostgres(target.url, { ...DEFAULT_TIMEOUTS, ...target.timeouts })
      : target.kind === 'pglite'
        ? await openPglite(target.dataDir)
        : await openPglite(null, target.template);
  try {
    await migrate(database.pool, {
      ...(options.schemaThrough === undefined ? {} : { through: options.schemaThrough }),
    });
  } catch (error) {
    await database.close();
    throw new DatabaseUnavailableError(`cannot prepare the database at ${database.location}: ${reason(error)}`, {
      cause: error,
    });
  }
  return database;
}
