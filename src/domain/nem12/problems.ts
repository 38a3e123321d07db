import { ProblemLog, type MdffProblem, type Severity } from '../mdff/problem-log.js';

/**
 * What the NEM12 reader reports, with the same model and policy as NEM13 (blank lines and whitespace
 * warned, padding of trailing empty fields accepted). Codes are stable: tools and people key on them.
 * Container codes (bad archive, zip members, size limits) stay the intake's, shared with NEM13.
 */
export const NEM12_PROBLEM_CODES = {
  // Byte level
  NEM12_NOT_MDFF: 'error',
  NEM12_EMPTY_FILE: 'error',
  NEM12_INVALID_UTF8: 'error',
  NEM12_BINARY_CONTENT: 'error',
  NEM12_LINE_TOO_LONG: 'error',
  NEM12_BLANK_LINE: 'warning',
  NEM12_WHITESPACE: 'warning',
  // Structure
  NEM12_UNKNOWN_RECORD: 'error',
  NEM12_NEM13_RECORD: 'error',
  NEM12_NEM13_FILE: 'error',
  NEM12_BAD_VERSION: 'error',
  NEM12_MISSING_100: 'error',
  NEM12_DUPLICATE_100: 'error',
  NEM12_MISSING_900: 'error',
  NEM12_AFTER_900: 'error',
  NEM12_NO_DATA: 'error',
  NEM12_FIELD_COUNT: 'error',
  NEM12_ORPHAN_300: 'error',
  NEM12_ORPHAN_400: 'error',
  NEM12_ORPHAN_500: 'error',
  NEM12_BAD_INTERVAL_LENGTH: 'error',
  NEM12_BAD_INTERVAL_RANGE: 'error',
  NEM12_INTERVAL_OVERLAP: 'error',
  NEM12_INTERVAL_GAP: 'error',
  NEM12_INCOMPLETE_400: 'error',
  // Fields
  NEM12_MISSING_FIELD: 'error',
  NEM12_TOO_LONG: 'error',
  NEM12_BAD_DATE: 'error',
  NEM12_BAD_NUMBER: 'error',
  NEM12_BAD_NMI: 'error',
  NEM12_BAD_SUFFIX: 'error',
  NEM12_BAD_QUALITY: 'error',
  NEM12_BAD_REASON: 'error',
  NEM12_BAD_UOM: 'error',
  NEM12_BAD_TRANSACTION_CODE: 'error',
  // Accepted with a warning
  NEM12_PARTICIPANT: 'warning',
  NEM12_METHOD_MISSING: 'warning',
  NEM12_METHOD_OUT_OF_RANGE: 'warning',
  NEM12_OBSOLETE_REASON: 'warning',
  NEM12_UNKNOWN_REASON: 'warning',
  NEM12_REASON_REQUIRED: 'warning',
  NEM12_UNEXPECTED_REASON: 'warning',
  NEM12_DESCRIPTION_REQUIRED: 'warning',
} as const satisfies Record<string, Severity>;

export type Nem12ProblemCode = keyof typeof NEM12_PROBLEM_CODES;
export type Nem12RecordType = '100' | '200' | '300' | '400' | '500' | '900';
export const NEM12_RECORD_TYPES: readonly Nem12RecordType[] = ['100', '200', '300', '400', '500', '900'];
export type Nem12Problem = MdffProblem<Nem12ProblemCode, Nem12RecordType>;

/** The problems of one NEM12 file: the first of each severity, and counts. */
export class Nem12ProblemLog extends ProblemLog<Nem12ProblemCode, Nem12RecordType> {
  constructor(cap?: number) {
    super(NEM12_PROBLEM_CODES, cap);
  }
}
