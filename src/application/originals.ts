/**
 * The port for keeping the original content of every received file: the bytes its id is the SHA-256 of
 * (the decompressed content; the raw bytes of a container that could not be read), so a kept original
 * can be checked against its id, downloaded, shown line by line beside its errors, and read again by an
 * audit. Keeping them is evidence beside the events, not state: the events stay the source of truth of
 * every fact (docs/adr/0007-keeping-originals.md).
 */

/**
 * What a kept original is: the file's content (decompressed from its container), or the file itself as
 * it arrived, for a container that could not be read (its id is the hash of those bytes).
 */
export type OriginalBasis = 'content' | 'raw';

/** What is known of a kept original. */
export interface KeptOriginal {
  readonly fileId: string;
  readonly basis: OriginalBasis;
  /** Bytes of the content (what the id hashes). */
  readonly size: number;
  /** Bytes it takes, compressed. */
  readonly storedSize: number;
  readonly storedAt: string;
}

export type KeepOutcome = 'kept' | 'already kept' | 'too large';

/** The content of one file being read, kept on the way (compressed, aside) until its id is known. */
export interface OriginalDraft {
  /** The next bytes of the content; resolves when they are written (back-pressure). */
  write(chunk: Uint8Array): Promise<void>;
  /** Keeps what was written under the file's id (when it is not kept yet and fits the limit). */
  keep(fileId: string): Promise<KeepOutcome>;
  /** Drops what was written (the file was refused, or its reading failed). */
  discard(): Promise<void>;
}

export interface OriginalsArchive {
  /** Largest content kept, in bytes: a larger file is imported but not kept. */
  readonly maxBytes: number;
  draft(basis: OriginalBasis): OriginalDraft;
  describe(fileId: string): Promise<KeptOriginal | null>;
  /** The content, chunk by chunk, or null when it is not kept. */
  read(fileId: string): Promise<AsyncIterable<Uint8Array> | null>;
}
