/** What a reader found in a whole file, whatever its format. */
export interface MdffSummary<Header, Counts, Problem> {
  readonly valid: boolean;
  readonly lines: number;
  readonly header: Header | null;
  readonly counts: Counts;
  /** The first errors (at most 1,000). */
  readonly errors: readonly Problem[];
  readonly warnings: readonly Problem[];
  readonly errorCount: number;
  readonly warningCount: number;
  /** How many errors and warnings were counted beyond the ones listed. */
  readonly omittedErrors: number;
  readonly omittedWarnings: number;
}
