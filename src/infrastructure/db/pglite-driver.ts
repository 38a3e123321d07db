import type { PGlite, Results } from '@electric-sql/pglite';
import { Readable } from 'node:stream';
import {
  CheckIntegrityConstraintViolationError,
  createDriverFactory,
  ForeignKeyIntegrityConstraintViolationError,
  InvalidInputError,
  NotNullIntegrityConstraintViolationError,
  UniqueIntegrityConstraintViolationError,
  type DriverCommand,
  type DriverFactory,
  type DriverQueryResult,
} from 'slonik';

type Parsers = Record<number, (value: string) => unknown>;

const COMMANDS: readonly DriverCommand[] = ['COPY', 'DELETE', 'INSERT', 'SELECT', 'UPDATE'];

function commandOf(query: string): DriverCommand {
  const first = /^\s*(\w+)/.exec(query)?.[1]?.toUpperCase();
  return COMMANDS.find((command) => command === first) ?? 'SELECT';
}

/** PGlite raises errors shaped like pg's; give slonik the same error classes its pg driver gives. */
function translateError(error: unknown): unknown {
  if (!(error instanceof Error) || !('code' in error)) return error;
  const pgError = error as Error & { code: string };
  switch (pgError.code) {
    case '23505':
      return new UniqueIntegrityConstraintViolationError(pgError);
    case '23503':
      return new ForeignKeyIntegrityConstraintViolationError(pgError);
    case '23502':
      return new NotNullIntegrityConstraintViolationError(pgError);
    case '23514':
      return new CheckIntegrityConstraintViolationError(pgError);
    case '22P02':
      return new InvalidInputError(pgError.message);
    default:
      return error;
  }
}

/**
 * A slonik driver over one in-process PGlite database, so the same slonik queries run embedded and on
 * a PostgreSQL server. PGlite is a single session: use it with `maxPoolSize: 1`, so that slonik hands
 * the session to one caller (and one transaction) at a time.
 */
export function createPgliteDriverFactory(db: PGlite): DriverFactory {
  return createDriverFactory(async ({ driverConfiguration }) => {
    const names = driverConfiguration.typeParsers.map((parser) => parser.name);
    const types = await db.query<{ oid: number; typname: string }>(
      'SELECT oid::int4 AS oid, typname FROM pg_type WHERE typname = ANY($1::text[])',
      [names],
    );
    const parsers: Parsers = {};
    for (const parser of driverConfiguration.typeParsers) {
      const type = types.rows.find((row) => row.typname === parser.name);
      if (type === undefined) throw new Error(`database type "${parser.name}" not found`);
      parsers[type.oid] = (value) => parser.parse(value);
    }

    const run = async (query: string, values?: unknown[]): Promise<DriverQueryResult> => {
      let result: Results<Record<string, unknown>>;
      try {
        result = await db.query<Record<string, unknown>>(query, values ?? [], { parsers });
      } catch (error) {
        throw translateError(error);
      }
      return {
        command: commandOf(query),
        fields: result.fields.map((field) => ({ name: field.name, dataTypeId: field.dataTypeID })),
        rowCount: result.affectedRows ?? result.rows.length,
        rows: result.rows,
      };
    };

    return {
      createPoolClient: () =>
        Promise.resolve({
          connect: () => Promise.resolve(),
          end: () => Promise.resolve(),
          query: run,
          stream: (query: string, values?: unknown[]) => {
            // PGlite answers a query whole; a stream over its rows keeps slonik's stream API working.
            const rows = (async function* () {
              const result = await run(query, values);
              for (const row of result.rows) yield { fields: result.fields, row };
            })();
            return Readable.from(rows) as never;
          },
        }),
    };
  });
}
