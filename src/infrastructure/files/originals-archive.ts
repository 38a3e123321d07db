import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { constants, createGunzip, createGzip } from 'node:zlib';
import { sql, type DatabasePool } from 'slonik';
import { z } from 'zod';
import { toNemIso } from '../../domain/nem-time.js';
import type {
  KeepOutcome,
  KeptOriginal,
  OriginalBasis,
  OriginalDraft,
  OriginalsArchive,
} from '../../application/originals.js';

const CHUNK_BYTES = 1024 * 1024;

const KeptRow = z.object({
  fileId: z.string(),
  basis: z.enum(['content', 'raw']),
  size: z.bigint().transform(Number),
  storedSize: z.bigint().transform(Number),
  storedAt: z.string().transform((value) => toNemIso(value) as string),
});

/** bytea comes back as a Buffer from pg and as a Uint8Array from PGlite. */
const Bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array);

/**
 * Originals kept in the database (so every server sees them and a backup holds them): gzip-compressed
 * (level 1: the cheapest pass, most of the gain on CSV text) on the way through the first reading of a
 * file into a private temporary file, then written in 1 MiB chunks once the file's id is known.
 */
export class DatabaseOriginalsArchive implements OriginalsArchive {
  constructor(
    private readonly pool: DatabasePool,
    readonly maxBytes: number,
    /** Where drafts get their private folders (each a new `nem-original-*`). */
    private readonly temporaryFolder: string = tmpdir(),
  ) {}

  draft(basis: OriginalBasis): OriginalDraft {
    return new GzipDraft(this.pool, this.maxBytes, basis, this.temporaryFolder);
  }

  async describe(fileId: string): Promise<KeptOriginal | null> {
    return this.pool.maybeOne(sql.type(KeptRow)`
      SELECT file_id AS "fileId", basis, size, stored_size AS "storedSize", stored_at AS "storedAt"
      FROM nem_originals WHERE file_id = ${fileId}`);
  }

  async read(fileId: string): Promise<AsyncIterable<Uint8Array> | null> {
    if ((await this.describe(fileId)) === null) return null;
    const pool = this.pool;
    async function* compressed(): AsyncGenerator<Uint8Array> {
      for (let seq = 0; ; seq++) {
        const bytes = await pool.maybeOneFirst(sql.type(z.object({ bytes: Bytes }))`
          SELECT bytes FROM nem_original_chunks WHERE file_id = ${fileId} AND seq = ${seq}`);
        if (bytes === null) return;
        yield bytes;
      }
    }
    const gunzip = createGunzip();
    // A failed read of a chunk ends the content with that error, as a failed unzip does.
    pipeline(Readable.from(compressed()), gunzip).catch((error: unknown) => gunzip.destroy(error as Error));
    return gunzip;
  }
}

class GzipDraft implements OriginalDraft {
  private size = 0;
  private tooLarge = false;
  private folder: string | null = null;
  private gzip: ReturnType<typeof createGzip> | null = null;
  private written: Promise<void> | null = null;

  constructor(
    private readonly pool: DatabasePool,
    private readonly maxBytes: number,
    private readonly basis: OriginalBasis,
    private readonly temporaryFolder: string,
  ) {}

  private async open(): Promise<ReturnType<typeof createGzip>> {
    if (this.gzip !== null) return this.gzip;
    this.folder = await mkdtemp(join(this.temporaryFolder, 'nem-original-'));
    const gzip = createGzip({ level: constants.Z_BEST_SPEED });
    const file = createWriteStream(join(this.folder, 'content.gz'), { mode: 0o600 });
    gzip.pipe(file);
    this.written = finished(file);
    this.gzip = gzip;
    return gzip;
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.tooLarge) return;
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      // Too large to keep: the file is still imported, its original is not.
      this.tooLarge = true;
      await this.discard();
      return;
    }
    const gzip = await this.open();
    if (!gzip.write(chunk)) await once(gzip, 'drain');
  }

  async keep(fileId: string): Promise<KeepOutcome> {
    if (this.tooLarge) return 'too large';
    try {
      const gzip = await this.open();
      gzip.end();
      await this.written;
      const path = join(this.folder ?? '', 'content.gz');
      return await this.pool.transaction(async (tx) => {
        const claimed = await tx.maybeOneFirst(sql.type(z.object({ fileId: z.string() }))`
          INSERT INTO nem_originals (file_id, basis, size, stored_size, encoding)
          VALUES (${fileId}, ${this.basis}, ${this.size}, 0, 'gzip')
          ON CONFLICT (file_id) DO NOTHING
          RETURNING file_id AS "fileId"`);
        if (claimed === null) return 'already kept';
        let seq = 0;
        let stored = 0;
        for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
          await tx.query(sql.unsafe`
            INSERT INTO nem_original_chunks (file_id, seq, bytes) VALUES (${fileId}, ${seq}, ${sql.binary(chunk)})`);
          seq++;
          stored += chunk.length;
        }
        await tx.query(sql.unsafe`UPDATE nem_originals SET stored_size = ${stored} WHERE file_id = ${fileId}`);
        return 'kept';
      });
    } finally {
      await this.discard();
    }
  }

  async discard(): Promise<void> {
    this.gzip?.destroy();
    this.gzip = null;
    if (this.folder !== null) await rm(this.folder, { recursive: true, force: true });
    this.folder = null;
  }
}
