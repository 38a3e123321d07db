// `npm test` after the build: the static checks (type-checks, eslint, prettier, dependency-cruiser) and
// vitest at the same time. Vitest leaves part of the machine idle while its tests wait on servers,
// browsers and child processes; the checks take that part instead of a minute and a half before it.
// The checks' output is held and printed once they finish, whole when they fail; the exit code is
// vitest's, or 1 when only the checks failed.
// Runs on Node's own type stripping, so it needs no build and imports nothing but node:.
import { spawn } from 'node:child_process';

interface Finished {
  readonly code: number;
  readonly seconds: number;
  readonly output: string;
}

function runNpm(args: readonly string[], capture: boolean): Promise<Finished> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('npm', args, { stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    child.stdout?.setEncoding('utf8').on('data', (text: string) => (output += text));
    child.stderr?.setEncoding('utf8').on('data', (text: string) => (output += text));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const seconds = Math.round((performance.now() - started) / 1000);
      resolve({ code: code ?? (signal === null ? 1 : 128), seconds, output });
    });
  });
}

const checks = runNpm(['run', '--silent', 'check'], true).then((result) => {
  if (result.code !== 0) {
    process.stderr.write(`\nnpm run check failed (exit ${result.code}) after ${result.seconds} s:\n${result.output}\n`);
  }
  return result;
});
const vitest = await runNpm(['exec', '--', 'vitest', 'run', ...process.argv.slice(2)], false);
const checked = await checks;
if (checked.code === 0) process.stdout.write(`static checks (npm run check) passed in ${checked.seconds} s\n`);
else process.stderr.write(`static checks (npm run check) failed, exit ${checked.code}: see above\n`);
process.exitCode = vitest.code !== 0 ? vitest.code : checked.code !== 0 ? 1 : 0;
