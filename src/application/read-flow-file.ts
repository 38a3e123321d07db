import { fromNem12Summary, fromNem13Summary, type FlowProblem, type FlowSummary } from '../domain/flow-summary.js';
import { formatOfFileStart, type MdffFormat } from '../domain/mdff/format.js';
import { readNem12Batches } from '../domain/nem12/reader.js';
import type { Nem12Item } from '../domain/nem12/records.js';
import { readNem13Batches } from '../domain/nem13/reader.js';
import type { Nem13Item } from '../domain/nem13/records.js';
import type { ContentDigest, FlowFile } from './flow-file.js';

export interface FlowFileReport {
  readonly file: string;
  readonly digest: ContentDigest;
  readonly summary: FlowSummary;
}

/** What either reader yields, its summary in the shape common to both. */
export type FlowItem =
  | Exclude<Nem13Item, { kind: 'summary' }>
  | Exclude<Nem12Item, { kind: 'summary' }>
  | { readonly kind: 'summary'; readonly summary: FlowSummary };

/**
 * How much of a file's start is held to find its first record: past this, the first line is longer
 * than any reader accepts, and what is held is enough to tell its first two fields.
 */
const SNIFF_LIMIT = 64 * 1024;

/**
 * The reader a file needs, told by its first record (mdff/format.ts), and the bytes read to find out,
 * given back in front of the rest. A file whose start says neither format is read as NEM13, whose
 * reader reports it (not a flow file, empty, a NEM12-only record) as it always has.
 */
async function sniffFormat(
  bytes: AsyncIterable<Uint8Array>,
): Promise<{ format: MdffFormat; content: AsyncIterable<Uint8Array> }> {
  const iterator = bytes[Symbol.asyncIterator]();
  const held: Uint8Array[] = [];
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let ended = false;
  let size = 0;
  for (;;) {
    if (firstRecordComplete(text) || size > SNIFF_LIMIT) break;
    const next = await iterator.next();
    if (next.done === true) {
      ended = true;
      break;
    }
    held.push(next.value);
    size += next.value.length;
    text += decoder.decode(next.value, { stream: true });
  }
  const format = formatOfFileStart(text) ?? 'NEM13';
  async function* content(): AsyncGenerator<Uint8Array> {
    let done = ended;
    try {
      yield* held;
      while (!done) {
        const next = await iterator.next();
        done = next.done === true;
        if (!done) yield next.value;
      }
    } finally {
      // A reader that stops early closes the file behind it.
      if (!done) await iterator.return?.();
    }
  }
  return { format, content: content() };
}

/** Whether `text` holds a whole first non-blank line (so its record indicator and version are known). */
function firstRecordComplete(text: string): boolean {
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if (end === -1) return false;
    if (
      text
        .slice(start, end)
        .replace(/^\uFEFF/, '')
        .trim().length > 0
    )
      return true;
    start = end + 1;
  }
}

export interface FlowReadOptions {
  /** The formats with a reader: a file of another is read by the NEM13 reader, which rejects it. */
  readonly formats?: readonly MdffFormat[];
}

/** One pass over a file's content with the reader its 100 header chooses, the summary in the common shape. */
export async function* readFlowContent(
  bytes: AsyncIterable<Uint8Array>,
  options: FlowReadOptions = {},
): AsyncGenerator<readonly FlowItem[]> {
  const { format, content } = await sniffFormat(bytes);
  if (format === 'NEM12' && (options.formats ?? ['NEM12']).includes('NEM12')) {
    for await (const batch of readNem12Batches(content)) yield withCommonSummary(batch, fromNem12Summary);
  } else {
    for await (const batch of readNem13Batches(content)) yield withCommonSummary(batch, fromNem13Summary);
  }
}

function withCommonSummary<Summary>(
  batch: readonly (Exclude<FlowItem, { kind: 'summary' }> | { readonly kind: 'summary'; readonly summary: Summary })[],
  common: (summary: Summary) => FlowSummary,
): readonly FlowItem[] {
  const last = batch.at(-1);
  if (last?.kind !== 'summary') return batch as readonly FlowItem[];
  return [...(batch.slice(0, -1) as FlowItem[]), { kind: 'summary', summary: common(last.summary) }];
}

/**
 * One pass over a flow file: yields the reader's items, and folds a container problem (corrupt gzip,
 * zip with several members) into the summary so the caller sees a single verdict.
 */
export async function* readFlowFile(
  file: FlowFile,
  options: FlowReadOptions = {},
): AsyncGenerator<readonly FlowItem[]> {
  for await (const batch of readFlowContent(file.content(), options)) {
    const last = batch.at(-1);
    if (last?.kind !== 'summary') {
      yield batch;
      continue;
    }
    yield [...batch.slice(0, -1), { kind: 'summary', summary: withContainerProblem(last.summary, file) }];
  }
}

/**
 * A container that could not be read whole (corrupt, several zip members, past the size limit) gives
 * content that is not the file's: what the reader made of that stream (a cut last line, a missing 900) is
 * noise, so the container problem is the file's only problem.
 */
function withContainerProblem(summary: FlowSummary, file: FlowFile): FlowSummary {
  const problem = file.problem();
  if (problem === null) return summary;
  const only: FlowProblem = {
    line: 0,
    record: null,
    field: null,
    code: problem.code,
    severity: 'error',
    message: problem.message,
  };
  const counts =
    summary.format === 'NEM12'
      ? { registerReads: 0, b2bDetails: 0, channels: 0, intervalDays: 0, intervalEvents: 0 }
      : { registerReads: 0, b2bDetails: 0 };
  return {
    ...summary,
    valid: false,
    counts,
    errors: [only],
    warnings: [],
    errorCount: 1,
    warningCount: 0,
    omittedErrors: 0,
    omittedWarnings: 0,
  };
}

/** Validates one flow file without keeping any record. */
export async function validateFlowFile(file: FlowFile, options: FlowReadOptions = {}): Promise<FlowFileReport> {
  let summary: FlowSummary | null = null;
  for await (const batch of readFlowFile(file, options)) {
    const last = batch.at(-1);
    if (last?.kind === 'summary') summary = last.summary;
  }
  if (summary === null) throw new Error(`no summary for ${file.path}`);
  return { file: file.path, digest: file.digest(), summary };
}
