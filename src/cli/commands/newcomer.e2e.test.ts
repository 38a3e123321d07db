/**
 * What a newcomer meets first: wrong options and settings named in one line, a folder with things that
 * are not flow files, and a read model that is behind.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectExit, runNem, unseededDataDir } from '../../../test/cli.js';
import { samplePath } from '../../../test/samples.js';

const work = mkdtempSync(join(tmpdir(), 'nem-newcomer-'));
// A new user's first commands: the data folder is made by them, from nothing.
const env = { NEM_DATA_DIR: unseededDataDir(join(work, 'data')), DATABASE_URL: '' };

describe('messages for a newcomer', () => {
  it('names the option or setting that is wrong, in one line, with exit code 2', async () => {
    const limit = await runNem(['readings', '--nmi', '2291137510', '--limit', '0'], env);
    expectExit(limit, 2);
    expect(limit.stderr).toContain("option '--limit <n>' argument '0' is invalid");
    const port = await runNem(['serve', '--port', 'eighty'], env);
    expectExit(port, 2);
    expect(port.stderr).toContain("option '--port <port>' argument 'eighty' is invalid");
    const setting = await runNem(['files'], { ...env, NEM_MAX_UPLOAD_MB: 'abc' });
    expectExit(setting, 2);
    expect(setting.stderr.trim()).toBe(
      'nem: configuration: NEM_MAX_UPLOAD_MB="abc" must be a positive number of MiB, such as 100 or 0.5',
    );
    const bare = await runNem(['projections'], env);
    expectExit(bare, 2);
    expect(bare.stderr).toContain('name a subcommand (status, catch-up, rebuild, list, diff, drop or verify)');
  });

  it('says once that a file is not a flow file, and names what it skipped in a folder', async () => {
    const inbox = join(work, 'inbox');
    mkdirSync(inbox);
    writeFileSync(join(inbox, 'README.md'), `# nem\n\n${'Some words, with commas.\n'.repeat(500)}`);
    copyFileSync(samplePath('challenge-sample.csv'), join(inbox, 'challenge.csv'));
    mkdirSync(join(inbox, 'archive'));
    symlinkSync(join(inbox, 'gone.csv'), join(inbox, 'dangling.csv'));
    const result = await runNem(['import', '--no-project', inbox], env);
    expectExit(result, 1);
    expect(result.stdout).toContain('README.md: rejected (1 error)');
    expect(result.stdout).toContain('README.md:1: -: not an MDFF flow file: its first line is "# nem"');
    expect(result.stdout.split('\n').filter((line) => line.includes('README.md'))).toHaveLength(2);
    expect(result.stdout).toContain('challenge.csv: imported (10 readings)');
    expect(result.stderr).toContain(`${join(inbox, 'archive')}: skipped (a folder`);
    expect(result.stderr).toContain(`${join(inbox, 'dangling.csv')}: skipped (a dangling link`);

    // Imported with --no-project: the read model is behind, and nem readings says so.
    const readings = await runNem(['readings', '--nmi', '2291137510'], env);
    expectExit(readings, 0);
    expect(readings.stderr).toMatch(/the read model is \d+ events? behind the event store/);
    expectExit(await runNem(['projections', 'catch-up'], env), 0);
    const shown = await runNem(['files', 'show', 'README.md'], env);
    expectExit(shown, 0);
    expect(shown.stdout).toContain('Problems:  1 error, 0 warnings');
  });
});
