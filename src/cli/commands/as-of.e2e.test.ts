/**
 * `nem readings --as-of`: the readings as the service knew them at an instant, on the embedded database.
 * The files' closing times are set in the data directory between the import and the projection.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../infrastructure/db/database.js';
import { AS_OF_FILES, AS_OF_NMI, setClosedAt } from '../../../test/as-of-history.js';
import { expectExit } from '../../../test/cli.js';
import { runNemInProcess } from '../../../test/nem-in-process.js';

const work = mkdtempSync(join(tmpdir(), 'nem-as-of-e2e-'));
const env = { NEM_DATA_DIR: join(work, 'data'), DATABASE_URL: '' };

describe('nem readings --as-of (embedded database)', () => {
  beforeAll(async () => {
    const paths = AS_OF_FILES.map((file) => {
      const path = join(work, file.name);
      writeFileSync(path, file.content);
      return path;
    });
    const imported = await runNemInProcess(['import', '--no-project', ...paths], env);
    // One file is rejected: exit 1.
    expectExit(imported, 1);
    const database = await openDatabase({ kind: 'pglite', dataDir: env.NEM_DATA_DIR });
    try {
      for (const file of AS_OF_FILES) {
        await setClosedAt(database.pool, createHash('sha256').update(file.content).digest('hex'), file);
      }
    } finally {
      await database.close();
    }
    expectExit(await runNemInProcess(['projections', 'catch-up'], env), 0);
  });

  it('prints the readings as known on a day, saying so, and the correction once it was known', async () => {
    const before = await runNemInProcess(['readings', '--nmi', AS_OF_NMI, '--as-of', '2005-03-03'], env);
    expectExit(before, 0);
    const lines = before.stdout.trim().split('\n');
    expect(lines[0]).toBe('as known on 2005-03-03 00:00 +10:00');
    expect(before.stdout).toContain('007654.9');
    expect(before.stdout).not.toContain('007700.0');

    const after = await runNemInProcess(['readings', '--nmi', AS_OF_NMI, '--as-of', '2005-03-05T12:00'], env);
    expectExit(after, 0);
    expect(after.stdout.split('\n')[0]).toBe('as known on 2005-03-05 12:00 +10:00');
    expect(after.stdout).toContain('007700.0');
    expect(after.stdout).not.toContain('007654.9');

    const json = await runNemInProcess(
      ['readings', '--nmi', AS_OF_NMI, '--as-of', '2005-03-05T01:59:59Z', '--include-superseded', '--json'],
      env,
    );
    expectExit(json, 0);
    expect(json.stderr).toContain('as known on 2005-03-05 11:59:59 +10:00');
    const readings = JSON.parse(json.stdout) as Array<{ registerId: string; currentRead: string }>;
    expect(readings.filter((r) => r.registerId === '1').map((r) => r.currentRead)).toEqual(['007654.9']);
  });

  it('says when nothing was known yet, and refuses a moment that is not one', async () => {
    const nothing = await runNemInProcess(['readings', '--nmi', AS_OF_NMI, '--as-of', '2005-03-01 11:59 +10:00'], env);
    expectExit(nothing, 0);
    expect(nothing.stdout.trim()).toBe(`no readings for NMI ${AS_OF_NMI} as known on 2005-03-01 11:59 +10:00`);

    const bad = await runNemInProcess(['readings', '--nmi', AS_OF_NMI, '--as-of', '2005-02-30'], env);
    expectExit(bad, 2);
    expect(bad.stderr).toContain('"2005-02-30" is not a day (YYYY-MM-DD) or a date and time');
  });
});
