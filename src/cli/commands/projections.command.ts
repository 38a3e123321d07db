import type { Command } from 'commander';
import type { ProjectionStatus } from '../../projections/runner.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { toJson, type Output } from '../output.js';
import { withServices } from '../services.js';

function describeStatus(status: ProjectionStatus, io: Output): void {
  io.out(`projection:  ${status.projection} (tables generation ${status.generation})`);
  io.out(`checkpoint:  ${status.checkpoint?.toString() ?? 'none (nothing applied yet)'}`);
  io.out(`store head:  ${status.head?.toString() ?? 'empty'}`);
  io.out(`lag:         ${status.lag === null ? (status.upToDate ? 'up to date' : 'behind') : `${status.lag} events`}`);
}

export function registerProjections(program: Command, io: Output, setExit: (code: ExitCode) => void): void {
  const projections = program.command('projections').description('the read model built from the events');
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
    .description('replay every event into new tables, then switch to them (the old tables serve until the switch)')
    .action(async () => {
      setExit(
        await withServices(io, async (services) => {
          const started = Date.now();
          let applied = 0;
          const status = await services.projections.rebuild({
            onProgress: (progress) => {
              applied += progress.applied;
              io.err(
                `rebuild: generation ${progress.generation}: ${applied} events applied (position ${progress.position})`,
              );
            },
          });
          io.out(
            `rebuilt ${status.projection} as generation ${status.generation} from ${applied} events in ${((Date.now() - started) / 1000).toFixed(1)} s`,
          );
          describeStatus(status, io);
          return EXIT.ok;
        }),
      );
    });
}
