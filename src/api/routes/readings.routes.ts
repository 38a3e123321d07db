import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AsOfView,
  findReadings,
  getMeter,
  isKnown,
  getMeterPoint,
  MeterDetailView,
  MeterPointDetailView,
  ReadingView,
  readingVersions,
} from '../../projections/read-model/read-model.queries.js';
import { findIntervalDays, IntervalDayView } from '../../projections/read-model/interval-days.queries.js';
import { intervalsCsv, intervalsCsvFileName } from '../../application/interval-csv.js';
import { intervalDayHistory, IntervalDayHistoryView } from '../../application/interval-day-history.js';
import { attachment } from '../content-disposition.js';
import type { AppDeps } from '../deps.js';
import {
  AsOf,
  asOfInstant,
  BooleanText,
  Day,
  DayOrInstant,
  Instant,
  instantOf,
  safeText,
} from '../contracts/params.js';
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

const NmiSuffix = z.string().regex(/^[A-Za-z0-9]{2}$/, 'expected a NMI suffix of 2 letters or digits, e.g. E1');

const IntervalsFilter = z.object({
  nmi: safeText(20)
    .optional()
    .describe(
      `The meter point: its NMI (10 characters), or the NMI and its checksum digit (11, the digit is checked), in any case, spaces ignored. ${ONE_OF}`,
    ),
  serial: safeText(12)
    .optional()
    .describe(`The meter serial number (the 200 record's MeterSerialNumber), in any case. ${ONE_OF}`),
  suffix: NmiSuffix.optional().describe('Only this channel: its NMI suffix (NMISuffix), e.g. `E1`, in any case.'),
  from: Day.optional().describe('Days on or after this IntervalDate (YYYY-MM-DD).'),
  to: Day.optional().describe('Days up to and including this IntervalDate (YYYY-MM-DD).'),
  asOf: AsOf.optional(),
});
const oneOfNmiSerial = {
  error: 'give exactly one of nmi and serial',
  path: ['nmi'],
};
const IntervalsQuery = IntervalsFilter.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe('Days per page, 1 to 1,000.'),
  cursor: z.string().max(200).optional().describe('`nextCursor` of the previous page; absent for the first.'),
}).refine((q) => (q.nmi === undefined) !== (q.serial === undefined), oneOfNmiSerial);
const IntervalsCsvQuery = IntervalsFilter.refine(
  (q) => (q.nmi === undefined) !== (q.serial === undefined),
  oneOfNmiSerial,
);

const IntervalDayKeyQuery = z.object({
  nmi: safeText(20).describe('The meter point: its NMI, or the NMI and its checksum digit; any case.'),
  suffix: NmiSuffix.describe('The channel: its NMI suffix, e.g. `E1`, in any case.'),
  date: Day.describe('The IntervalDate (YYYY-MM-DD).'),
});

/** One register read, as its versions share it: the same NMI, suffix, register, serial and read time. */
const ReadingKeyQuery = z.object({
  nmi: safeText(10).describe('The meter point.'),
  nmiSuffix: safeText(2).describe('The NMI suffix of the register (channel), e.g. `11`.'),
  registerId: safeText(10).describe('The register id, e.g. `1`.'),
  meterSerial: safeText(12).describe('The meter serial number, as files spell it.'),
  currentReadAt: Instant.describe('When the read was taken, with its offset.'),
});

const IntervalDay = IntervalDayView.meta({
  id: 'IntervalDay',
  description:
    'One day of one interval channel (a NEM12 300 record with its 400s), a version: in a search the one in force (the newest by UpdateDateTime, then import order, then line).',
});

export const IntervalDayPage = z
  .object({
    items: z.array(IntervalDay),
    nextCursor: z.string().nullable().describe('pass as `cursor` for the next page; null on the last page'),
    asOf: AsOfView.optional(),
  })
  .meta({ id: 'IntervalDayPage', description: 'A page of interval days, by NMI, channel (suffix) then day.' });

const IntervalDayHistory = IntervalDayHistoryView.meta({
  id: 'IntervalDayHistory',
  description:
    'Every version of one interval day that files sent, ranked (the one in force first), each with its file, line and the IntervalDayRecorded event behind it.',
});

/** The NMI or serial an interval search is for, as the service reads what was typed; 400 for a bad NMI. */
function intervalsTarget(q: { nmi?: string | undefined; serial?: string | undefined }) {
  const matched = searchMatch(q.nmi, q.serial, false);
  return matched.by === 'nmi' ? { nmi: matched.value } : { serial: matched.value };
}

export const readingRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const db = deps.database.pool;

  app.get(
    '/api/intervals',
    {
      config: { etag: true },
      schema: {
        operationId: 'searchIntervalDays',
        summary: 'The interval days of a NMI or a meter serial (NEM12 data)',
        description: `The interval days in force of a meter point (\`nmi\`) or a meter (\`serial\`), by NMI, channel (NMI suffix) then day, one keyset page at a time: pass \`nextCursor\` as \`cursor\` for the next page. ${ONE_OF} Values and totals are exact decimals as strings; with \`asOf\`, the days as the service knew them then. One row per interval: GET /api/intervals/csv.`,
        tags: ['readings'],
        querystring: IntervalsQuery,
        response: { 200: json('A page of interval days.', IntervalDayPage) },
      },
    },
    async (request) => {
      const q = request.query;
      const asOf = q.asOf === undefined ? undefined : asOfInstant(q.asOf);
      const page = await findIntervalDays(db, {
        ...intervalsTarget(q),
        suffix: q.suffix?.toUpperCase(),
        from: q.from,
        to: q.to,
        limit: q.limit,
        cursor: q.cursor,
        asOf,
      });
      return { ...page, ...(asOf === undefined ? {} : { asOf: toNemIso(asOf) }) };
    },
  );

  app.get(
    '/api/intervals/csv',
    {
      schema: {
        operationId: 'exportIntervalsCsv',
        summary: 'Interval data as CSV, one row per interval',
        description: `The intervals of the days in force (as \`GET /api/intervals\` finds them, all pages) as CSV, streamed: one row per interval with its NMI, suffix, meter serial, unit, IntervalDate, interval number and length, start and end instants in NEM time (e.g. \`2004-02-01T00:30:00+10:00\`; the last interval of a day ends at 00:00 of the next day), exact value, its own quality (from the 400 records on a V day) and reason, the UpdateDateTime, and the file and line of its 300 record. ${ONE_OF}`,
        tags: ['readings'],
        querystring: IntervalsCsvQuery,
        response: {
          200: {
            description: 'The CSV (RFC 4180, CRLF line ends, a header row), as an attachment.',
            headers: z.object({ 'content-disposition': z.string().describe('attachment, with a file name') }),
            content: { 'text/csv': { schema: z.string().describe('CSV, one row per interval') } },
          },
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const target = intervalsTarget(q);
      const asOf = q.asOf === undefined ? undefined : asOfInstant(q.asOf);
      const filter = { ...target, suffix: q.suffix?.toUpperCase(), from: q.from, to: q.to, asOf };
      const rows = intervalsCsv(db, filter);
      return (
        reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', attachment(intervalsCsvFileName(filter)))
          // The schema documents the CSV as text; the body is that text, streamed. In bytes, not objects:
          // an object stream would read 16 chunks ahead of a slow client, a byte stream stops at 64 KiB.
          .send(Readable.from(rows, { objectMode: false }) as unknown as string)
      );
    },
  );

  app.get(
    '/api/intervals/history',
    {
      config: { etag: true },
      schema: {
        operationId: 'getIntervalDayHistory',
        summary: 'The history of one interval day',
        description:
          'Every version of one day of one channel (NMI, suffix, IntervalDate) that files sent, ranked as the read model ranks them (newer UpdateDateTime first, a blank one last; then the file imported later; then the later line): which one is in force and why, each with its file, line, UpdateDateTime, day total and the IntervalDayRecorded event that brought it (stream, revision, global position, id, when recorded).',
        tags: ['readings'],
        querystring: IntervalDayKeyQuery,
        response: {
          200: json('The versions, the one in force first.', IntervalDayHistory),
          404: problems('No file sent this day of this channel.'),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const parsed = parseNmiQuery(q.nmi);
      if (!parsed.ok) throw new ApiError(400, 'BAD_NMI', parsed.reason);
      const history = await intervalDayHistory(db, deps.store, {
        nmi: parsed.nmi,
        nmiSuffix: q.suffix.toUpperCase(),
        intervalDate: q.date,
      });
      if (history === null) {
        throw notFound(`no file sent ${q.date} of NMI ${parsed.nmi}, suffix ${q.suffix.toUpperCase()}`);
      }
      return history;
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
