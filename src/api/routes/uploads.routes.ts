import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FlowFileLimits } from '../../application/flow-file.js';
import { importFlowFile, importResultView, refused } from '../../application/import-flow-file.js';
import { recordedFileName } from '../../domain/text.js';
import { openFlowFile } from '../../infrastructure/files/flow-file.js';
import { UploadArea } from '../../infrastructure/files/upload-area.js';
import { json, problems } from '../contracts/responses.js';
import { ImportResultView, UploadProblem, UploadResult } from '../contracts/uploads.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';

/** A client's file name is data (see recordedFileName): recorded and shown, never used to build a path. */
export function uploadedName(raw: string | undefined): string {
  return recordedFileName(raw, 'upload');
}

export const MAX_FILES_PER_UPLOAD = 20;

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

/** `POST /api/files`: flow files uploaded as multipart/form-data, each imported as `nem import` does. */
export const uploadRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const intake: FlowFileLimits = { maxContentBytes: deps.options.maxContentBytes };
  const uploads = await UploadArea.open(deps.options.uploadDir);
  if (uploads.removedAbandoned > 0) {
    const message = `removed ${uploads.removedAbandoned} upload folder(s) left by processes that are gone`;
    app.log.info(message);
    deps.notice?.(message);
  }
  app.addHook('onClose', () => uploads.close());

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
            // The application's view, checked against the documented schema by the compiler.
            results.push(importResultView(result, name));
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
};
