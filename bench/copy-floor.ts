/**
 * The floor of an import: the event rows `nem import` would append (same ids, types, data, metadata),
 * prepared before the clock starts, then written by a plain COPY into the events table.
 */
import { PGlite } from '@electric-sql/pglite';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { readFlowFile, validateFlowFile } from '../src/application/read-flow-file.js';
import { createSha256 } from '../src/application/sha256.js';
import type { NewEvent } from '../src/domain/event-store/event-store.js';
import { fileImported, fileReceived, fileStreamName, readingRecorded } from '../src/domain/events/file-events.js';
import { StreamDigest } from '../src/domain/events/stream-digest.js';
import { toNemIso } from '../src/domain/nem-time.js';
import { openFlowFile } from '../src/infrastructure/files/flow-file.js';
import type { BenchDatabase } from './backends.js';
import { BENCH_LIMITS } from './limits.js';

/** COPY text format: tab-separated, with backslash, tab, CR and LF escaped. */
function copyField(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** The floor's database is fresh: its one stream is given this id, as the store would give it. */
const FLOOR_STREAM_ID = 1;

export interface PreparedRows {
  readonly path: string;
  readonly events: number;
  readonly dir: string;
  /** The stream's name, registered in nem_streams as FLOOR_STREAM_ID before the COPY. */
  readonly stream: string;
}

/** Writes the rows the import would append (same ids, types, data) to a COPY file, untimed. */
export async function prepareRows(file: string): Promise<PreparedRows> {
  const report = await validateFlowFile(await openFlowFile(file, BENCH_LIMITS));
  const sha = report.digest.sha256;
  const stream = fileStreamName(sha, 'NEM13');
  const dir = mkdtempSync(join(tmpdir(), 'nem-bench-copy-'));
  const out = createWriteStream(join(dir, 'rows.tsv'));
  let revision = 0;
  const digest = new StreamDigest(createSha256());
  const write = async (event: NewEvent, digested = true) => {
    if (digested) digest.add(event);
    const fields = [
      String(FLOOR_STREAM_ID),
      String(revision++),
      event.id,
      event.type,
      JSON.stringify(event.data),
      JSON.stringify(event.metadata),
    ];
    if (!out.write(`${fields.map(copyField).join('\t')}\n`)) await once(out, 'drain');
  };
  const flowFile = await openFlowFile(file, BENCH_LIMITS);
  await write(
    fileReceived({
      fileId: sha,
      fileName: flowFile.name,
      size: report.digest.size,
      identity: report.digest.basis,
      container: flowFile.container,
      zipMember: null,
      header: report.summary.header,
      receivedAt: toNemIso(new Date()),
      channel: 'cli',
    }),
  );
  for await (const batch of readFlowFile(flowFile)) {
    for (const item of batch) if (item.kind === 'registerRead') await write(readingRecorded(sha, item.read));
  }
  // The closing event records the digest of the events before it, not of itself.
  await write(fileImported(sha, report.summary, 'cli', digest.value()), false);
  out.end();
  await once(out, 'finish');
  return { path: join(dir, 'rows.tsv'), events: revision, dir, stream };
}

const COPY_INTO_EVENTS = 'COPY nem_events (stream_id, stream_revision, event_id, event_type, data, metadata)';
const REGISTER_STREAM = 'INSERT INTO nem_streams (stream_id, stream_name) VALUES ($1, $2)';

/** The COPY into the bench database, on its backend (a PGlite folder must be closed by its other users first). */
export async function copyInto(bench: Pick<BenchDatabase, 'url' | 'dataDir'>, rows: PreparedRows): Promise<void> {
  if (bench.url !== null) await copyIntoPostgres(bench.url, rows);
  else if (bench.dataDir !== null) await copyIntoPglite(bench.dataDir, rows);
  else throw new Error('a bench database has a URL or a folder');
}

async function copyIntoPostgres(url: string, rows: PreparedRows): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(REGISTER_STREAM, [FLOOR_STREAM_ID, rows.stream]);
    await pipeline(createReadStream(rows.path), client.query(copyFrom(`${COPY_INTO_EVENTS} FROM STDIN`)));
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

/**
 * PGlite takes COPY input as a Blob held in memory: the rows go in slices of whole lines (one COPY
 * each, in one transaction), so that no slice is huge.
 */
async function copyIntoPglite(dataDir: string, rows: PreparedRows): Promise<void> {
  const db = await PGlite.create(join(dataDir, 'pgdata'));
  try {
    await db.query('BEGIN');
    await db.query(REGISTER_STREAM, [FLOOR_STREAM_ID, rows.stream]);
    const sliceBytes = 32 * 1024 * 1024;
    let parts: Buffer[] = [];
    let size = 0;
    let carry = Buffer.alloc(0);
    const flush = async () => {
      if (size === 0) return;
      await db.query(`${COPY_INTO_EVENTS} FROM '/dev/blob'`, [], { blob: new Blob(parts) });
      parts = [];
      size = 0;
    };
    for await (const chunk of createReadStream(rows.path) as AsyncIterable<Buffer>) {
      const data = Buffer.concat([carry, chunk]);
      const cut = data.lastIndexOf(10) + 1;
      parts.push(data.subarray(0, cut));
      size += cut;
      carry = Buffer.from(data.subarray(cut));
      if (size >= sliceBytes) await flush();
    }
    await flush();
    await db.query('COMMIT');
  } finally {
    await db.close();
  }
}
