import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, expectExit } from '../../../test/cli.js';
import { runNemInProcess } from '../../../test/nem-in-process.js';
import { samplePath } from '../../../test/samples.js';

const work = mkdtempSync(join(tmpdir(), 'nem-download-e2e-'));
const env = { NEM_DATA_DIR: join(work, 'data'), DATABASE_URL: '' };
const sample = readFileSync(samplePath('challenge-sample.csv'));
const sampleId = createHash('sha256').update(sample).digest('hex');

function succeeded(result: CliResult): CliResult {
  expectExit(result, 0);
  return result;
}

describe('nem files download (embedded database)', () => {
  const out = join(work, 'out');
  beforeAll(async () => {
    mkdirSync(out);
    // Sent gzipped: the original is what the SHA-256 is of, the CSV inside.
    writeFileSync(join(work, 'challenge-sample.csv.gz'), gzipSync(sample));
    succeeded(await runNemInProcess(['import', join(work, 'challenge-sample.csv.gz')], env));
  });

  it('shows that the original is kept, and the NMIs the file brought', async () => {
    const shown = succeeded(await runNemInProcess(['files', 'show', sampleId.slice(0, 10)], env));
    expect(shown.stdout).toMatch(new RegExp(`Original:  kept, ${sample.length} bytes \\(\\d+ compressed\\)`));
    expect(shown.stdout).toContain('2291137510 (1)');
    const json = JSON.parse(succeeded(await runNemInProcess(['files', 'show', sampleId, '--json'], env)).stdout) as {
      original: { size: number };
    };
    expect(json.original.size).toBe(sample.length);
  });

  it('writes the original under its own name, checked, and never over an existing file without --force', async () => {
    const first = succeeded(await runNemInProcess(['files', 'download', sampleId], env, out));
    expect(first.stderr).toContain(`wrote challenge-sample.csv (${sample.length} bytes, SHA-256 checked)`);
    expect(readFileSync(join(out, 'challenge-sample.csv')).equals(sample)).toBe(true);

    writeFileSync(join(out, 'challenge-sample.csv'), 'mine');
    const again = await runNemInProcess(['files', 'download', sampleId], env, out);
    expectExit(again, 1);
    expect(again.stderr).toContain(
      'challenge-sample.csv exists: choose another path with --output, or replace it with --force',
    );
    expect(readFileSync(join(out, 'challenge-sample.csv'), 'utf8')).toBe('mine');

    succeeded(await runNemInProcess(['files', 'download', sampleId, '--force'], env, out));
    expect(readFileSync(join(out, 'challenge-sample.csv')).equals(sample)).toBe(true);
    expect(readdirSync(out)).toEqual(['challenge-sample.csv']);
  });

  it('writes to a path, into a folder, or to standard output', async () => {
    succeeded(
      await runNemInProcess(['files', 'download', 'challenge-sample.csv.gz', '-o', join(out, 'copy.csv')], env),
    );
    expect(readFileSync(join(out, 'copy.csv')).equals(sample)).toBe(true);
    const folder = join(out, 'folder');
    mkdirSync(folder);
    succeeded(await runNemInProcess(['files', 'download', sampleId, '--output', folder], env));
    expect(readdirSync(folder)).toEqual(['challenge-sample.csv']);
    const piped = succeeded(await runNemInProcess(['files', 'download', sampleId, '-o', '-'], env));
    expect(piped.stdout).toBe(sample.toString('utf8'));
  });

  it('says so with exit 1 for a file it does not know, and exit 2 for a folder it cannot write', async () => {
    const unknown = await runNemInProcess(['files', 'download', 'nope.csv'], env);
    expectExit(unknown, 1);
    expect(unknown.stderr).toBe('nem files download: no file with id or name "nope.csv"\n');
    const nowhere = await runNemInProcess(['files', 'download', sampleId, '-o', join(work, 'missing', 'x.csv')], env);
    expectExit(nowhere, 2);
    expect(nowhere.stderr).toContain('cannot write');
  });
});
