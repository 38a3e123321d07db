import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { importFlowFile, importResultView, refused, type ImportResult } from '../../application/import-flow-file.js';
import { FlowProblemSchema } from '../../domain/flow-summary.js';
import type { FlowFileLimits } from '../../application/flow-file.js';
import { openFlowFile } from '../../infrastructure/files/flow-file.js';
import { UploadArea } from '../../infrastructure/files/upload-area.js';
import {
  FILE_STATUSES,
  findFileReadings,
  getFile,
  listFiles,
} from '../../projections/read-model/read-model.queries.js';
import { fileDetails, FileDetailsView, fileSourceLines } from '../../application/file-details.js';
import { decodeEventCursor, FileEventPageView, findFileStream, listFileEvents } from '../../application/file-events.js';
import { originalFileName } from '../../domain/original-name.js';
import { attachment } from '../content-disposition.js';
import { recordedFileName } from '../../domain/text.js';
import { FilePage, FileReadingPage, SourceLineView } from '../contracts/components.js';
import { safeText } from '../contracts/params.js';
import { Problem } from '../contracts/problem.js';
import { json, problems } from '../contracts/responses.js';
import type { AppDeps } from '../deps.js';
import { ApiError, notFound } from '../errors.js';

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

const UploadResult = z
  .object({ results: z.array(ImportResultView).describe('one result per file part, in order') })
  .meta({ id: 'UploadResult', description: 'The result of every file of an upload.' });

const UploadProblem = Problem.extend({
  results: z.array(ImportResultView).optional().describe('the files processed before the request failed'),
}).meta({
  id: 'UploadProblem',
  description: 'An upload that failed part-way: the problem, and what became of the files before it.',
});

/** The application's view, checked against the documented schema by the compiler. */
function resultView(result: ImportResult, name: string): z.infer<typeof ImportResultView> {
  return importResultView(result, name);
}

/** A client's file name is data (see recordedFileName): recorded and shown, never used to build a path. */
export function uploadedName(raw: string | undefined): string {
  return recordedFileName(raw, 'upload');
}

export const MAX_FILES_PER_UPLOAD = 20;
/** Source lines asked for at once: a page of problems. */
const MAX_LINES_ASKED = 100;
const LINE_NUMBERS = new RegExp(`^[1-9]\\d{0,8}(,[1-9]\\d{0,8}){0,${MAX_LINES_ASKED - 1}}$`);

/**
 * A request that could not be read as multipart (no or a wrong boundary, cut off, too many parts) is the
 * client's error, never a 500; the files read before it are reported, since they were imported.
 */
function multipartFailure(error: unknown, imported: Array<z.infer<typeof ImportResultView>>): unknown {
  if (error instanceof ApiError) return error;
  // A file system error writing the upload to disk is the server's.
  if (error instanceof Error && 'syscall' in error) return error;
  const status = (error as { statusCode?: number }).statusCode;
  const message = error instanceof Error ? error.message : String(error);
  const done = imported.length === 0 ? '' : ` (the ${imported.length} file(s) before it were processed: see results)`;
  return new ApiError(
    status === 413 ? 413 : 400,
    status === 413 ? 'TOO_LARGE' : 'BAD_MULTIPART',
    `the upload is not a readable multipart/form-data request: ${message}${done}`,
    { results: imported },
  );
}

export const fileRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const db = deps.database.pool;
  const intake: FlowFileLimits = { maxContentBytes: deps.options.maxContentBytes };
  const uploads = await UploadArea.open(deps.options.uploadDir);
  if (uploads.removedAbandoned > 0) {
    const message = `removed ${uploads.removedAbandoned} upload folder(s) left by processes that are gone`;
    app.log.info(message);
    deps.notice?.(message);
  }
  app.addHook('onClose', () => uploads.close());

  app.get(
    '/api/files',
    {
      config: { etag: true },
      schema: {
        operationId: 'listFiles',
        summary: 'List flow files',
        description:
          'The files received (imported, rejected, or still being received), newest first, one keyset page at a time.',
        tags: ['files'],
        querystring: z.object({
          status: z.enum(FILE_STATUSES).optional().describe('Only files with this status.'),
          search: safeText(255, 0)
            .optional()
            .describe('Part of the file name (any case), or the start of its SHA-256.'),
          limit: z.coerce.number().int().min(1).max(500).default(50).describe('Files per page, 1 to 500.'),
          cursor: z.string().max(200).optional().describe('`nextCursor` of the previous page; absent for the first.'),
        }),
        response: { 200: json('A page of files.', FilePage) },
      },
    },
    async (request) => {
      const q = request.query;
      return listFiles(db, {
        ...(q.status === undefined ? {} : { status: q.status }),
        ...(q.search === undefined ? {} : { search: q.search }),
        limit: q.limit,
        ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
      });
    },
  );

  const fileParams = z.object({
    file: safeText(255).describe('The SHA-256 of the file (or its start), or its name.'),
  });

  /** The file a path names, or 404. */
  async function fileNamed(
    file: string,
  ): Promise<{ fileId: string; fileName: string; container: string; zipMember: string | null }> {
    const found = await getFile(db, file);
    if (found === null) throw notFound(`no file "${file}"`);
    return found;
  }

  app.get(
    '/api/files/:file',
    {
      config: { etag: true },
      schema: {
        operationId: 'getFile',
        summary: 'A flow file',
        description:
          'One file by its SHA-256 (or a unique start of it) or by its name (the newest of that name), with every error and warning recorded (by line), whether its original is kept, and the NMIs it brought readings for.',
        tags: ['files'],
        params: fileParams,
        response: {
          200: json('The file.', FileDetailsView),
          404: problems('No file has this SHA-256 or name.'),
        },
      },
    },
    async (request) => {
      const file = await fileDetails({ db, originals: deps.originals }, request.params.file);
      if (file === null) throw notFound(`no file "${request.params.file}"`);
      return file;
    },
  );

  app.get(
    '/api/files/:file/readings',
    {
      config: { etag: true },
      schema: {
        operationId: 'listFileReadings',
        summary: 'The readings a file brought',
        description:
          "The readings recorded from one file, in the order of its lines, superseded ones included (a later file's version may be in force: see `superseded`).",
        tags: ['files'],
        params: fileParams,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(50).describe('Readings per page, 1 to 500.'),
          cursor: z.string().max(200).optional().describe('`nextCursor` of the previous page; absent for the first.'),
        }),
        response: {
          200: json('A page of the readings of the file.', FileReadingPage),
          404: problems('No file has this SHA-256 or name.'),
        },
      },
    },
    async (request) => {
      const file = await fileNamed(request.params.file);
      const { limit, cursor } = request.query;
      return findFileReadings(db, file.fileId, { limit, ...(cursor === undefined ? {} : { cursor }) });
    },
  );

  app.get(
    '/api/files/:file/events',
    {
      schema: {
        operationId: 'listFileEvents',
        summary: "The stored events of a file's stream",
        description:
          "The events of the file's stream (`nem13File-<sha256>`) as the event store holds them, in stream order, one keyset page at a time: type, revision, global position, id, when recorded (NEM time), schema version, data and metadata, not upcast. A whole SHA-256 is looked up in the store even when the read model does not know the file; a start of one or a name is looked up in the read model (the newest file of that name).",
        tags: ['files'],
        params: fileParams,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(50).describe('Events per page, 1 to 500.'),
          cursor: z.string().max(200).optional().describe('`nextCursor` of the previous page; absent for the first.'),
        }),
        response: {
          200: json('A page of the events of the file.', FileEventPageView),
          400: problems('A parameter is not valid, or the cursor is not one this service issued (`BAD_CURSOR`).'),
          404: problems('No file has this SHA-256 or name, or the store has no event of it.'),
        },
      },
    },
    async (request) => {
      const { file } = request.params;
      const target = await findFileStream(db, file);
      if (target.kind === 'none') throw notFound(`no file "${file}"`);
      // As the other routes of a file: a name several files have is the newest of them.
      const stream = target.kind === 'ambiguous' ? target.newest : target;
      const { limit, cursor } = request.query;
      const page = await listFileEvents(deps.store, stream, {
        limit,
        ...(cursor === undefined ? {} : { afterRevision: decodeEventCursor(cursor) }),
      });
      if (page === null) throw notFound(`the event store has no event of file ${stream.fileId}`);
      return page;
    },
  );

  app.get(
    '/api/files/:file/lines',
    {
      schema: {
        operationId: 'getFileLines',
        summary: 'Lines of a file as it was sent',
        description: `Lines of the file's kept original by number (those of its errors and warnings, say), each with the names of its fields so that the one a problem names can be pointed out. Numbers past the end of the file are left out.`,
        tags: ['files'],
        params: fileParams,
        querystring: z.object({
          numbers: z
            .string()
            .regex(LINE_NUMBERS, `expected up to ${MAX_LINES_ASKED} line numbers, comma-separated, such as 2,7,19`)
            .transform((value) => value.split(',').map(Number))
            .describe(`Up to ${MAX_LINES_ASKED} line numbers, comma-separated.`),
        }),
        response: {
          200: json(
            'The lines, in order.',
            z
              .object({ lines: z.array(SourceLineView) })
              .meta({ id: 'SourceLines', description: 'Lines of a flow file, in order.' }),
          ),
          404: problems('No file has this SHA-256 or name, or its original is not kept.'),
        },
      },
    },
    async (request) => {
      const file = await fileNamed(request.params.file);
      const lines = await fileSourceLines(deps.originals, file.fileId, request.query.numbers);
      if (lines === null) throw notFound(`the original of file ${file.fileId} is not kept`);
      return { lines };
    },
  );

  app.get(
    '/api/files/:file/original',
    {
      schema: {
        operationId: 'downloadFileOriginal',
        summary: 'Download the original of a file',
        description:
          "The bytes the file's SHA-256 is of: its content as sent (decompressed from .gz or .zip), or the file as it arrived when its container could not be read. `Repr-Digest` carries the SHA-256, so a client can check what it received.",
        tags: ['files'],
        params: fileParams,
        response: {
          200: {
            description: 'The original, as an attachment named after the file.',
            headers: z.object({
              'content-disposition': z.string().describe('attachment, with the file name'),
              'repr-digest': z.string().describe('the SHA-256 of the bytes (RFC 9530), e.g. sha-256=:l7lW...=:'),
            }),
            content: {
              'text/csv': { schema: z.string().describe('the content of a flow file') },
              'application/octet-stream': {
                schema: z.string().meta({ format: 'binary' }).describe('a file whose container could not be read'),
              },
            },
          },
          404: problems('No file has this SHA-256 or name, or its original is not kept.'),
        },
      },
    },
    async (request, reply) => {
      const file = await fileNamed(request.params.file);
      const kept = await deps.originals.describe(file.fileId);
      const content = kept === null ? null : await deps.originals.read(file.fileId);
      if (kept === null || content === null) throw notFound(`the original of file ${file.fileId} is not kept`);
      return reply
        .header('content-type', kept.basis === 'content' ? 'text/csv; charset=utf-8' : 'application/octet-stream')
        .header('content-length', kept.size)
        .header('content-disposition', attachment(originalFileName(file, kept.basis)))
        .header('repr-digest', `sha-256=:${Buffer.from(file.fileId, 'hex').toString('base64')}:`)
        .header('etag', `"${file.fileId}"`)
        .send(Readable.from(content));
    },
  );

  app.post(
    '/api/files',
    {
      config: { access: 'admin' },
      // Up to 20 files of 100 MiB, each read twice and appended: long, but not for ever.
      handlerTimeout: 60 * 60_000,
      // The body is a multipart stream read below, file by file: nothing to validate up front.
      validatorCompiler: () => (value: unknown) => ({ value }),
      schema: {
        operationId: 'uploadFiles',
        summary: 'Upload flow files',
        description: `Imports each file of a multipart/form-data request (field \`file\`, repeated) as \`nem import\` does: plain, .gz or single-file .zip, at most ${MAX_FILES_PER_UPLOAD} files. Each file is judged on its own: one larger than ${deps.options.maxUploadBytes} bytes, or whose decompressed content is larger than ${deps.options.maxContentBytes} bytes, is \`refused\` (nothing recorded) while the others are imported. A request that cannot be read as multipart answers 400 with the results of the files read before the fault. The read model is up to date when the answer comes.`,
        tags: ['files'],
        consumes: ['multipart/form-data'],
        body: z.object({
          file: z
            .array(z.string().meta({ format: 'binary' }))
            .describe('one or more flow files, each its own part named `file`'),
        }),
        response: {
          200: json('What became of each file.', UploadResult),
          400: problems('The request is not multipart, holds no file, or could not be read.', UploadProblem),
          413: problems('The request holds too many files or parts, or is larger than they could be.', UploadProblem),
        },
      },
    },
    async (request) => {
      const limits = deps.options;
      // Each file may be up to the limit; the request as a whole at most as many files as are accepted.
      const length = Number(request.headers['content-length'] ?? 0);
      if (length > (limits.maxUploadBytes + 64 * 1024) * MAX_FILES_PER_UPLOAD) {
        throw new ApiError(
          413,
          'TOO_LARGE',
          `the upload is larger than ${MAX_FILES_PER_UPLOAD} files of ${limits.maxUploadBytes} bytes`,
        );
      }
      if (!request.isMultipart()) throw new ApiError(400, 'NOT_MULTIPART', 'send the files as multipart/form-data');
      const results: Array<z.infer<typeof ImportResultView>> = [];
      // Whether a failure comes from reading the request (the client's) or from importing (the server's).
      let phase: 'parse' | 'import' = 'parse';
      try {
        for await (const part of request.parts()) {
          if (part.type !== 'file') continue;
          const name = uploadedName(part.filename);
          const temporary = uploads.reserve();
          try {
            await pipeline(part.file, createWriteStream(temporary, { flags: 'wx', mode: 0o600 }));
            phase = 'import';
            const result = part.file.truncated
              ? refused(
                  name,
                  'FILE_TOO_LARGE',
                  `nothing recorded: the file is larger than the upload limit of ${limits.maxUploadBytes} bytes`,
                )
              : await importFlowFile(deps.store, () => openFlowFile(temporary, intake), {
                  channel: 'api',
                  fileName: name,
                  originals: deps.originals,
                });
            results.push(resultView(result, name));
          } finally {
            await rm(temporary, { force: true });
          }
          phase = 'parse';
        }
      } catch (error) {
        throw phase === 'parse' ? multipartFailure(error, results) : error;
      }
      if (results.length === 0) throw new ApiError(400, 'NO_FILE', 'the request holds no file part');
      if (results.some((result) => result.status !== 'refused')) {
        await (deps.afterImport ?? (() => deps.projections.catchUp().then(() => undefined)))();
      }
      return { results };
    },
  );

  app.post(
    '/api/files/:fileId/replay',
    {
      config: { access: 'admin' },
      // Re-projecting a file of millions of readings takes a while.
      handlerTimeout: 15 * 60_000,
      schema: {
        operationId: 'replayFile',
        summary: "Replay a file's events into the read model",
        description:
          "Removes the file's rows from the read model and applies its stream's events again (an audit step, or after a suspected inconsistency).",
        tags: ['files'],
        params: z.object({
          fileId: z
            .string()
            .regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in hex')
            .describe('The SHA-256 of the file.'),
        }),
        response: {
          200: json(
            'The file was replayed.',
            z.object({ fileId: z.string(), replayed: z.literal(true) }).meta({ id: 'Replayed' }),
          ),
          404: problems('The store has no events of this file.'),
        },
      },
    },
    async (request) => {
      const replayed = await deps.projections.replayFile(request.params.fileId);
      if (!replayed) throw notFound(`no events for file ${request.params.fileId}`);
      return { fileId: request.params.fileId, replayed: true as const };
    },
  );
};
