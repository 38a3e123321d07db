// `npm test` after the build: the static checks (type-checks, eslint, prettier, dependency-cruiser) and
// vitest at the same time. Vitest leaves part of the machine idle while its tests wait on servers,
// browsers and child processes; the checks take that part instead of a minute and a half before it.
// They run at the lowest priority, so that they take only what vitest leaves: at the same priority they
// took the cores from vitest's workers (docs/testing.md). If they are still running when vitest ends (a
// machine busy with other work starves them), they get the normal priority back, where the operating
// system allows it (root may raise a priority, other users may not).
// They stay in this process's session: Linux schedules each session as a group (autogroup), and a
// priority counts only within its group.
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

function runNpm(args: readonly string[], options: { readonly background: boolean }): Running {
  const started = performance.now();
  const child = spawn('npm', args, { stdio: options.background ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
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

/** A process and everything it started that is still running, from `ps` (none where there is no ps). */
function processTree(root: number): number[] {
  const listed = spawnSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  const childrenOf = new Map<number, number[]>();
  for (const line of listed.stdout.split('\n')) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    if (pid === undefined || ppid === undefined || Number.isNaN(pid) || Number.isNaN(ppid)) continue;
    childrenOf.set(ppid, [...(childrenOf.get(ppid) ?? []), pid]);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(childrenOf.get(tree[i] ?? -1) ?? []));
  return tree;
}

function restoreNormalPriority(root: number): void {
  for (const pid of processTree(root)) {
    try {
      setPriority(pid, constants.priority.PRIORITY_NORMAL);
    } catch {
      // Not allowed (not root), or already gone: the checks finish at the low priority.
    }
  }
}

const checks = runNpm(['run', '--silent', 'check'], { background: true });
const checked = checks.finished.then((result) => {
  if (result.code !== 0) {
    process.stderr.write(`\nnpm run check failed (exit ${result.code}) after ${result.seconds} s:\n${result.output}\n`);
  }
  return result;
});
const vitest = await runNpm(['exec', '--', 'vitest', 'run', ...process.argv.slice(2)], { background: false }).finished;
const checksRunning = checks.child.exitCode === null && checks.child.signalCode === null;
if (checksRunning && checks.child.pid !== undefined) restoreNormalPriority(checks.child.pid);
const checkResult = await checked;
if (checkResult.code === 0) process.stdout.write(`static checks (npm run check) passed in ${checkResult.seconds} s\n`);
else process.stderr.write(`static checks (npm run check) failed, exit ${checkResult.code}: see above\n`);
process.exitCode = vitest.code !== 0 ? vitest.code : checkResult.code !== 0 ? 1 : 0;
