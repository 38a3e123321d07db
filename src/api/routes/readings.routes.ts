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
import { ErrorResponse, notFound } from '../errors.js';

const ReadingsQuery = z
  .object({
    nmi: safeText(10).optional(),
    serial: safeText(12).optional(),
    prefix: BooleanText.default('false').describe(
      'match the NMI or serial as a prefix: results come by NMI (or serial), then newest first',
    ),
    from: DayOrInstant.optional().describe('current reads on or after this day (NEM time) or instant'),
    to: DayOrInstant.optional().describe('current reads up to the end of this day (NEM time), or before this instant'),
    includeSuperseded: BooleanText.default('false'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
  })
  .refine((q) => (q.nmi === undefined) !== (q.serial === undefined), {
    error: 'give exactly one of nmi and serial',
    path: ['nmi'],
  });

const PageOfReadings = z.object({ items: z.array(ReadingView), nextCursor: z.string().nullable() });

export const readingRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const db = deps.database.pool;

  app.get(
    '/api/readings',
    {
      schema: {
        summary: 'Readings of a NMI or a meter serial, newest first, a page at a time',
        tags: ['readings'],
        querystring: ReadingsQuery,
        response: { 200: PageOfReadings },
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
      schema: {
        summary: 'Every version of one register read (the superseded ones too), newest first',
        tags: ['readings'],
        querystring: z.object({
          nmi: safeText(10),
          nmiSuffix: safeText(2),
          registerId: safeText(10),
          meterSerial: safeText(12),
          currentReadAt: Instant,
        }),
        response: { 200: z.array(ReadingView) },
      },
    },
    async (request) => readingVersions(db, request.query),
  );

  app.get(
    '/api/meter-points/:nmi',
    {
      schema: {
        summary: 'A meter point: configuration, meters, registers, latest reads',
        tags: ['meter points'],
        params: z.object({ nmi: safeText(10) }),
        response: { 200: MeterPointDetailView, 404: ErrorResponse },
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
      schema: {
        summary: 'A meter: its NMIs, registers and latest reads',
        tags: ['meters'],
        params: z.object({ serial: safeText(12) }),
        response: { 200: MeterDetailView, 404: ErrorResponse },
      },
    },
    async (request) => {
      const meter = await getMeter(db, request.params.serial);
      if (meter === null) throw notFound(`no meter with serial ${request.params.serial}`);
      return meter;
    },
  );
};
