import { Option, type Command } from 'commander';
import { formatNemTime } from '../../domain/nem-time.js';
import {
  FILE_STATUSES,
  getFile,
  listFiles,
  type FileDetail,
  type FileStatus,
} from '../../projections/read-model/read-model.queries.js';
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
      String(file.registerReads),
      String(file.errorCount),
      String(file.warningCount),
      file.fileId.slice(0, 12),
    ]);
    for (const line of renderTable(
      ['Status', 'Received', 'File', 'Reads', 'Errors', 'Warnings', 'Id'],
      rows,
      new Set([3, 4, 5]),
    )) {
      io.out(line);
    }
    if (page.nextCursor !== null) io.err(`nem files: showing the newest ${options.limit}; raise --limit for more`);
    return EXIT.ok;
  });
}

function describeFile(file: FileDetail, io: Output): void {
  io.out(`File:      ${shown(file.fileName)}`);
  io.out(`Id:        ${file.fileId}`);
  io.out(`Status:    ${file.status}`);
  io.out(`Received:  ${formatNemTime(file.receivedAt)} (${file.channel})`);
  if (file.closedAt !== null) io.out(`Closed:    ${formatNemTime(file.closedAt)}`);
  io.out(
    `Size:      ${file.size} bytes (${file.container}${file.zipMember === null ? '' : `, member ${shown(file.zipMember)}`})`,
  );
  if (file.fromParticipant !== null) {
    io.out(`From/To:   ${file.fromParticipant} -> ${file.toParticipant ?? ''}`);
  }
  if (file.headerCreatedAt !== null) io.out(`Created:   ${formatNemTime(file.headerCreatedAt)}`);
  io.out(
    `Reads:     ${file.registerReads} (250), ${plural(file.b2bDetails, 'B2B detail')} (550), ${plural(file.lines, 'line')}`,
  );
  io.out(`Problems:  ${plural(file.errorCount, 'error')}, ${plural(file.warningCount, 'warning')}`);
  for (const problem of [...file.errors, ...file.warnings]) io.out(formatProblem(file.fileName, problem));
  const omitted = file.errorCount - file.errors.length + (file.warningCount - file.warnings.length);
  if (omitted > 0) io.out(`... and ${plural(omitted, 'more problem')} not recorded`);
}

/** `nem files show <sha256-or-name>`. */
export async function runFilesShow(idOrName: string, options: { json: boolean }, io: Output): Promise<ExitCode> {
  return withServices(io, async (services) => {
    await services.projections.ensureReadModel();
    const file = await getFile(services.database.pool, idOrName);
    if (file === null) {
      io.err(`nem files show: no file with id or name "${idOrName}"`);
      return EXIT.invalid;
    }
    if (options.json) io.out(toJson(file, 2));
    else describeFile(file, io);
    return EXIT.ok;
  });
}

export function registerFiles(program: Command, io: Output, setExit: (code: ExitCode) => void): void {
  const files = program
    .command('files')
    .description('list imported, rejected and in-progress files, newest first')
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
}
