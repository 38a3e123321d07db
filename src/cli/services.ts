import { EventStoreUnavailableError } from '../domain/event-store/event-store.js';
import { ConfigError, loadConfig } from '../infrastructure/config.js';
import { openServices, type Services } from '../infrastructure/compose.js';
import { DataDirLockedError } from '../infrastructure/db/data-dir-lock.js';
import { DatabaseUnavailableError } from '../infrastructure/db/database.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { Output } from './output.js';

/** Failures a user can act on: one line, no stack trace, exit code 2. */
const EXPECTED_FAILURES = [ConfigError, DatabaseUnavailableError, DataDirLockedError, EventStoreUnavailableError];

/** Opens the configured services for one command, closes them after, and turns setup failures into one line. */
export async function withServices(io: Output, command: (services: Services) => Promise<ExitCode>): Promise<ExitCode> {
  let services: Services;
  try {
    services = await openServices(loadConfig());
  } catch (error) {
    if (EXPECTED_FAILURES.some((type) => error instanceof type)) {
      io.err(`nem: ${(error as Error).message}`);
      return EXIT.usage;
    }
    throw error;
  }
  try {
    return await command(services);
  } catch (error) {
    if (EXPECTED_FAILURES.some((type) => error instanceof type)) {
      io.err(`nem: ${(error as Error).message}`);
      return EXIT.usage;
    }
    throw error;
  } finally {
    await services.close();
  }
}
