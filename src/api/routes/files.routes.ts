import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
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
import { FilePage, FileReadingPage, SourceLineView } from '../contracts/components.js';
import { PageCursor, safeText } from '../contracts/params.js';
import { json, problems } from '../contracts/responses.js';
import type { AppDeps } from '../deps.js';
import { notFound } from '../errors.js';

/** Source lines asked for at once: a page of problems. */
const MAX_LINES_ASKED = 100;
const LINE_NUMBERS = new RegExp(`^[1-9]\\d{0,8}(,[1-9]\\d{0,8}){0,${MAX_LINES_ASKED - 1}}$`);

/** The files the service received, from the read model: list, details, readings, events, source lines, original; and a replay. */
export const fileRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const db = deps.database.pool;

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
          cursor: PageCursor,
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
          cursor: PageCursor,
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
          "The events of the file's stream (`nem13File-<sha256>`, or `nem12File-<sha256>` for a NEM12 file) as the event store holds them, in stream order, one keyset page at a time: type, revision, global position, id, when recorded (NEM time), schema version, data and metadata, not upcast. A whole SHA-256 is looked up in the store even when the read model does not know the file; a start of one or a name is looked up in the read model (the newest file of that name).",
        tags: ['files'],
        params: fileParams,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(50).describe('Events per page, 1 to 500.'),
          cursor: PageCursor,
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
