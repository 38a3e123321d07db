import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ContentTooLargeError, importFlowFile, type ImportResult } from '../../application/import-flow-file.js';
import { ProblemSchema } from '../../domain/nem13/schemas.js';
import { openFlowFile } from '../../infrastructure/files/flow-file.js';
import {
  FILE_STATUSES,
  FileDetailView,
  FileSummaryView,
  getFile,
  listFiles,
} from '../../projections/read-model/read-model.queries.js';
import type { AppDeps } from '../deps.js';
import { ApiError, ErrorResponse, notFound } from '../errors.js';

export const ImportResultView = z.object({
  file: z.string().describe('the name the file was uploaded with'),
  sha256: z.string(),
  status: z.enum(['imported', 'duplicate', 'rejected']),
  readings: z.number().int(),
  errors: z.array(ProblemSchema),
  warnings: z.array(ProblemSchema),
  errorsOmitted: z.number().int(),
  warningsOmitted: z.number().int(),
});

function resultView(result: ImportResult, name: string): z.infer<typeof ImportResultView> {
  return {
    file: name,
    sha256: result.sha256,
    status: result.status,
    readings: result.readings,
    errors: [...result.errors],
    warnings: [...result.warnings],
    errorsOmitted: result.errorCount - result.errors.length,
    warningsOmitted: result.warningCount - result.warnings.length,
  };
}

/**
 * A client's file name is data: the last path segment, without control characters, at most 255
 * characters. It is recorded and shown, never used to build a path.
 */
// eslint-disable-next-line no-control-regex -- control characters are what is removed
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

export function uploadedName(raw: string | undefined): string {
  const last = (raw ?? '').split(/[\\/]/).at(-1)?.replace(CONTROL_CHARACTERS, '').trim() ?? '';
  const name = last === '.' || last === '..' ? '' : last.slice(0, 255);
  return name === '' ? 'upload' : name;
}

const Page = z.object({ items: z.array(FileSummaryView), nextCursor: z.string().nullable() });

export const fileRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const db = deps.database.pool;
  await mkdir(deps.options.uploadDir, { recursive: true });

  app.get(
    '/api/files',
    {
      schema: {
        summary: 'Files, newest received first',
        tags: ['files'],
        querystring: z.object({
          status: z.enum(FILE_STATUSES).optional(),
          search: z.string().max(255).optional().describe('part of the file name, or the start of its SHA-256'),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          cursor: z.string().max(200).optional(),
        }),
        response: { 200: Page, 400: ErrorResponse, 401: ErrorResponse },
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

  app.get(
    '/api/files/:file',
    {
      schema: {
        summary: 'One file by SHA-256 (or its start) or name, with its errors and warnings by line',
        tags: ['files'],
        params: z.object({ file: z.string().min(1).max(255) }),
        response: { 200: FileDetailView, 401: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const file = await getFile(db, request.params.file);
      if (file === null) throw notFound(`no file "${request.params.file}"`);
      return file;
    },
  );

  app.post(
    '/api/files',
    {
      config: { access: 'admin' },
      // The body is a multipart stream read below, file by file: nothing to validate up front.
      validatorCompiler: () => (value: unknown) => ({ value }),
      schema: {
        summary: 'Upload NEM13 files (multipart); each is imported as with nem import',
        description: `Plain, .gz or single-file .zip; at most ${deps.options.maxUploadBytes} bytes each (413 beyond).`,
        tags: ['files'],
        consumes: ['multipart/form-data'],
        body: z.object({ file: z.string().describe('one or more files (format: binary)') }),
        response: {
          200: z.object({ results: z.array(ImportResultView) }),
          400: ErrorResponse,
          401: ErrorResponse,
          403: ErrorResponse,
          413: ErrorResponse,
        },
      },
    },
    async (request) => {
      const length = Number(request.headers['content-length'] ?? 0);
      if (length > deps.options.maxUploadBytes + 64 * 1024) {
        throw new ApiError(413, 'TOO_LARGE', `the upload is larger than ${deps.options.maxUploadBytes} bytes`);
      }
      if (!request.isMultipart()) throw new ApiError(400, 'NOT_MULTIPART', 'send the files as multipart/form-data');
      const results: Array<z.infer<typeof ImportResultView>> = [];
      for await (const part of request.parts()) {
        if (part.type !== 'file') continue;
        const name = uploadedName(part.filename);
        const temporary = join(deps.options.uploadDir, `${randomUUID()}.upload`);
        try {
          await pipeline(part.file, createWriteStream(temporary, { flags: 'wx' }));
          if (part.file.truncated)
            throw new ApiError(413, 'TOO_LARGE', `${name} is larger than ${deps.options.maxUploadBytes} bytes`);
          const result = await importFlowFile(
            deps.store,
            () => openFlowFile(temporary, { maxContentBytes: deps.options.maxContentBytes }),
            { channel: 'api', fileName: name },
          );
          results.push(resultView(result, name));
        } catch (error) {
          if (error instanceof ContentTooLargeError) {
            throw new ApiError(
              413,
              'CONTENT_TOO_LARGE',
              `${name}: its decompressed content is larger than ${deps.options.maxContentBytes} bytes`,
            );
          }
          if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new ApiError(413, 'TOO_LARGE', `${name} is larger than ${deps.options.maxUploadBytes} bytes`);
          }
          throw error;
        } finally {
          await rm(temporary, { force: true });
        }
      }
      if (results.length === 0) throw new ApiError(400, 'NO_FILE', 'the request holds no file part');
      await (deps.afterImport ?? (() => deps.projections.catchUp().then(() => undefined)))();
      return { results };
    },
  );

  app.post(
    '/api/files/:fileId/replay',
    {
      config: { access: 'admin' },
      schema: {
        summary: "Re-project one file's events into the read model",
        tags: ['files'],
        params: z.object({ fileId: z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in hex') }),
        response: {
          200: z.object({ fileId: z.string(), replayed: z.literal(true) }),
          400: ErrorResponse,
          401: ErrorResponse,
          403: ErrorResponse,
          404: ErrorResponse,
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
