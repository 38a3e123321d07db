import { InvalidArgumentError, type Command } from 'commander';
import { z } from 'zod';
import { parseNmiQuery } from '../../domain/nmi.js';
import { findIntervalDays, type IntervalDay } from '../../projections/read-model/interval-days.queries.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { positiveInteger } from '../options.js';
import { plural, renderTable, toJson, type Output } from '../output.js';
import { withServices } from '../services.js';

export interface IntervalsOptions {
  readonly nmi: string;
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  readonly json: boolean;
}

function dayOption(value: string): string {
  if (!z.iso.date().safeParse(value).success) {
    throw new InvalidArgumentError(`"${value}" is not a day (expected YYYY-MM-DD, an IntervalDate)`);
  }
  return value;
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

/** `nem intervals --nmi X`: the interval days in force of a NMI (NEM12 data), by channel then day. */
export async function runIntervals(options: IntervalsOptions, io: Output): Promise<ExitCode> {
  const parsed = parseNmiQuery(options.nmi);
  if (!parsed.ok) {
    io.err(`nem intervals: ${parsed.reason}`);
    return EXIT.usage;
  }
  if (options.from !== undefined && options.to !== undefined && options.from > options.to) {
    io.err(`nem intervals: --from ${options.from} is after --to ${options.to}`);
    return EXIT.usage;
  }
  return withServices(io, async (services) => {
    await services.projections.ensureReadModel();
    const page = await findIntervalDays(services.database.pool, {
      nmi: parsed.nmi,
      from: options.from,
      to: options.to,
      limit: options.limit,
    });
    if (options.json) io.out(toJson(page.items, 2));
    else if (page.items.length === 0) io.out(`no interval days for NMI ${parsed.nmi}`);
    else {
      const headers = ['NMI', 'Suffix', 'Serial', 'Day', 'Length', 'Total', 'Quality', 'Intervals', 'File'];
      for (const line of renderTable(headers, page.items.map(dayRow))) io.out(line);
    }
    if (page.nextCursor !== null) {
      io.err(`nem intervals: showing the first ${options.limit} days; narrow with --from/--to or raise --limit`);
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

export function registerIntervals(program: Command, io: Output, setExit: (code: ExitCode) => void): void {
  program
    .command('intervals')
    .description(
      'list the interval days (NEM12) of a NMI in force, by channel then day: day total, quality, and the file',
    )
    .requiredOption('--nmi <nmi>', 'the meter point: 10 characters, or 11 with the checksum digit; any case')
    .option('--from <day>', 'days on or after this IntervalDate (YYYY-MM-DD)', dayOption)
    .option('--to <day>', 'days up to and including this IntervalDate (YYYY-MM-DD)', dayOption)
    .option('--limit <n>', 'at most this many days', positiveInteger(100_000), 1000)
    .option('--json', 'print a JSON array of days, with their interval values', false)
    .action(async (options: IntervalsOptions) => {
      setExit(await runIntervals(options, io));
    });
}
