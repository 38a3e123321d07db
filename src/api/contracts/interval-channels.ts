import { z } from 'zod';
import { ChannelDaySchema, IntervalChannelSchema } from '../../projections/read-model/interval-channels.queries.js';
import { AsOfView } from '../../projections/read-model/read-model.queries.js';
import { PER_INTERVAL_QUALITY_FLAGS } from '../../domain/mdff/code-lists.js';
import { PageCursor, AsOf, Day, NextCursor, safeText } from './params.js';

/** The interval channels of a NMI or meter and the days of one channel (routes/interval-channels.routes.ts). */
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

export const ChannelsQuery = z
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

export const ChannelDaysQuery = z.object({
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
