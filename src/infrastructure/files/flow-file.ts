import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Dirent } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import yauzl from 'yauzl';
import type {
  Container,
  ContainerProblem,
  ContentDigest,
  FlowFile,
  FlowFileLimits,
} from '../../application/flow-file.js';

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

/** An entry of a directory that is not read as a flow file, and why. */
export class SkippedPath {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {}

  get message(): string {
    return `${this.path}: skipped (${this.reason})`;
  }
}

export type ExpandedPath = string | UnreadablePathError | SkippedPath;

/** Why a directory entry that is not a regular file (or a link to one) is skipped. */
async function skipReason(path: string, entry: Dirent): Promise<string | null> {
  if (entry.isFile()) return null;
  if (entry.isDirectory()) return 'a folder: only the files directly inside a directory are read';
  if (entry.isSymbolicLink()) {
    try {
      const target = await stat(path);
      if (target.isFile()) return null;
      return target.isDirectory() ? 'a link to a folder' : 'a link to something that is not a file';
    } catch {
      return 'a dangling link: its target does not exist';
    }
  }
  return 'not a regular file';
}

/**
 * Expands the paths given on a command line: a file stands for itself, a directory for every regular
 * file (or link to one) directly inside it, in name order. Unreadable paths are returned as errors, and
 * entries of a directory that are not files as skipped, in place: nothing is left out silently.
 */
export async function expandPaths(paths: readonly string[]): Promise<ExpandedPath[]> {
  const out: ExpandedPath[] = [];
  for (const path of paths) {
    try {
      const info = await stat(path);
      if (!info.isDirectory()) {
        out.push(path);
        continue;
      }
      const entries = await readdir(path, { withFileTypes: true });
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        const full = join(path, entry.name);
        const reason = await skipReason(full, entry);
        out.push(reason === null ? full : new SkippedPath(full, reason));
      }
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

/** SHA-256 and size of a file's bytes as they are on disk. */
async function rawDigest(path: string): Promise<ContentDigest> {
  const hash = createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      hash.update(chunk);
    }
  } catch (error) {
    throw new UnreadablePathError(path, error);
  }
  return { sha256: hash.digest('hex'), size, basis: 'raw' };
}

/**
 * Opens a flow file for one pass. The limits are not optional: every way in (CLI, landing folder,
 * upload) passes the configured ones (`intakeLimits`). Throws {@link UnreadablePathError} when the path
 * cannot be read.
 */
export async function openFlowFile(path: string, limits: FlowFileLimits): Promise<FlowFile> {
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
    // A container that could not be read has no content to name it by (the hash of nothing, or of a
    // prefix, would make every broken archive the same file): its raw bytes name it instead.
    digest =
      problem !== null && problem.limitExceeded !== true
        ? await rawDigest(path)
        : { sha256: hash.digest('hex'), size, basis: 'content' };
  }

  return {
    path,
    name: basename(path),
    container,
    member,
    content,
    raw: () => createReadStream(path) as AsyncIterable<Uint8Array>,
    digest() {
      if (digest === null) throw new Error(`digest of ${path} asked before its content was read`);
      return digest;
    },
    problem: () => problem,
  };
}
