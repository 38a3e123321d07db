import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  findReadings,
  getMeter,
  getMeterPoint,
  MeterDetailView,
  MeterPointDetailView,
  ReadingView,
  readingVersions,
} from '../../projections/read-model/read-model.queries.js';
import type { AppDeps } from '../deps.js';
import { BooleanText, DayOrInstant, Instant, instantOf, safeText } from '../contracts/params.js';
import { ReadingPage } from '../contracts/components.js';
import { json, problems } from '../contracts/responses.js';
import { notFound } from '../errors.js';

const ONE_OF = 'Give exactly one of `nmi` and `serial` (400 otherwise).';

const ReadingsQuery = z
  .object({
    nmi: safeText(10).optional().describe(`The meter point (NMI, 10 characters; any case). ${ONE_OF}`),
    serial: safeText(12).optional().describe(`The meter serial number. ${ONE_OF}`),
    prefix: BooleanText.default('false').describe(
      'Match the NMI or serial as a prefix: results then come by NMI (or serial), then newest first.',
    ),
    from: DayOrInstant.optional().describe(
      'Current reads on or after this day (YYYY-MM-DD, from 00:00 NEM time) or instant (with its offset).',
    ),
    to: DayOrInstant.optional().describe(
      'Current reads up to the end of this day (YYYY-MM-DD, NEM time), or before this instant.',
    ),
    includeSuperseded: BooleanText.default('false').describe(
      'Also list the older versions of register reads that a later file sent again (marked `superseded`).',
    ),
    limit: z.coerce.number().int().min(1).max(500).default(50).describe('Readings per page, 1 to 500.'),
    cursor: z.string().max(200).optional().describe('`nextCursor` of the previous page; absent for the first.'),
  })
  .refine((q) => (q.nmi === undefined) !== (q.serial === undefined), {
    error: 'give exactly one of nmi and serial',
    path: ['nmi'],
  });

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
      return findReadings(db, {
        ...(q.nmi === undefined ? {} : { nmi: q.nmi.toUpperCase() }),
        ...(q.serial === undefined ? {} : { serial: q.serial }),
        prefix: q.prefix === 'true',
        ...(q.from === undefined ? {} : { from: instantOf(q.from, 'start') }),
        ...(q.to === undefined ? {} : { to: instantOf(q.to, 'end') }),
        includeSuperseded: q.includeSuperseded === 'true',
        limit: q.limit,
        ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
      });
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
        querystring: z.object({
          nmi: safeText(10).describe('The meter point.'),
          nmiSuffix: safeText(2).describe('The NMI suffix of the register (channel), e.g. `11`.'),
          registerId: safeText(10).describe('The register id, e.g. `1`.'),
          meterSerial: safeText(12).describe('The meter serial number.'),
          currentReadAt: Instant.describe('When the read was taken, with its offset.'),
        }),
        response: { 200: json('The versions, newest first (none when nothing matches).', z.array(ReadingView)) },
      },
    },
    async (request) => readingVersions(db, request.query),
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
        params: z.object({ nmi: safeText(10).describe('The meter point (NMI), any case.') }),
        response: {
          200: json('The meter point.', MeterPointDetailView),
          404: problems('No reads of this NMI have been imported.'),
        },
      },
    },
    async (request) => {
      const point = await getMeterPoint(db, request.params.nmi.toUpperCase());
      if (point === null) throw notFound(`no meter point ${request.params.nmi}`);
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
        params: z.object({ serial: safeText(12).describe('The meter serial number.') }),
        response: {
          200: json('The meter.', MeterDetailView),
          404: problems('No reads of a meter with this serial have been imported.'),
        },
      },
    },
    async (request) => {
      const meter = await getMeter(db, request.params.serial);
      if (meter === null) throw notFound(`no meter with serial ${request.params.serial}`);
      return meter;
    },
  );
};
