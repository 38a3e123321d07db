import { sql } from 'slonik';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';

const Check = z.object({ ok: z.boolean(), detail: z.string() });
const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  database: Check,
  eventStore: Check,
  projection: z.object({
    ok: z.boolean(),
    checkpoint: z.string().nullable(),
    head: z.string().nullable(),
    lag: z.number().int().nullable().describe('events not yet in the read model, when countable'),
  }),
});

/** GET /health: for load balancers and compose health checks; public, answers 503 when degraded. */
export const healthRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Health of the database, the event store and the read model',
        tags: ['health'],
        security: [],
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      const database = await deps.database.pool
        .query(sql.unsafe`SELECT 1`)
        .then(() => ({ ok: true, detail: `${deps.database.kind} at ${deps.database.location}` }))
        .catch((error: unknown) => ({
          ok: false,
          detail: `unreachable: ${(error as Error).message.split('\n')[0] ?? ''}`,
        }));
      const eventStore = await deps.store
        .headPosition()
        .then(() => ({ ok: true, detail: deps.store.kind }))
        .catch((error: unknown) => ({
          ok: false,
          detail: `${deps.store.kind} unreachable: ${(error as Error).message.split('\n')[0] ?? ''}`,
        }));
      const status = database.ok && eventStore.ok ? await deps.projections.status().catch(() => null) : null;
      const projection = {
        ok: status !== null,
        checkpoint: status?.checkpoint?.toString() ?? null,
        head: status?.head?.toString() ?? null,
        lag: status?.lag ?? null,
      };
      const healthy = database.ok && eventStore.ok && projection.ok;
      return reply
        .code(healthy ? 200 : 503)
        .send({ status: healthy ? 'ok' : 'degraded', database, eventStore, projection });
    },
  );
};
