import type { CommonQueryMethods } from 'slonik';
import { z } from 'zod';
import { FileDetailView, FileNmiView, fileNmis, getFile } from '../projections/read-model/read-model.queries.js';
import { sourceLines, type SourceLine } from '../domain/source-lines.js';
import type { KeptOriginal, OriginalsArchive } from './originals.js';

/** NMIs listed with a file: enough to follow, few enough for a page. */
export const FILE_NMIS_SHOWN = 100;

export const KeptOriginalView = z.object({
  basis: z
    .enum(['content', 'raw'])
    .describe(
      'content: what the file holds (decompressed from .gz or .zip); raw: the file as it arrived (a container that could not be read)',
    ),
  size: z.number().int().describe('bytes of the original (the SHA-256 is of these bytes)'),
  storedSize: z.number().int().describe('bytes it takes in the database, compressed'),
  storedAt: z.iso.datetime({ offset: true }).describe('when it was kept, NEM time (+10:00)'),
});

export const FileDetailsView = FileDetailView.extend({
  original: KeptOriginalView.nullable().describe(
    'the original kept for download and source lines; null when it was larger than the limit, or received before originals were kept',
  ),
  nmis: z
    .array(FileNmiView)
    .describe(`the NMIs the file brought readings or interval days for, in order: the first ${FILE_NMIS_SHOWN}`),
  moreNmis: z.boolean().describe('the file brought readings or interval days for more NMIs than listed'),
});
export type FileDetails = z.output<typeof FileDetailsView>;

interface FileSources {
  readonly db: CommonQueryMethods;
  readonly originals: OriginalsArchive;
}

function originalView(kept: KeptOriginal | null): FileDetails['original'] {
  if (kept === null) return null;
  return { basis: kept.basis, size: kept.size, storedSize: kept.storedSize, storedAt: kept.storedAt };
}

/** A file as support staff see it: what the read model knows, its original, and the NMIs it brought. */
export async function fileDetails(sources: FileSources, idOrName: string): Promise<FileDetails | null> {
  const file = await getFile(sources.db, idOrName);
  if (file === null) return null;
  const nmis = await fileNmis(sources.db, file.fileId, FILE_NMIS_SHOWN);
  return {
    ...file,
    original: originalView(await sources.originals.describe(file.fileId)),
    nmis: nmis.items,
    moreNmis: nmis.more,
  };
}

/** Lines of a file's kept original, or null when its original is not kept. */
export async function fileSourceLines(
  originals: OriginalsArchive,
  fileId: string,
  numbers: readonly number[],
): Promise<SourceLine[] | null> {
  const content = await originals.read(fileId);
  if (content === null) return null;
  return sourceLines(content, numbers);
}
