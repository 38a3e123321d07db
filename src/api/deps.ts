import type { EventStore } from '../domain/event-store/event-store.js';
import type { OriginalsArchive } from '../application/originals.js';
import type { AccountStore } from '../infrastructure/accounts/account-store.js';
import type { SignInThrottle } from '../infrastructure/accounts/sign-in-throttle.js';
import type { Database } from '../infrastructure/db/database.js';
import type { ProjectionRunner } from '../projections/runner.js';
import type { RebuildJob } from './rebuild-job.js';

export interface ApiOptions {
  /** Largest upload accepted, in bytes (413 beyond). */
  readonly maxUploadBytes: number;
  /** Largest decompressed content of an uploaded .gz or .zip, in bytes. */
  readonly maxContentBytes: number;
  /**
   * Root of the private folders where uploads wait while they are imported (each is deleted after, and
   * folders abandoned by a crash are removed at the next start).
   */
  readonly uploadDir: string;
  /** How long a browser session lasts without signing in again. */
  readonly sessionTtlMs: number;
  /** Mark cookies Secure (behind HTTPS). */
  readonly secureCookies: boolean;
  /** The built admin UI (`ui/dist`), served at `/` when present. */
  readonly uiDir?: string | null;
}

export const DEFAULT_API_OPTIONS: Omit<ApiOptions, 'uploadDir'> = {
  maxUploadBytes: 100 * 1024 * 1024,
  maxContentBytes: 1024 * 1024 * 1024,
  sessionTtlMs: 12 * 60 * 60 * 1000,
  secureCookies: false,
};

export interface AppDeps {
  readonly database: Database;
  readonly store: EventStore;
  readonly projections: ProjectionRunner;
  readonly accounts: AccountStore;
  /** The original content of received files: kept at upload, served for download and source lines. */
  readonly originals: OriginalsArchive;
  /** Failed sign-ins per account and address, in the database. */
  readonly signInThrottle: SignInThrottle;
  readonly options: ApiOptions;
  /** The background rebuild (the server makes it, to stop and resume it); buildApp makes one otherwise. */
  readonly rebuild?: RebuildJob;
  /** Tells the operator something they should know (the server prints it; logged otherwise). */
  readonly notice?: (message: string) => void;
  /** After an upload is imported: bring the read model up to date (the server's live runner). */
  readonly afterImport?: () => Promise<void>;
}
