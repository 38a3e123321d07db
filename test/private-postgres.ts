import { execFile } from 'node:child_process';
import {
  appendFileSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/**
 * A PostgreSQL cluster of a test's own (initdb + pg_ctl on a spare port), to stop, start and freeze
 * under a running server or import without disturbing the shared test server.
 */
export interface PrivatePostgres {
  readonly port: number;
  /** Whether it was started and not stopped since. */
  readonly running: boolean;
  /** A connection URL to `database` (default `postgres`) as the superuser `postgres`, trust auth. */
  url(database?: string): string;
  createDatabase(name: string): Promise<string>;
  start(): Promise<void>;
  /** `pg_ctl stop -m <mode>`: `fast` ends sessions with admin_shutdown, `immediate` kills them. */
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  /** SIGSTOP the postmaster and its children: connections stay open and nothing answers. */
  freeze(): void;
  /** SIGCONT what `freeze` stopped. */
  thaw(): void;
  /** The server's log, for failure messages. */
  log(): string;
  /** Stops the cluster (immediately) and deletes its folder. */
  remove(): Promise<void>;
}

/** initdb refuses to run as root: there, the cluster belongs to the `postgres` OS user. */
const AS_ROOT = process.getuid?.() === 0;

/** A PostgreSQL program: from PATH, else from the newest Debian server package (/usr/lib/postgresql/N/bin). */
function pgProgram(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir !== '' && existsSync(candidate)) return candidate;
  }
  const versions = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .filter((version) => existsSync(join('/usr/lib/postgresql', version, 'bin', name)))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0] === undefined) throw new Error(`${name} not found on PATH nor in /usr/lib/postgresql/*/bin`);
  return join('/usr/lib/postgresql', versions[0], 'bin', name);
}

async function pgCommand(args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  const [name = '', ...rest] = args;
  const program = pgProgram(name);
  return AS_ROOT ? run('runuser', ['-u', 'postgres', '--', program, ...rest]) : run(program, rest);
}

function spareTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no TCP port to listen on')),
      );
    });
  });
}

async function userIds(name: string): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** The postmaster and every process below it, from /proc (Linux). */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    // The command name (in parentheses) may hold spaces: the parent pid is the second field after it.
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const tree: number[] = [];
  const visit = (pid: number) => {
    tree.push(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return tree;
}

/** Creates and starts a cluster. Call `remove` when done (in `afterAll`). */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const root = mkdtempSync(join(tmpdir(), 'nem-private-pg-'));
  const dataDir = join(root, 'data');
  const logFile = join(root, 'server.log');
  try {
    writeFileSync(logFile, '');
    if (AS_ROOT) {
      const { uid, gid } = await userIds('postgres');
      chownSync(root, uid, gid);
      chownSync(logFile, uid, gid);
    }
    await pgCommand([
      'initdb',
      '-D',
      dataDir,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    // TCP on loopback only, no Unix socket (its default folder may not be writable for this user), and
    // none of the durability a test does not need.
    appendFileSync(
      join(dataDir, 'postgresql.conf'),
      [
        '',
        "listen_addresses = '127.0.0.1'",
        "unix_socket_directories = ''",
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        'max_connections = 40',
        '',
      ].join('\n'),
    );
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }

  let port = 0;
  let running = false;
  const readLog = () => {
    try {
      return readFileSync(logFile, 'utf8');
    } catch {
      return '';
    }
  };
  const pgCtl = (args: readonly string[]) =>
    pgCommand(['pg_ctl', '-D', dataDir, '-l', logFile, '-w', '-t', '120', ...args]);
  const signalAll = (signal: NodeJS.Signals) => {
    for (const pid of processTree(postmasterPid(dataDir))) {
      try {
        process.kill(pid, signal);
      } catch (error) {
        // A backend whose client has just left can exit between the listing and the signal: it needs none.
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
    }
  };
  const cluster: PrivatePostgres = {
    get port() {
      return port;
    },
    get running() {
      return running;
    },
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    createDatabase: async (name) => {
      const client = new pg.Client({ connectionString: cluster.url(), connectionTimeoutMillis: 10_000 });
      client.on('error', () => undefined);
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      return cluster.url(name);
    },
    start: async () => {
      await pgCtl(['start']);
      running = true;
    },
    stop: async (mode) => {
      await pgCtl(['-m', mode, 'stop']);
      running = false;
    },
    freeze: () => signalAll('SIGSTOP'),
    thaw: () => signalAll('SIGCONT'),
    log: readLog,
    remove: async () => {
      if (running) {
        try {
          cluster.thaw();
        } catch {
          // already gone
        }
        await cluster.stop('immediate').catch(() => undefined);
      }
      rmSync(root, { recursive: true, force: true });
    },
  };

  // A spare port is free when asked, not necessarily when the server binds it: try a few.
  const failures: string[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    port = await spareTcpPort();
    appendFileSync(join(dataDir, 'postgresql.conf'), `port = ${port}\n`);
    try {
      await cluster.start();
      return cluster;
    } catch (error) {
      failures.push((error as Error).message);
    }
  }
  const log = readLog();
  rmSync(root, { recursive: true, force: true });
  throw new Error(`the private PostgreSQL cluster did not start:\n${failures.join('\n')}\n${log}`);
}

function postmasterPid(dataDir: string): number {
  const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no postmaster pid in ${dataDir}/postmaster.pid`);
  return pid;
}
