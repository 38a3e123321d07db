import {
  BackendTerminatedError,
  BackendTerminatedUnexpectedlyError,
  ConnectionError,
  IdleTransactionTimeoutError,
  StatementCancelledError,
  StatementTimeoutError,
} from 'slonik';
import { EventStoreUnavailableError } from '../../domain/event-store/event-store.js';

/** The database cannot be reached, or stopped answering: an operator can act on it, nobody's input caused it. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

/** Node's socket errors (errno codes). */
const SOCKET_REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection lost',
  ECONNABORTED: 'connection lost',
  EPIPE: 'connection lost',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EHOSTDOWN: 'host unreachable',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
};

/** PostgreSQL's SQLSTATEs that say the server, not the statement, is the problem. */
function sqlStateReason(code: string): string | null {
  switch (code) {
    case '57P01': // admin_shutdown: pg_ctl stop -m fast, or pg_terminate_backend
      return 'the server is shutting down';
    case '57P02': // crash_shutdown
      return 'the server is restarting after a crash';
    case '57P03': // cannot_connect_now: starting up, shutting down, in recovery
      return 'the server is not accepting connections yet';
    case '57P05': // idle_session_timeout
    case '25P03': // idle_in_transaction_session_timeout
      return 'connection closed by the server';
    case '57014': // query_canceled: statement_timeout, or cancelled by an administrator
      return 'statement timed out or was cancelled';
    case '53300': // too_many_connections
      return 'too many connections';
    case '53100': // disk_full
    case '53200': // out_of_memory
      return 'the server is out of resources';
    default:
      return code.startsWith('08') ? 'connection failure' : null; // class 08: connection exception
  }
}

/** pg's own errors carry no code; their messages are its API. */
const MESSAGE_REASONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/connection timeout|timeout expired|timeout exceeded when trying to connect/i, 'connection timed out'],
  [/query read timeout/i, 'no answer in time'],
  [/connection terminated|not queryable|connection (was )?closed|socket (has been )?ended/i, 'connection lost'],
];

function* chain(error: unknown, depth = 0): Generator {
  if (error === undefined || error === null || depth > 8) return;
  yield error;
  if (error instanceof AggregateError) for (const inner of error.errors) yield* chain(inner, depth + 1);
  if (error instanceof Error) yield* chain(error.cause, depth + 1);
}

function classify(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, syscall } = error as { code?: unknown; syscall?: unknown };
  if (typeof code === 'string') {
    // A socket's own errors name the system call; an HTTP client hanging up ("aborted") says ECONNRESET
    // without one, and is no sign of the database.
    const socket = typeof syscall === 'string' ? SOCKET_REASONS[code] : undefined;
    const reason = socket ?? (/^[0-9A-Z]{5}$/.test(code) ? sqlStateReason(code) : null);
    if (reason !== null) return reason;
  }
  if (error instanceof StatementTimeoutError) return 'statement timed out';
  if (error instanceof StatementCancelledError) return 'statement cancelled';
  if (error instanceof IdleTransactionTimeoutError) return 'connection closed by the server';
  if (error instanceof BackendTerminatedError || error instanceof BackendTerminatedUnexpectedlyError)
    return 'connection lost';
  const message = (error as { message?: unknown }).message;
  if (typeof message === 'string') {
    for (const [pattern, reason] of MESSAGE_REASONS) if (pattern.test(message)) return reason;
  }
  return null;
}

/**
 * Whether an error means the database (or the event store) is unavailable, and why, in a few words fit
 * for a person and for /health ("connection refused", "the server is shutting down"); null for any
 * other error. The one place that knows the codes: Node's socket errors, PostgreSQL's SQLSTATEs of
 * classes 08, 53 and 57, pg's and slonik's connection errors, through causes and aggregates.
 */
export function unavailableReason(error: unknown): string | null {
  for (const link of chain(error)) {
    const reason = classify(link);
    if (reason !== null) return reason;
  }
  for (const link of chain(error)) {
    if (
      link instanceof DatabaseUnavailableError ||
      link instanceof EventStoreUnavailableError ||
      link instanceof ConnectionError
    )
      return 'unavailable';
  }
  return null;
}

/** The first line of an error's message, for messages that quote it. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
