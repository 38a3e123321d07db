import type { Command } from 'commander';
import { formatNemTime } from '../../domain/nem-time.js';
import { importFlowFile, importResultView, recordsOf, type ImportResult } from '../../application/import-flow-file.js';
import type { MdffFormat } from '../../domain/mdff/format.js';
import { expandPaths, SkippedPath, UnreadablePathError } from '../../infrastructure/files/flow-file.js';
import { EXIT, worst, type ExitCode } from '../exit-codes.js';
import { formatOmitted, formatProblem, plural, shown, type Output } from '../output.js';
import { withServices } from '../services.js';
import { unreadableJson } from './validate.command.js';

export interface ImportCommandOptions {
  readonly json: boolean;
  /** Progress on stderr even when it is not a terminal (as lines), e.g. for logs of a supervisor. */
  readonly progress: boolean;
  /**
   * Bring the read model up to date: before the files (so that each writes its rows with its events) and
   * after (commander's --no-project sets it false: events only).
   */
  readonly project: boolean;
}

/** `10 readings`, `8 interval days`, or both: what the imported files brought (readings when neither). */
export function importedRecords(tally: { readonly readings: number; readonly intervalDays: number }): string {
  const parts: string[] = [];
  if (tally.readings > 0 || tally.intervalDays === 0) parts.push(plural(tally.readings, 'reading'));
  if (tally.intervalDays > 0) parts.push(plural(tally.intervalDays, 'interval day'));
  return parts.join(', ');
}

function verdict(result: ImportResult): string {
  switch (result.status) {
    case 'imported':
      return `imported (${recordsOf(result)}${result.warningCount > 0 ? `, ${plural(result.warningCount, 'warning')}` : ''})`;
    case 'duplicate': {
      const when = result.duplicateOf === undefined ? '' : ` on ${formatNemTime(result.duplicateOf.receivedAt)}`;
      return `duplicate (already received${when} and ${result.errorCount > 0 ? `rejected with ${plural(result.errorCount, 'error')}` : `imported with ${recordsOf(result)}`}; nothing appended)`;
    }
    case 'rejected':
      return `rejected (${plural(result.errorCount, 'error')}${result.warningCount > 0 ? `, ${plural(result.warningCount, 'warning')}` : ''})`;
    case 'refused':
      return `refused (${result.errors[0]?.message ?? 'too large'})`;
  }
}

/**
 * Progress of a long file on stderr: a bar redrawn in place on a terminal, or (with --progress) a line
 * every 5% for logs.
 */
function progressReporter(
  io: Output,
  file: string,
  lines: boolean,
): ((done: number, total: number, format: MdffFormat) => void) | undefined {
  if (!io.interactive && !lines) return undefined;
  let shown = -1;
  return (done, total, format) => {
    if (total < 10_000 && !lines) return;
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (io.interactive) {
      if (percent === shown) return;
      shown = percent;
      const filled = Math.round((percent / 100) * 30);
      io.progress(
        `\r${'#'.repeat(filled)}${'.'.repeat(30 - filled)} ${percent}% ${done}/${total} ${file}${done >= total ? '\n' : ''}`,
      );
      return;
    }
    const step = Math.floor(percent / 5) * 5;
    if (step === shown) return;
    shown = step;
    io.err(`progress: ${file}: ${done}/${total} ${format === 'NEM12' ? 'interval days' : 'readings'} (${percent}%)`);
  };
}

/** `nem import <paths...>`: every accepted reading becomes an event, exactly once. */
export async function runImport(
  paths: readonly string[],
  options: ImportCommandOptions,
  io: Output,
): Promise<ExitCode> {
  return withServices(
    io,
    async (services) => {
      let exit: ExitCode = EXIT.ok;
      const tally = {
        imported: 0,
        duplicate: 0,
        rejected: 0,
        refused: 0,
        unreadable: 0,
        readings: 0,
        intervalDays: 0,
      };
      // A read model at the store's head lets each import write its file's rows with its events (one
      // transaction): brought there first (created, on a new database), so nothing is left to catch up.
      if (options.project && services.store.writeStream !== undefined) await services.projections.catchUp();
      for (const entry of await expandPaths(paths)) {
        if (entry instanceof SkippedPath) {
          io.err(`nem import: ${shown(entry.message)}`);
          continue;
        }
        let result: ImportResult;
        try {
          if (entry instanceof UnreadablePathError) throw entry;
          result = await importFlowFile(services.store, () => services.openFlowFile(entry), {
            originals: services.originals,
            channel: 'cli',
            onProgress: progressReporter(io, entry, options.progress),
          });
        } catch (error) {
          if (!(error instanceof UnreadablePathError)) throw error;
          exit = worst(exit, EXIT.usage);
          tally.unreadable++;
          if (options.json) io.out(JSON.stringify(unreadableJson(error)));
          else io.err(error.message);
          continue;
        }
        tally[result.status]++;
        if (result.status === 'imported') {
          if (result.format === 'NEM12') tally.intervalDays += result.records;
          else tally.readings += result.records;
        }
        // A duplicate of a rejected file is still a bad file: a script running the import again learns it.
        if (result.errorCount > 0) exit = worst(exit, EXIT.invalid);
        if (options.json) {
          io.out(JSON.stringify(importResultView(result)));
          continue;
        }
        io.out(`${shown(result.file)}: ${verdict(result)}`);
        if (result.status !== 'refused' && (result.status !== 'duplicate' || result.errorCount > 0)) {
          for (const problem of [...result.errors, ...result.warnings]) io.out(formatProblem(result.file, problem));
          for (const line of formatOmitted(
            result.file,
            result.errorCount - result.errors.length,
            result.warningCount - result.warnings.length,
          )) {
            io.out(line);
          }
        }
      }
      if (options.project) {
        const status = await services.projections.catchUp();
        if (!options.json && !status.upToDate) io.err('nem import: the read model is still behind the event store');
      }
      if (!options.json) {
        const files = tally.imported + tally.duplicate + tally.rejected + tally.refused + tally.unreadable;
        io.out(
          `${plural(files, 'file')}: ${tally.imported} imported (${importedRecords(tally)}), ${tally.duplicate} duplicate, ${tally.rejected} rejected${
            tally.refused > 0 ? `, ${tally.refused} refused` : ''
          }${tally.unreadable > 0 ? `, ${tally.unreadable} unreadable` : ''}`,
        );
      }
      return exit;
    },
    // --no-project: events only, the read model left as it is (to a later catch-up or rebuild).
    { inlineProjection: options.project },
  );
}

export function registerImport(program: Command, io: Output, setExit: (code: ExitCode) => void): void {
  program
    .command('import')
    .description(
      'import NEM13 and NEM12 files into the event store (same inputs as validate); a file already imported is a duplicate',
    )
    .argument('<paths...>', 'files or directories')
    .option('--json', 'print NDJSON, one object per file', false)
    .option('--progress', 'report progress on stderr as lines even when it is not a terminal', false)
    .option('--no-project', 'write events only: leave the read model to a later catch-up or rebuild')
    .action(async (paths: string[], options: ImportCommandOptions) => {
      setExit(await runImport(paths, options, io));
    });
}
