import type { Command } from 'commander';
import { validateFlowFile, type FlowFileReport } from '../../application/read-flow-file.js';
import type { FlowSummary } from '../../domain/flow-summary.js';
import { intakeLimits, loadConfig } from '../../infrastructure/config.js';
import { expandPaths, openFlowFile, SkippedPath, UnreadablePathError } from '../../infrastructure/files/flow-file.js';
import { EXIT, worst, type ExitCode } from '../exit-codes.js';
import { formatOmitted, formatProblem, plural, shown, type Output } from '../output.js';

export interface ValidateOptions {
  readonly json: boolean;
}

function verdict(report: FlowFileReport): string {
  const { summary } = report;
  if (!summary.valid) {
    return `invalid (${plural(summary.errorCount, 'error')}${
      summary.warningCount > 0 ? `, ${plural(summary.warningCount, 'warning')}` : ''
    })`;
  }
  return summary.warningCount > 0 ? `ok with ${plural(summary.warningCount, 'warning')}` : 'ok';
}

/** Accepted records by record indicator, those of the file's format. */
function recordCounts(summary: FlowSummary): Record<string, number> {
  const { counts } = summary;
  if (summary.format === 'NEM12') {
    return {
      '200': counts.channels ?? 0,
      '300': counts.intervalDays ?? 0,
      '400': counts.intervalEvents ?? 0,
      '500': counts.b2bDetails,
    };
  }
  return { '250': counts.registerReads, '550': counts.b2bDetails };
}

export function validationJson(report: FlowFileReport): Record<string, unknown> {
  const { summary } = report;
  return {
    file: report.file,
    sha256: report.digest.sha256,
    valid: summary.valid,
    format: summary.format,
    counts: recordCounts(summary),
    errors: summary.errors,
    warnings: summary.warnings,
    errorsOmitted: summary.omittedErrors,
    warningsOmitted: summary.omittedWarnings,
  };
}

export function unreadableJson(error: UnreadablePathError): Record<string, unknown> {
  return { file: error.path, error: { code: 'FILE_UNREADABLE', message: error.message } };
}

/** `nem validate <paths...>`: checks files without importing them. */
export async function runValidate(paths: readonly string[], options: ValidateOptions, io: Output): Promise<ExitCode> {
  let exit: ExitCode = EXIT.ok;
  const limits = intakeLimits(loadConfig());
  for (const entry of await expandPaths(paths)) {
    if (entry instanceof SkippedPath) {
      io.err(`nem validate: ${shown(entry.message)}`);
      continue;
    }
    let report: FlowFileReport;
    try {
      if (entry instanceof UnreadablePathError) throw entry;
      report = await validateFlowFile(await openFlowFile(entry, limits));
    } catch (error) {
      if (!(error instanceof UnreadablePathError)) throw error;
      exit = worst(exit, EXIT.usage);
      if (options.json) io.out(JSON.stringify(unreadableJson(error)));
      else io.err(error.message);
      continue;
    }
    if (!report.summary.valid) exit = worst(exit, EXIT.invalid);
    if (options.json) {
      io.out(JSON.stringify(validationJson(report)));
      continue;
    }
    io.out(`${shown(report.file)}: ${verdict(report)}`);
    for (const problem of report.summary.errors) io.out(formatProblem(report.file, problem));
    for (const problem of report.summary.warnings) io.out(formatProblem(report.file, problem));
    for (const line of formatOmitted(report.file, report.summary.omittedErrors, report.summary.omittedWarnings)) {
      io.out(line);
    }
  }
  return exit;
}

export function registerValidate(program: Command, io: Output, setExit: (code: ExitCode) => void): void {
  program
    .command('validate')
    .description(
      'check NEM12 and NEM13 files (plain, .gz or single-file .zip; a directory means every file in it) without importing',
    )
    .argument('<paths...>', 'files or directories')
    .option('--json', 'print NDJSON, one object per file', false)
    .action(async (paths: string[], options: ValidateOptions) => {
      setExit(await runValidate(paths, options, io));
    });
}
