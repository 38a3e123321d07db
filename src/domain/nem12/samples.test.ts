/**
 * The acceptance test of the NEM12 reader: every public sample judged as the oracle (expected.json, where
 * two independent readers agree) says. Files are opened through the intake's adapter, so the zipped
 * sample is read from its zip as an import would.
 */
import { describe, expect, it } from 'vitest';
import { openFlowFile } from '../../infrastructure/files/flow-file.js';
import { TEST_LIMITS } from '../../../test/limits.js';
import {
  EXPECTED_NEM12,
  nem12SamplePath,
  type ExpectedNem12Channel,
  type ExpectedNem12File,
  type ExpectedNem12Verdict,
} from '../../../test/samples.js';
import { Decimal } from '../decimal.js';
import type { Nem12ProblemCode } from './problems.js';
import { readNem12, type Nem12ReaderOptions } from './reader.js';
import { intervalQualityFlag, type IntervalDay, type Nem12Summary } from './records.js';

/** The oracle words its first error in its own terms; each names one of our codes. */
const ORACLE_ERRORS: ReadonlyArray<readonly [RegExp, Nem12ProblemCode]> = [
  [/^NMI '.*' is not 10 characters/, 'NEM12_BAD_NMI'],
  [/^first record is not 100$/, 'NEM12_MISSING_100'],
  [/^empty file$/, 'NEM12_EMPTY_FILE'],
  [/^\d00 has \d+ fields?, expected \d+/, 'NEM12_FIELD_COUNT'],
  [/^400 records for the V day end at interval \d+, not \d+$/, 'NEM12_INCOMPLETE_400'],
];

interface Read {
  readonly summary: Nem12Summary;
  readonly channels: ExpectedNem12Channel[];
}

function increment(counts: Record<string, number>, key: string, by: number): void {
  counts[key] = (counts[key] ?? 0) + by;
}

/** The oracle's per-channel facts, computed from what the reader yields. */
function channelFacts(days: readonly IntervalDay[]): ExpectedNem12Channel[] {
  const channels = new Map<string, { facts: ExpectedNem12Channel; lengths: Set<number>; sum: Decimal }>();
  for (const day of days) {
    const { nmi, nmiSuffix, uom, intervalLength } = day.channel;
    const key = `${nmi}/${nmiSuffix}`;
    const date = day.intervalDate.replaceAll('-', '');
    let channel = channels.get(key);
    if (channel === undefined) {
      channel = {
        facts: {
          nmi,
          suffix: nmiSuffix,
          interval_length: intervalLength,
          uom: uom.text,
          days: 0,
          first_date: date,
          last_date: date,
          value_sum: '',
          quality_300: {},
          interval_quality: {},
          n400: 0,
          n500: 0,
        },
        lengths: new Set(),
        sum: Decimal.ZERO,
      };
      channels.set(key, channel);
    }
    const { facts } = channel;
    channel.lengths.add(intervalLength);
    facts.days++;
    if (date < facts.first_date) facts.first_date = date;
    if (date > facts.last_date) facts.last_date = date;
    for (const value of day.values) channel.sum = channel.sum.add(Decimal.parse(value));
    increment(facts.quality_300, day.quality.flag, 1);
    for (let i = 1; i <= day.values.length; i++) increment(facts.interval_quality, intervalQualityFlag(day, i), 1);
    facts.n400 += day.events.length;
    facts.n500 += day.b2bDetails.length;
  }
  return [...channels.values()]
    .map(({ facts, lengths, sum }) => {
      const sorted = [...lengths].sort((a, b) => a - b);
      return { ...facts, interval_length: sorted.length === 1 ? (sorted[0] ?? 0) : sorted, value_sum: sum.toString() };
    })
    .sort((a, b) => `${a.nmi}/${a.suffix}`.localeCompare(`${b.nmi}/${b.suffix}`));
}

async function read(expected: ExpectedNem12File, options: Nem12ReaderOptions): Promise<Read> {
  const file = await openFlowFile(nem12SamplePath(expected.file), TEST_LIMITS);
  if (expected.member !== undefined) expect(file.member).toBe(expected.member);
  const days: IntervalDay[] = [];
  let summary: Nem12Summary | undefined;
  for await (const item of readNem12(file.content(), options)) {
    if (item.kind === 'intervalDay') days.push(item.day);
    if (item.kind === 'summary') summary = item.summary;
  }
  expect(file.problem()).toBeNull();
  if (summary === undefined) throw new Error(`no summary for ${expected.file}`);
  return { summary, channels: channelFacts(days) };
}

function judge(expected: ExpectedNem12Verdict, lineCount: number, { summary, channels }: Read): void {
  if (!expected.valid) {
    expect(summary.valid).toBe(false);
    const first = [...summary.errors].sort((a, b) => a.line - b.line)[0];
    // The oracle numbers the problem of an empty file line 1; ours says line 0, the file as a whole.
    expect(first?.line).toBe(lineCount === 0 ? 0 : expected.error_line);
    const code = ORACLE_ERRORS.find(([pattern]) => pattern.test(expected.error ?? ''))?.[1];
    expect(code, `a code for the oracle's ${JSON.stringify(expected.error)}`).toBeDefined();
    expect(first?.code).toBe(code);
    return;
  }
  expect(summary.errors).toEqual([]);
  expect(summary.valid).toBe(true);
  expect(summary.counts).toMatchObject({
    channels: expected.records?.['200'],
    intervalDays: expected.records?.['300'],
    intervalEvents: expected.records?.['400'],
    b2bDetails: expected.records?.['500'],
  });
  const sortedExpected = [...(expected.channels ?? [])].sort((a, b) =>
    `${a.nmi}/${a.suffix}`.localeCompare(`${b.nmi}/${b.suffix}`),
  );
  expect(channels).toEqual(sortedExpected);
}

describe('the NEM12 samples, judged as the oracle says', () => {
  it('covers all 47 files', () => {
    expect(EXPECTED_NEM12).toHaveLength(47);
  });

  it.each(EXPECTED_NEM12)('$file', async (expected) => {
    const result = await read(expected, {});
    judge(expected, expected.line_count, result);
    for (const warning of expected.warnings ?? []) {
      const [, from, to] = /^lines (\d+)-(\d+): blank line skipped$/.exec(warning) ?? [];
      expect(from, `a known warning: ${warning}`).toBeDefined();
      for (let line = Number(from); line <= Number(to); line++) {
        expect(result.summary.warnings).toContainEqual(expect.objectContaining({ line, code: 'NEM12_BLANK_LINE' }));
      }
    }
  });

  const relaxed = EXPECTED_NEM12.filter((file) => file.nmi_relaxed !== undefined);

  it.each(relaxed)('$file with the NMI rule relaxed', async (expected) => {
    const verdict = expected.nmi_relaxed;
    if (verdict === undefined) throw new Error('filtered on nmi_relaxed');
    judge(verdict, expected.line_count, await read(expected, { nmiRule: 'relaxed' }));
  });

  it('has files with a relaxed verdict, valid and invalid', () => {
    expect(relaxed.map((file) => file.nmi_relaxed?.valid).sort()).toEqual([false, false, true]);
  });
});
