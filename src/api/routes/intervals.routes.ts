import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { intervalsCsv, intervalsCsvFileName } from '../../application/interval-csv.js';
import { intervalDayHistory } from '../../application/interval-day-history.js';
import { toNemIso } from '../../domain/nem-time.js';
import { parseNmiQuery } from '../../domain/nmi.js';
import { findIntervalDays } from '../../projections/read-model/interval-days.queries.js';
import { attachment } from '../content-disposition.js';
import { asOfInstant } from '../contracts/params.js';
import {
  ONE_OF,
  IntervalDayHistory,
  IntervalDayKeyQuery,
  IntervalDayPage,
  IntervalsCsvQuery,
  IntervalsQuery,
} from '../contracts/readings.js';
import { json, problems } from '../contracts/responses.js';
import type { AppDeps } from '../deps.js';
import { ApiError, notFound } from '../errors.js';
import { searchMatch } from '../search-target.js';

/** The NMI or serial an interval search is for, as the service reads what was typed; 400 for a bad NMI. */
function intervalsTarget(q: { nmi?: string | undefined; serial?: string | undefined }) {
  const matched = searchMatch(q.nmi, q.serial, false);
  return matched.by === 'nmi' ? { nmi: matched.value } : { serial: matched.value };
}

/** The interval days of NEM12 files: a search, its CSV and one day's versions. */
export const intervalRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
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
};
