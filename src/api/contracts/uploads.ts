import { z } from 'zod';
import { FlowProblemSchema } from '../../domain/flow-summary.js';
import { Problem } from './problem.js';

export const ImportResultView = z
  .object({
    file: z.string().describe('the name the file was uploaded with'),
    sha256: z.string().nullable().describe("the file's identity; null when it was refused (not read whole)"),
    status: z
      .enum(['imported', 'duplicate', 'rejected', 'refused'])
      .describe(
        'imported; duplicate (already received: nothing appended); rejected (recorded with its errors, no reading); refused (larger than a limit: nothing recorded, the error says which)',
      ),
    format: z
      .enum(['NEM12', 'NEM13'])
      .nullable()
      .describe(
        'the format its 100 header names, which chose the reader: NEM12 (interval data) or NEM13 (register reads); null when it was refused unread',
      ),
    readings: z
      .number()
      .int()
      .describe(
        'records the file brought, of either kind: `registerReads` + `intervalDays` (kept for older clients; for a duplicate: when it was imported)',
      ),
    registerReads: z
      .number()
      .int()
      .describe(
        'register reads (250 records) the file brought: a NEM13 file’s (for a duplicate: when it was imported)',
      ),
    intervalDays: z
      .number()
      .int()
      .describe(
        'interval days (300 records, each one IntervalDayRecorded) the file brought: a NEM12 file’s (for a duplicate: when it was imported)',
      ),
    errors: z.array(FlowProblemSchema).describe('the first 1,000'),
    warnings: z.array(FlowProblemSchema).describe('the first 1,000'),
    errorsOmitted: z.number().int().describe('errors beyond those listed'),
    warningsOmitted: z.number().int().describe('warnings beyond those listed'),
    duplicateOf: z
      .object({
        status: z.enum(['imported', 'rejected']).describe('what became of the file when it was first received'),
        receivedAt: z.iso.datetime({ offset: true }).describe('when it was first received, NEM time (+10:00)'),
      })
      .nullable()
      .describe('for a duplicate: the file as it was first received; null otherwise'),
  })
  .meta({
    id: 'ImportResult',
    description: 'What became of one uploaded file.',
    examples: [
      {
        file: 'NEM13#0001#MDP#RET.csv',
        sha256: '97b956fffab72a100defd7441ce6812bdb875ff2eb7cd3c56f990126a79f8e33',
        status: 'imported',
        format: 'NEM13',
        readings: 2,
        registerReads: 2,
        intervalDays: 0,
        errors: [],
        warnings: [],
        errorsOmitted: 0,
        warningsOmitted: 0,
        duplicateOf: null,
      },
    ],
  });

export const UploadResult = z
  .object({ results: z.array(ImportResultView).describe('one result per file part, in order') })
  .meta({ id: 'UploadResult', description: 'The result of every file of an upload.' });

export const UploadProblem = Problem.extend({
  results: z.array(ImportResultView).optional().describe('the files processed before the request failed'),
}).meta({
  id: 'UploadProblem',
  description: 'An upload that failed part-way: the problem, and what became of the files before it.',
});
