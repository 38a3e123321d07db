/**
 * The problem model of every MDFF reader (NEM12 and NEM13): problems found in a flow file are data, not
 * exceptions, each with a stable code whose severity the reader's code table fixes.
 */
export type Severity = 'error' | 'warning';

export interface MdffProblem<Code extends string, Record extends string> {
  /** 1-based line number in the (decompressed) file; 0 for a problem with the file as a whole. */
  readonly line: number;
  /** The record indicator of the line when it is one the reader knows, otherwise null. */
  readonly record: Record | null;
  /** The field name as the specification spells it, or null for a problem with the whole line or file. */
  readonly field: string | null;
  readonly code: Code;
  readonly severity: Severity;
  readonly message: string;
}

/** Where a record's field checks report (a {@link ProblemLog}). */
export interface ProblemSink<Code extends string, Record extends string> {
  add(line: number, record: Record | null, field: string | null, code: Code, message: string): void;
}

export const MAX_PROBLEMS_PER_SEVERITY = 1000;

/** Keeps the first problems of each severity and counts the rest. */
export class ProblemLog<Code extends string, Record extends string> implements ProblemSink<Code, Record> {
  readonly errors: MdffProblem<Code, Record>[] = [];
  readonly warnings: MdffProblem<Code, Record>[] = [];
  errorCount = 0;
  warningCount = 0;

  constructor(
    private readonly severities: Readonly<{ [K in Code]: Severity }>,
    private readonly cap: number = MAX_PROBLEMS_PER_SEVERITY,
  ) {}

  add(line: number, record: Record | null, field: string | null, code: Code, message: string): void {
    const severity = this.severities[code];
    if (severity === 'error') {
      this.errorCount++;
      if (this.errors.length < this.cap) this.errors.push({ line, record, field, code, severity, message });
    } else {
      this.warningCount++;
      if (this.warnings.length < this.cap) this.warnings.push({ line, record, field, code, severity, message });
    }
  }

  get omittedErrors(): number {
    return this.errorCount - this.errors.length;
  }

  get omittedWarnings(): number {
    return this.warningCount - this.warnings.length;
  }
}

/** Quotes a value found in a file for a message, shortened so a 2 MB field cannot flood the output. */
export function quote(value: string, max = 40): string {
  const shown = value.length > max ? `${value.slice(0, max)}…` : value;
  return JSON.stringify(shown);
}
