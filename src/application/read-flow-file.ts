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

/**
 * A container that could not be read whole (corrupt, several zip members, past the size limit) gives
 * content that is not the file's: what the reader made of that stream (a cut last line, a missing 900) is
 * noise, so the container problem is the file's only problem.
 */
function withContainerProblem(summary: Nem13Summary, file: FlowFile): Nem13Summary {
  const problem = file.problem();
  if (problem === null) return summary;
  const only: Problem = {
    line: 0,
    record: null,
    field: null,
    code: problem.code,
    severity: 'error',
    message: problem.message,
  };
  return {
    ...summary,
    valid: false,
    counts: { registerReads: 0, b2bDetails: 0 },
    errors: [only],
    warnings: [],
    errorCount: 1,
    warningCount: 0,
    omittedErrors: 0,
    omittedWarnings: 0,
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
