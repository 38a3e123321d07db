import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

const HOST = hostname().replace(/[^A-Za-z0-9-]/g, '_');

/** This process, as `host.pid.random`: unique even when a restarted container reuses a pid. */
export const PROCESS_IDENTITY = `${HOST}.${process.pid}.${randomBytes(4).toString('hex')}`;

/** A process of another host that has shown no sign of life for this long is taken for gone. */
const SILENT_FOR_MS = 60 * 60 * 1000;

/** Whether a process of this host with that pid is running (one of another user's counts). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the process named by an identity is gone: on this host, by its pid (our own pid under another
 * identity is a previous life of a restarted container); on another host, when it has been silent for an
 * hour (`lastSeen` is its last sign of life).
 */
export function isProcessGone(identity: string, lastSeen: Date, now = new Date()): boolean {
  // Our identity, or a name derived from it (`<identity>-<suffix>`).
  if (identity === PROCESS_IDENTITY || identity.startsWith(`${PROCESS_IDENTITY}-`)) return false;
  const parts = /^([^.]+)\.(\d+)\.[0-9a-f]+(-.*)?$/.exec(identity);
  if (parts === null) return true;
  if (parts[1] !== HOST) return now.getTime() - lastSeen.getTime() > SILENT_FOR_MS;
  const pid = Number(parts[2]);
  return pid === process.pid || !isAlive(pid);
}
