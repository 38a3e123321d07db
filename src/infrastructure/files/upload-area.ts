import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isProcessGone, PROCESS_IDENTITY } from '../../projections/process-identity.js';

/**
 * Where uploads wait while they are imported: a private folder (0700, files 0600) of this process under
 * `root` (the data folder's `uploads/`), so other local users cannot read a retailer's meter data, and
 * a server that crashed leaves nothing behind for long: opening the area removes the folders of
 * processes that are gone.
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
    let removed = 0;
    for (const entry of await readdir(root, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const path = join(root, entry.name);
      if (!isProcessGone(entry.name, (await stat(path)).mtime)) continue;
      await rm(path, { recursive: true, force: true });
      removed++;
    }
    const folder = join(root, `${PROCESS_IDENTITY}-${randomBytes(3).toString('hex')}`);
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
