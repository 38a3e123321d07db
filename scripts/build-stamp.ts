// What the last build was built from, so that `npm test` can skip a build that would change nothing: in
// CI, `npm ci`'s prepare has just built the same tree. The inputs are every file git sees, tracked or new
// (not the ignored ones: dist, node_modules, data folders), by path and content; any change, a test's
// included, means a build. Without git there is no digest and the build always runs.
//
//   node scripts/build-stamp.ts begin    before a build: the digest of the files it starts from
//   node scripts/build-stamp.ts commit   after it succeeded: that digest is now the built one
//   node scripts/build-stamp.ts check    exit 0 when the built digest is the files' digest now
//
// Runs on Node's own type stripping, so it needs no build and imports nothing but node:.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

const PENDING = 'dist/build-inputs.pending';
const BUILT = 'dist/build-inputs.sha256';
/** What a build leaves; if one is missing the build runs, whatever the digest says. */
const OUTPUTS = ['dist/src/cli/bin.js', 'ui/dist/index.html'];

function inputsDigest(): string | null {
  let listed: string;
  try {
    listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return null;
  }
  const hash = createHash('sha256');
  for (const path of listed
    .split('\0')
    .filter((entry) => entry !== '')
    .sort()) {
    hash.update(`${path}\0`);
    // A tracked file deleted from the working tree is still listed.
    hash.update(existsSync(path) ? readFileSync(path) : '(deleted)');
    hash.update('\0');
  }
  return hash.digest('hex');
}

const mode = process.argv[2];
if (mode === 'begin') {
  const digest = inputsDigest();
  mkdirSync('dist', { recursive: true });
  writeFileSync(PENDING, digest ?? '');
} else if (mode === 'commit') {
  if (existsSync(PENDING)) renameSync(PENDING, BUILT);
} else if (mode === 'check') {
  const built = existsSync(BUILT) ? readFileSync(BUILT, 'utf8') : '';
  const current = built === '' ? null : inputsDigest();
  const fresh = current !== null && current === built && OUTPUTS.every((path) => existsSync(path));
  if (fresh) process.stdout.write('build: up to date (no file changed since the last build)\n');
  process.exitCode = fresh ? 0 : 1;
} else {
  process.stderr.write('usage: node scripts/build-stamp.ts begin|commit|check\n');
  process.exitCode = 2;
}
