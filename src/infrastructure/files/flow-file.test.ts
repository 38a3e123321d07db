import { TEST_LIMITS } from '../../../test/limits.js';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { validateFlowFile } from '../../application/read-flow-file.js';
import { samplePath } from '../../../test/samples.js';
import { expandPaths, openFlowFile, SkippedPath, UnreadablePathError } from './flow-file.js';

const fixture = (name: string) => resolve(import.meta.dirname, '../../../test/fixtures', name);
const challenge = readFileSync(samplePath('challenge-sample.csv'));
const work = mkdtempSync(join(tmpdir(), 'nem-flow-file-'));

function write(name: string, content: Uint8Array | string): string {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
}

describe('openFlowFile', () => {
  it('reads a file by content, whatever its name: .V01, no extension, .gz', async () => {
    const sha = createHash('sha256').update(challenge).digest('hex');
    for (const path of [
      write('NEM13#1#MDA1#RET1.V01', challenge),
      write('no-extension', challenge),
      write('named.csv.gz', gzipSync(challenge)),
      write('gzip-without-extension', gzipSync(challenge)),
    ]) {
      const report = await validateFlowFile(await openFlowFile(path, TEST_LIMITS));
      expect(report.summary.valid).toBe(true);
      expect(report.summary.counts.registerReads).toBe(10);
      expect(report.digest).toEqual({ sha256: sha, size: challenge.length, basis: 'content' });
    }
  });

  it('rejects a corrupt gzip with NEM13_BAD_ARCHIVE', async () => {
    const gz = gzipSync(Buffer.concat([challenge, challenge, challenge]));
    const corrupt = gz.subarray(0, Math.floor(gz.length / 2));
    const report = await validateFlowFile(await openFlowFile(write('corrupt.gz', corrupt), TEST_LIMITS));
    expect(report.summary.valid).toBe(false);
    expect(report.summary.errors[0]).toMatchObject({ line: 0, code: 'NEM13_BAD_ARCHIVE' });
  });

  it('names a container it cannot read by its raw bytes, never by the hash of nothing', async () => {
    const gz = gzipSync(Buffer.concat([challenge, challenge, challenge]));
    const paths = [
      write('cut-early.gz', gz.subarray(0, 40)),
      write('cut-late.gz', gz.subarray(0, gz.length - 10)),
      write('fake.zip', 'PK\u0003\u0004 not really a zip'),
      fixture('two-members.zip'),
      fixture('empty.zip'),
    ];
    const digests = [];
    for (const path of paths) {
      const report = await validateFlowFile(await openFlowFile(path, TEST_LIMITS));
      const bytes = readFileSync(path);
      expect(report.digest).toEqual({
        sha256: createHash('sha256').update(bytes).digest('hex'),
        size: bytes.length,
        basis: 'raw',
      });
      expect(report.summary.errors).toHaveLength(1);
      digests.push(report.digest.sha256);
    }
    expect(new Set(digests).size).toBe(paths.length);
  });

  it('rejects a zip that does not hold exactly one file', async () => {
    for (const [name, count] of [
      ['two-members.zip', 2],
      ['empty.zip', 0],
    ] as const) {
      const report = await validateFlowFile(await openFlowFile(fixture(name), TEST_LIMITS));
      expect(report.summary.valid).toBe(false);
      expect(report.summary.errors).toEqual([
        expect.objectContaining({
          line: 0,
          code: 'NEM13_ZIP_MEMBERS',
          message: expect.stringContaining(`holds ${count}`),
        }),
      ]);
    }
  });

  it('reads the one file of a zip that also holds a folder entry', async () => {
    const file = await openFlowFile(fixture('folder-and-file.zip'), TEST_LIMITS);
    const report = await validateFlowFile(file);
    expect(file.member).toBe('inner/challenge.csv');
    expect(report.summary.valid).toBe(true);
  });

  it('rejects a file that is not a zip though it starts like one', async () => {
    const report = await validateFlowFile(
      await openFlowFile(write('fake.zip', 'PK\u0003\u0004 not really a zip'), TEST_LIMITS),
    );
    expect(report.summary.errors[0]).toMatchObject({ code: 'NEM13_BAD_ARCHIVE' });
  });

  it('stops at the content limit and reports it', async () => {
    const file = await openFlowFile(write('big.gz', gzipSync(Buffer.alloc(1_000_000, 0x41))), {
      maxContentBytes: 100_000,
    });
    const report = await validateFlowFile(file);
    expect(report.summary.errors[0]).toMatchObject({
      code: 'NEM13_BAD_ARCHIVE',
      message: expect.stringContaining('limit'),
    });
  });

  it('throws UnreadablePathError for a missing path', async () => {
    await expect(openFlowFile(join(work, 'missing.csv'), TEST_LIMITS)).rejects.toBeInstanceOf(UnreadablePathError);
  });
});

describe('expandPaths', () => {
  it('expands a directory to its files in name order and keeps unreadable paths as errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nem-expand-'));
    writeFileSync(join(dir, 'b.csv'), 'x');
    writeFileSync(join(dir, 'a.csv'), 'x');
    const expanded = await expandPaths([dir, join(dir, 'nope')]);
    expect(expanded.slice(0, 2)).toEqual([join(dir, 'a.csv'), join(dir, 'b.csv')]);
    expect(expanded[2]).toBeInstanceOf(UnreadablePathError);
  });

  it('follows links to files and names what it skips: folders, dangling links', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nem-expand-'));
    writeFileSync(join(dir, 'a.csv'), 'x');
    mkdirSync(join(dir, 'b-folder'));
    symlinkSync(join(dir, 'a.csv'), join(dir, 'c-link.csv'));
    symlinkSync(join(dir, 'gone.csv'), join(dir, 'd-dangling.csv'));
    const expanded = await expandPaths([dir]);
    expect(expanded.map((entry) => (entry instanceof SkippedPath ? entry.message : entry))).toEqual([
      join(dir, 'a.csv'),
      `${join(dir, 'b-folder')}: skipped (a folder: only the files directly inside a directory are read)`,
      join(dir, 'c-link.csv'),
      `${join(dir, 'd-dangling.csv')}: skipped (a dangling link: its target does not exist)`,
    ]);
  });
});
