/**
 * The port through which the use cases read a flow file: what they need of one, whatever it came in
 * (a path, an upload, an inbox). src/infrastructure/files/flow-file.ts opens files from disk.
 */
/** How a flow file arrived: as plain text, gzip-compressed, or as the one member of a zip. */
export type Container = 'plain' | 'gzip' | 'zip';

/** A problem with the container rather than with the NEM13 content. */
export interface ContainerProblem {
  readonly code: 'NEM13_BAD_ARCHIVE' | 'NEM13_ZIP_MEMBERS';
  readonly message: string;
  /** The content went past the size limit: reading stopped, so the content (and its hash) is incomplete. */
  readonly limitExceeded?: boolean;
}

/**
 * What a file's identity hashes: its decompressed content, or (when the container cannot be read, so
 * there is no content to hash) the file's raw bytes as they arrived.
 */
export type IdentityBasis = 'content' | 'raw';

export interface ContentDigest {
  /** SHA-256, lower-case hex: the file's identity. */
  readonly sha256: string;
  /** Size in bytes of what was hashed. */
  readonly size: number;
  readonly basis: IdentityBasis;
}

export interface FlowFileLimits {
  /** Stop reading (and report the archive as bad) past this many decompressed bytes. */
  readonly maxContentBytes: number;
}

/**
 * One flow file opened for a single pass. `content()` yields the decompressed bytes while hashing them;
 * once it has been read to the end, `digest()` and `problem()` tell what was found. A corrupt archive
 * ends the content early and is reported through `problem()`, never thrown.
 */
export interface FlowFile {
  readonly path: string;
  readonly name: string;
  readonly container: Container;
  /** The zip member's name, when the file is a zip. */
  readonly member: string | null;
  content(): AsyncIterable<Uint8Array>;
  /** The file's bytes as they are on disk (what a container that cannot be read is named by). */
  raw(): AsyncIterable<Uint8Array>;
  digest(): ContentDigest;
  problem(): ContainerProblem | null;
}

/** Opens the flow file at a path for one pass (the adapter's openFlowFile, with its limits). */
export type OpenFlowFile = (path: string) => Promise<FlowFile>;
