import { InvalidArgumentError, type Command } from 'commander';
import { findFileStream, listFileEvents, type StoredEvent } from '../../application/file-events.js';
import { formatNemTime } from '../../domain/nem-time.js';
import { positiveInteger } from '../options.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { plural, shown, toJson, type Output } from '../output.js';
import { withServices } from '../services.js';

export interface EventsOptions {
  readonly limit: number;
  readonly after?: number;
  readonly json: boolean;
}

function revision(value: string): number {
  const number = /^\d{1,10}$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number > 2 ** 31)
    throw new InvalidArgumentError('expected a revision, 0 or more');
  return number;
}

/** An event as a block: where it is, what it is, then its data and metadata as stored (one JSON line each). */
function describeEvent(event: StoredEvent, io: Output): void {
  io.out(
    `#${event.revision} ${event.type}  position ${event.position}  recorded ${formatNemTime(event.recordedAt)}  schema ${event.schemaVersion ?? '?'}  id ${event.eventId}`,
  );
  io.out(`   data:     ${shown(toJson(event.data))}`);
  io.out(`   metadata: ${shown(toJson(event.metadata))}`);
}

/** `nem events <file>`: the stored events of a file's stream, in order, as they are. */
export async function runEvents(file: string, options: EventsOptions, io: Output): Promise<ExitCode> {
  return withServices(io, async (services) => {
    await services.projections.ensureReadModel();
    const target = await findFileStream(services.database.pool, file);
    if (target.kind === 'none') {
      io.err(`nem events: no file with id, name or stream "${shown(file)}"`);
      return EXIT.invalid;
    }
    if (target.kind === 'ambiguous') {
      io.err(`nem events: ${plural(target.files.length, 'file')} match "${shown(file)}"; name one by its SHA-256:`);
      for (const match of target.files) {
        io.err(`  ${match.fileId}  ${formatNemTime(match.receivedAt)}  ${match.status}  ${shown(match.fileName)}`);
      }
      return EXIT.invalid;
    }
    const page = await listFileEvents(services.store, target, {
      limit: options.limit,
      ...(options.after === undefined ? {} : { afterRevision: options.after }),
    });
    if (page === null) {
      io.err(`nem events: the event store has no event of ${target.streamName ?? `file ${target.fileId}`}`);
      return EXIT.invalid;
    }
    if (options.json) {
      for (const event of page.items) io.out(toJson(event));
    } else {
      const name = page.fileName === null ? 'not in the read model' : shown(page.fileName);
      io.out(`${page.streamName} (${name}): ${plural(page.events, 'event')}`);
      for (const event of page.items) describeEvent(event, io);
    }
    const last = page.items.at(-1);
    if (page.nextCursor !== null && last !== undefined) {
      io.err(
        `nem events: showing ${plural(page.items.length, 'event')} of ${page.events}; the next page: --after ${last.revision}`,
      );
    }
    return EXIT.ok;
  });
}

export function registerEvents(program: Command, io: Output, setExit: (code: ExitCode) => void): void {
  program
    .command('events')
    .description("print the stored events of a file's stream as they are, in order (times in NEM time, +10:00)")
    .argument(
      '<file>',
      'the SHA-256 (or its first characters), the file name, or the stream name (nem13File-<sha256>, nem12File-<sha256>)',
    )
    .option('--after <revision>', 'start after this revision (where the previous page ended)', revision)
    .option('--limit <n>', 'at most this many events', positiveInteger(100_000), 1000)
    .option('--json', 'print NDJSON, one object per event', false)
    .action(async (file: string, options: EventsOptions) => {
      setExit(await runEvents(file, options, io));
    });
}
