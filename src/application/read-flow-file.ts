import type { Problem } from '../domain/nem13/problems.js';
import { readNem13Batches } from '../domain/nem13/reader.js';
import type { Nem13Item, Nem13Summary } from '../domain/nem13/records.js';
import type { ContentDigest, FlowFile } from '../infrastructure/files/flow-file.js';

export interface FlowFileReport {
  readonly file: string;
  readonly digest: ContentDigest;
  readonly summary: Nem13Summary;
}

/**
 * One pass over a flow file: yields the reader's items, and folds a container problem (corrupt gzip,
 * zip with several members) into the summary so the caller sees a single verdict.
 */
export async function* readFlowFile(file: FlowFile): AsyncGenerator<readonly Nem13Item[]> {
  for await (const batch of readNem13Batches(file.content())) {
    const last = batch.at(-1);
    if (last?.kind !== 'summary') {
      yield batch;
      continue;
    }
    yield [...batch.slice(0, -1), { kind: 'summary', summary: withContainerProblem(last.summary, file) }];
  }
}

const SHADOWED_BY_CONTAINER = new Set(['NEM13_EMPTY_FILE', 'NEM13_MISSING_900']);

function withContainerProblem(summary: Nem13Summary, file: FlowFile): Nem13Summary {
  const problem = file.problem();
  if (problem === null) return summary;
  const first: Problem = {
    line: 0,
    record: null,
    field: null,
    code: problem.code,
    severity: 'error',
    message: problem.message,
  };
  const rest = summary.errors.filter((error) => !SHADOWED_BY_CONTAINER.has(error.code));
  const errors = [first, ...rest];
  return {
    ...summary,
    valid: false,
    errors,
    errorCount: summary.errorCount - (summary.errors.length - rest.length) + 1,
  };
}

/** Validates one flow file without keeping any record. */
export async function validateFlowFile(file: FlowFile): Promise<FlowFileReport> {
  let summary: Nem13Summary | null = null;
  for await (const batch of readFlowFile(file)) {
    const last = batch.at(-1);
    if (last?.kind === 'summary') summary = last.summary;
  }
  if (summary === null) throw new Error(`no summary for ${file.path}`);
  return { file: file.path, digest: file.digest(), summary };
}
