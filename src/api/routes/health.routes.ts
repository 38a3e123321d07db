import { sql } from 'slonik';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { unavailableReason } from '../../infrastructure/db/unavailable.js';
import type { AppDeps } from '../deps.js';
import { Problem, PROBLEM_MEDIA_TYPE } from '../contracts/problem.js';
import { json } from '../contracts/responses.js';

/**
 * How long /health waits for its checks in all. A frozen database (stopped process, cut network)
 * never answers and the statement timeout cannot fire there, so the route answers 503 after this
 * whatever the queries are doing: a load balancer learns within a few seconds.
 */
export const HEALTH_DEADLINE_MS = 4_000;

const Check = z.object({ ok: z.boolean(), detail: z.string() }).meta({ id: 'HealthCheck' });
const Health = z
  .object({
    status: z.enum(['ok', 'degraded']),
    database: Check.optional().describe('signed-in callers only'),
    eventStore: Check.optional().describe('signed-in callers only'),
    projection: z
      .object({
        ok: z.boolean(),
        checkpoint: z.string().nullable(),
        head: z.string().nullable(),
        lag: z.number().int().nullable().describe('events not yet in the read model, when countable'),
      })
      .optional()
      .describe('signed-in callers only'),
  })
  .meta({
    id: 'Health',
    description: 'Whether the service can do its work; the checks are shown to signed-in callers only.',
    examples: [{ status: 'ok' }],
  });

type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

class DeadlinePassed extends Error {}

/** Runs a check until the deadline; a failure is described by its classified reason, never the driver's text. */
async function probe<T>(check: () => Promise<T>, deadline: number): Promise<Outcome<T>> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const value = await Promise.race([
      check(),
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new DeadlinePassed()), Math.max(0, deadline - Date.now()));
      }),
    ]);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof DeadlinePassed) return { ok: false, reason: 'no answer in time' };
    return { ok: false, reason: unavailableReason(error) ?? 'failed' };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GET /health: for load balancers and compose health checks; public, answers 503 when degraded. Anyone
 * gets the status; where the database is and why a check failed are for signed-in callers.
 */
export const healthRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      // Signing a caller in reads the database too: with a frozen one, the whole request still ends
      // (503) a moment after the checks' own deadline.
      handlerTimeout: HEALTH_DEADLINE_MS + 1_000,
      schema: {
        operationId: 'getHealth',
        summary: 'Health',
        description: `Whether the database, the event store and the read model answer: \`ok\` (200) or \`degraded\` (503), within ${HEALTH_DEADLINE_MS / 1000} s, for load balancers. Anyone may ask; the checks themselves are shown to signed-in callers.`,
        tags: ['health'],
        // Anyone; signed-in callers see more.
        security: [{}, { bearer: [] }, { session: [] }],
        response: {
          200: json('Healthy.', Health),
          503: {
            description: 'Degraded; or, as a problem, the database was lost while the caller was being identified.',
            content: {
              'application/json': { schema: Health },
              [PROBLEM_MEDIA_TYPE]: { schema: Problem },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const deadline = Date.now() + HEALTH_DEADLINE_MS;
      const [databaseOutcome, storeOutcome] = await Promise.all([
        probe(() => deps.database.pool.query(sql.unsafe`SELECT 1`), deadline),
        probe(() => deps.store.headPosition(), deadline),
      ]);
      const status =
        databaseOutcome.ok && storeOutcome.ok ? await probe(() => deps.projections.status(), deadline) : null;
      const healthy = databaseOutcome.ok && storeOutcome.ok && status?.ok === true;
      const overall = healthy ? ('ok' as const) : ('degraded' as const);
      reply.code(healthy ? 200 : 503);
      if (request.principal === null) return { status: overall };
      const projection = status?.ok === true ? status.value : null;
      return {
        status: overall,
        database: databaseOutcome.ok
          ? { ok: true, detail: `${deps.database.kind} at ${deps.database.location}` }
          : { ok: false, detail: `${deps.database.kind} unreachable: ${databaseOutcome.reason}` },
        eventStore: storeOutcome.ok
          ? { ok: true, detail: deps.store.kind }
          : { ok: false, detail: `${deps.store.kind} unreachable: ${storeOutcome.reason}` },
        projection: {
          ok: projection !== null,
          checkpoint: projection?.checkpoint?.toString() ?? null,
          head: projection?.head?.toString() ?? null,
          lag: projection?.lag ?? null,
        },
      };
    },
  );
};
