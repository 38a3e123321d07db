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
