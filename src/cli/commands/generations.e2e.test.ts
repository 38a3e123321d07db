import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'slonik';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../infrastructure/db/database.js';
import { expectExit } from '../../../test/cli.js';
import { runNemInProcess } from '../../../test/nem-in-process.js';
import { CHALLENGE_CORRECTION, samplePath } from '../../../test/samples.js';

const work = mkdtempSync(join(tmpdir(), 'nem-generations-e2e-'));
const dataDir = join(work, 'data');
const env = { NEM_DATA_DIR: dataDir, DATABASE_URL: '' };

describe('nem projections rebuild --until --as, list, diff, drop and verify (embedded database)', () => {
  let positionBefore = '';
  let instantBefore = '';

  beforeAll(async () => {
    expectExit(await runNemInProcess(['import', samplePath('challenge-sample.csv')], env), 0);
    const status = JSON.parse((await runNemInProcess(['projections', 'status', '--json'], env)).stdout) as {
      checkpoint: string;
    };
    positionBefore = status.checkpoint;
    const [file] = JSON.parse((await runNemInProcess(['files', '--json'], env)).stdout) as Array<{ closedAt: string }>;
    // Recorded instants are shown to the second: the next second starts after the import, and the
    // correction is imported once it has passed.
    const next = Math.floor(Date.parse(file?.closedAt ?? '') / 1000) * 1000 + 1000;
    instantBefore = new Date(next).toISOString();
    while (Date.now() <= next + 50) await new Promise((resolve) => setImmediate(resolve));
    expectExit(await runNemInProcess(['import', CHALLENGE_CORRECTION], env), 0);
  }, 120_000);

  it('builds side generations by position and by instant, lists and diffs them, refuses bad ones', async () => {
    const byPosition = await runNemInProcess(
      ['projections', 'rebuild', '--until', positionBefore, '--as', 'before-fix'],
      env,
    );
    expectExit(byPosition, 0);
    expect(byPosition.stdout).toMatch(
      new RegExp(
        `^built before-fix as generation 2 until position ${positionBefore}: 10 register reads from 2 file events`,
      ),
    );
    const byInstant = await runNemInProcess(
      ['projections', 'rebuild', '--until', instantBefore, '--as', 'as-recorded'],
      env,
    );
    expectExit(byInstant, 0);
    expect(byInstant.stdout).toContain('built as-recorded as generation 3 until ');

    const list = JSON.parse((await runNemInProcess(['projections', 'list', '--json'], env)).stdout) as {
      live: { generation: number; readings: number };
      generations: Array<{ label: string; state: string; readings: number; untilPosition: string }>;
    };
    expect(list.live).toMatchObject({ generation: 1, readings: 11 });
    expect(list.generations.map((g) => [g.label, g.state, g.readings])).toEqual([
      ['before-fix', 'ready', 10],
      ['as-recorded', 'ready', 10],
    ]);
    const table = await runNemInProcess(['projections', 'list'], env);
    expectExit(table, 0);
    expect(table.stdout).toMatch(/^Label\s+Generation\s+Until\s+Readings\s+State\s+Built$/m);
    expect(table.stdout).toMatch(/^live\s+1\s+checkpoint \d+ \(catching up\)\s+11\s+serving/m);

    const diff = await runNemInProcess(['projections', 'diff', 'before-fix'], env);
    expectExit(diff, 0);
    expect(diff.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^changed 2291137510 11\/1 R4ZFLS6ZY1UV 2004-01-07 10:03:33 \+10:00: 56311\.0 A from challenge-sample\.csv line 2 -> 56320\.0 A from challenge-correction\.csv line 2 \[.*currentRead.*\]$/,
      ),
    ]);
    expect(diff.stderr).toContain('before-fix -> live: 1 difference: 0 added, 0 removed, 1 changed');
    const same = await runNemInProcess(['projections', 'diff', 'before-fix', 'as-recorded', '--json'], env);
    expectExit(same, 0);
    expect(JSON.parse(same.stdout)).toEqual([]);

    const reserved = await runNemInProcess(['projections', 'rebuild', '--until', '1', '--as', 'live'], env);
    expectExit(reserved, 2);
    expect(reserved.stderr).toContain('"live" names the live read model');
    expectExit(await runNemInProcess(['projections', 'rebuild', '--until', 'soon', '--as', 'x'], env), 2);
    expectExit(await runNemInProcess(['projections', 'rebuild', '--as', 'x'], env), 2);
    expectExit(await runNemInProcess(['projections', 'rebuild', '--until', '99999999', '--as', 'x'], env), 2);
    const taken = await runNemInProcess(['projections', 'rebuild', '--until', '1', '--as', 'before-fix'], env);
    expectExit(taken, 1);
    expect(taken.stderr).toContain('a generation labelled "before-fix" exists already');
    const unknown = await runNemInProcess(['projections', 'diff', 'nope'], env);
    expectExit(unknown, 1);
    expect(unknown.stderr).toContain('no generation labelled "nope"');
  }, 180_000);

  it('verifies: exit 0 on a clean read model, 1 naming a row corrupted in SQL', async () => {
    const clean = await runNemInProcess(['projections', 'verify'], env);
    expectExit(clean, 0);
    expect(clean.stdout).toMatch(/is identical to a fresh rebuild from the events/);

    const database = await openDatabase({ kind: 'pglite', dataDir });
    try {
      await database.pool.query(sql.unsafe`
        UPDATE register_reads SET current_read = '99999.0'
        WHERE nmi = '7142747824' AND NOT superseded`);
    } finally {
      await database.close();
    }
    const corrupt = await runNemInProcess(['projections', 'verify'], env);
    expectExit(corrupt, 1);
    expect(corrupt.stdout).toMatch(
      /^changed 7142747824 11\/1 DYRGBH6BWPT5 2004-01-03 09:48:43 \+10:00: 99772\.0 A from challenge-sample\.csv line 3 -> 99999\.0 A from challenge-sample\.csv line 3 \[currentRead\]$/m,
    );
    expect(corrupt.stdout).toContain('differs from a fresh rebuild: 1 register read');
    expect(corrupt.stdout).toContain('register_reads: 1 rows only in the live one, 1 only in the fresh one');
    // The temporary generation is gone: only the labelled ones are left.
    const list = JSON.parse((await runNemInProcess(['projections', 'list', '--json'], env)).stdout) as {
      generations: Array<{ label: string }>;
    };
    expect(list.generations.map((g) => g.label)).toEqual(['before-fix', 'as-recorded']);
  }, 180_000);

  it('drops a side generation, and says so when there is none', async () => {
    const dropped = await runNemInProcess(['projections', 'drop', 'as-recorded'], env);
    expectExit(dropped, 0);
    expect(dropped.stdout).toBe('dropped as-recorded\n');
    expectExit(await runNemInProcess(['projections', 'drop', 'as-recorded'], env), 1);
    const list = JSON.parse((await runNemInProcess(['projections', 'list', '--json'], env)).stdout) as {
      generations: Array<{ label: string }>;
    };
    expect(list.generations.map((g) => g.label)).toEqual(['before-fix']);
  }, 60_000);
});
