import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shared public sample files, beside the repository (`../shared/nem13/samples`). */
export const SAMPLES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/nem13/samples');

export function samplePath(relative: string): string {
  return join(SAMPLES_DIR, relative);
}

export interface ExpectedRecord {
  nmi: string;
  register_id: string;
  nmi_suffix: string;
  mdm_stream: string;
  serial: string;
  direction: string;
  prev_read: string;
  prev_dt: string;
  prev_qm: string;
  prev_reason: string;
  prev_reason_desc: string;
  cur_read: string;
  cur_dt: string;
  cur_qm: string;
  cur_reason: string;
  cur_reason_desc: string;
  quantity: string;
  uom: string;
  next_read: string;
  update_dt: string;
  msats_dt: string;
}

export interface ExpectedFile {
  file: string;
  header: string[];
  n250: number;
  n550: number;
  nmis: string[];
  serials: string[];
  quantity_sum: string;
  rollover_or_decrease: number[];
  quantity_not_equal_delta: number[];
  also_zipped_as?: string;
  records: ExpectedRecord[];
}

export const EXPECTED: ExpectedFile[] = (
  JSON.parse(readFileSync(join(SAMPLES_DIR, 'expected.json'), 'utf8')) as { files: ExpectedFile[] }
).files;

/** The shared public NEM12 sample files and their oracle (`../shared/nem12/samples`). */
export const NEM12_SAMPLES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/nem12/samples');

export function nem12SamplePath(relative: string): string {
  return join(NEM12_SAMPLES_DIR, relative);
}

/** Facts of one channel (NMI + suffix over all its 200 blocks), as the oracle states them. */
export interface ExpectedNem12Channel {
  nmi: string;
  suffix: string;
  /** A list when the channel changes its interval length within the file. */
  interval_length: number | number[];
  uom: string;
  /** 300 records. */
  days: number;
  first_date: string;
  last_date: string;
  value_sum: string;
  quality_300: Record<string, number>;
  interval_quality: Record<string, number>;
  n400: number;
  n500: number;
}

export interface ExpectedNem12Verdict {
  valid: boolean;
  error_line?: number | null;
  error?: string | null;
  records?: Record<'200' | '300' | '400' | '500', number>;
  channels?: ExpectedNem12Channel[];
}

export interface ExpectedNem12File extends ExpectedNem12Verdict {
  file: string;
  /** The file inside a zip. */
  member?: string;
  line_count: number;
  warnings?: string[];
  /** The verdict with the NMI rule switched off (synthetic files with NMIs such as `nmi1`). */
  nmi_relaxed?: ExpectedNem12Verdict;
}

export const EXPECTED_NEM12: ExpectedNem12File[] = (
  JSON.parse(readFileSync(join(NEM12_SAMPLES_DIR, 'expected.json'), 'utf8')) as { files: ExpectedNem12File[] }
).files;

/**
 * The challenge sample's first register read sent again with another current read and quantity and a
 * later UpdateDateTime: a correction (the README's audit example).
 */
export const CHALLENGE_CORRECTION = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../samples/corrections/challenge-correction.csv',
);
