import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { ApiError, ErrorResponse } from '../errors.js';
import type { RebuildJob } from '../rebuild-job.js';

const ProjectionStatusView = z.object({
  projection: z.string(),
  generation: z.number().int(),
  checkpoint: z.string().nullable(),
  head: z.string().nullable(),
  lag: z.number().int().nullable(),
  upToDate: z.boolean(),
});
const RebuildStatusView = z.object({
  state: z.enum(['idle', 'running', 'succeeded', 'failed', 'stopped']),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  eventsApplied: z.number().int(),
  generation: z.number().int().nullable(),
  resumed: z.boolean().describe('whether it continues a rebuild whose process went away'),
  error: z.string().nullable(),
});

export const projectionRoutes: FastifyPluginAsyncZod<{ deps: AppDeps; rebuild: RebuildJob }> = async (
  app,
  { deps, rebuild },
) => {
  app.get(
    '/api/projections',
    {
      schema: {
        summary: 'The read model: checkpoint, head of the event store, lag',
        tags: ['projections'],
        response: { 200: ProjectionStatusView },
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
        summary: 'Progress of the last rebuild started here',
        tags: ['projections'],
        response: { 200: RebuildStatusView },
      },
    },
    () => rebuild.status(),
  );

  app.post(
    '/api/projections/rebuild',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Rebuild the read model from every event, in the background (poll GET for progress)',
        tags: ['projections'],
        response: { 202: RebuildStatusView, 409: ErrorResponse },
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
