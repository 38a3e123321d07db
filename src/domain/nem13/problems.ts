import { ProblemLog as MdffProblemLog, type MdffProblem, type Severity } from '../mdff/problem-log.js';

export { quote, type Severity } from '../mdff/problem-log.js';

/**
 * Problems found in a flow file are data, not exceptions. Codes are stable: tools and people key on them.
 * The severity of a code is fixed here, following the import policy in SPEC.md section 0.
 */
export const PROBLEM_CODES = {
  // Container and byte level
  NEM13_BAD_ARCHIVE: 'error',
  NEM13_NOT_MDFF: 'error',
  /** A file refused before it was read: larger than a limit (nothing is recorded for it). */
  FILE_TOO_LARGE: 'error',
  CONTENT_TOO_LARGE: 'error',
  NEM13_ZIP_MEMBERS: 'error',
  NEM13_EMPTY_FILE: 'error',
  NEM13_INVALID_UTF8: 'error',
  NEM13_BINARY_CONTENT: 'error',
  NEM13_LINE_TOO_LONG: 'error',
  NEM13_BLANK_LINE: 'warning',
  NEM13_WHITESPACE: 'warning',
  // Structure
  NEM13_UNKNOWN_RECORD: 'error',
  NEM13_NEM12_RECORD: 'error',
  NEM13_NEM12_FILE: 'error',
  NEM13_BAD_VERSION: 'error',
  NEM13_MISSING_100: 'error',
  NEM13_DUPLICATE_100: 'error',
  NEM13_MISSING_900: 'error',
  NEM13_AFTER_900: 'error',
  NEM13_ORPHAN_550: 'error',
  NEM13_DUPLICATE_550: 'error',
  NEM13_FIELD_COUNT: 'error',
  // Fields
  NEM13_MISSING_FIELD: 'error',
  NEM13_TOO_LONG: 'error',
  NEM13_BAD_DATE: 'error',
  NEM13_BAD_NUMBER: 'error',
  NEM13_BAD_DIRECTION: 'error',
  NEM13_BAD_NMI: 'error',
  NEM13_BAD_SUFFIX: 'error',
  NEM13_BAD_QUALITY: 'error',
  NEM13_BAD_REASON: 'error',
  NEM13_BAD_UOM: 'error',
  NEM13_BAD_TRANSACTION_CODE: 'error',
  // Accepted with a warning
  NEM13_NULL_QUALITY: 'warning',
  NEM13_METHOD_MISSING: 'warning',
  NEM13_METHOD_OUT_OF_RANGE: 'warning',
  NEM13_PREVIOUS_ESTIMATE: 'warning',
  NEM13_OBSOLETE_REASON: 'warning',
  NEM13_UNKNOWN_REASON: 'warning',
  NEM13_REASON_REQUIRED: 'warning',
  NEM13_DESCRIPTION_REQUIRED: 'warning',
  NEM13_NEGATIVE_QUANTITY: 'warning',
  NEM13_QUANTITY_MISMATCH: 'warning',
} as const satisfies Record<string, Severity>;

export type ProblemCode = keyof typeof PROBLEM_CODES;
export type RecordType = '100' | '250' | '550' | '900';
export type Problem = MdffProblem<ProblemCode, RecordType>;

/** The problems of one NEM13 file: the first of each severity, and counts. */
export class ProblemLog extends MdffProblemLog<ProblemCode, RecordType> {
  constructor(cap?: number) {
    super(PROBLEM_CODES, cap);
  }
}
