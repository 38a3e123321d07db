import { InvalidArgumentError, Option, type Command } from 'commander';
import { formatAsOf, formatNemTime, parseAsOf } from '../../domain/nem-time.js';
import { parseNmiQuery } from '../../domain/nmi.js';
import { findReadings, type Reading, type ReadingOrder } from '../../projections/read-model/read-model.queries.js';
import { parseDateOption } from '../dates.js';
import { positiveInteger } from '../options.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { plural, renderTable, toJson, type Output } from '../output.js';
import { withServices } from '../services.js';
import { registerReadingsHistory } from './reading-history.command.js';

export interface ReadingsOptions {
  readonly nmi?: string;
  readonly serial?: string;
  readonly prefix: boolean;
  readonly from?: Date;
  readonly to?: Date;
  readonly includeSuperseded: boolean;
  readonly order: ReadingOrder;
  readonly limit: number;
  readonly json: boolean;
  /** The readings as the service knew them at this instant. */
  readonly asOf?: Date;
}

/** `--as-of`: a day (its start, 00:00 NEM time) or a date and time, with an offset or in NEM time. */
export function parseAsOfOption(value: string): Date {
  const instant = parseAsOf(value);
  if (instant === null) {
    throw new InvalidArgumentError(
      `"${value}" is not a day (YYYY-MM-DD) or a date and time (e.g. 2005-03-03T09:30, NEM time unless it has an offset)`,
    );
  }
  return instant;
}

function readingRow(reading: Reading): string[] {
  return [
    reading.nmi,
    reading.meterSerial,
    reading.registerId,
    reading.nmiSuffix,
    `${reading.previousRead} ${formatNemTime(reading.previousReadAt)}`,
    `${reading.currentRead} ${formatNemTime(reading.currentReadAt)}`,
    `${reading.quantity} ${reading.uom}`,
    reading.currentQuality,
    `${reading.fileName}${reading.superseded ? ' (superseded)' : ''}`,
  ];
}

/** `nem readings (--nmi X | --serial Y)`: the readings of a meter point or a meter, newest first. */
export async function runReadings(options: ReadingsOptions, io: Output): Promise<ExitCode> {
  if ((options.nmi === undefined) === (options.serial === undefined)) {
    io.err('nem readings: give exactly one of --nmi and --serial');
    return EXIT.usage;
  }
  let nmi = options.nmi;
  if (nmi !== undefined && !options.prefix) {
    const parsed = parseNmiQuery(nmi);
    if (!parsed.ok) {
      io.err(`nem readings: ${parsed.reason}`);
      return EXIT.usage;
    }
    nmi = parsed.nmi;
  } else if (nmi !== undefined) {
    nmi = nmi.replace(/\s+/g, '').toUpperCase();
  }
  return withServices(io, async (services) => {
    await services.projections.ensureReadModel();
    const page = await findReadings(services.database.pool, {
      ...(nmi === undefined ? {} : { nmi }),
      ...(options.serial === undefined ? {} : { serial: options.serial }),
      prefix: options.prefix,
      ...(options.from === undefined ? {} : { from: options.from }),
      ...(options.to === undefined ? {} : { to: options.to }),
      includeSuperseded: options.includeSuperseded,
      order: options.order,
      limit: options.limit,
      ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
    });
    const asKnown = options.asOf === undefined ? null : `as known on ${formatAsOf(options.asOf)}`;
    if (options.json) {
      // The JSON stays an array of readings; what it is as of goes to stderr.
      if (asKnown !== null) io.err(`nem readings: ${asKnown}`);
      io.out(toJson(page.items, 2));
    } else if (page.items.length === 0) {
      io.out(
        `no readings for ${nmi === undefined ? `meter serial ${options.serial ?? ''}` : `NMI ${nmi}`}${asKnown === null ? '' : ` ${asKnown}`}`,
      );
    } else {
      if (asKnown !== null) io.out(asKnown);
      const headers = [
        'NMI',
        'Serial',
        'Register',
        'Suffix',
        'Previous read',
        'Current read',
        'Quantity',
        'Quality',
        'File',
      ];
      for (const line of renderTable(headers, page.items.map(readingRow))) io.out(line);
    }
    if (page.nextCursor !== null) {
      io.err(
        `nem readings: showing the ${options.order === 'desc' ? 'newest' : 'oldest'} ${options.limit} of ${page.total.capped ? `more than ${page.total.count - 1}` : page.total.count}; narrow with --from/--to or raise --limit for more`,
      );
    }
    const status = await services.projections.status();
    if (!status.upToDate) {
      io.err(
        `nem readings: the read model is ${status.lag === null ? 'behind' : `${plural(status.lag, 'event')} behind`} the event store, so recent files may be missing; run nem projections catch-up (nem serve keeps it up to date)`,
      );
    }
    return EXIT.ok;
  });
}

export function registerReadings(program: Command, io: Output, setExit: (code: ExitCode) => void): void {
  const readings = program
    .command('readings')
    // `nem readings history --nmi X`: the --nmi after `history` is history's.
    .enablePositionalOptions()
    .description('list the register reads of a NMI or a meter serial, newest first (times in NEM time, +10:00)')
    .addOption(
      new Option('--nmi <nmi>', 'the meter point: 10 characters, or 11 with the checksum digit; any case').conflicts(
        'serial',
      ),
    )
    .addOption(new Option('--serial <serial>', 'the meter serial number, in any case'))
    .option('--prefix', 'match the NMI or serial as a prefix', false)
    .option('--from <date>', 'current reads on or after this day (YYYY-MM-DD, NEM time) or instant', (v) =>
      parseDateOption(v, 'from'),
    )
    .option('--to <date>', 'current reads up to and including this day (YYYY-MM-DD) or before this instant', (v) =>
      parseDateOption(v, 'to'),
    )
    .option('--include-superseded', 'also list older versions of reads a later file replaced', false)
    .option(
      '--as-of <moment>',
      'the readings as the service knew them then: a day (its start, 00:00 NEM time) or a date and time (NEM time unless it has an offset); only files imported by then count',
      parseAsOfOption,
    )
    .addOption(
      new Option('--order <order>', 'by read time: newest first, or oldest first')
        .choices(['desc', 'asc'])
        .default('desc'),
    )
    .option('--limit <n>', 'at most this many readings', positiveInteger(100_000), 1000)
    .option('--json', 'print a JSON array', false)
    .action(async (options: ReadingsOptions) => {
      setExit(await runReadings(options, io));
    });
  registerReadingsHistory(readings, io, setExit);
}
