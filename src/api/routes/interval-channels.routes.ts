import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { findChannelDays, findIntervalChannels } from '../../projections/read-model/interval-channels.queries.js';
import {
  ChannelDayPage,
  ChannelDaysQuery,
  ChannelsQuery,
  IntervalChannelList,
} from '../contracts/interval-channels.js';
import { toNemIso } from '../../domain/nem-time.js';
import { parseNmiQuery } from '../../domain/nmi.js';
import type { AppDeps } from '../deps.js';
import { asOfInstant } from '../contracts/params.js';
import { json, problems } from '../contracts/responses.js';
import { ApiError } from '../errors.js';

function nmiOf(text: string): string {
  const parsed = parseNmiQuery(text);
  if (!parsed.ok) throw new ApiError(400, 'BAD_NMI', parsed.reason);
  return parsed.nmi;
}

/** The instant an `asOf` parameter names, and how the answer echoes it. */
function asOfOf(value: string | undefined): { at: Date | undefined; echo: { asOf?: string } } {
  if (value === undefined) return { at: undefined, echo: {} };
  const at = asOfInstant(value);
  return { at, echo: { asOf: toNemIso(at) } };
}

/** The interval channels of a NMI or meter and the daily totals of one channel, for charts and tables. */
export const intervalChannelRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const db = deps.database.pool;

  app.get(
    '/api/interval-channels',
    {
      config: { etag: true },
      schema: {
        operationId: 'listIntervalChannels',
        summary: 'The interval channels of a NMI or a meter (NEM12 data)',
        description:
          'Each channel (NMI and suffix) with interval days in force, by NMI then suffix: for `nmi`, all of its channels; for `serial`, the channels on which this meter recorded days (counted only those). None is an empty list, not a 404: a NMI or meter may have register reads only. With `asOf`, the channels and their days as the service knew them then: days of files imported after it do not count, and a day sent again later counts in the version in force then.',
        tags: ['readings'],
        querystring: ChannelsQuery,
        response: {
          200: json('The channels.', IntervalChannelList),
          400: problems('Neither or both of `nmi` and `serial`, or a NMI that is not one (`BAD_NMI`).'),
        },
      },
    },
    async (request) => {
      const { nmi, serial } = request.query;
      const asOf = asOfOf(request.query.asOf);
      const of = nmi === undefined ? { serial: serial ?? '' } : { nmi: nmiOf(nmi) };
      const items = await findIntervalChannels(db, of, asOf.at);
      return { items, ...asOf.echo };
    },
  );

  app.get(
    '/api/interval-channels/days',
    {
      config: { etag: true },
      schema: {
        operationId: 'listIntervalChannelDays',
        summary: 'The daily totals of one interval channel',
        description:
          'The days in force of one channel (NMI and suffix), oldest first, one keyset page at a time (pass `nextCursor` as `cursor`): each day’s exact total, its quality, the intervals per quality flag, and the file and line it came from. No values: a day’s intervals are in `searchIntervalDays`. With `asOf`, the days as the service knew them then (the version in force then, as `searchIntervalDays` with the same `asOf` answers).',
        tags: ['readings'],
        querystring: ChannelDaysQuery,
        response: {
          200: json('A page of days.', ChannelDayPage),
          400: problems('A parameter is not valid (`BAD_NMI` for a NMI), or a cursor this service did not issue.'),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const asOf = asOfOf(q.asOf);
      const page = await findChannelDays(db, {
        nmi: nmiOf(q.nmi),
        nmiSuffix: q.suffix.toUpperCase(),
        serial: q.serial,
        from: q.from,
        to: q.to,
        limit: q.limit,
        cursor: q.cursor,
        asOf: asOf.at,
      });
      return { ...page, ...asOf.echo };
    },
  );
};
