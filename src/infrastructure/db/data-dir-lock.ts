import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { isAlive } from '../../projections/process-identity.js';

/** The embedded database folder is in use by another live process. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `the data folder ${dataDir} is in use by process ${holder.pid} on ${holder.hostname} (${holder.command}, since ${holder.startedAt}); ` +
        'stop that process, or set NEM_DATA_DIR to another folder, or DATABASE_URL to a PostgreSQL server',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface LockHolder {
  readonly pid: number;
  readonly hostname: string;
  readonly command: string;
  readonly startedAt: string;
}

function lockAgeMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function readHolder(path: string): LockHolder | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
  } catch {
    return null;
  }
}

/**
 * Takes the folder's lock file (created exclusively), or throws {@link DataDirLockedError} naming the
 * process that holds it. A lock left by a process that no longer runs on this host is taken over.
 * PGlite has no locking of its own and two processes on one folder would corrupt it.
 */
export function lockDataDir(dataDir: string): { release: () => void } {
  const path = join(dataDir, 'nem.lock');
  const me: LockHolder = {
    pid: process.pid,
    hostname: hostname(),
    command: process.argv.slice(1).join(' ').slice(0, 200),
    startedAt: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        const holder = readHolder(path);
        if (holder?.pid === me.pid) rmSync(path, { force: true });
      };
      process.on('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(path);
      if (holder === null && lockAgeMs(path) < 10_000) {
        // Another process created the lock a moment ago and is still writing its name into it.
        throw new DataDirLockedError(dataDir, {
          pid: 0,
          hostname: 'unknown',
          command: 'a process starting up',
          startedAt: 'now',
        });
      }
      if (holder !== null && (holder.hostname !== me.hostname || isAlive(holder.pid))) {
        throw new DataDirLockedError(dataDir, holder);
      }
      // A stale lock (its process is gone, or an old unreadable file): take it over.
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not take the lock ${path}`);
}
