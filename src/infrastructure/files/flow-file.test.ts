import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { validateFlowFile } from '../../application/read-flow-file.js';
import { samplePath } from '../../../test/samples.js';
import { expandPaths, openFlowFile, UnreadablePathError } from './flow-file.js';

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
      const report = await validateFlowFile(await openFlowFile(path));
      expect(report.summary.valid).toBe(true);
      expect(report.summary.counts.registerReads).toBe(10);
      expect(report.digest).toEqual({ sha256: sha, size: challenge.length });
    }
  });

  it('rejects a corrupt gzip with NEM13_BAD_ARCHIVE', async () => {
    const gz = gzipSync(Buffer.concat([challenge, challenge, challenge]));
    const corrupt = gz.subarray(0, Math.floor(gz.length / 2));
    const report = await validateFlowFile(await openFlowFile(write('corrupt.gz', corrupt)));
    expect(report.summary.valid).toBe(false);
    expect(report.summary.errors[0]).toMatchObject({ line: 0, code: 'NEM13_BAD_ARCHIVE' });
  });

  it('rejects a zip that does not hold exactly one file', async () => {
    for (const [name, count] of [
      ['two-members.zip', 2],
      ['empty.zip', 0],
    ] as const) {
      const report = await validateFlowFile(await openFlowFile(fixture(name)));
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
    const file = await openFlowFile(fixture('folder-and-file.zip'));
    const report = await validateFlowFile(file);
    expect(file.member).toBe('inner/challenge.csv');
    expect(report.summary.valid).toBe(true);
  });

  it('rejects a file that is not a zip though it starts like one', async () => {
    const report = await validateFlowFile(await openFlowFile(write('fake.zip', 'PK\u0003\u0004 not really a zip')));
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
    await expect(openFlowFile(join(work, 'missing.csv'))).rejects.toBeInstanceOf(UnreadablePathError);
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
});
