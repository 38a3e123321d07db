import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Uploads are short-lived: a folder of another host untouched for this long is abandoned. */
const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Where uploads wait while they are imported: a private folder (0700, files 0600) of this process under
 * `root` (the data folder's `uploads/`), so other local users cannot read a retailer's meter data, and
 * a server that crashed leaves nothing behind for long: opening the area removes the folders of
 * processes of this host that are gone (and of other hosts, after a day).
 */
export class UploadArea {
  private constructor(
    readonly folder: string,
    /** Abandoned upload folders removed when the area was opened. */
    readonly removedAbandoned: number,
  ) {}

  static async open(root: string): Promise<UploadArea> {
    await mkdir(root, { recursive: true, mode: 0o700 });
    await chmod(root, 0o700);
    const host = hostname().replace(/[^A-Za-z0-9-]/g, '_');
    let removed = 0;
    for (const entry of await readdir(root, { withFileTypes: true })) {
      const owner = /^(.+)\.(\d+)\.[0-9a-f]+$/.exec(entry.name);
      if (!entry.isDirectory() || owner === null) continue;
      const path = join(root, entry.name);
      const abandoned =
        owner[1] === host ? !isAlive(Number(owner[2])) : Date.now() - (await stat(path)).mtimeMs > ABANDONED_AFTER_MS;
      if (!abandoned) continue;
      await rm(path, { recursive: true, force: true });
      removed++;
    }
    const folder = join(root, `${host}.${process.pid}.${randomBytes(4).toString('hex')}`);
    await mkdir(folder, { mode: 0o700 });
    return new UploadArea(folder, removed);
  }

  /** A new path in the area for one upload (the caller creates it with mode 0600 and removes it). */
  reserve(): string {
    return join(this.folder, `${randomUUID()}.upload`);
  }

  async close(): Promise<void> {
    await rm(this.folder, { recursive: true, force: true });
  }
}
