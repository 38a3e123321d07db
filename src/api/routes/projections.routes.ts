import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { json, problems } from '../contracts/responses.js';
import { ApiError } from '../errors.js';
import type { RebuildJob } from '../rebuild-job.js';
import { DayOrInstant, instantOf } from '../contracts/params.js';
import {
  ProjectionStatusView,
  RebuildStatusView,
  Label,
  LabelOrLive,
  Position,
  SideBuildStatusView,
  GenerationListView,
  GenerationDiffPageView,
} from '../contracts/projections.js';
import { SideBuildJob } from '../side-build-job.js';
import { toNemIso } from '../../domain/nem-time.js';
import { parseNmiQuery } from '../../domain/nmi.js';
import { RebuildRunningError } from '../../projections/errors.js';
import { BadDiffCursorError } from '../../projections/read-model/generation-diff.queries.js';
import {
  GenerationLabelTakenError,
  GenerationNotReadyError,
  LIVE_LABEL,
  UnknownGenerationError,
  UntilBeyondHeadError,
  type SideGeneration,
} from '../../projections/side-generations.js';

function sideGenerationView(g: SideGeneration) {
  return {
    ...g,
    untilPosition: g.untilPosition?.toString() ?? null,
    untilAt: g.untilAt === null ? null : toNemIso(g.untilAt),
    startedAt: toNemIso(g.startedAt),
    builtAt: g.builtAt === null ? null : toNemIso(g.builtAt),
  };
}

/** The errors of side generations, as problems. */
function generationProblem(error: unknown): never {
  if (error instanceof UnknownGenerationError) throw new ApiError(404, 'GENERATION_NOT_FOUND', error.message);
  if (error instanceof GenerationNotReadyError) throw new ApiError(409, 'GENERATION_NOT_READY', error.message);
  if (error instanceof GenerationLabelTakenError) throw new ApiError(409, 'GENERATION_LABEL_TAKEN', error.message);
  if (error instanceof RebuildRunningError) throw new ApiError(409, 'REBUILD_RUNNING', error.message);
  if (error instanceof UntilBeyondHeadError) throw new ApiError(400, 'UNTIL_BEYOND_HEAD', error.message);
  if (error instanceof BadDiffCursorError) throw new ApiError(400, 'BAD_CURSOR', error.message);
  throw error;
}

export const projectionRoutes: FastifyPluginAsyncZod<{ deps: AppDeps; rebuild: RebuildJob }> = async (
  app,
  { deps, rebuild },
) => {
  app.get(
    '/api/projections',
    {
      schema: {
        operationId: 'getProjectionStatus',
        summary: 'The read model',
        description: 'Its checkpoint, the head of the event store, and the lag between them.',
        tags: ['projections'],
        response: { 200: json('The read model.', ProjectionStatusView) },
      },
    },
    async () => {
      const status = await deps.projections.status();
      return { ...status, checkpoint: status.checkpoint?.toString() ?? null, head: status.head?.toString() ?? null };
    },
  );

  app.get(
    '/api/projections/rebuild',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'getRebuildStatus',
        summary: 'Progress of a rebuild',
        description: 'The last rebuild started by this server (or resumed by it): its state and progress.',
        tags: ['projections'],
        response: { 200: json('The rebuild.', RebuildStatusView) },
      },
    },
    () => rebuild.status(),
  );

  app.post(
    '/api/projections/rebuild',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'startRebuild',
        summary: 'Rebuild the read model',
        description:
          'Replays every event into new tables in the background while the current ones keep answering, then switches to them; poll getRebuildStatus for progress. A rebuild whose process went away is resumed.',
        tags: ['projections'],
        response: {
          202: json('The rebuild started.', RebuildStatusView),
          409: problems('A rebuild is already running, here or in another server.'),
        },
      },
    },
    async (_request, reply) => {
      const elsewhere = await deps.projections.rebuildElsewhere();
      if (elsewhere !== null) {
        throw new ApiError(
          409,
          'REBUILD_RUNNING',
          `a rebuild (generation ${elsewhere.generation}) is already running in another process (${elsewhere.builder})`,
        );
      }
      if (!rebuild.start()) throw new ApiError(409, 'REBUILD_RUNNING', 'a rebuild is already running here');
      return reply.code(202).send(rebuild.status());
    },
  );

  const sideBuild = new SideBuildJob(deps.projections.generations, {
    error: (message, error) => app.log.error({ err: error }, message),
  });
  app.addHook('onClose', () => sideBuild.stop());
  const generations = deps.projections.generations;

  app.get(
    '/api/projections/generations',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'listGenerations',
        summary: 'Generations of the read model',
        description:
          'The live read model and the side generations built beside it for audits (label, until, readings, state), with the progress of the side build this server runs.',
        tags: ['projections'],
        response: { 200: json('The generations.', GenerationListView) },
      },
    },
    async () => {
      const { live, side } = await generations.list();
      return {
        live: { ...live, checkpoint: live.checkpoint?.toString() ?? null },
        generations: side.map(sideGenerationView),
        build: sideBuild.status(),
      };
    },
  );

  app.post(
    '/api/projections/generations',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'startGenerationBuild',
        summary: 'Build a side generation',
        description:
          'Builds a labelled generation from the events up to a global position or an instant (a day: its start in NEM time) in the background; the live read model keeps serving and catching up, untouched. Poll listGenerations for progress. One build at a time (a side build or a rebuild), across servers.',
        tags: ['projections'],
        body: z.object({
          label: Label,
          until: z
            .union([Position, DayOrInstant])
            .describe('a global position (digits), a day (YYYY-MM-DD, from its start in NEM time) or an instant'),
        }),
        response: {
          202: json('The build started.', SideBuildStatusView),
          400: problems('The until is beyond the head of the event store, or in the future.'),
          409: problems('The label is taken, or a build or rebuild is running, here or in another server.'),
        },
      },
    },
    async (request, reply) => {
      if (sideBuild.busy) throw new ApiError(409, 'REBUILD_RUNNING', 'a side build is already running here');
      const { label, until } = request.body;
      const bound = /^\d+$/.test(until) ? { position: BigInt(until) } : { at: instantOf(until, 'start') };
      const status = await sideBuild.start(label, bound).catch(generationProblem);
      return reply.code(202).send(status);
    },
  );

  app.get(
    '/api/projections/generations/:label/diff',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'diffGenerations',
        summary: 'Differences between two generations',
        description:
          'The register reads added, removed or changed from the generation `label` to `against` (default `live`), keyed by NMI, NMI suffix, register id, meter serial and current read time, comparing the winning versions; a page at a time in key order.',
        tags: ['projections'],
        params: z.object({ label: LabelOrLive }),
        querystring: z.object({
          against: LabelOrLive.optional().describe(
            'the generation to compare with: a side generation label, or `live` (the default)',
          ),
          nmi: z.string().max(11).optional().describe('only this meter point (10 characters, or 11 with the checksum)'),
          cursor: z.string().max(2000).optional().describe('`nextCursor` of the previous page'),
          limit: z.coerce.number().int().min(1).max(1000).default(100).describe('differences per page, 1 to 1000'),
        }),
        response: {
          200: json('A page of differences.', GenerationDiffPageView),
          400: problems('A bad NMI or cursor.'),
          404: problems('No generation of that label.'),
          409: problems('The generation is not ready (building, interrupted or failed).'),
        },
      },
    },
    async (request) => {
      const { against, nmi, cursor, limit } = request.query;
      let nmiFilter: string | undefined;
      if (nmi !== undefined) {
        const parsed = parseNmiQuery(nmi);
        if (!parsed.ok) throw new ApiError(400, 'BAD_NMI', parsed.reason);
        nmiFilter = parsed.nmi;
      }
      return generations
        .diff(request.params.label, against ?? LIVE_LABEL, {
          limit,
          ...(nmiFilter === undefined ? {} : { nmi: nmiFilter }),
          ...(cursor === undefined ? {} : { after: cursor }),
        })
        .catch(generationProblem);
    },
  );

  app.delete(
    '/api/projections/generations/:label',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'dropGeneration',
        summary: 'Drop a side generation',
        description: 'Drops the side generation and its tables. The live read model cannot be dropped.',
        tags: ['projections'],
        params: z.object({ label: Label }),
        response: {
          204: z.null().describe('It was dropped.'),
          404: problems('No side generation of that label.'),
          409: problems('It is being built by another server.'),
        },
      },
    },
    async (request, reply) => {
      const dropped = await generations.drop(request.params.label).catch(generationProblem);
      if (!dropped) throw new ApiError(404, 'GENERATION_NOT_FOUND', `no generation labelled "${request.params.label}"`);
      return reply.code(204).send(null);
    },
  );
};
