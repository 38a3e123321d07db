import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decimal } from '../../domain/decimal.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectExit, runNem } from '../../../test/cli.js';
import { EXPECTED_NEM12, nem12SamplePath } from '../../../test/samples.js';

const env = { NEM_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'nem-intervals-e2e-')), 'data'), DATABASE_URL: '' };
const SAMPLE = EXPECTED_NEM12.find((f) => f.file === 'aemo-mdp-test-2005/NEM12_Scenario06_ETSAMDP_NEMMCO.csv');

describe('nem intervals (embedded database)', () => {
  beforeAll(async () => {
    const imported = await runNem(['import', nem12SamplePath(SAMPLE?.file ?? '')], env);
    expectExit(imported, 0);
  }, 120_000);

  it('lists the days of each channel as JSON, summing exactly to the oracle', async () => {
    for (const channel of SAMPLE?.channels ?? []) {
      const result = await runNem(['intervals', '--nmi', channel.nmi.toLowerCase(), '--json'], env);
      expectExit(result, 0);
      const days = (
        JSON.parse(result.stdout) as Array<{ nmiSuffix: string; dayTotal: string; values: string[] }>
      ).filter((d) => d.nmiSuffix === channel.suffix);
      expect(days).toHaveLength(channel.days);
      const sum = days.flatMap((d) => d.values).reduce((s, v) => s.add(Decimal.parse(v)), Decimal.ZERO);
      expect(sum.toString()).toBe(channel.value_sum);
    }
  });

  it('prints a table, narrows by day, and refuses a bad NMI or day', async () => {
    const channel = SAMPLE?.channels?.[0];
    const first = `${channel?.first_date.slice(0, 4)}-${channel?.first_date.slice(4, 6)}-${channel?.first_date.slice(6)}`;
    const table = await runNem(['intervals', '--nmi', channel?.nmi ?? '', '--from', first, '--to', first], env);
    expectExit(table, 0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NMI\s+Suffix\s+Serial\s+Day\s+Length\s+Total\s+Quality\s+Intervals\s+File/);
    // Under the header and its rule, one row per channel of that day.
    const rows = lines.slice(2);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((line) => line.includes(` ${first} `))).toBe(true);
    expectExit(await runNem(['intervals', '--nmi', 'nope'], env), 2);
    expectExit(await runNem(['intervals', '--nmi', channel?.nmi ?? '', '--from', '2005-02-30'], env), 2);
  });
});
