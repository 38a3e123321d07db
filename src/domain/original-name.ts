import { recordedFileName } from './text.js';

/** What names a file: as recorded when it was received. */
export interface NamedFile {
  readonly fileName: string;
  readonly container: string;
  readonly zipMember: string | null;
}

/**
 * The name to save a file's kept original under: the name of what it is. Its content comes out of a
 * .gz or a .zip, so it is named after the member (zip) or the file without `.gz`; a container that
 * could not be read is kept as it arrived, under the file's own name. Never a path: one segment, no
 * unsafe characters.
 */
export function originalFileName(file: NamedFile, basis: 'content' | 'raw'): string {
  let name = file.fileName;
  if (basis === 'content' && file.container === 'zip' && file.zipMember !== null) name = file.zipMember;
  else if (basis === 'content' && file.container === 'gzip') name = file.fileName.replace(/\.gz$/i, '');
  return recordedFileName(name, 'original.csv');
}
