// Vitest global setup of the int and e2e projects: one migrated embedded database per run, as a data
// folder that `nem` children start from (test/cli.ts copies it into a new NEM_DATA_DIR) and as a tar that
// in-memory PGlite loads (test/databases.ts). A new PGlite runs initdb and every migration, 3 to 5 s on
// our machines; a copy of one that has done so opens in under a second. Tests of a first run from
// nothing opt out (unseededDataDir in test/cli.ts), and the production-image test starts from nothing.
import { PGlite } from '@electric-sql/pglite';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase, PGLITE_START_PARAMS } from '../src/infrastructure/db/database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated embedded data folder: copy its pgdata into a new NEM_DATA_DIR. */
    nemTemplateDataDir: string;
    /** The same database as PGlite's dumpDataDir writes it, for `{ kind: 'pglite-memory', template }`. */
    nemTemplateTarball: string;
  }
}

interface Template {
  readonly root: string;
  readonly dataDir: string;
  readonly tarball: string;
}

async function makeTemplate(): Promise<Template> {
  const root = mkdtempSync(join(tmpdir(), 'nem-test-template-'));
  const dataDir = join(root, 'data');
  const database = await openDatabase({ kind: 'pglite', dataDir });
  await database.close();
  const pglite = await PGlite.create({ dataDir: join(dataDir, 'pgdata'), startParams: [...PGLITE_START_PARAMS] });
  try {
    const dump = await pglite.dumpDataDir('none');
    const tarball = join(root, 'template.tar');
    writeFileSync(tarball, new Uint8Array(await dump.arrayBuffer()));
    return { root, dataDir, tarball };
  } finally {
    await pglite.close();
  }
}

// Both projects list this file; they run in one process, so the template is made once.
const shared = globalThis as { nemTestTemplate?: Promise<Template> };

export default async function setup(project: TestProject): Promise<() => void> {
  const template = await (shared.nemTestTemplate ??= makeTemplate());
  project.provide('nemTemplateDataDir', template.dataDir);
  project.provide('nemTemplateTarball', template.tarball);
  return () => rmSync(template.root, { recursive: true, force: true });
}
