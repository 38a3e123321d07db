import { once } from 'node:events';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { CommonQueryMethods } from 'slonik';
import { z } from 'zod';
import { intervalsCsv } from '../../application/interval-csv.js';
import { intervalDayHistory, type IntervalDayHistory } from '../../application/interval-day-history.js';
import { formatAsOf, formatNemTime } from '../../domain/nem-time.js';
import { parseNmiQuery } from '../../domain/nmi.js';
import { findIntervalDays, type IntervalDay } from '../../projections/read-model/interval-days.queries.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { positiveInteger } from '../options.js';
import { plural, renderTable, shown, toJson, type Output } from '../output.js';
import { withServices } from '../services.js';
import { parseAsOfOption } from './readings.command.js';

export interface IntervalsOptions {
  readonly nmi?: string;
  readonly serial?: string;
  readonly suffix?: string;
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  readonly json: boolean;
  readonly csv: boolean;
  /** The days as the service knew them at this instant. */
  readonly asOf?: Date;
}

function dayOption(value: string): string {
  if (!z.iso.date().safeParse(value).success) {
    throw new InvalidArgumentError(`"${value}" is not a day (expected YYYY-MM-DD, an IntervalDate)`);
  }
  return value;
}

function suffixOption(value: string): string {
  if (!/^[A-Za-z0-9]{2}$/.test(value)) {
    throw new InvalidArgumentError(`"${value}" is not a NMI suffix (expected 2 letters or digits, e.g. E1)`);
  }
  return value.toUpperCase();
}

/** `A 44, E 4`: intervals per quality flag. */
function qualityText(day: IntervalDay): string {
  return Object.entries(day.qualitySummary)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([flag, count]) => `${flag} ${count}`)
    .join(', ');
}

function dayRow(day: IntervalDay): string[] {
  return [
    day.nmi,
    day.nmiSuffix,
    day.meterSerialNumber ?? '',
    day.intervalDate,
    `${day.intervalLength} min`,
    `${day.dayTotal} ${day.uom}`,
    day.quality,
    qualityText(day),
    `${day.fileName}${day.versions > 1 ? ` (${day.versions} versions)` : ''}`,
  ];
}

/** Writes text chunks to a stream, waiting whenever it asks to (so a large export keeps memory flat). */
async function writeAll(stream: NodeJS.WritableStream, chunks: AsyncIterable<string>): Promise<void> {
  for await (const chunk of chunks) {
    if (chunk !== '' && !stream.write(chunk)) await once(stream, 'drain');
  }
}

/** What `nem intervals` prints for its options, from a read model on `db` (the command, without opening services). */
export async function printIntervals(
  db: CommonQueryMethods,
  options: IntervalsOptions,
  io: Output,
): Promise<{ more: boolean }> {
  const target = options.nmi !== undefined ? { nmi: options.nmi } : { serial: options.serial ?? '' };
  const filter = { ...target, suffix: options.suffix, from: options.from, to: options.to, asOf: options.asOf };
  const asKnown = options.asOf === undefined ? null : `as known on ${formatAsOf(options.asOf)}`;
  if (options.csv) {
    if (asKnown !== null) io.err(`nem intervals: ${asKnown}`);
    await writeAll(io.data, intervalsCsv(db, filter));
    return { more: false };
  }
  const page = await findIntervalDays(db, { ...filter, limit: options.limit });
  if (options.json) {
    // The JSON stays an array of days; what it is as of goes to stderr.
    if (asKnown !== null) io.err(`nem intervals: ${asKnown}`);
    io.out(toJson(page.items, 2));
  } else if (page.items.length === 0) {
    const what = options.nmi !== undefined ? `NMI ${options.nmi}` : `meter serial ${shown(options.serial ?? '')}`;
    io.out(
      `no interval days for ${what}${options.suffix === undefined ? '' : `, suffix ${options.suffix}`}${asKnown === null ? '' : ` ${asKnown}`}`,
    );
  } else {
    if (asKnown !== null) io.out(asKnown);
    const headers = ['NMI', 'Suffix', 'Serial', 'Day', 'Length', 'Total', 'Quality', 'Intervals', 'File'];
    for (const line of renderTable(headers, page.items.map(dayRow))) io.out(line);
  }
  return { more: page.nextCursor !== null };
}

/** `nem intervals (--nmi X | --serial Y)`: the interval days in force (NEM12 data), by NMI, channel then day. */
export async function runIntervals(options: IntervalsOptions, io: Output): Promise<ExitCode> {
  if ((options.nmi === undefined) === (options.serial === undefined)) {
    io.err('nem intervals: give exactly one of --nmi and --serial');
    return EXIT.usage;
  }
  if (options.json && options.csv) {
    io.err('nem intervals: give at most one of --json and --csv');
    return EXIT.usage;
  }
  let nmi: string | undefined;
  if (options.nmi !== undefined) {
    const parsed = parseNmiQuery(options.nmi);
    if (!parsed.ok) {
      io.err(`nem intervals: ${parsed.reason}`);
      return EXIT.usage;
    }
    nmi = parsed.nmi;
  }
  if (options.from !== undefined && options.to !== undefined && options.from > options.to) {
    io.err(`nem intervals: --from ${options.from} is after --to ${options.to}`);
    return EXIT.usage;
  }
  return withServices(io, async (services) => {
    await services.projections.ensureReadModel();
    const target = nmi !== undefined ? { nmi } : { serial: (options.serial ?? '').trim() };
    const printed = await printIntervals(services.database.pool, { ...options, ...target }, io);
    if (printed.more) {
      io.err(
        `nem intervals: showing the first ${options.limit} days; narrow with --suffix/--from/--to, raise --limit, or export them all with --csv`,
      );
    }
    const status = await services.projections.status();
    if (!status.upToDate) {
      io.err(
        `nem intervals: the read model is ${status.lag === null ? 'behind' : `${plural(status.lag, 'event')} behind`} the event store, so recent files may be missing; run nem projections catch-up`,
      );
    }
    return EXIT.ok;
  });
}

export interface IntervalHistoryOptions {
  readonly nmi: string;
  readonly suffix: string;
  readonly date: string;
  readonly json: boolean;
}

function describeHistory(history: IntervalDayHistory, io: Output): void {
  const { key } = history;
  io.out(
    `NMI ${key.nmi}, suffix ${key.nmiSuffix}, day ${key.intervalDate}: ${plural(history.versions.length, 'version')}`,
  );
  for (const version of history.versions) {
    const d = version.day;
    io.out('');
    io.out(
      `${version.rank}. ${version.inForce ? 'in force' : 'superseded'}: total ${d.dayTotal} ${d.uom} (${d.values.length} x ${d.intervalLength} min), quality ${d.quality}, UpdateDateTime ${d.updatedAt === null ? 'blank' : formatNemTime(d.updatedAt)}`,
    );
    io.out(`   why:   ${version.reason}`);
    io.out(`   file:  ${shown(d.fileName)} line ${d.line} (imported ${formatNemTime(d.importedAt)}, ${d.fileId})`);
    const event = version.event;
    io.out(
      event === null
        ? '   event: not found in the event store where the read model places it (run the audit checks)'
        : `   event: ${event.streamName} revision ${event.revision}, position ${event.position}, id ${event.eventId}, recorded ${formatNemTime(event.recordedAt)}`,
    );
  }
}

/** `nem intervals history --nmi X --suffix E1 --date D`: every version of one interval day and which won. */
export async function runIntervalHistory(options: IntervalHistoryOptions, io: Output): Promise<ExitCode> {
  const nmi = parseNmiQuery(options.nmi);
  if (!nmi.ok) {
    io.err(`nem intervals history: ${nmi.reason}`);
    return EXIT.usage;
  }
  return withServices(io, async (services) => {
    await services.projections.ensureReadModel();
    const history = await intervalDayHistory(services.database.pool, services.store, {
      nmi: nmi.nmi,
      nmiSuffix: options.suffix,
      intervalDate: options.date,
    });
    if (history === null) {
      io.err(`nem intervals history: no file sent ${options.date} of NMI ${nmi.nmi}, suffix ${options.suffix}`);
      return EXIT.invalid;
    }
    if (options.json) io.out(toJson(history, 2));
    else describeHistory(history, io);
    return EXIT.ok;
  });
}

export function registerIntervals(program: Command, io: Output, setExit: (code: ExitCode) => void): void {
  const intervals = program
    .command('intervals')
    // `nem intervals history --nmi X`: the --nmi after `history` is history's.
    .enablePositionalOptions()
    .description(
      'list the interval days (NEM12) of a NMI or a meter serial in force, by NMI, channel then day: day total, quality, and the file; --csv for one row per interval',
    )
    .addOption(
      new Option('--nmi <nmi>', 'the meter point: 10 characters, or 11 with the checksum digit; any case').conflicts(
        'serial',
      ),
    )
    .addOption(new Option('--serial <serial>', "the meter serial number (the 200 record's), in any case"))
    .option('--suffix <suffix>', 'only this channel (NMI suffix), e.g. E1', suffixOption)
    .option('--from <day>', 'days on or after this IntervalDate (YYYY-MM-DD)', dayOption)
    .option('--to <day>', 'days up to and including this IntervalDate (YYYY-MM-DD)', dayOption)
    .option(
      '--as-of <moment>',
      'the days as the service knew them then: a day (its start, 00:00 NEM time) or a date and time (NEM time unless it has an offset); only files imported by then count',
      parseAsOfOption,
    )
    .option(
      '--limit <n>',
      'at most this many days (not with --csv, which writes them all)',
      positiveInteger(100_000),
      1000,
    )
    .addOption(new Option('--json', 'print a JSON array of days, with their interval values').default(false))
    .addOption(
      new Option(
        '--csv',
        'print CSV, one row per interval: start and end in NEM time, exact value, its quality and reason, the file',
      )
        .default(false)
        .conflicts('json'),
    )
    .action(async (options: IntervalsOptions) => {
      setExit(await runIntervals(options, io));
    });
  intervals
    .command('history')
    .description(
      'every version of one interval day files sent, the file and event behind each, and which is in force and why',
    )
    .requiredOption('--nmi <nmi>', 'the meter point: 10 characters, or 11 with the checksum digit; any case')
    .requiredOption('--suffix <suffix>', 'the channel (NMI suffix), e.g. E1', suffixOption)
    .requiredOption('--date <day>', 'the IntervalDate (YYYY-MM-DD)', dayOption)
    .option('--json', 'print JSON', false)
    .action(async (options: IntervalHistoryOptions) => {
      setExit(await runIntervalHistory(options, io));
    });
}
