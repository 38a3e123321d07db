import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import yauzl from 'yauzl';

/** How a flow file arrived: as plain text, gzip-compressed, or as the one member of a zip. */
export type Container = 'plain' | 'gzip' | 'zip';

/** A problem with the container rather than with the NEM13 content. */
export interface ContainerProblem {
  readonly code: 'NEM13_BAD_ARCHIVE' | 'NEM13_ZIP_MEMBERS';
  readonly message: string;
  /** The content went past the size limit: reading stopped, so the content (and its hash) is incomplete. */
  readonly limitExceeded?: boolean;
}

export interface ContentDigest {
  /** SHA-256 of the decompressed content, lower-case hex: the file's identity. */
  readonly sha256: string;
  /** Decompressed size in bytes. */
  readonly size: number;
}

export interface FlowFileLimits {
  /** Stop reading (and report the archive as bad) past this many decompressed bytes. */
  readonly maxContentBytes: number;
}

export const DEFAULT_LIMITS: FlowFileLimits = { maxContentBytes: Number.MAX_SAFE_INTEGER };

/**
 * One flow file opened for a single pass. `content()` yields the decompressed bytes while hashing them;
 * once it has been read to the end, `digest()` and `problem()` tell what was found. A corrupt archive
 * ends the content early and is reported through `problem()`, never thrown.
 */
export interface FlowFile {
  readonly path: string;
  readonly name: string;
  readonly container: Container;
  /** The zip member's name, when the file is a zip. */
  readonly member: string | null;
  content(): AsyncIterable<Uint8Array>;
  digest(): ContentDigest;
  problem(): ContainerProblem | null;
}

export class UnreadablePathError extends Error {
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`${path}: cannot be read (${describeCause(cause)})`, { cause });
    this.name = 'UnreadablePathError';
  }
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'no such file or directory';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'EISDIR') return 'is a directory';
    return cause.message;
  }
  return String(cause);
}

/**
 * Expands the paths given on a command line: a file stands for itself, a directory for every regular
 * file directly inside it, in name order. Unreadable paths are returned as errors, in place.
 */
export async function expandPaths(paths: readonly string[]): Promise<Array<string | UnreadablePathError>> {
  const out: Array<string | UnreadablePathError> = [];
  for (const path of paths) {
    try {
      const info = await stat(path);
      if (!info.isDirectory()) {
        out.push(path);
        continue;
      }
      const entries = await readdir(path, { withFileTypes: true });
      const files = entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
      files.sort();
      for (const name of files) out.push(join(path, name));
    } catch (error) {
      out.push(new UnreadablePathError(path, error));
    }
  }
  return out;
}

async function sniff(path: string): Promise<Container> {
  const handle = await open(path, 'r');
  try {
    const head = new Uint8Array(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    if (bytesRead >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
    if (bytesRead === 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5)) return 'zip';
    return 'plain';
  } finally {
    await handle.close();
  }
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, strictFileNames: false }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    );
  });
}

/** Reads the central directory: the file entries (directories left out). */
function listZipFiles(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      if (!entry.fileName.endsWith('/')) entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

function openZipEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream)));
  });
}

/** Opens a flow file for one pass. Throws {@link UnreadablePathError} when the path cannot be read. */
export async function openFlowFile(path: string, limits: FlowFileLimits = DEFAULT_LIMITS): Promise<FlowFile> {
  let container: Container;
  try {
    container = await sniff(path);
  } catch (error) {
    throw new UnreadablePathError(path, error);
  }
  const hash = createHash('sha256');
  let size = 0;
  let problem: ContainerProblem | null = null;
  let member: string | null = null;
  let digest: ContentDigest | null = null;
  let zipOpen: { zip: yauzl.ZipFile; entry: yauzl.Entry } | null = null;

  if (container === 'zip') {
    try {
      const zip = await openZip(path);
      const files = await listZipFiles(zip);
      const only = files[0];
      if (files.length !== 1 || only === undefined) {
        zip.close();
        problem = {
          code: 'NEM13_ZIP_MEMBERS',
          message: `a zip must hold exactly one file, this one holds ${files.length}${
            files.length > 1
              ? ` (${files
                  .slice(0, 5)
                  .map((f) => f.fileName)
                  .join(', ')}${files.length > 5 ? ', ...' : ''})`
              : ''
          }`,
        };
      } else {
        member = only.fileName;
        zipOpen = { zip, entry: only };
      }
    } catch (error) {
      problem = { code: 'NEM13_BAD_ARCHIVE', message: `not a readable zip archive (${describeCause(error)})` };
    }
  }

  async function* raw(): AsyncGenerator<Uint8Array> {
    if (container === 'plain') {
      yield* createReadStream(path) as AsyncIterable<Uint8Array>;
    } else if (container === 'gzip') {
      const gunzip = createGunzip();
      const file = createReadStream(path);
      file.on('error', (error) => gunzip.destroy(error));
      file.pipe(gunzip);
      yield* gunzip as AsyncIterable<Uint8Array>;
    } else if (zipOpen !== null) {
      try {
        yield* (await openZipEntry(zipOpen.zip, zipOpen.entry)) as AsyncIterable<Uint8Array>;
      } finally {
        zipOpen.zip.close();
      }
    }
  }

  async function* content(): AsyncGenerator<Uint8Array> {
    try {
      for await (const chunk of raw()) {
        size += chunk.length;
        if (size > limits.maxContentBytes) {
          problem = {
            code: 'NEM13_BAD_ARCHIVE',
            message: `the content is larger than the limit of ${limits.maxContentBytes} bytes`,
            limitExceeded: true,
          };
          break;
        }
        hash.update(chunk);
        yield chunk;
      }
    } catch (error) {
      if (container === 'plain') throw new UnreadablePathError(path, error);
      problem = { code: 'NEM13_BAD_ARCHIVE', message: `the ${container} archive is corrupt (${describeCause(error)})` };
    }
    digest = { sha256: hash.digest('hex'), size };
  }

  return {
    path,
    name: basename(path),
    container,
    member,
    content,
    digest() {
      if (digest === null) throw new Error(`digest of ${path} asked before its content was read`);
      return digest;
    },
    problem: () => problem,
  };
}
