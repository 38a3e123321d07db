import { TEST_LIMITS } from '../../test/limits.js';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../domain/decimal.js';
import type { RegisterRead } from '../domain/nem13/records.js';
import { openFlowFile } from '../infrastructure/files/flow-file.js';
import { EXPECTED, EXPECTED_NEM12, nem12SamplePath, samplePath, SAMPLES_DIR } from '../../test/samples.js';
import { readFileSync } from 'node:fs';
import { readFlowContent, readFlowFile, validateFlowFile, type FlowItem } from './read-flow-file.js';

async function readAll(path: string) {
  const file = await openFlowFile(path, TEST_LIMITS);
  const reads: RegisterRead[] = [];
  let summary;
  for await (const batch of readFlowFile(file)) {
    for (const item of batch) {
      if (item.kind === 'registerRead') reads.push(item.read);
      if (item.kind === 'summary') summary = item.summary;
    }
  }
  if (summary === undefined) throw new Error('no summary');
  return { reads, summary, digest: file.digest() };
}

/** The 14-digit text of an instant written `YYYY-MM-DDThh:mm:ss+10:00`. */
function nemDigits(instant: string | null): string {
  return instant === null ? '' : instant.slice(0, 19).replace(/[-T:]/g, '');
}

describe('the shared NEM13 samples', () => {
  it('covers every sample file', () => {
    const listed = new Set(EXPECTED.map((f) => f.file));
    const onDisk = readdirSync(SAMPLES_DIR, { recursive: true, encoding: 'utf8' }).filter(
      (name) => name.endsWith('.csv') && !name.startsWith('malformed/') && !name.startsWith('nem12/'),
    );
    expect(onDisk.filter((name) => !listed.has(name))).toEqual([]);
  });

  describe.each(EXPECTED)('$file', (expected) => {
    it('is valid with the expected counts, quantity sum and every field', async () => {
      const { reads, summary } = await readAll(samplePath(expected.file));
      expect(summary.errors).toEqual([]);
      expect(summary.valid).toBe(true);
      expect(summary.counts).toEqual({ registerReads: expected.n250, b2bDetails: expected.n550 });
      expect(summary.header).toMatchObject({ fromParticipant: expected.header[3], toParticipant: expected.header[4] });
      const sum = reads.reduce((total, read) => total.add(Decimal.parse(read.quantity.value)), Decimal.ZERO);
      expect(sum.toString()).toBe(expected.quantity_sum);
      expect([...new Set(reads.map((r) => r.nmi))].sort()).toEqual(expected.nmis);
      expect([...new Set(reads.map((r) => r.meterSerialNumber))].sort()).toEqual(expected.serials);
      expect(
        reads.map((r) => ({
          nmi: r.nmi,
          register_id: r.registerId,
          nmi_suffix: r.nmiSuffix,
          mdm_stream: r.mdmDataStreamIdentifier ?? '',
          serial: r.meterSerialNumber,
          direction: r.direction,
          prev_read: r.previous.read.text,
          prev_dt: nemDigits(r.previous.readAt),
          prev_qm: r.previous.quality.text,
          prev_reason: r.previous.reasonCode?.toString() ?? '',
          prev_reason_desc: r.previous.reasonDescription ?? '',
          cur_read: r.current.read.text,
          cur_dt: nemDigits(r.current.readAt),
          cur_qm: r.current.quality.text,
          cur_reason: r.current.reasonCode?.toString() ?? '',
          cur_reason_desc: r.current.reasonDescription ?? '',
          quantity: r.quantity.text,
          uom: r.uom.text,
          next_read: r.nextScheduledReadDate?.replace(/-/g, '') ?? '',
          update_dt: nemDigits(r.updatedAt),
          msats_dt: nemDigits(r.msatsLoadedAt),
        })),
      ).toEqual(
        expected.records.map((record) => ({
          nmi: record.nmi,
          register_id: record.register_id,
          nmi_suffix: record.nmi_suffix,
          mdm_stream: record.mdm_stream,
          serial: record.serial,
          direction: record.direction,
          prev_read: record.prev_read,
          prev_dt: record.prev_dt,
          prev_qm: record.prev_qm,
          prev_reason: record.prev_reason,
          prev_reason_desc: record.prev_reason_desc,
          cur_read: record.cur_read,
          cur_dt: record.cur_dt,
          cur_qm: record.cur_qm,
          cur_reason: record.cur_reason,
          cur_reason_desc: record.cur_reason_desc,
          quantity: record.quantity,
          uom: record.uom,
          next_read: record.next_read,
          update_dt: record.update_dt,
          msats_dt: record.msats_dt,
        })),
      );
    });

    it('warns of a quantity mismatch only where no rollover explains it', async () => {
      const { reads, summary } = await readAll(samplePath(expected.file));
      const warnedLines = summary.warnings.filter((w) => w.code === 'NEM13_QUANTITY_MISMATCH').map((w) => w.line);
      const warnedIndexes = warnedLines.map((line) => reads.findIndex((read) => read.line === line));
      for (const index of warnedIndexes) expect(expected.quantity_not_equal_delta).toContain(index);
      const rolloverOnly = expected.quantity_not_equal_delta.filter(
        (i) => expected.rollover_or_decrease.includes(i) && expected.records[i]?.direction === 'E',
      );
      for (const index of rolloverOnly) expect(warnedIndexes).not.toContain(index);
    });
  });

  const zipped = EXPECTED.filter((f) => f.also_zipped_as !== undefined);
  it.each(zipped)('reads $also_zipped_as like the plain file, with the same identity', async (expected) => {
    const plain = await readAll(samplePath(expected.file));
    const zip = await readAll(samplePath(expected.also_zipped_as ?? ''));
    expect(zip.summary).toEqual(plain.summary);
    expect(zip.digest).toEqual(plain.digest);
    expect(zip.reads).toEqual(plain.reads);
  });

  it.each([
    ['nem12/nem12-aemo-spec-example-actual-interval.csv', 2],
    ['nem12/nem12-aemo-spec-example-multiple-quality.csv', 1],
  ])('reads NEM12 file %s with the NEM12 reader: %i interval days', async (name, days) => {
    const { reads, summary } = await readAll(samplePath(name));
    expect(summary).toMatchObject({ format: 'NEM12', valid: true, errors: [] });
    expect(summary.counts).toMatchObject({ registerReads: 0, channels: days, intervalDays: days });
    expect(reads).toEqual([]);
  });

  it('rejects the hand-copied meter-change example at line 4, field Quantity', async () => {
    const { summary } = await readAll(samplePath('malformed/handcopied-spec-example-nem13-meter-change.csv'));
    expect(summary.valid).toBe(false);
    expect(summary.errors).toEqual([
      expect.objectContaining({ line: 4, record: '250', field: 'Quantity', code: 'NEM13_BAD_NUMBER' }),
    ]);
  });

  it('accepts the hand-copied transfer-read example with whitespace warnings', async () => {
    const { reads, summary } = await readAll(samplePath('malformed/handcopied-spec-example-nem13-transfer-read.csv'));
    expect(summary.valid).toBe(true);
    expect(summary.warnings.map((w) => [w.line, w.field, w.code])).toEqual([
      [2, 'UOM', 'NEM13_WHITESPACE'],
      [5, 'CurrentRetServiceOrder', 'NEM13_WHITESPACE'],
    ]);
    expect(reads.map((r) => [r.b2bDetails?.previousTransactionCode, r.b2bDetails?.currentTransactionCode])).toEqual([
      ['D', 'G'],
      ['G', 'E'],
      ['D', 'G'],
      ['G', 'E'],
    ]);
  });

  it('validates the challenge sample with its identity', async () => {
    const report = await validateFlowFile(await openFlowFile(samplePath('challenge-sample.csv'), TEST_LIMITS));
    expect(report.digest.size).toBe(1524);
    expect(report.digest.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('one reader per format, chosen by the first record', () => {
  describe.each(EXPECTED_NEM12)('NEM12 sample $file', (expected) => {
    it('gets the verdict the oracle gives, and a valid file its 300 records as interval days', async () => {
      const file = await openFlowFile(nem12SamplePath(expected.file), TEST_LIMITS);
      let days = 0;
      let summary;
      for await (const batch of readFlowFile(file)) {
        for (const item of batch) {
          if (item.kind === 'intervalDay') days++;
          if (item.kind === 'summary') summary = item.summary;
        }
      }
      if (summary === undefined) throw new Error('no summary');
      expect(summary.valid).toBe(expected.valid);
      if (expected.valid) {
        expect(summary.format).toBe('NEM12');
        expect(days).toBe(expected.records?.['300']);
        expect(summary.counts.intervalDays).toBe(days);
      } else {
        // Our readers put a problem with the file as a whole (an empty file) at line 0.
        expect(summary.errors[0]?.line).toBe(expected.error === 'empty file' ? 0 : expected.error_line);
      }
    });
  });

  it('tells the format when the first line comes a byte at a time, after a byte order mark and blank lines', async () => {
    const text = readFileSync(samplePath('nem12/nem12-aemo-spec-example-multiple-quality.csv'));
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x0a, 0x20, 0x0a, ...text]);
    async function* oneByOne() {
      for (const byte of bytes) yield new Uint8Array([byte]);
    }
    const items: FlowItem[] = [];
    for await (const batch of readFlowContent(oneByOne())) items.push(...batch);
    const summary = items.find((item) => item.kind === 'summary');
    expect(summary).toMatchObject({ summary: { format: 'NEM12', valid: true, counts: { intervalDays: 1 } } });
    expect(items.filter((item) => item.kind === 'intervalDay')).toHaveLength(1);
  });

  it('reads a file whose start names no format with the NEM13 reader, which says what it found', async () => {
    async function* lines() {
      yield new TextEncoder().encode('hello,world\n');
    }
    const items: FlowItem[] = [];
    for await (const batch of readFlowContent(lines())) items.push(...batch);
    expect(items.at(-1)).toMatchObject({
      kind: 'summary',
      summary: { format: 'NEM13', valid: false, errors: [{ line: 1, code: 'NEM13_NOT_MDFF' }] },
    });
  });

  it('rejects a NEM12 file at its header when only NEM13 is read', async () => {
    const file = await openFlowFile(samplePath('nem12/nem12-aemo-spec-example-actual-interval.csv'), TEST_LIMITS);
    const { summary } = await validateFlowFile(file, { formats: ['NEM13'] });
    expect(summary.errors[0]).toMatchObject({ line: 1, field: 'VersionHeader', code: 'NEM13_NEM12_FILE' });
  });
});
