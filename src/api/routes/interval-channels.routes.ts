import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ChannelDaySchema,
  findChannelDays,
  findIntervalChannels,
  IntervalChannelSchema,
} from '../../projections/read-model/interval-channels.queries.js';
import { AsOfView } from '../../projections/read-model/read-model.queries.js';
import { PER_INTERVAL_QUALITY_FLAGS } from '../../domain/mdff/code-lists.js';
import { toNemIso } from '../../domain/nem-time.js';
import { parseNmiQuery } from '../../domain/nmi.js';
import type { AppDeps } from '../deps.js';
import { PageCursor, AsOf, asOfInstant, Day, NextCursor, safeText } from '../contracts/params.js';
import { json, problems } from '../contracts/responses.js';
import { ApiError } from '../errors.js';

const NmiText = safeText(20).describe(
  'The meter point: its NMI (10 characters), or the NMI and its checksum digit (11, the digit is checked), in any case, spaces ignored.',
);

export const IntervalChannelView = IntervalChannelSchema.extend({
  nmiSuffix: z.string().describe('the NMISuffix of the channel, e.g. `E1`'),
  registerId: z.string().nullable().describe('the RegisterID of its newest day'),
  meterSerialNumber: z.string().nullable().describe('the MeterSerialNumber of its newest day'),
  uom: z.string().describe('the unit of its newest day, as sent'),
  intervalLength: z.number().int().describe('minutes per interval (5, 15 or 30) of its newest day'),
  days: z.number().int().describe('days of this channel in force (at `asOf`, when given)'),
  firstDate: z.iso.date().describe('its first IntervalDate'),
  lastDate: z.iso.date().describe('its last IntervalDate'),
}).meta({
  id: 'IntervalChannel',
  description:
    'An interval channel of NEM12 data (a NMI and suffix) over its days in force: serial, unit and interval length of its newest day, how many days, the first and the last.',
  examples: [
    {
      nmi: 'CCCC123456',
      nmiSuffix: 'E1',
      registerId: '001',
      meterSerialNumber: 'METSER123',
      uom: 'kWh',
      intervalLength: 30,
      days: 1,
      firstDate: '2004-04-17',
      lastDate: '2004-04-17',
    },
  ],
});

export const IntervalChannelList = z
  .object({ items: z.array(IntervalChannelView).describe('by NMI, then suffix'), asOf: AsOfView.optional() })
  .meta({
    id: 'IntervalChannelList',
    description: 'The interval channels of a NMI or of a meter (as known at `asOf`, when it is given).',
  });

export const ChannelDayView = ChannelDaySchema.extend({
  intervalDate: z.iso
    .date()
    .describe('the IntervalDate (NEM time): interval i ends at 00:00 + i x intervalLength, +10:00'),
  dayTotal: z.string().describe('the exact sum of the day’s interval values'),
  uom: z.string().describe('the unit, as sent'),
  intervalLength: z.number().int().describe('minutes per interval (5, 15 or 30)'),
  quality: z.string().describe('the 300 QualityMethod as sent; V when intervalQuality gives it per interval'),
  qualitySummary: z
    .record(z.string(), z.number().int())
    .describe(`intervals per quality flag (${PER_INTERVAL_QUALITY_FLAGS.join(', ')})`),
  meterSerialNumber: z.string().nullable().describe('the MeterSerialNumber of the 200 it came under'),
  updatedAt: z.string().nullable().describe('the UpdateDateTime, UTC (ISO 8601)'),
  fileId: z.string().describe('SHA-256 of the file that sent the version in force'),
  fileName: z.string(),
  line: z.number().int().describe('the line of its 300 record'),
  versions: z
    .number()
    .int()
    .describe(
      'how many versions of this day files sent (known at `asOf`, when given); the one in force is the one shown',
    ),
}).meta({
  id: 'IntervalChannelDay',
  description:
    'One day of one interval channel, the version in force, without its values: its exact total, the intervals per quality and the file it came from. The values are in `searchIntervalDays` (`from` and `to` the day).',
  examples: [
    {
      intervalDate: '2004-04-17',
      dayTotal: '1077.858',
      uom: 'kWh',
      intervalLength: 30,
      quality: 'V',
      qualitySummary: { A: 4, F: 20, S: 24 },
      meterSerialNumber: 'METSER123',
      updatedAt: '2004-04-18T10:35:00.000Z',
      fileId: '5d3f0c3b0b9d6cbd5f3f2e4ce8c2a9e1c46e4d5cdb0c7fbb3c35a0d8c22a9f01',
      fileName: 'Example_NEM12_multiple_quality.csv',
      line: 3,
      versions: 1,
    },
  ],
});

export const ChannelDayPage = z
  .object({
    items: z.array(ChannelDayView),
    nextCursor: NextCursor,
    asOf: AsOfView.optional(),
  })
  .meta({
    id: 'IntervalChannelDayPage',
    description: 'A page of the days of one interval channel, oldest first (as known at `asOf`, when it is given).',
  });

const ChannelsQuery = z
  .object({
    nmi: NmiText.optional().describe(
      'The meter point: its NMI, or the NMI and its checksum digit, in any case, spaces ignored. Give exactly one of `nmi` and `serial`.',
    ),
    serial: safeText(12)
      .optional()
      .describe('The meter serial number, in any case. Give exactly one of `nmi` and `serial`.'),
    asOf: AsOf.optional(),
  })
  .refine((q) => (q.nmi === undefined) !== (q.serial === undefined), {
    error: 'give exactly one of nmi and serial',
    path: ['nmi'],
  });

const ChannelDaysQuery = z.object({
  nmi: NmiText,
  suffix: z
    .string()
    .regex(/^[A-Za-z0-9]{2}$/, 'expected an NMISuffix: 2 letters or digits')
    .describe('The channel: its NMISuffix (2 characters, e.g. `E1`), in any case.'),
  serial: safeText(12).optional().describe('Only the days this meter recorded (serial, in any case).'),
  from: Day.optional().describe('Days on or after this IntervalDate (YYYY-MM-DD).'),
  to: Day.optional().describe('Days up to and including this IntervalDate (YYYY-MM-DD).'),
  limit: z.coerce.number().int().min(1).max(1000).default(366).describe('Days per page, 1 to 1,000.'),
  cursor: PageCursor,
  asOf: AsOf.optional(),
});

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
