// `npm test` after the build: the static checks (type-checks, eslint, prettier, dependency-cruiser) and
// vitest at the same time. Vitest leaves part of the machine idle while its tests wait on servers,
// browsers and child processes; the checks take that part instead of a minute and a half before it.
// They run at the lowest priority, so that they take only what vitest leaves: at the same priority they
// took the cores from vitest's workers and lengthened the run by about a minute (docs/testing.md). If
// they are still running when vitest ends (a machine busy with other work), they get the normal
// priority back, where the operating system allows it (root may raise a priority, other users may not).
// The checks' output is held and printed once they finish, whole when they fail; the exit code is
// vitest's, or 1 when only the checks failed.
// Runs on Node's own type stripping, so it needs no build and imports nothing but node:.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { constants, setPriority } from 'node:os';

interface Finished {
  readonly code: number;
  readonly seconds: number;
  readonly output: string;
}

interface Running {
  readonly child: ChildProcess;
  readonly finished: Promise<Finished>;
}

const OWN_PROCESS_GROUP = process.platform !== 'win32';

function runNpm(args: readonly string[], options: { readonly background: boolean }): Running {
  const started = performance.now();
  const child = spawn('npm', args, {
    stdio: options.background ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    // Its own process group, so that its priority can be raised again, every process of it at once.
    detached: options.background && OWN_PROCESS_GROUP,
  });
  // npm takes a tenth of a second to load before it starts the script: what it starts inherits this.
  if (options.background && child.pid !== undefined) setPriority(child.pid, constants.priority.PRIORITY_LOW);
  const finished = new Promise<Finished>((resolve, reject) => {
    let output = '';
    child.stdout?.setEncoding('utf8').on('data', (text: string) => (output += text));
    child.stderr?.setEncoding('utf8').on('data', (text: string) => (output += text));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const seconds = Math.round((performance.now() - started) / 1000);
      resolve({ code: code ?? (signal === null ? 1 : 128), seconds, output });
    });
  });
  return { child, finished };
}

const checks = runNpm(['run', '--silent', 'check'], { background: true });
const checksRunning = (): boolean => checks.child.exitCode === null && checks.child.signalCode === null;
const checked = checks.finished.then((result) => {
  if (result.code !== 0) {
    process.stderr.write(`\nnpm run check failed (exit ${result.code}) after ${result.seconds} s:\n${result.output}\n`);
  }
  return result;
});

// A process group of its own does not get the terminal's Ctrl-C: pass it on.
function stopChecks(signal: NodeJS.Signals): void {
  if (checksRunning() && checks.child.pid !== undefined && OWN_PROCESS_GROUP) {
    try {
      process.kill(-checks.child.pid, signal);
    } catch {
      // Already gone.
    }
  }
}
const vitestRun = runNpm(['exec', '--', 'vitest', 'run', ...process.argv.slice(2)], { background: false });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    stopChecks(signal);
    vitestRun.child.kill(signal);
    process.kill(process.pid, signal);
  });
}
const vitest = await vitestRun.finished;
if (checksRunning() && checks.child.pid !== undefined && OWN_PROCESS_GROUP) {
  spawnSync('renice', ['-n', '0', '-g', String(checks.child.pid)], { stdio: 'ignore' });
}
const checkResult = await checked;
if (checkResult.code === 0) process.stdout.write(`static checks (npm run check) passed in ${checkResult.seconds} s\n`);
else process.stderr.write(`static checks (npm run check) failed, exit ${checkResult.code}: see above\n`);
process.exitCode = vitest.code !== 0 ? vitest.code : checkResult.code !== 0 ? 1 : 0;
