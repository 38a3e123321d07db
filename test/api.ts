import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, DEFAULT_API_OPTIONS, type ApiOptions } from '../src/api/app.js';
import { SignInThrottle } from '../src/infrastructure/accounts/sign-in-throttle.js';
import { DatabaseOriginalsArchive } from '../src/infrastructure/files/originals-archive.js';
import { AccountStore } from '../src/infrastructure/accounts/account-store.js';
import type { Database } from '../src/infrastructure/db/database.js';
import { ProjectionRunner } from '../src/projections/runner.js';
import { eventStoreOn } from './databases.js';
import { eventsTableSource } from '../src/infrastructure/event-store/postgres/postgres-event-store.js';

export interface TestApi {
  readonly app: FastifyInstance;
  readonly accounts: AccountStore;
  readonly projections: ProjectionRunner;
  close(): Promise<void>;
}

export interface TestApiSetup {
  /** Believe X-Forwarded-For (the server's NEM_TRUST_PROXY=true). */
  readonly trustProxy?: boolean;
  /** Add the admin and the viewer (false for a second instance on the same database). */
  readonly addUsers?: boolean;
}

/** The app on a database, with an admin and a viewer (passwords: `<name>-password-1`). */
export async function testApi(
  database: Database,
  options: Partial<ApiOptions> = {},
  setup: TestApiSetup = {},
): Promise<TestApi> {
  const store = eventStoreOn(database);
  const accounts = new AccountStore(database.pool);
  const projections = new ProjectionRunner(database.pool, store, eventsTableSource());
  await projections.ensureReadModel();
  if (setup.addUsers !== false) {
    await accounts.addUser('admin', 'admin', 'admin-password-1');
    await accounts.addUser('viewer', 'viewer', 'viewer-password-1');
  }
  const app = await buildApp(
    {
      database,
      store,
      projections,
      accounts,
      signInThrottle: new SignInThrottle(database.pool),
      originals: new DatabaseOriginalsArchive(database.pool, 100 * 1024 * 1024),
      options: { ...DEFAULT_API_OPTIONS, uploadDir: mkdtempSync(join(tmpdir(), 'nem-uploads-')), ...options },
    },
    { trustProxy: setup.trustProxy ?? false },
  );
  return {
    app,
    accounts,
    projections,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}

export interface SignedIn {
  readonly cookies: Record<string, string>;
  readonly csrfToken: string;
}

export async function signIn(app: FastifyInstance, username: string): Promise<SignedIn> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { username, password: `${username}-password-1` },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${response.body}`);
  const cookies = Object.fromEntries(response.cookies.map((c) => [c.name, c.value]));
  return { cookies, csrfToken: response.json<{ csrfToken: string }>().csrfToken };
}

/** A multipart/form-data body with the given files. */
export function multipart(files: Array<{ name: string; content: Buffer | string }>): {
  payload: Buffer;
  headers: Record<string, string>;
} {
  const boundary = `----nem${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export function body<T>(response: LightMyRequestResponse): T {
  return response.json<T>();
}
