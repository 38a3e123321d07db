import { createHash } from 'node:crypto';
import { constants, createWriteStream } from 'node:fs';
import { copyFile, link, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Option, type Command } from 'commander';
import { fileDetails, type FileDetails } from '../../application/file-details.js';
import { originalFileName } from '../../domain/original-name.js';
import { formatNemTime } from '../../domain/nem-time.js';
import { FILE_STATUSES, listFiles, type FileStatus } from '../../projections/read-model/read-model.queries.js';
import { positiveInteger } from '../options.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { formatProblem, plural, renderTable, shown, toJson, type Output } from '../output.js';
import { withServices } from '../services.js';

interface FilesOptions {
  readonly status?: FileStatus;
  readonly search?: string;
  readonly limit: number;
  readonly json: boolean;
}

/** `nem files`: imported, rejected and in-progress files, newest first. */
export async function runFiles(options: FilesOptions, io: Output): Promise<ExitCode> {
  return withServices(io, async (services) => {
    await services.projections.ensureReadModel();
    const page = await listFiles(services.database.pool, {
      ...(options.status === undefined ? {} : { status: options.status }),
      ...(options.search === undefined ? {} : { search: options.search }),
      limit: options.limit,
    });
    if (options.json) {
      io.out(toJson(page.items, 2));
      return EXIT.ok;
    }
    if (page.items.length === 0) {
      io.out('no files');
      return EXIT.ok;
    }
    const rows = page.items.map((file) => [
      file.status,
      formatNemTime(file.receivedAt),
      file.fileName,
      file.format === 'NEM12' ? plural(file.intervalDays, 'day') : String(file.registerReads),
      String(file.errorCount),
      String(file.warningCount),
      file.fileId.slice(0, 12),
    ]);
    for (const line of renderTable(
      ['Status', 'Received', 'File', 'Records', 'Errors', 'Warnings', 'Id'],
      rows,
      new Set([3, 4, 5]),
    )) {
      io.out(line);
    }
    if (page.nextCursor !== null) io.err(`nem files: showing the newest ${options.limit}; raise --limit for more`);
    return EXIT.ok;
  });
}

function describeFile(file: FileDetails, io: Output): void {
  io.out(`File:      ${shown(file.fileName)}`);
  io.out(`Id:        ${file.fileId}`);
  io.out(`Status:    ${file.status}`);
  io.out(`Received:  ${formatNemTime(file.receivedAt)} (${file.channel})`);
  if (file.closedAt !== null) io.out(`Closed:    ${formatNemTime(file.closedAt)}`);
  io.out(
    `Size:      ${file.size} bytes (${file.container}${file.zipMember === null ? '' : `, member ${shown(file.zipMember)}`})`,
  );
  io.out(`Format:    ${file.format ?? 'unknown (no valid 100 header)'}`);
  if (file.fromParticipant !== null) {
    io.out(`From/To:   ${file.fromParticipant} -> ${file.toParticipant ?? ''}`);
  }
  if (file.headerCreatedAt !== null) io.out(`Created:   ${formatNemTime(file.headerCreatedAt)}`);
  if (file.format === 'NEM12') {
    io.out(
      `Days:      ${plural(file.intervalDays, 'interval day')} (300), ${plural(file.b2bDetails, 'B2B detail')} (500), ${plural(file.lines, 'line')}`,
    );
  } else {
    io.out(
      `Reads:     ${file.registerReads} (250), ${plural(file.b2bDetails, 'B2B detail')} (550), ${plural(file.lines, 'line')}`,
    );
  }
  io.out(`Problems:  ${plural(file.errorCount, 'error')}, ${plural(file.warningCount, 'warning')}`);
  io.out(
    `Original:  ${
      file.original === null
        ? 'not kept (larger than NEM_ORIGINALS_MAX_MB, or received before originals were kept)'
        : `kept, ${file.original.size} bytes (${file.original.storedSize} compressed): nem files download ${file.fileId.slice(0, 12)}`
    }`,
  );
  if (file.nmis.length > 0) {
    const listed = file.nmis.map((n) => `${n.nmi} (${n.readings})`).join(', ');
    io.out(`NMIs:      ${listed}${file.moreNmis ? ', and more' : ''}`);
  }
  for (const problem of [...file.errors, ...file.warnings]) io.out(formatProblem(file.fileName, problem));
  const omitted = file.errorCount - file.errors.length + (file.warningCount - file.warnings.length);
  if (omitted > 0) io.out(`... and ${plural(omitted, 'more problem')} not recorded`);
}

/** `nem files show <sha256-or-name>`. */
export async function runFilesShow(idOrName: string, options: { json: boolean }, io: Output): Promise<ExitCode> {
  return withServices(io, async (services) => {
    await services.projections.ensureReadModel();
    const file = await fileDetails({ db: services.database.pool, originals: services.originals }, idOrName);
    if (file === null) {
      io.err(`nem files show: no file with id or name "${shown(idOrName)}"`);
      return EXIT.invalid;
    }
    if (options.json) io.out(toJson(file, 2));
    else describeFile(file, io);
    return EXIT.ok;
  });
}

interface DownloadOptions {
  /** A path to write, `-` for standard output; by default the original's own name in this folder. */
  readonly output?: string;
  readonly force: boolean;
}

/** Passes bytes through, hashing them. */
function hashing(hash: ReturnType<typeof createHash>): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
}

/**
 * `nem files download <sha256-or-name>`: writes a file's kept original, checked against its SHA-256 on
 * the way. A file is written aside and put in place only when whole and checked, and never over an
 * existing file without --force.
 */
export async function runFilesDownload(idOrName: string, options: DownloadOptions, io: Output): Promise<ExitCode> {
  return withServices(io, async (services) => {
    await services.projections.ensureReadModel();
    const file = await fileDetails({ db: services.database.pool, originals: services.originals }, idOrName);
    if (file === null) {
      io.err(`nem files download: no file with id or name "${shown(idOrName)}"`);
      return EXIT.invalid;
    }
    const content = file.original === null ? null : await services.originals.read(file.fileId);
    if (file.original === null || content === null) {
      io.err(
        `nem files download: the original of ${shown(file.fileName)} is not kept (larger than NEM_ORIGINALS_MAX_MB when it was received, or received before originals were kept)`,
      );
      return EXIT.invalid;
    }
    const hash = createHash('sha256');
    if (options.output === '-') {
      await pipeline(content, hashing(hash), io.data, { end: false });
    } else {
      const name = originalFileName(file, file.original.basis);
      const target = options.output === undefined ? name : await intoFolder(options.output, name);
      const aside = join(dirname(target), `.${basename(target)}.${process.pid}.part`);
      try {
        await pipeline(content, hashing(hash), createWriteStream(aside, { flags: 'wx', mode: 0o600 }));
        if (hash.copy().digest('hex') !== file.fileId) throw new CorruptOriginalError(file.fileId);
        if (options.force) {
          await rm(target, { force: true });
        }
        await placeWithoutReplacing(aside, target);
      } catch (error) {
        if (error instanceof TargetExistsError || error instanceof CorruptOriginalError) {
          io.err(
            `nem files download: ${error.message}${error instanceof CorruptOriginalError ? ' (nothing written)' : ''}`,
          );
          return error instanceof CorruptOriginalError ? EXIT.usage : EXIT.invalid;
        }
        if ((error as NodeJS.ErrnoException).syscall !== undefined) {
          io.err(`nem files download: cannot write ${shown(target)}: ${(error as Error).message}`);
          return EXIT.usage;
        }
        throw error;
      } finally {
        await rm(aside, { force: true });
      }
      io.err(`nem files download: wrote ${shown(target)} (${plural(file.original.size, 'byte')}, SHA-256 checked)`);
      return EXIT.ok;
    }
    if (hash.digest('hex') !== file.fileId) {
      io.err(`nem files download: ${new CorruptOriginalError(file.fileId).message}`);
      return EXIT.usage;
    }
    return EXIT.ok;
  });
}

/** The path to write: in a folder named by `output` under the original's name, or `output` itself. */
async function intoFolder(output: string, name: string): Promise<string> {
  const found = await stat(output).catch(() => null);
  return found?.isDirectory() === true ? join(output, name) : output;
}

/**
 * Puts a finished file in place unless something is already there: a hard link fails on an existing
 * target where a rename would replace it; where links are not supported, an exclusive copy does the same.
 */
async function placeWithoutReplacing(aside: string, target: string): Promise<void> {
  try {
    await link(aside, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new TargetExistsError(target);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
    await copyFile(aside, target, constants.COPYFILE_EXCL).catch((copyError: unknown) => {
      if ((copyError as NodeJS.ErrnoException).code === 'EEXIST') throw new TargetExistsError(target);
      throw copyError;
    });
  }
}

class TargetExistsError extends Error {
  constructor(readonly path: string) {
    super(`${shown(path)} exists: choose another path with --output, or replace it with --force`);
    this.name = 'TargetExistsError';
  }
}

class CorruptOriginalError extends Error {
  constructor(readonly fileId: string) {
    super(`the kept original of ${fileId} does not hash to its id: it was damaged in the database`);
    this.name = 'CorruptOriginalError';
  }
}

export function registerFiles(program: Command, io: Output, setExit: (code: ExitCode) => void): void {
  const files = program
    .command('files')
    .description('list imported, rejected and in-progress files, newest first')
    .enablePositionalOptions()
    .addOption(new Option('--status <status>', 'only files with this status').choices(FILE_STATUSES))
    .option('--search <text>', 'part of the file name, or the start of its SHA-256')
    .option('--limit <n>', 'at most this many files', positiveInteger(100_000), 100)
    .option('--json', 'print a JSON array', false)
    .action(async (options: FilesOptions) => {
      setExit(await runFiles(options, io));
    });
  files
    .command('show')
    .description('one file with its counts, errors and warnings by line')
    .argument('<sha256-or-name>', 'the SHA-256 (or its first characters) or the file name')
    .option('--json', 'print JSON', false)
    .action(async (idOrName: string, options: { json: boolean }) => {
      setExit(await runFilesShow(idOrName, options, io));
    });
  files
    .command('download')
    .description("write a file's original as it was received, checked against its SHA-256")
    .argument('<sha256-or-name>', 'the SHA-256 (or its first characters) or the file name')
    .option('-o, --output <path>', 'where to write it (- for standard output); default: its own name, here')
    .option('--force', 'replace a file that is already there', false)
    .action(async (idOrName: string, options: DownloadOptions) => {
      setExit(await runFilesDownload(idOrName, options, io));
    });
}
