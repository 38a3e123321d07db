import { InvalidArgumentError, type Command } from 'commander';
import { formatNemTime } from '../../domain/nem-time.js';
import { parseNmiQuery } from '../../domain/nmi.js';
import { describeProgress, ProgressMeter } from '../../projections/progress.js';
import type { GenerationDiffItem } from '../../projections/read-model/generation-diff.queries.js';
import { ProjectionStoppedError, RebuildRunningError } from '../../projections/errors.js';
import {
  checkLabel,
  GenerationLabelError,
  GenerationLabelTakenError,
  GenerationNotReadyError,
  LIVE_LABEL,
  UnknownGenerationError,
  UntilBeyondHeadError,
  type SideGeneration,
  type Until,
} from '../../projections/side-generations.js';
import type { Services } from '../../compose.js';
import { parseDateOption } from '../dates.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { plural, renderTable, shown, toJson, type Output } from '../output.js';
import { untilStopSignal } from '../signals.js';
import { withServices } from '../services.js';

/**
 * `nem projections rebuild --until --as`, `list`, `diff`, `drop` and `verify`: side-by-side generations
 * of the read model, for audits (docs/adr/0011-side-by-side-rebuilds.md).
 */

/** `--until`: a global position (digits), or a day (its start, NEM time) or an instant with an offset. */
export function parseUntil(value: string): Until {
  if (/^\d{1,18}$/.test(value.trim())) return { position: BigInt(value.trim()) };
  try {
    return { at: parseDateOption(value.trim(), 'from') };
  } catch {
    throw new InvalidArgumentError(
      `"${value}" is not a global position (digits), a day (YYYY-MM-DD, from its start in NEM time) or an instant with an offset`,
    );
  }
}

/** `--as` and label arguments: checked as they are parsed. */
export function labelArgument(value: string): string {
  try {
    return checkLabel(value);
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
}

/** Errors about labels and states a user can act on: one line, and the exit code for it. */
function knownFailure(error: unknown): ExitCode | null {
  if (error instanceof GenerationLabelError || error instanceof UntilBeyondHeadError) return EXIT.usage;
  if (
    error instanceof GenerationLabelTakenError ||
    error instanceof UnknownGenerationError ||
    error instanceof GenerationNotReadyError ||
    error instanceof RebuildRunningError
  ) {
    return EXIT.invalid;
  }
  return null;
}

async function reporting(io: Output, command: string, work: () => Promise<ExitCode>): Promise<ExitCode> {
  try {
    return await work();
  } catch (error) {
    const code = knownFailure(error);
    if (code === null) throw error;
    io.err(`nem projections ${command}: ${(error as Error).message}`);
    return code;
  }
}

function describeUntil(generation: SideGeneration): string {
  const position = generation.untilPosition === null ? 'no events' : `position ${generation.untilPosition.toString()}`;
  return generation.untilAt === null ? position : `${formatNemTime(generation.untilAt)} (${position})`;
}

/** Runs a build (labelled, or verify's temporary one) with progress on stderr and Ctrl-C stopping it. */
function withProgress(io: Output, what: string) {
  const stop = new AbortController();
  void untilStopSignal().then((signal) => {
    io.err(`nem projections ${what}: ${signal}: stopping at the next batch boundary`);
    stop.abort();
  });
  let meter: ProgressMeter | null = null;
  return {
    signal: stop.signal,
    onStart: (start: { generation: number; head: bigint | null }) => {
      meter = new ProgressMeter(0n, start.head);
    },
    onProgress: (progress: { generation: number; position: bigint; head: bigint | null }) => {
      const done = meter?.update(progress.position, progress.head);
      if (done !== undefined) io.err(`${what}: generation ${progress.generation}: ${describeProgress(done)}`);
    },
  };
}

/** `changed 2291137510 11/1 R4ZFLS6ZY1UV 2004-01-07 10:03:33 +10:00: 56311.0 (A) → 56320.0 (A) [fields]`. */
function describeDifference(item: GenerationDiffItem): string {
  const { key } = item;
  const version = (v: GenerationDiffItem['before']) =>
    v === null ? '(none)' : `${v.currentRead} ${v.currentQuality} from ${v.fileName ?? v.fileId} line ${v.line}`;
  const where = `${key.nmi} ${key.nmiSuffix}/${key.registerId} ${key.meterSerial} ${formatNemTime(key.currentReadAt)}`;
  const fields = item.fields.length === 0 ? '' : ` [${item.fields.map((f) => f.field).join(', ')}]`;
  return shown(`${item.change.padEnd(7)} ${where}: ${version(item.before)} -> ${version(item.after)}${fields}`);
}

export async function runSideRebuild(services: Services, io: Output, label: string, until: Until): Promise<ExitCode> {
  return reporting(io, 'rebuild', async () => {
    const started = Date.now();
    try {
      const built = await services.projections.generations.build(label, until, withProgress(io, 'rebuild'));
      io.out(
        `built ${built.label} as generation ${built.generation} until ${describeUntil(built)}: ${plural(built.readings ?? 0, 'register read')} from ${plural(built.events, 'file event')} in ${((Date.now() - started) / 1000).toFixed(1)} s; the live read model was not touched`,
      );
      return EXIT.ok;
    } catch (error) {
      if (error instanceof ProjectionStoppedError) {
        io.err(`nem projections rebuild: stopped; ${label} is kept as failed: drop it and build it again`);
        return EXIT.usage;
      }
      throw error;
    }
  });
}

export function registerGenerationCommands(projections: Command, io: Output, setExit: (code: ExitCode) => void): void {
  projections
    .command('list')
    .description('the live read model and the side generations built beside it (label, until, readings, state)')
    .option('--json', 'print JSON', false)
    .action(async (options: { json: boolean }) => {
      setExit(
        await withServices(io, async (services) => {
          const { live, side } = await services.projections.generations.list();
          if (options.json) {
            io.out(toJson({ live, generations: side }, 2));
            return EXIT.ok;
          }
          const rows = [
            [
              LIVE_LABEL,
              String(live.generation),
              `checkpoint ${live.checkpoint?.toString() ?? 'none'} (catching up)`,
              String(live.readings),
              'serving',
              '',
            ],
            ...side.map((g) => [
              g.label,
              String(g.generation),
              describeUntil(g),
              g.readings === null ? '-' : String(g.readings),
              g.state,
              g.builtAt === null ? '' : formatNemTime(g.builtAt),
            ]),
          ];
          for (const line of renderTable(
            ['Label', 'Generation', 'Until', 'Readings', 'State', 'Built'],
            rows,
            new Set([1, 3]),
          )) {
            io.out(line);
          }
          return EXIT.ok;
        }),
      );
    });

  projections
    .command('diff')
    .description(
      'the register reads added, removed or changed from one generation to another (default: live), by NMI, suffix, register, serial and read time, comparing the winning versions',
    )
    .argument('<from>', 'a side generation label, or live', (value) =>
      value === LIVE_LABEL ? value : labelArgument(value),
    )
    .argument('[to]', 'a side generation label, or live (the default)', (value) =>
      value === LIVE_LABEL ? value : labelArgument(value),
    )
    .option('--nmi <nmi>', 'only this meter point')
    .option('--json', 'print a JSON array', false)
    .action(async (from: string, to: string | undefined, options: { nmi?: string; json: boolean }) => {
      let nmi: string | undefined;
      if (options.nmi !== undefined) {
        const parsed = parseNmiQuery(options.nmi);
        if (!parsed.ok) {
          io.err(`nem projections diff: ${parsed.reason}`);
          setExit(EXIT.usage);
          return;
        }
        nmi = parsed.nmi;
      }
      setExit(
        await withServices(io, (services) =>
          reporting(io, 'diff', async () => {
            const target = to ?? LIVE_LABEL;
            const counts = { added: 0, removed: 0, changed: 0 };
            let after: string | undefined;
            if (options.json) io.out('[');
            let first = true;
            // A page at a time: a diff of millions of readings never sits in memory.
            for (;;) {
              const page = await services.projections.generations.diff(from, target, {
                limit: 1000,
                ...(nmi === undefined ? {} : { nmi }),
                ...(after === undefined ? {} : { after }),
              });
              for (const item of page.items) {
                counts[item.change]++;
                if (options.json) {
                  io.out(`${first ? '' : ','}${toJson(item)}`);
                  first = false;
                } else io.out(describeDifference(item));
              }
              if (page.nextCursor === null) break;
              after = page.nextCursor;
            }
            if (options.json) io.out(']');
            else {
              const total = counts.added + counts.removed + counts.changed;
              io.err(
                `${from} -> ${target}${nmi === undefined ? '' : ` (NMI ${nmi})`}: ${total === 0 ? 'no differences' : `${plural(total, 'difference')}: ${counts.added} added, ${counts.removed} removed, ${counts.changed} changed`}`,
              );
            }
            return EXIT.ok;
          }),
        ),
      );
    });

  projections
    .command('drop')
    .description('drop a side generation (its tables and its record)')
    .argument('<label>', 'the side generation', labelArgument)
    .action(async (label: string) => {
      setExit(
        await withServices(io, (services) =>
          reporting(io, 'drop', async () => {
            if (!(await services.projections.generations.drop(label))) throw new UnknownGenerationError(label);
            io.out(`dropped ${label}`);
            return EXIT.ok;
          }),
        ),
      );
    });

  projections
    .command('verify')
    .description(
      'rebuild a temporary generation up to the live checkpoint and compare it with the live read model: exit 0 when identical, 1 with the differences printed',
    )
    .option('--json', 'print the report as JSON', false)
    .action(async (options: { json: boolean }) => {
      setExit(
        await withServices(io, (services) =>
          reporting(io, 'verify', async () => {
            const differences: GenerationDiffItem[] = [];
            const report = await services.projections.generations.verify(
              (item) => {
                if (options.json) differences.push(item);
                else io.out(describeDifference(item));
              },
              withProgress(io, 'verify'),
            );
            if (options.json) {
              io.out(toJson({ ...report, items: differences }, 2));
            } else {
              const where = `the live read model (generation ${report.liveGeneration}, checkpoint ${report.checkpoint?.toString() ?? 'none'})`;
              if (report.identical) io.out(`${where} is identical to a fresh rebuild from the events`);
              else {
                io.out(
                  `${where} differs from a fresh rebuild: ${plural(report.differences, 'register read')} (winning versions; "before" is the fresh rebuild, "after" the live one)`,
                );
                for (const t of report.tables) {
                  if (t.onlyLive > 0 || t.onlyFresh > 0) {
                    io.out(
                      `  ${t.table}: ${t.onlyLive} rows only in the live one, ${t.onlyFresh} only in the fresh one`,
                    );
                  }
                }
              }
            }
            return report.identical ? EXIT.ok : EXIT.invalid;
          }),
        ),
      );
    });
}
