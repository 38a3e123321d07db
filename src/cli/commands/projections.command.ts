import type { Command } from 'commander';
import { ProjectionStoppedError, RebuildRunningError, type ProjectionStatus } from '../../projections/runner.js';
import { describeProgress, ProgressMeter } from '../../projections/progress.js';
import { untilStopSignal } from '../signals.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { toJson, type Output } from '../output.js';
import { withServices } from '../services.js';
import { labelArgument, parseUntil, registerGenerationCommands, runSideRebuild } from './generations.command.js';
import type { Until } from '../../projections/side-generations.js';

function describeStatus(status: ProjectionStatus, io: Output): void {
  io.out(`projection:  ${status.projection} (tables generation ${status.generation})`);
  io.out(`checkpoint:  ${status.checkpoint?.toString() ?? 'none (nothing applied yet)'}`);
  io.out(`store head:  ${status.head?.toString() ?? 'empty'}`);
  io.out(`lag:         ${status.lag === null ? (status.upToDate ? 'up to date' : 'behind') : `${status.lag} events`}`);
}

export function registerProjections(program: Command, io: Output, setExit: (code: ExitCode) => void): void {
  const projections = program
    .command('projections')
    .description('the read model built from the events')
    .action(() => {
      projections.outputHelp({ error: true });
      io.err('nem projections: name a subcommand (status, catch-up, rebuild, list, diff, drop or verify)');
      setExit(EXIT.usage);
    });
  projections
    .command('status')
    .description('checkpoint, head of the event store, and lag')
    .option('--json', 'print JSON', false)
    .action(async (options: { json: boolean }) => {
      setExit(
        await withServices(io, async (services) => {
          await services.projections.ensureReadModel();
          const status = await services.projections.status();
          if (options.json) io.out(toJson(status, 2));
          else describeStatus(status, io);
          return EXIT.ok;
        }),
      );
    });
  projections
    .command('catch-up')
    .description('apply the events not yet in the read model')
    .action(async () => {
      setExit(
        await withServices(io, async (services) => {
          const status = await services.projections.catchUp();
          describeStatus(status, io);
          return EXIT.ok;
        }),
      );
    });
  projections
    .command('rebuild')
    .description(
      'replay every event into new tables, then switch to them (the old tables serve until the switch); resumes a rebuild that was stopped or whose process died. With --until and --as: build a labelled side generation instead, leaving the live one untouched',
    )
    .option(
      '--until <position|instant>',
      'side generation: the events up to this global position or instant',
      parseUntil,
    )
    .option('--as <label>', 'side generation: its label (a-z, 0-9 and dashes, up to 40)', labelArgument)
    .action(async (options: { until?: Until; as?: string }) => {
      if ((options.until === undefined) !== (options.as === undefined)) {
        io.err('nem projections rebuild: --until and --as go together (a side generation needs both)');
        setExit(EXIT.usage);
        return;
      }
      if (options.until !== undefined && options.as !== undefined) {
        const { until, as: label } = options;
        setExit(await withServices(io, (services) => runSideRebuild(services, io, label, until)));
        return;
      }
      setExit(
        await withServices(io, async (services) => {
          const started = Date.now();
          let applied = 0;
          let meter: ProgressMeter | null = null;
          const stop = new AbortController();
          void untilStopSignal().then((signal) => {
            io.err(`nem projections rebuild: ${signal}: stopping at the next batch boundary`);
            stop.abort();
          });
          try {
            const status = await services.projections.rebuild({
              signal: stop.signal,
              onStart: (start) => {
                meter = new ProgressMeter(start.from ?? 0n, start.head);
                if (start.resumed !== null) {
                  io.err(
                    `rebuild: resuming generation ${start.generation} left by ${start.resumed.builder} at position ${start.resumed.position?.toString() ?? 'the start'}`,
                  );
                }
              },
              onProgress: (progress) => {
                applied += progress.applied;
                const done = meter?.update(progress.position, progress.head);
                io.err(
                  `rebuild: generation ${progress.generation}: ${done === undefined ? `${applied} file events applied` : describeProgress(done)}`,
                );
              },
            });
            io.out(
              `rebuilt ${status.projection} as generation ${status.generation} from ${applied} events in ${((Date.now() - started) / 1000).toFixed(1)} s`,
            );
            describeStatus(status, io);
            return EXIT.ok;
          } catch (error) {
            if (error instanceof ProjectionStoppedError) {
              io.err(
                `nem projections rebuild: stopped; generation ${error.generation} keeps its progress, run the rebuild again to continue`,
              );
              return EXIT.usage;
            }
            if (error instanceof RebuildRunningError) {
              io.err(`nem projections rebuild: ${error.message}`);
              return EXIT.invalid;
            }
            throw error;
          }
        }),
      );
    });
  registerGenerationCommands(projections, io, setExit);
}
