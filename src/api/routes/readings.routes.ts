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
import { findIntervalDays, IntervalDaySchema } from '../../projections/read-model/interval-days.queries.js';
import type { AppDeps } from '../deps.js';
import { AsOf, asOfInstant, BooleanText, DayOrInstant, Instant, instantOf, safeText } from '../contracts/params.js';
import { formatAsOf, toNemIso } from '../../domain/nem-time.js';
import { ReadingPage } from '../contracts/components.js';
import { json, problems } from '../contracts/responses.js';
import { parseNmiQuery } from '../../domain/nmi.js';
import { ApiError, notFound } from '../errors.js';
import { readingHistory, ReadingHistoryView } from '../../application/reading-history.js';

const ONE_OF = 'Give exactly one of `nmi` and `serial` (400 otherwise).';

/**
 * What a search is for, as the service reads what was typed: a NMI without spaces, upper-cased, its
 * checksum digit checked and dropped (a prefix is only cleaned); a serial as typed (matched in any case).
 */
function searchMatch(nmi: string | undefined, serial: string | undefined, prefix: boolean) {
  if (nmi === undefined) {
    const value = (serial ?? '').trim();
    return {
      by: 'serial' as const,
      value,
      typed: serial ?? '',
      note: value === serial ? null : 'spaces around it removed',
    };
  }
  if (prefix) {
    const value = nmi.replace(/\s+/g, '').toUpperCase();
    return { by: 'nmi' as const, value, typed: nmi, note: value === nmi ? null : 'spaces removed, upper-cased' };
  }
  const parsed = parseNmiQuery(nmi);
  if (!parsed.ok) throw new ApiError(400, 'BAD_NMI', parsed.reason);
  const notes = [
    ...(parsed.checksum === null ? [] : [`checksum digit ${parsed.checksum} checked and removed`]),
    ...(/\s/.test(nmi) ? ['spaces removed'] : []),
    ...(nmi.replace(/\s+/g, '').slice(0, 10) !== parsed.nmi ? ['upper-cased'] : []),
  ];
  return { by: 'nmi' as const, value: parsed.nmi, typed: nmi, note: notes.length === 0 ? null : notes.join(', ') };
}

/** How a 404 says it looked as of an instant. */
function knownOn(asOf: Date | undefined): string {
  return asOf === undefined ? '' : ` as known on ${formatAsOf(asOf)}`;
}

const ReadingsQuery = z
  .object({
    nmi: safeText(20)
      .optional()
      .describe(
        `The meter point: its NMI (10 characters), or the NMI and its checksum digit (11, the digit is checked), in any case, spaces ignored. ${ONE_OF}`,
      ),
    serial: safeText(12).optional().describe(`The meter serial number, in any case. ${ONE_OF}`),
    prefix: BooleanText.default('false').describe(
      'Match the NMI or serial as a prefix: results then come by NMI (or serial), then newest first.',
    ),
    from: DayOrInstant.optional().describe(
      'Current reads on or after this day (YYYY-MM-DD, from 00:00 NEM time) or instant (with its offset).',
    ),
    to: DayOrInstant.optional().describe(
      'Current reads up to the end of this day (YYYY-MM-DD, NEM time), or before this instant.',
    ),
    order: z
      .enum(['desc', 'asc'])
      .default('desc')
      .describe('By the time of the current read: newest first (`desc`) or oldest first (`asc`).'),
    includeSuperseded: BooleanText.default('false').describe(
      'Also list the older versions of register reads that a later file sent again (marked `superseded`).',
    ),
    limit: z.coerce.number().int().min(1).max(500).default(50).describe('Readings per page, 1 to 500.'),
    cursor: z.string().max(200).optional().describe('`nextCursor` of the previous page; absent for the first.'),
    asOf: AsOf.optional(),
  })
  .refine((q) => (q.nmi === undefined) !== (q.serial === undefined), {
    error: 'give exactly one of nmi and serial',
    path: ['nmi'],
  });

const IntervalsQuery = z.object({
  nmi: safeText(20).describe(
    'The meter point: its NMI (10 characters), or the NMI and its checksum digit (11, the digit is checked), in any case, spaces ignored.',
  ),
  from: z.iso.date().optional().describe('Days on or after this IntervalDate (YYYY-MM-DD).'),
  to: z.iso.date().optional().describe('Days up to and including this IntervalDate (YYYY-MM-DD).'),
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe('Days per page, 1 to 1,000.'),
  cursor: z.string().max(200).optional().describe('`nextCursor` of the previous page; absent for the first.'),
});

/** One register read, as its versions share it: the same NMI, suffix, register, serial and read time. */
const ReadingKeyQuery = z.object({
  nmi: safeText(10).describe('The meter point.'),
  nmiSuffix: safeText(2).describe('The NMI suffix of the register (channel), e.g. `11`.'),
  registerId: safeText(10).describe('The register id, e.g. `1`.'),
  meterSerial: safeText(12).describe('The meter serial number, as files spell it.'),
  currentReadAt: Instant.describe('When the read was taken, with its offset.'),
});

export const IntervalDayView = IntervalDaySchema.extend({
  intervalDate: z.iso
    .date()
    .describe('the IntervalDate (NEM time): interval i ends at 00:00 + i x intervalLength, +10:00'),
  values: z.array(z.string()).describe('the 1440 / intervalLength interval values in order, exact decimals'),
  dayTotal: z.string().describe('the exact sum of the values'),
  quality: z.string().describe('the 300 QualityMethod as sent; V when intervalQuality gives it per interval'),
  qualitySummary: z.record(z.string(), z.number().int()).describe('intervals per quality flag (A, E, S, F, N)'),
  updatedAt: z.string().nullable().describe('the UpdateDateTime, UTC (ISO 8601)'),
  versions: z.number().int().describe('how many versions of this day files sent; the newest is the one shown'),
}).meta({
  id: 'IntervalDay',
  description:
    'One day of one interval channel (a NEM12 300 record with its 400s and 500s), the version in force: the newest by UpdateDateTime, then import order.',
});

export const IntervalDayPage = z
  .object({
    items: z.array(IntervalDayView),
    nextCursor: z.string().nullable().describe('pass as `cursor` for the next page; null on the last page'),
  })
  .meta({ id: 'IntervalDayPage', description: 'A page of interval days, by channel (suffix) then day.' });

export const readingRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const db = deps.database.pool;

  app.get(
    '/api/intervals',
    {
      config: { etag: true },
      schema: {
        operationId: 'searchIntervalDays',
        summary: 'The interval days of a NMI (NEM12 data)',
        description:
          'The interval days in force of a meter point, by channel (NMI suffix) then day, one keyset page at a time: pass `nextCursor` as `cursor` for the next page. Values and totals are exact decimals as strings.',
        tags: ['readings'],
        querystring: IntervalsQuery,
        response: { 200: json('A page of interval days.', IntervalDayPage) },
      },
    },
    async (request) => {
      const q = request.query;
      const parsed = parseNmiQuery(q.nmi);
      if (!parsed.ok) throw new ApiError(400, 'BAD_NMI', parsed.reason);
      return findIntervalDays(db, {
        nmi: parsed.nmi,
        from: q.from,
        to: q.to,
        limit: q.limit,
        cursor: q.cursor,
      });
    },
  );

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
