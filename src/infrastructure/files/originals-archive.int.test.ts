import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'slonik';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../../../test/databases.js';
import type { Database } from '../db/database.js';
import { DatabaseOriginalsArchive } from './originals-archive.js';

async function readAll(content: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of content) parts.push(part);
  return Buffer.concat(parts);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Drafts of this file's archives only: other test files write theirs into the system's folder at the same time. */
const draftsFolder = mkdtempSync(join(tmpdir(), 'nem-originals-test-'));

async function draftsLeft(): Promise<string[]> {
  return (await readdir(draftsFolder)).filter((name) => name.startsWith('nem-original-'));
}

describe.each(TEST_DATABASES)('the originals archive on $name', (target) => {
  let database: Database;
  let archive: DatabaseOriginalsArchive;
  beforeAll(async () => {
    database = await target.open();
    archive = new DatabaseOriginalsArchive(database.pool, 8 * 1024 * 1024, draftsFolder);
  });
  afterAll(() => database.close());

  it('keeps content written in pieces and gives back the same bytes, compressed in chunks', async () => {
    // Random bytes do not compress: several 1 MiB chunks in the database.
    const content = randomBytes(3 * 1024 * 1024 + 17);
    const draft = archive.draft('content');
    for (let at = 0; at < content.length; at += 65_536) await draft.write(content.subarray(at, at + 65_536));
    expect(await draft.keep(sha256(content))).toBe('kept');

    const kept = await archive.describe(sha256(content));
    expect(kept).toMatchObject({ fileId: sha256(content), basis: 'content', size: content.length });
    expect(kept?.storedAt).toMatch(/\+10:00$/);
    const chunks = await database.pool.oneFirst(sql.type(z.object({ n: z.number() }))`
      SELECT count(*)::int AS n FROM nem_original_chunks WHERE file_id = ${sha256(content)}`);
    expect(chunks).toBeGreaterThanOrEqual(4);
    const back = await archive.read(sha256(content));
    expect(back).not.toBeNull();
    expect(sha256(await readAll(back!))).toBe(sha256(content));
  });

  it('compresses text', async () => {
    const text = Buffer.from('250,VDEF005890,1141,1,11,11,MET12345,E,000888,20040108103055,A,,,\n'.repeat(20_000));
    const draft = archive.draft('content');
    await draft.write(text);
    await draft.keep(sha256(text));
    const kept = await archive.describe(sha256(text));
    expect(kept!.storedSize).toBeLessThan(kept!.size / 10);
  });

  it('keeps a file once: a second keep of the same id stores nothing', async () => {
    const content = Buffer.from('100,NEM13,200401101030,MDA1,Ret1\n900\n');
    for (const expected of ['kept', 'already kept'] as const) {
      const draft = archive.draft('content');
      await draft.write(content);
      expect(await draft.keep(sha256(content))).toBe(expected);
    }
    expect(sha256(await readAll((await archive.read(sha256(content)))!))).toBe(sha256(content));
  });

  it('keeps nothing larger than its limit, and nothing at all with a limit of 0', async () => {
    const small = new DatabaseOriginalsArchive(database.pool, 1000, draftsFolder);
    const content = randomBytes(1001);
    const draft = small.draft('content');
    await draft.write(content.subarray(0, 600));
    await draft.write(content.subarray(600));
    expect(await draft.keep(sha256(content))).toBe('too large');
    expect(await small.describe(sha256(content))).toBeNull();
    expect(await small.read(sha256(content))).toBeNull();

    const none = new DatabaseOriginalsArchive(database.pool, 0, draftsFolder);
    const nothing = none.draft('raw');
    await nothing.write(Buffer.from('x'));
    expect(await nothing.keep(sha256(Buffer.from('x')))).toBe('too large');
  });

  it('keeps an empty file', async () => {
    const draft = archive.draft('raw');
    const id = sha256(Buffer.alloc(0));
    expect(await draft.keep(id)).toBe('kept');
    expect(await archive.describe(id)).toMatchObject({ basis: 'raw', size: 0 });
    expect((await readAll((await archive.read(id))!)).length).toBe(0);
  });

  it('leaves no temporary file behind, kept or discarded', async () => {
    expect(await draftsLeft()).toEqual([]);
    const kept = archive.draft('content');
    await kept.write(randomBytes(100));
    await kept.keep(sha256(randomBytes(32)));
    const dropped = archive.draft('content');
    await dropped.write(randomBytes(100));
    await dropped.discard();
    expect(await draftsLeft()).toEqual([]);
  });
});
