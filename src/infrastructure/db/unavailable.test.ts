import pg from 'pg';
import {
  BackendTerminatedUnexpectedlyError,
  ConnectionError,
  StatementTimeoutError,
  UniqueIntegrityConstraintViolationError,
} from 'slonik';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EventStoreUnavailableError } from '../../domain/event-store/event-store.js';
import { DatabaseUnavailableError, unavailableReason } from './unavailable.js';

/** An error as PostgreSQL sends it (pg's DatabaseError with its SQLSTATE). */
function serverError(code: string, message: string): pg.DatabaseError {
  const error = new pg.DatabaseError(message, message.length, 'error');
  error.code = code;
  return error;
}

/** An error as Node's sockets raise it. */
function socketError(code: string, syscall = 'connect'): NodeJS.ErrnoException {
  return Object.assign(new Error(`${syscall} ${code} 127.0.0.1:5432`), { code, errno: -1, syscall });
}

describe('unavailableReason', () => {
  it.each([
    ['a refused connection', socketError('ECONNREFUSED'), 'connection refused'],
    ['a reset connection', socketError('ECONNRESET', 'read'), 'connection lost'],
    ['an unknown host', socketError('ENOTFOUND', 'getaddrinfo'), 'host not found'],
    [
      'every address refused (happy eyeballs)',
      new AggregateError([socketError('ECONNREFUSED'), socketError('ECONNREFUSED')]),
      'connection refused',
    ],
    [
      'pg_ctl stop -m fast',
      serverError('57P01', 'terminating connection due to administrator command'),
      'the server is shutting down',
    ],
    [
      'a server starting up',
      serverError('57P03', 'the database system is starting up'),
      'the server is not accepting connections yet',
    ],
    ['a connection exception', serverError('08006', 'connection failure'), 'connection failure'],
    ['too many connections', serverError('53300', 'sorry, too many clients already'), 'too many connections'],
    [
      'statement_timeout on the server',
      serverError('57014', 'canceling statement due to statement timeout'),
      'statement timed out or was cancelled',
    ],
    [
      "slonik's statement timeout",
      new StatementTimeoutError(serverError('57014', 'canceling statement due to statement timeout')),
      'statement timed out',
    ],
    [
      "slonik's lost backend",
      new BackendTerminatedUnexpectedlyError(new Error('Connection terminated unexpectedly')),
      'connection lost',
    ],
    ["pg's lost connection", new Error('Connection terminated unexpectedly'), 'connection lost'],
    ["pg's connect timeout", new Error('Connection terminated due to connection timeout'), 'connection timed out'],
    ["pg-pool's connect timeout", new Error('timeout exceeded when trying to connect'), 'connection timed out'],
    ["pg's client-side query timeout", new Error('Query read timeout'), 'no answer in time'],
    [
      "slonik's failed checkout, by its cause",
      new ConnectionError('connect ECONNREFUSED', { cause: socketError('ECONNREFUSED') }),
      'connection refused',
    ],
    ["slonik's failed checkout, cause unknown", new ConnectionError('cannot connect'), 'unavailable'],
    [
      'a wrapped cause',
      new EventStoreUnavailableError('appending failed', {
        cause: serverError('57P01', 'terminating connection due to administrator command'),
      }),
      'the server is shutting down',
    ],
    ['an unavailable event store', new EventStoreUnavailableError('eventstoredb: not leader'), 'unavailable'],
    ['an unavailable database', new DatabaseUnavailableError('cannot open'), 'unavailable'],
  ])('classifies %s', (_name, error, reason) => {
    expect(unavailableReason(error)).toBe(reason);
  });

  it.each([
    [
      'a unique violation',
      new UniqueIntegrityConstraintViolationError(Object.assign(new Error('duplicate key'), { code: '23505' })),
    ],
    ['a missing table', serverError('42P01', 'relation "nem_events" does not exist')],
    ['a syntax error', serverError('42601', 'syntax error at or near "SELEC"')],
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'rows')")],
    ['a validation error', z.string().safeParse(1).error],
    ['an HTTP client that hung up', Object.assign(new Error('aborted'), { code: 'ECONNRESET' })],
    ["Fastify's own error", Object.assign(new Error('request file too large'), { code: 'FST_REQ_FILE_TOO_LARGE' })],
    ['a string', 'Connection terminated'],
    ['nothing', undefined],
  ])('leaves %s alone', (_name, error) => {
    expect(unavailableReason(error)).toBeNull();
  });
});
