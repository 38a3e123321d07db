import type { Command } from 'commander';
import { verifyAudit, type AuditReport, type EventDifference } from '../../application/audit-verify.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { plural, shown, toJson, type Output } from '../output.js';
import { withServices } from '../services.js';

function describeDifference(difference: EventDifference): string {
  return `revision ${difference.revision}, position ${difference.position.toString()}, event ${difference.eventId} (${shown(difference.eventType)}): ${difference.check}: ${shown(difference.message)}`;
}

function describeReport(report: AuditReport, io: Output): void {
  if (report.streams === 0) {
    io.out('nem audit verify: no file streams in the event store');
    return;
  }
  io.out(`nem audit verify: ${plural(report.streams, 'file stream')}, ${report.ok} ok, ${report.broken} broken`);
  for (const stream of report.reports) {
    if (stream.status === 'ok') continue;
    const name = stream.fileName === null ? '' : ` (${shown(stream.fileName)})`;
    io.out(`broken: ${shown(stream.stream)}${name}, ${plural(stream.events, 'event')}`);
    const [first, ...more] = stream.differences;
    if (first !== undefined) io.out(`  first difference: ${describeDifference(first)}`);
    for (const difference of more) io.out(`  also: ${describeDifference(difference)}`);
  }
  // Checks that did not apply, by check and reason, with how many streams each.
  const skipped = new Map<string, number>();
  for (const stream of report.reports) {
    for (const { check, reason } of stream.notApplicable) {
      const key = `${check}: ${reason}`;
      skipped.set(key, (skipped.get(key) ?? 0) + 1);
    }
  }
  if (skipped.size > 0) io.out('not applicable (--json names the streams):');
  for (const [key, count] of skipped) io.out(`  ${key} (${plural(count, 'stream')})`);
}

/** `nem audit verify`: exit 0 when every file stream passes, 1 when any is broken. */
export async function runAuditVerify(options: { json: boolean }, io: Output): Promise<ExitCode> {
  return withServices(io, async (services) => {
    const report = await verifyAudit({ store: services.store, originals: services.originals });
    if (options.json) io.out(toJson(report, 2));
    else describeReport(report, io);
    return report.broken === 0 ? EXIT.ok : EXIT.invalid;
  });
}

export function registerAudit(program: Command, io: Output, setExit: (code: ExitCode) => void): void {
  const audit = program
    .command('audit')
    .description('check that the stored events are the ones imported')
    .action(() => {
      audit.outputHelp({ error: true });
      io.err('nem audit: name a subcommand (verify)');
      setExit(EXIT.usage);
    });
  audit
    .command('verify')
    .description(
      'walk every file stream: order, one closing event, deterministic ids, the digest, and a re-read of kept originals; exit 1 when any stream is broken',
    )
    .option('--json', 'print JSON', false)
    .action(async (options: { json: boolean }) => {
      setExit(await runAuditVerify(options, io));
    });
}
