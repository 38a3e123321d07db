import { EventStoreUnavailableError } from '../domain/event-store/event-store.js';
import { ConfigError, loadConfig } from '../infrastructure/config.js';
import { openServices, type ServiceOptions, type Services } from '../compose.js';
import { DataDirLockedError } from '../infrastructure/db/data-dir-lock.js';
import { DatabaseUnavailableError } from '../infrastructure/db/database.js';
import { firstLine, unavailableReason } from '../infrastructure/db/unavailable.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { Output } from './output.js';

/** Failures a user can act on: one line, no stack trace, exit code 2. */
const EXPECTED_FAILURES = [ConfigError, DatabaseUnavailableError, DataDirLockedError, EventStoreUnavailableError];

/**
 * The one line for a failure a user can act on, or null for any other error. A database lost during
 * the work (stopped, restarting, out of reach) is one of them, whichever layer it surfaced from.
 */
function expectedFailure(error: unknown, where: string | null): string | null {
  if (EXPECTED_FAILURES.some((type) => error instanceof type)) return firstLine(error);
  const reason = unavailableReason(error);
  if (reason === null) return null;
  return `the database${where === null ? '' : ` at ${where}`} is unavailable${reason === 'unavailable' ? '' : ` (${reason})`}`;
}

/** Opens the configured services for one command, closes them after, and turns setup failures into one line. */
export async function withServices(
  io: Output,
  command: (services: Services) => Promise<ExitCode>,
  options: ServiceOptions = {},
): Promise<ExitCode> {
  let services: Services;
  try {
    services = await openServices(loadConfig(), options);
  } catch (error) {
    const line = expectedFailure(error, null);
    if (line === null) throw error;
    io.err(`nem: ${line}`);
    return EXIT.usage;
  }
  let failed = false;
  try {
    return await command(services);
  } catch (error) {
    const line = expectedFailure(error, services.database.location);
    if (line === null) throw error;
    failed = true;
    io.err(`nem: ${line}`);
    return EXIT.usage;
  } finally {
    // After a lost database, closing may fail too; the line above has said what matters.
    if (failed) await services.close().catch(() => undefined);
    else await services.close();
  }
}
