/**
 * The API's contract as files clients build on: the OpenAPI document of a live app (docs/openapi.json)
 * and the TypeScript types the admin's client is generated from (ui/src/api/schema.d.ts). A test keeps
 * both equal to what the code serves (src/api/openapi-contract.int.test.ts).
 *
 *   npm run api:generate      writes both
 */
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildApp, DEFAULT_API_OPTIONS } from '../src/api/app.js';
import { AccountStore } from '../src/infrastructure/accounts/account-store.js';
import { SignInThrottle } from '../src/infrastructure/accounts/sign-in-throttle.js';
import { DatabaseOriginalsArchive } from '../src/infrastructure/files/originals-archive.js';
import { openDatabase } from '../src/infrastructure/db/database.js';
import {
  PostgresEventStore,
  eventsTableSource,
} from '../src/infrastructure/event-store/postgres/postgres-event-store.js';
import { ProjectionRunner } from '../src/projections/runner.js';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), import.meta.url.includes('/dist/') ? '../..' : '..');
export const DOCUMENT_PATH = resolve(ROOT, 'docs/openapi.json');
export const CLIENT_TYPES_PATH = resolve(ROOT, 'ui/src/api/schema.d.ts');

/** The OpenAPI document the API serves at /docs/json, with its default limits (no server needed). */
export async function liveDocument(): Promise<Record<string, unknown>> {
  const database = await openDatabase({ kind: 'pglite-memory' });
  const store = new PostgresEventStore(database.pool, database.kind);
  try {
    const app = await buildApp({
      database,
      store,
      projections: new ProjectionRunner(database.pool, store, eventsTableSource()),
      accounts: new AccountStore(database.pool),
      signInThrottle: new SignInThrottle(database.pool),
      originals: new DatabaseOriginalsArchive(database.pool, 100 * 1024 * 1024),
      options: { ...DEFAULT_API_OPTIONS, uploadDir: await mkdtemp(join(tmpdir(), 'nem-openapi-')) },
    });
    try {
      const response = await app.inject({ method: 'GET', url: '/docs/json' });
      if (response.statusCode !== 200) throw new Error(`/docs/json answered ${response.statusCode}`);
      return response.json<Record<string, unknown>>();
    } finally {
      await app.close();
    }
  } finally {
    await store.close();
    await database.close();
  }
}

/** The document as committed: stable JSON, two-space indents, a final newline. */
export function documentText(document: Record<string, unknown>): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** The TypeScript types of the document, as openapi-typescript writes them. */
export async function clientTypes(document: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS(structuredClone(document) as never, { alphabetize: true });
  return astToString(ast);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const document = await liveDocument();
  await writeFile(DOCUMENT_PATH, documentText(document));
  await writeFile(CLIENT_TYPES_PATH, await clientTypes(document));
  process.stdout.write(`wrote ${DOCUMENT_PATH} and ${CLIENT_TYPES_PATH}\n`);
}
