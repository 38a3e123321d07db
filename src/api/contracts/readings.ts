import { z } from 'zod';
import { IntervalDayHistoryView } from '../../application/interval-day-history.js';
import { IntervalDayView } from '../../projections/read-model/interval-days.queries.js';
import { AsOfView } from '../../projections/read-model/read-model.queries.js';
import { PageCursor, AsOf, BooleanText, Day, DayOrInstant, Instant, NextCursor, safeText } from './params.js';

/** The queries and pages of register reads and interval days (routes/readings.routes.ts). */
export const ONE_OF = 'Give exactly one of `nmi` and `serial` (400 otherwise).';

export const ReadingsQuery = z
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
    cursor: PageCursor,
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
export const IntervalsQuery = IntervalsFilter.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe('Days per page, 1 to 1,000.'),
  cursor: PageCursor,
}).refine((q) => (q.nmi === undefined) !== (q.serial === undefined), oneOfNmiSerial);
export const IntervalsCsvQuery = IntervalsFilter.refine(
  (q) => (q.nmi === undefined) !== (q.serial === undefined),
  oneOfNmiSerial,
);

export const IntervalDayKeyQuery = z.object({
  nmi: safeText(20).describe('The meter point: its NMI, or the NMI and its checksum digit; any case.'),
  suffix: NmiSuffix.describe('The channel: its NMI suffix, e.g. `E1`, in any case.'),
  date: Day.describe('The IntervalDate (YYYY-MM-DD).'),
});

/** One register read, as its versions share it: the same NMI, suffix, register, serial and read time. */
export const ReadingKeyQuery = z.object({
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
    nextCursor: NextCursor,
    asOf: AsOfView.optional(),
  })
  .meta({ id: 'IntervalDayPage', description: 'A page of interval days, by NMI, channel (suffix) then day.' });

export const IntervalDayHistory = IntervalDayHistoryView.meta({
  id: 'IntervalDayHistory',
  description:
    'Every version of one interval day that files sent, ranked (the one in force first), each with its file, line and the IntervalDayRecorded event behind it.',
});
