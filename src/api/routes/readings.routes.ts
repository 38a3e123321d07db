import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  findReadings,
  getMeter,
  isKnown,
  getMeterPoint,
  MeterDetailView,
  MeterPointDetailView,
  ReadingView,
  readingVersions,
} from '../../projections/read-model/read-model.queries.js';
import type { AppDeps } from '../deps.js';
import { AsOf, asOfInstant, instantOf, safeText } from '../contracts/params.js';
import { formatAsOf, toNemIso } from '../../domain/nem-time.js';
import { ReadingPage } from '../contracts/components.js';
import { ONE_OF, ReadingsQuery, ReadingKeyQuery } from '../contracts/readings.js';
import { json, problems } from '../contracts/responses.js';
import { parseNmiQuery } from '../../domain/nmi.js';
import { ApiError, notFound } from '../errors.js';
import { searchMatch } from '../search-target.js';
import { readingHistory, ReadingHistoryView } from '../../application/reading-history.js';

/** How a 404 says it looked as of an instant. */
function knownOn(asOf: Date | undefined): string {
  return asOf === undefined ? '' : ` as known on ${formatAsOf(asOf)}`;
}

export const readingRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const db = deps.database.pool;

  app.get(
    '/api/readings',
    {
      config: { etag: true },
      schema: {
        operationId: 'searchReadings',
        summary: 'Search the register reads of a NMI or a meter serial',
        description: `The register reads of a meter point (\`nmi\`) or a meter (\`serial\`), newest first, one keyset page at a time: pass \`nextCursor\` as \`cursor\` for the next page. ${ONE_OF} Times are NEM time (+10:00); reads and quantities are exact decimals as strings.`,
        tags: ['readings'],
        querystring: ReadingsQuery,
        response: { 200: json('A page of readings.', ReadingPage) },
      },
    },
    async (request) => {
      const q = request.query;
      const prefix = q.prefix === 'true';
      const matched = searchMatch(q.nmi, q.serial, prefix);
      const asOf = q.asOf === undefined ? undefined : asOfInstant(q.asOf);
      const page = await findReadings(db, {
        ...(asOf === undefined ? {} : { asOf }),
        ...(matched.by === 'nmi' ? { nmi: matched.value } : { serial: matched.value }),
        prefix,
        order: q.order,
        ...(q.from === undefined ? {} : { from: instantOf(q.from, 'start') }),
        ...(q.to === undefined ? {} : { to: instantOf(q.to, 'end') }),
        includeSuperseded: q.includeSuperseded === 'true',
        limit: q.limit,
        ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
      });
      const known = prefix ? page.total.count > 0 : await isKnown(db, matched.by, matched.value, asOf);
      return { ...page, matched: { ...matched, known }, ...(asOf === undefined ? {} : { asOf: toNemIso(asOf) }) };
    },
  );

  app.get(
    '/api/readings/versions',
    {
      config: { etag: true },
      schema: {
        operationId: 'getReadingVersions',
        summary: 'Every version of one register read',
        description:
          'The versions of one register read (the same NMI, suffix, register, serial and read time) that files sent, newest first: the first is the one in force, the others are `superseded`.',
        tags: ['readings'],
        querystring: ReadingKeyQuery,
        response: { 200: json('The versions, newest first (none when nothing matches).', z.array(ReadingView)) },
      },
    },
    async (request) => readingVersions(db, request.query),
  );

  app.get(
    '/api/readings/history',
    {
      config: { etag: true },
      schema: {
        operationId: 'getReadingHistory',
        summary: 'The history of one register read',
        description:
          'Every version of one register read (the same NMI, suffix, register, serial and read time) that files sent, ranked as the read model ranks them (newer UpdateDateTime first, then the file imported later, then the later line): which one is in force and why, each with its file and the ReadingRecorded event that brought it (stream, revision, global position, id, when recorded).',
        tags: ['readings'],
        querystring: ReadingKeyQuery,
        response: {
          200: json('The versions, the one in force first.', ReadingHistoryView),
          404: problems('No file sent a register read with this key.'),
        },
      },
    },
    async (request) => {
      const history = await readingHistory(db, deps.store, request.query);
      if (history === null)
        throw notFound('no file sent a register read with this NMI, suffix, register, serial and read time');
      return history;
    },
  );

  app.get(
    '/api/meter-points/:nmi',
    {
      config: { etag: true },
      schema: {
        operationId: 'getMeterPoint',
        summary: 'A meter point',
        description: 'Its configuration, meters, registers and the latest read of each register.',
        tags: ['meter points'],
        params: z.object({
          nmi: safeText(20).describe('The meter point: its NMI, or the NMI and its checksum digit; any case.'),
        }),
        querystring: z.object({ asOf: AsOf.optional() }),
        response: {
          200: json('The meter point.', MeterPointDetailView),
          404: problems('No reads of this NMI have been imported (by `asOf`, when given).'),
        },
      },
    },
    async (request) => {
      const parsed = parseNmiQuery(request.params.nmi);
      if (!parsed.ok) throw new ApiError(400, 'BAD_NMI', parsed.reason);
      const asOf = request.query.asOf === undefined ? undefined : asOfInstant(request.query.asOf);
      const point = await getMeterPoint(db, parsed.nmi, asOf);
      if (point === null) throw notFound(`no meter point ${request.params.nmi}${knownOn(asOf)}`);
      return point;
    },
  );

  app.get(
    '/api/meters/:serial',
    {
      config: { etag: true },
      schema: {
        operationId: 'getMeter',
        summary: 'A meter',
        description: 'The NMIs it served, its registers and the latest read of each.',
        tags: ['meters'],
        params: z.object({ serial: safeText(12).describe('The meter serial number, in any case.') }),
        querystring: z.object({ asOf: AsOf.optional() }),
        response: {
          200: json('The meter.', MeterDetailView),
          404: problems('No reads of a meter with this serial have been imported (by `asOf`, when given).'),
        },
      },
    },
    async (request) => {
      const asOf = request.query.asOf === undefined ? undefined : asOfInstant(request.query.asOf);
      const meter = await getMeter(db, request.params.serial, asOf);
      if (meter === null) throw notFound(`no meter with serial ${request.params.serial}${knownOn(asOf)}`);
      return meter;
    },
  );
};
