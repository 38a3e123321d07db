import type { Command } from 'commander';
import { readingHistory, type ReadingHistory } from '../../application/reading-history.js';
import { formatNemTime, toNemIso } from '../../domain/nem-time.js';
import { parseNmiQuery } from '../../domain/nmi.js';
import { parseInstantOption } from '../dates.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { plural, shown, toJson, type Output } from '../output.js';
import { withServices } from '../services.js';

export interface HistoryOptions {
  readonly nmi: string;
  readonly suffix: string;
  readonly register: string;
  readonly serial: string;
  readonly readAt: Date;
  readonly json: boolean;
}

function describeHistory(history: ReadingHistory, io: Output): void {
  const { key } = history;
  io.out(
    `NMI ${key.nmi}, suffix ${key.nmiSuffix}, register ${key.registerId}, meter ${shown(key.meterSerial)}, read at ${formatNemTime(key.currentReadAt)}: ${plural(history.versions.length, 'version')}`,
  );
  for (const version of history.versions) {
    const r = version.reading;
    io.out('');
    io.out(
      `${version.rank}. ${version.inForce ? 'in force' : 'superseded'}: ${r.currentRead} ${r.currentQuality}, quantity ${r.quantity} ${r.uom}, UpdateDateTime ${formatNemTime(r.updatedAt)}`,
    );
    io.out(`   why:   ${version.reason}`);
    io.out(`   file:  ${shown(r.fileName)} line ${r.line} (received ${formatNemTime(r.fileReceivedAt)}, ${r.fileId})`);
    const event = version.event;
    io.out(
      event === null
        ? '   event: not found in the event store where the read model places it (run the audit checks)'
        : `   event: ${event.streamName} revision ${event.revision}, position ${event.position}, id ${event.eventId}, recorded ${formatNemTime(event.recordedAt)}`,
    );
  }
}

/** `nem readings history ...`: every version of one register read, the event behind each, and which won. */
export async function runReadingHistory(options: HistoryOptions, io: Output): Promise<ExitCode> {
  const nmi = parseNmiQuery(options.nmi);
  if (!nmi.ok) {
    io.err(`nem readings history: ${nmi.reason}`);
    return EXIT.usage;
  }
  return withServices(io, async (services) => {
    await services.projections.ensureReadModel();
    const history = await readingHistory(services.database.pool, services.store, {
      nmi: nmi.nmi,
      nmiSuffix: options.suffix,
      registerId: options.register,
      meterSerial: options.serial,
      currentReadAt: toNemIso(options.readAt),
    });
    if (history === null) {
      io.err(
        `nem readings history: no file sent a read of NMI ${nmi.nmi}, suffix ${shown(options.suffix)}, register ${shown(options.register)}, meter ${shown(options.serial)} at ${formatNemTime(options.readAt)}`,
      );
      return EXIT.invalid;
    }
    if (options.json) io.out(toJson(history, 2));
    else describeHistory(history, io);
    return EXIT.ok;
  });
}

export function registerReadingsHistory(readings: Command, io: Output, setExit: (code: ExitCode) => void): void {
  readings
    .command('history')
    .description('every version of one register read, the file and event behind each, and which is in force and why')
    .requiredOption('--nmi <nmi>', 'the meter point: 10 characters, or 11 with the checksum digit; any case')
    .requiredOption('--suffix <suffix>', 'the NMI suffix of the register, e.g. 11 or E1')
    .requiredOption('--register <id>', 'the register id, e.g. 1 or 001')
    .requiredOption('--serial <serial>', 'the meter serial number, as files spell it')
    .requiredOption(
      '--read-at <instant>',
      'when the read was taken: 2004-01-07T10:03:33+10:00, 2004-01-07 10:03:33 +10:00 (as nem prints it) or 20040107100333 (NEM time, as in the file)',
      parseInstantOption,
    )
    .option('--json', 'print JSON', false)
    .action(async (options: HistoryOptions) => {
      setExit(await runReadingHistory(options, io));
    });
}
