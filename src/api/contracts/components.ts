/**
 * The API's named schemas: the views the read model answers with (zod, shared with the CLI's JSON) and
 * the API's own, registered here under the names clients see in the OpenAPI document (`Reading`,
 * `FlowFile`, ...), with examples taken from the public sample files.
 */
import { z } from 'zod';
import { NextCursor } from './params.js';
import { ApiTokenSchema } from '../../domain/accounts.js';
import { FlowProblemSchema } from '../../domain/flow-summary.js';
import { FileDetailsView } from '../../application/file-details.js';
import { FileEventPageView, StoredEventView } from '../../application/file-events.js';
import { ReadingEventView, ReadingHistoryView, ReadingVersionView } from '../../application/reading-history.js';
import {
  AsOfView,
  FileNmiView,
  FileSummaryView,
  MeterDetailView,
  MeterPointDetailView,
  ReadingView,
  RegisterView,
} from '../../projections/read-model/read-model.queries.js';

/** A reading from the AEMO specification's forward-estimate example, as the API answers it. */
const READING_EXAMPLE = {
  fileId: '97b956fffab72a100defd7441ce6812bdb875ff2eb7cd3c56f990126a79f8e33',
  line: 2,
  fileName: 'NEM13#0001#MDP#RET.csv',
  fileReceivedAt: '2026-11-30T16:05:12+10:00',
  nmi: 'VDEF005890',
  nmiConfiguration: '1141',
  nmiSuffix: '11',
  registerId: '1',
  mdmDataStreamIdentifier: '11',
  meterSerial: 'MET12345',
  direction: 'E',
  previousRead: '000888',
  previousReadValue: '888',
  previousReadAt: '2004-01-08T10:30:55+10:00',
  previousQuality: 'A',
  previousReasonCode: null,
  previousReasonDescription: null,
  currentRead: '000999',
  currentReadValue: '999',
  currentReadAt: '2004-04-08T00:00:00+10:00',
  currentQuality: 'E64',
  currentReasonCode: null,
  currentReasonDescription: null,
  quantity: '111',
  quantityValue: '111',
  uom: 'kWh',
  uomText: 'kWh',
  nextScheduledReadDate: '2004-04-08',
  updatedAt: '2004-04-09T00:00:00+10:00',
  msatsLoadedAt: '2004-01-09T10:30:23+10:00',
  previousTransactionCode: 'N',
  previousRetailerServiceOrder: null,
  currentTransactionCode: 'E',
  currentRetailerServiceOrder: null,
  importPosition: '7',
  superseded: false,
  corrected: false,
};

const REGISTER_EXAMPLE = {
  nmi: 'VDEF005890',
  meterSerial: 'MET12345',
  nmiSuffix: '11',
  registerId: '1',
  direction: 'E',
  uom: 'kWh',
  mdmDataStreamIdentifier: '11',
  firstReadAt: '2004-01-08T10:30:55+10:00',
  lastReadAt: '2004-04-08T00:00:00+10:00',
};

const FILE_EXAMPLE = {
  fileId: '97b956fffab72a100defd7441ce6812bdb875ff2eb7cd3c56f990126a79f8e33',
  fileName: 'NEM13#0001#MDP#RET.csv',
  size: 345,
  channel: 'api',
  status: 'imported',
  receivedAt: '2026-11-30T16:05:12+10:00',
  closedAt: '2026-11-30T16:05:12+10:00',
  fromParticipant: 'MDA1',
  toParticipant: 'Ret1',
  format: 'NEM13',
  registerReads: 2,
  intervalDays: 0,
  b2bDetails: 2,
  errorCount: 0,
  warningCount: 3,
  receivedPosition: '1',
};

const FILE_PROBLEM_EXAMPLE = {
  line: 4,
  record: '250',
  field: 'Quantity',
  code: 'NEM13_QUANTITY_MISMATCH',
  severity: 'warning',
  message:
    '65 differs from CurrentRegisterRead - PreviousRegisterRead = 9065, and no dial rollover explains it (a multiplier, a demand register or a typo)',
};

z.globalRegistry.add(ReadingView, {
  id: 'Reading',
  description:
    'One register read (a 250 record, with its 550): exact decimals as strings (the text as sent, and its value), instants in NEM time (+10:00), days as YYYY-MM-DD.',
  examples: [READING_EXAMPLE],
});
z.globalRegistry.add(RegisterView, {
  id: 'Register',
  description: 'A register of a meter at a meter point (NMI suffix and register id), with its first and last read.',
  examples: [REGISTER_EXAMPLE],
});
z.globalRegistry.add(MeterPointDetailView, {
  id: 'MeterPoint',
  description:
    'A meter point (NMI): its configuration, meters and registers, the latest read and the latest actual read of each register, its use per read period and over the last 12 months, and its next scheduled read.',
  examples: [
    {
      nmi: 'VDEF005890',
      nmiConfiguration: '1141',
      firstReadAt: '2004-01-08T10:30:55+10:00',
      lastReadAt: '2004-04-08T00:00:00+10:00',
      registers: [REGISTER_EXAMPLE],
      meterSerials: ['MET12345'],
      latestReadings: [READING_EXAMPLE],
      latestActualReadings: [],
      nextScheduledReadDate: '2004-04-08',
      usage: {
        periods: [
          {
            meterSerial: 'MET12345',
            nmiSuffix: '11',
            registerId: '1',
            direction: 'E',
            uom: 'kWh',
            from: '2004-01-08T10:30:55+10:00',
            to: '2004-04-08T00:00:00+10:00',
            days: '90.56',
            quantity: '111',
            perDay: '1.226',
            quality: 'E64',
            corrected: false,
            fileId: READING_EXAMPLE.fileId,
            line: 2,
          },
        ],
        last12Months: [
          {
            direction: 'E',
            uom: 'kWh',
            quantity: '111',
            reads: 1,
            from: '2004-01-08T10:30:55+10:00',
            to: '2004-04-08T00:00:00+10:00',
          },
        ],
      },
    },
  ],
});
z.globalRegistry.add(MeterDetailView, {
  id: 'Meter',
  description: 'A meter (by serial number): the NMIs it served, its registers and the latest read of each.',
  examples: [
    { meterSerial: 'MET12345', nmis: ['VDEF005890'], registers: [REGISTER_EXAMPLE], latestReadings: [READING_EXAMPLE] },
  ],
});
z.globalRegistry.add(FlowProblemSchema, {
  id: 'FileProblem',
  description: 'A problem found in a flow file: where (line, record, field), a stable code, and what is wrong.',
  examples: [FILE_PROBLEM_EXAMPLE],
});
z.globalRegistry.add(FileSummaryView, {
  id: 'FlowFile',
  description: 'A flow file received, named by the SHA-256 of its content, with its status and counts.',
  examples: [FILE_EXAMPLE],
});
z.globalRegistry.add(FileNmiView, {
  id: 'FileNmi',
  description: 'A NMI a file brought register reads or interval days for, with how many.',
  examples: [{ nmi: 'VDEF005890', readings: 2 }],
});
z.globalRegistry.add(FileDetailsView, {
  id: 'FlowFileDetail',
  description:
    'A flow file with its header facts, every error and warning recorded (by line), its kept original and the NMIs it brought.',
  examples: [
    {
      ...FILE_EXAMPLE,
      container: 'plain',
      zipMember: null,
      headerCreatedAt: '2004-01-10T10:30:00+10:00',
      lines: 6,
      errors: [],
      warnings: [FILE_PROBLEM_EXAMPLE],
      original: { basis: 'content', size: 345, storedSize: 231, storedAt: '2026-11-30T16:05:12+10:00' },
      nmis: [{ nmi: 'VDEF005890', readings: 2 }],
      moreNmis: false,
    },
  ],
});
z.globalRegistry.add(ApiTokenSchema, {
  id: 'ApiToken',
  description: 'An API token as listed: never the token itself, which is shown once when it is created.',
  examples: [
    {
      id: '1',
      prefix: 'nem_Ab3dE6gH',
      name: 'nightly import',
      username: 'alice',
      createdAt: '2026-11-30T09:00:00+10:00',
      lastUsedAt: '2026-11-30T10:15:02+10:00',
      expiresAt: '2027-02-28T09:00:00+10:00',
      revokedAt: null,
    },
  ],
});

export const Total = z
  .object({
    count: z.number().int().describe('how many match in all, counted up to a cap'),
    capped: z.boolean().describe('`count` is the cap: there are at least that many'),
  })
  .meta({ id: 'Total', description: 'How many match in all: exact up to a cap (10,000), so it stays cheap.' });

export const SearchMatch = z
  .object({
    by: z.enum(['nmi', 'serial']).describe('what was searched'),
    value: z.string().describe('the NMI or serial searched, as the service read what was typed'),
    typed: z.string().describe('what was typed'),
    note: z
      .string()
      .nullable()
      .describe('what was done to what was typed, e.g. `checksum digit 8 checked and removed`'),
    known: z
      .boolean()
      .describe('whether it has any reads at all, whatever the date range (false: the service never heard of it)'),
  })
  .meta({
    id: 'SearchMatch',
    description: 'What a search matched: the NMI or serial as read, and whether it is known.',
  });

export const ReadingPage = z
  .object({
    items: z.array(ReadingView),
    nextCursor: NextCursor,
    total: Total,
    matched: SearchMatch,
    asOf: AsOfView.optional(),
  })
  .meta({ id: 'ReadingPage', description: 'A page of readings, with how many match in all and what was matched.' });

export const FilePage = z
  .object({
    items: z.array(FileSummaryView),
    nextCursor: NextCursor,
  })
  .meta({ id: 'FilePage', description: 'A page of flow files, newest received first.' });

export const FileReadingPage = z
  .object({
    items: z.array(ReadingView),
    nextCursor: NextCursor,
  })
  .meta({
    id: 'FileReadingPage',
    description: 'A page of the readings a file brought, in the order of its lines (superseded ones included).',
  });

export const SourceLineView = z
  .object({
    number: z.number().int().describe('the line number, as errors and readings give it'),
    text: z
      .string()
      .describe('the line as sent, without its line ending; control and text-direction characters shown as `\\u{..}`'),
    truncated: z.boolean().describe(`the line is longer than the 4,096 bytes shown`),
    fieldNames: z
      .array(z.string())
      .nullable()
      .describe("the names of the line's comma-separated fields, when its record indicator is known"),
  })
  .meta({
    id: 'SourceLine',
    description: 'One line of a flow file as it was sent, to show beside the problems found on it.',
    examples: [
      {
        number: 6,
        text: '900',
        truncated: false,
        fieldNames: ['RecordIndicator'],
      },
    ],
  });

const STORED_EVENT_EXAMPLE = {
  streamName: 'nem13File-97b956fffab72a100defd7441ce6812bdb875ff2eb7cd3c56f990126a79f8e33',
  revision: 1,
  position: '8',
  eventId: '97b956ff-fab7-8a10-8def-d74420000002',
  type: 'ReadingRecorded',
  recordedAt: '2026-11-30T16:05:12+10:00',
  schemaVersion: 2,
  data: {
    fields: [
      'VDEF005890',
      '1141',
      '1',
      '11',
      '11',
      'MET12345',
      'E',
      '000888',
      '20040108103055',
      'A',
      '',
      '',
      '000999',
      '20040408000000',
      'E64',
      '',
      '',
      '111',
      'kWh',
      '20040408',
      '20040409000000',
      '20040109103023',
    ],
    b2b: { line: 3, fields: ['N', '', 'E', ''] },
  },
  metadata: { schemaVersion: 2, sourceLine: 2 },
};

z.globalRegistry.add(StoredEventView, {
  id: 'StoredEvent',
  description:
    'An event of a file stream as the event store holds it: where it is (stream, revision, global position), its id and type, when it was recorded, and its data and metadata as stored.',
  examples: [STORED_EVENT_EXAMPLE],
});
z.globalRegistry.add(FileEventPageView, {
  id: 'FileEventPage',
  description: "A page of a file's stored events, in stream order, with how many the stream holds.",
});
z.globalRegistry.add(ReadingEventView, {
  id: 'ReadingEvent',
  description: 'Where the ReadingRecorded event that brought a version of a register read is in the event store.',
});
z.globalRegistry.add(ReadingVersionView, {
  id: 'ReadingVersion',
  description: 'One version of a register read: its rank and why, the reading, and the event that brought it.',
});
z.globalRegistry.add(ReadingHistoryView, {
  id: 'ReadingHistory',
  description:
    'Every version of one register read (NMI, suffix, register, serial, read time) that files sent, ranked (UpdateDateTime, then import order, then line), each with the event that brought it and why it ranks where it does.',
});
