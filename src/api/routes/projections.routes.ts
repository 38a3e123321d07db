import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { json, problems } from '../contracts/responses.js';
import { ApiError } from '../errors.js';
import type { RebuildJob } from '../rebuild-job.js';

const Instant = z.iso.datetime({ offset: true });

const ProjectionStatusView = z
  .object({
    projection: z.string().describe('the read model and its version, e.g. `read_model_v3`'),
    generation: z.number().int().describe('which set of its tables serves (a rebuild makes the next)'),
    checkpoint: z.string().nullable().describe('global position of the last event applied; null: none yet'),
    head: z.string().nullable().describe('global position of the newest event in the store; null: empty'),
    lag: z.number().int().nullable().describe('events not yet applied, when the store can count them'),
    upToDate: z.boolean(),
  })
  .meta({
    id: 'ProjectionStatus',
    description: 'How far the read model is behind the event store.',
    examples: [
      { projection: 'read_model_v3', generation: 1, checkpoint: '30207', head: '30207', lag: 0, upToDate: true },
    ],
  });
const RebuildStatusView = z
  .object({
    state: z.enum(['idle', 'running', 'succeeded', 'failed', 'stopped']),
    startedAt: Instant.nullable().describe('NEM time (+10:00)'),
    finishedAt: Instant.nullable().describe('NEM time (+10:00)'),
    eventsApplied: z.number().int(),
    generation: z.number().int().nullable().describe('the generation being built, or built'),
    resumed: z.boolean().describe('whether it continues a rebuild whose process went away'),
    progress: z
      .object({
        done: z.number().int().describe('events replayed (by position, readings included)'),
        total: z.number().int().describe('events to replay, up to the head of the store (it may grow)'),
        fraction: z.number().min(0).max(1),
        eventsPerSecond: z.number().int().nullable().describe('the rate so far; null before the first batch'),
        secondsLeft: z.number().int().nullable().describe('an estimate; null before the first batch'),
      })
      .nullable()
      .describe('how far it has come; null before it started'),
    error: z.string().nullable(),
  })
  .meta({
    id: 'RebuildStatus',
    description: 'The last rebuild of the read model started by this server.',
    examples: [
      {
        state: 'running',
        startedAt: '2026-11-30T16:20:00+10:00',
        finishedAt: null,
        eventsApplied: 112,
        generation: 2,
        resumed: false,
        progress: { done: 12345, total: 30207, fraction: 0.41, eventsPerSecond: 2100, secondsLeft: 9 },
        error: null,
      },
    ],
  });

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
};
