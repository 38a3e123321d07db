/**
 * Every way a file comes in (nem import, nem validate, nem watch, serve --inbox, upload) identifies
 * broken archives by their own bytes and applies the same limits.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeNem13File } from '../../../bench/generate.js';
import { expectExit, ndjson, REPO_ROOT, runNem } from '../../../test/cli.js';
import { samplePath } from '../../../test/samples.js';
import { startNem } from '../../../test/server.js';
import { END, HEADER, record250 } from '../../domain/nem13/nem13.fixtures.js';

const work = mkdtempSync(join(tmpdir(), 'nem-intake-e2e-'));
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const EMPTY_SHA256 = createHash('sha256').digest('hex');

/** Three archives that cannot be read, each different. */
const broken = {
  gz: join(work, 'corrupt.csv.gz'),
  zip: join(work, 'corrupt.zip'),
  twoMembers: join(work, 'two-members.zip'),
};
/** A valid NEM13 file of about 1.5 MB that gzips to a few kB: over a 1 MiB decompressed limit. */
const bomb = join(work, 'bomb.csv.gz');
const BROKEN_CODES: Record<keyof typeof broken, string> = {
  gz: 'NEM13_BAD_ARCHIVE',
  zip: 'NEM13_BAD_ARCHIVE',
  twoMembers: 'NEM13_ZIP_MEMBERS',
};

beforeAll(() => {
  const gz = gzipSync(Buffer.concat(Array<Buffer>(3).fill(readFileSync(samplePath('challenge-sample.csv')))));
  writeFileSync(broken.gz, gz.subarray(0, Math.floor(gz.length / 2)));
  writeFileSync(broken.zip, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(300, 7)]));
  copyFileSync(resolve(REPO_ROOT, 'test/fixtures/two-members.zip'), broken.twoMembers);
  const lines = Array.from({ length: 10_000 }, (_, i) => record250({ NMI: `VABC${String(i).padStart(6, '0')}` }));
  writeFileSync(bomb, gzipSync([HEADER, ...lines, END].join('\n')));
});

describe('broken archives are identified by their own bytes', () => {
  it('nem import: three different broken archives are three rejected files, then three duplicates of them', async () => {
    const env = { NEM_DATA_DIR: join(work, 'cli-data'), DATABASE_URL: '' };
    const files = [broken.gz, broken.zip, broken.twoMembers];
    const first = await runNem(['import', '--json', ...files], env);
    expectExit(first, 1);
    const results = ndjson(first.stdout);
    expect(results.map((r) => [r.status, r.sha256])).toEqual(files.map((file) => ['rejected', sha256(file)]));
    expect(new Set(results.map((r) => r.sha256)).size).toBe(3);
    expect(results.map((r) => r.sha256)).not.toContain(EMPTY_SHA256);
    expect(results.map((r) => (r.errors as Array<{ code: string }>)[0]?.code)).toEqual(Object.values(BROKEN_CODES));

    const again = await runNem(['import', ...files], env);
    expectExit(again, 1);
    for (const file of files) {
      expect(again.stdout).toMatch(
        new RegExp(
          `${file.replace(/[.]/g, '\\.')}: duplicate \\(already received on [^)]+\\+10:00 and rejected with 1 error; nothing appended\\)`,
        ),
      );
    }
    expect(again.stdout).toContain('3 files: 0 imported (0 readings), 3 duplicate, 0 rejected');
    expect(again.stdout).toMatch(/two-members\.zip: -: a zip must hold exactly one file, this one holds 2/);

    const listed = await runNem(['files', '--json'], env);
    expectExit(listed, 0);
    const rows = JSON.parse(listed.stdout) as Array<{ fileId: string; status: string; errorCount: number }>;
    expect(rows.map((row) => row.fileId).sort()).toEqual(files.map(sha256).sort());
    expect(rows.every((row) => row.status === 'rejected' && row.errorCount === 1)).toBe(true);
  });
});

describe('the decompressed-size limit holds on every path', () => {
  const env = { NEM_DATA_DIR: join(work, 'limit-data'), DATABASE_URL: '', NEM_MAX_DECOMPRESSED_MB: '1' };

  it('nem validate and nem import refuse a gzip bomb without recording it', async () => {
    const validated = await runNem(['validate', '--json', bomb], env);
    expectExit(validated, 1);
    expect(ndjson(validated.stdout)[0]).toMatchObject({
      valid: false,
      errors: [expect.objectContaining({ code: 'NEM13_BAD_ARCHIVE', message: expect.stringContaining('limit') })],
    });
    const imported = await runNem(['import', '--json', bomb], env);
    expectExit(imported, 1);
    expect(ndjson(imported.stdout)[0]).toMatchObject({
      status: 'refused',
      sha256: null,
      readings: 0,
      errors: [expect.objectContaining({ code: 'CONTENT_TOO_LARGE' })],
    });
    const listed = await runNem(['files', '--json'], env);
    expectExit(listed, 0);
    expect(JSON.parse(listed.stdout)).toEqual([]);
    // Without the limit, the same file is an ordinary import: the refusal was the limit's.
    const unlimited = await runNem(['validate', bomb], { ...env, NEM_MAX_DECOMPRESSED_MB: '' });
    expectExit(unlimited, 0);
  });

  it('nem watch refuses the bomb and rejects each broken archive with its own error', async () => {
    const inbox = join(work, 'watch-inbox');
    mkdirSync(inbox);
    for (const path of [bomb, ...Object.values(broken)]) copyFileSync(path, join(inbox, path.split('/').at(-1) ?? ''));
    const nem = startNem(['watch', inbox, '--stable-ms', '200', '--poll-ms', '100'], {
      ...env,
      NEM_DATA_DIR: join(work, 'watch-data'),
    });
    try {
      await nem.waitFor(/bomb\.csv\.gz: refused \(nothing recorded: the content is larger than the limit/, 120_000);
      await nem.waitFor(/two-members\.zip: rejected \(1 error\) -> rejected\//, 120_000);
      await nem.waitFor(/corrupt\.zip: rejected/, 120_000);
      await nem.waitFor(/corrupt\.csv\.gz: rejected/, 120_000);
    } finally {
      expect(await nem.stop(), nem.output()).toBe(0);
    }
    for (const [key, path] of Object.entries(broken)) {
      const name = path.split('/').at(-1) ?? '';
      const report = readFileSync(join(inbox, 'rejected', `${name}.errors.txt`), 'utf8');
      expect(report).toContain(`sha256: ${sha256(path)}`);
      expect(report).toContain(`(${BROKEN_CODES[key as keyof typeof broken]})`);
    }
    expect(readFileSync(join(inbox, 'rejected', 'bomb.csv.gz.errors.txt'), 'utf8')).toMatch(
      /refused, nothing recorded[\s\S]*CONTENT_TOO_LARGE/,
    );
    expect(readdirSync(inbox).filter((name) => !['processed', 'rejected'].includes(name))).toEqual([]);
  });

  it('serve --inbox and uploads: the same limits, answered per file', async () => {
    const serveEnv = {
      ...env,
      NEM_DATA_DIR: join(work, 'serve-data'),
      NEM_MAX_UPLOAD_MB: '1',
      NEM_ADMIN_PASSWORD: 'a-long-admin-password',
    };
    const created = await runNem(
      ['users', 'add', 'admin', '--role', 'admin'],
      serveEnv,
      REPO_ROOT,
      'a-long-admin-password\n',
    );
    expectExit(created, 0);
    const small = [join(work, 'small-1.csv'), join(work, 'small-2.csv')];
    await writeNem13File(small[0] ?? '', 3_500, { seed: 1 });
    await writeNem13File(small[1] ?? '', 3_500, { seed: 2 });
    const large = join(work, 'large.csv');
    await writeNem13File(large, 9_000, { seed: 3 });
    for (const path of small) expect(readFileSync(path).length).toBeGreaterThan(450 * 1024);
    expect(readFileSync(large).length).toBeGreaterThan(1024 * 1024);

    const inbox = join(work, 'serve-inbox');
    mkdirSync(inbox);
    const nem = startNem(['serve', '--port', '0', '--inbox', inbox, '--no-log'], serveEnv);
    try {
      const [, url] = await nem.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      copyFileSync(bomb, join(inbox, 'bomb.csv.gz'));
      await nem.waitFor(/bomb\.csv\.gz: refused \(nothing recorded/, 120_000);
      expect(existsSync(join(inbox, 'rejected', 'bomb.csv.gz.errors.txt'))).toBe(true);

      const signIn = await fetch(`${url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'a-long-admin-password' }),
      });
      expect(signIn.status).toBe(200);
      const cookie = signIn.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const { csrfToken } = (await signIn.json()) as { csrfToken: string };
      const upload = async (paths: string[]) => {
        const form = new FormData();
        for (const path of paths) form.append('file', new Blob([readFileSync(path)]), path.split('/').at(-1));
        const response = await fetch(`${url}/api/files`, {
          method: 'POST',
          headers: { cookie, 'x-csrf-token': csrfToken },
          body: form,
        });
        return {
          status: response.status,
          body: (await response.json()) as { results: Array<Record<string, unknown>> },
        };
      };

      // The limit is per file: two files under it are accepted although together they are over it.
      const both = await upload(small);
      expect(both.status).toBe(200);
      expect(both.body.results.map((r) => r.status)).toEqual(['imported', 'imported']);

      // A file over the limit is refused on its own; the others of the request are imported.
      await writeNem13File(small[0] ?? '', 3_500, { seed: 4 });
      const mixed = await upload([small[0] ?? '', large, bomb]);
      expect(mixed.status).toBe(200);
      expect(mixed.body.results.map((r) => [r.file, r.status, (r.errors as Array<{ code: string }>)[0]?.code])).toEqual(
        [
          ['small-1.csv', 'imported', undefined],
          ['large.csv', 'refused', 'FILE_TOO_LARGE'],
          ['bomb.csv.gz', 'refused', 'CONTENT_TOO_LARGE'],
        ],
      );

      const archives = Object.values(broken);
      const rejected = await upload(archives);
      expect(rejected.body.results.map((r) => [r.status, r.sha256])).toEqual(
        archives.map((path) => ['rejected', sha256(path)]),
      );
      const again = await upload(archives);
      expect(again.body.results.map((r) => [r.status, r.sha256, (r.errors as unknown[]).length])).toEqual(
        archives.map((path) => ['duplicate', sha256(path), 1]),
      );
    } finally {
      expect(await nem.stop(), nem.output()).toBe(0);
    }
  });
});
