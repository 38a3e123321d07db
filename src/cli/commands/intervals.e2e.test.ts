import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decimal } from '../../domain/decimal.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectExit, ndjson } from '../../../test/cli.js';
import { runNemInProcess } from '../../../test/nem-in-process.js';
import { EXPECTED, EXPECTED_NEM12, nem12SamplePath, samplePath } from '../../../test/samples.js';

const env = { NEM_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'nem-intervals-e2e-')), 'data'), DATABASE_URL: '' };
const SAMPLE = EXPECTED_NEM12.find((f) => f.file === 'aemo-mdp-test-2005/NEM12_Scenario06_ETSAMDP_NEMMCO.csv');
/** Two files sending the same day of VABD000163 with the same UpdateDateTime: the later import wins. */
const SENT_TWICE = ['examples/Example_NEM12_actual_interval.csv', 'examples/Example_NEM12_upper_case_units.csv'];

describe('nem intervals (embedded database)', () => {
  beforeAll(async () => {
    const imported = await runNemInProcess(['import', nem12SamplePath(SAMPLE?.file ?? '')], env);
    expectExit(imported, 0);
    // The closing line counts interval days for NEM12 files, not readings.
    expect(imported.stdout).toContain(`1 file: 1 imported (${SAMPLE?.records?.['300']} interval days)`);
    const twice = await runNemInProcess(['import', ...SENT_TWICE.map(nem12SamplePath)], env);
    expectExit(twice, 0);
    expect(twice.stdout).toContain('2 files: 2 imported (4 interval days)');
  }, 120_000);

  it('lists the days of each channel as JSON, summing exactly to the oracle', async () => {
    for (const channel of SAMPLE?.channels ?? []) {
      const result = await runNemInProcess(['intervals', '--nmi', channel.nmi.toLowerCase(), '--json'], env);
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
    const table = await runNemInProcess(
      ['intervals', '--nmi', channel?.nmi ?? '', '--from', first, '--to', first],
      env,
    );
    expectExit(table, 0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NMI\s+Suffix\s+Serial\s+Day\s+Length\s+Total\s+Quality\s+Intervals\s+File/);
    // Under the header and its rule, one row per channel of that day.
    const rows = lines.slice(2);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((line) => line.includes(` ${first} `))).toBe(true);
    expectExit(await runNemInProcess(['intervals', '--nmi', 'nope'], env), 2);
    expectExit(await runNemInProcess(['intervals', '--nmi', channel?.nmi ?? '', '--from', '2005-02-30'], env), 2);
  });

  it('finds the days by meter serial and one suffix, and wants exactly one of --nmi and --serial', async () => {
    const channel = SAMPLE?.channels?.find((c) => c.suffix === 'E1');
    const result = await runNemInProcess(['intervals', '--serial', '06111', '--suffix', 'e1', '--json'], env);
    expectExit(result, 0);
    const days = JSON.parse(result.stdout) as Array<{ nmi: string; nmiSuffix: string; meterSerialNumber: string }>;
    expect(days).toHaveLength(channel?.days ?? -1);
    expect(days.every((d) => d.nmi === channel?.nmi && d.nmiSuffix === 'E1' && d.meterSerialNumber === '06111')).toBe(
      true,
    );
    const both = await runNemInProcess(['intervals', '--nmi', channel?.nmi ?? '', '--serial', '06111'], env);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('serial');
    expectExit(await runNemInProcess(['intervals'], env), 2);
    // Before anything was imported, nothing was known.
    const before = await runNemInProcess(['intervals', '--serial', '06111', '--as-of', '2000-01-01', '--json'], env);
    expectExit(before, 0);
    expect(JSON.parse(before.stdout)).toEqual([]);
    expect(before.stderr).toContain('as known on 2000-01-01 00:00 +10:00');
    expectExit(await runNemInProcess(['intervals', '--serial', '06111', '--suffix', 'E'], env), 2);
  });

  it('writes CSV with --csv: one row per interval, NEM-time instants, the exact sum of the channel', async () => {
    const channel = SAMPLE?.channels?.find((c) => c.suffix === 'B1');
    const result = await runNemInProcess(['intervals', '--nmi', channel?.nmi ?? '', '--suffix', 'B1', '--csv'], env);
    expectExit(result, 0);
    const [header, ...rows] = result.stdout
      .split('\r\n')
      .filter((line) => line !== '')
      .map((line) => line.split(','));
    expect(header?.slice(0, 10)).toEqual([
      'NMI',
      'NMI suffix',
      'Meter serial',
      'Unit',
      'Interval date',
      'Interval',
      'Interval length (min)',
      'Start',
      'End',
      'Value',
    ]);
    expect(rows).toHaveLength((channel?.days ?? 0) * 48);
    const first = channel?.first_date ?? '';
    const day = `${first.slice(0, 4)}-${first.slice(4, 6)}-${first.slice(6)}`;
    expect(rows[0]?.slice(7, 9)).toEqual([`${day}T00:00:00+10:00`, `${day}T00:30:00+10:00`]);
    expect(rows[47]?.slice(5, 9)).toEqual([
      '48',
      '30',
      `${day}T23:30:00+10:00`,
      expect.stringMatching(/T00:00:00\+10:00$/),
    ]);
    const sum = rows.reduce((s, row) => s.add(Decimal.parse(row[9] ?? '')), Decimal.ZERO);
    expect(sum.toString()).toBe(channel?.value_sum);
    expectExit(await runNemInProcess(['intervals', '--nmi', channel?.nmi ?? '', '--csv', '--json'], env), 2);
  });

  it('shows the history of a day sent twice: both versions, their files, lines and events, the later import in force', async () => {
    const result = await runNemInProcess(
      ['intervals', 'history', '--nmi', 'VABD000163', '--suffix', 'e1', '--date', '2004-02-01', '--json'],
      env,
    );
    expectExit(result, 0);
    const history = JSON.parse(result.stdout) as {
      versions: Array<{
        rank: number;
        inForce: boolean;
        decidedBy: string;
        day: { fileName: string; line: number; updatedAt: string; dayTotal: string };
        event: { revision: number; position: string; eventId: string } | null;
      }>;
    };
    expect(
      history.versions.map((v) => [
        v.rank,
        v.inForce,
        v.decidedBy,
        v.day.fileName,
        v.day.line,
        v.day.updatedAt,
        v.day.dayTotal,
      ]),
    ).toEqual([
      [1, true, 'importOrder', 'Example_NEM12_upper_case_units.csv', 3, '2004-02-02T12:00:25+10:00', '53.328'],
      [2, false, 'importOrder', 'Example_NEM12_actual_interval.csv', 3, '2004-02-02T12:00:25+10:00', '53.328'],
    ]);
    expect(history.versions.every((v) => v.event?.revision === 1)).toBe(true);
    const text = await runNemInProcess(
      ['intervals', 'history', '--nmi', 'VABD000163', '--suffix', 'E1', '--date', '2004-02-01'],
      env,
    );
    expectExit(text, 0);
    expect(text.stdout).toContain('NMI VABD000163, suffix E1, day 2004-02-01: 2 versions');
    expect(text.stdout).toContain(
      '1. in force: total 53.328 KWH (48 x 30 min), quality A, UpdateDateTime 2004-02-02 12:00:25 +10:00',
    );
    expect(text.stdout).toContain('why:   same UpdateDateTime, imported later');
    expect(text.stdout).toMatch(/event: nem12File-[0-9a-f]{64} revision 1, position \d+, id /);
    const missing = await runNemInProcess(
      ['intervals', 'history', '--nmi', 'VABD000163', '--suffix', 'E1', '--date', '2004-02-02'],
      env,
    );
    expectExit(missing, 1);
    expect(missing.stderr).toContain('no file sent 2004-02-02 of NMI VABD000163, suffix E1');
  });

  it('shows a NEM12 file in nem files with its interval days', async () => {
    const list = await runNemInProcess(['files'], env);
    expectExit(list, 0);
    expect(list.stdout).toMatch(/^Status\s+Received\s+File\s+Records/);
    expect(list.stdout).toMatch(
      new RegExp(`NEM12_Scenario06_ETSAMDP_NEMMCO\\.csv\\s+${SAMPLE?.records?.['300']} days`),
    );
    const show = await runNemInProcess(['files', 'show', 'NEM12_Scenario06_ETSAMDP_NEMMCO.csv'], env);
    expectExit(show, 0);
    expect(show.stdout).toContain('Format:    NEM12');
    expect(show.stdout).toContain(`Days:      ${SAMPLE?.records?.['300']} interval days (300)`);
    expect(show.stdout).toContain(`NMIs:      NEM1206111 (${SAMPLE?.records?.['300']})`);
  });

  it('counts NEM12 files in interval days: a duplicate, --json, and beside a NEM13 file in one run', async () => {
    const days = SAMPLE?.records?.['300'] ?? -1;
    const again = await runNemInProcess(['import', nem12SamplePath(SAMPLE?.file ?? '')], env);
    expectExit(again, 0);
    expect(again.stdout).toMatch(
      new RegExp(`: duplicate \\(already received on .* and imported with ${days} interval days; nothing appended\\)`),
    );
    expect(again.stdout).toContain('1 file: 0 imported (0 readings), 1 duplicate, 0 rejected');

    const json = await runNemInProcess(['import', '--json', nem12SamplePath(SAMPLE?.file ?? '')], env);
    expectExit(json, 0);
    expect(ndjson(json.stdout)).toMatchObject([
      { status: 'duplicate', format: 'NEM12', readings: days, registerReads: 0, intervalDays: days },
    ]);

    const nem12 = EXPECTED_NEM12.find(
      (f) => f.valid && f.member === undefined && f.file !== SAMPLE?.file && !SENT_TWICE.includes(f.file),
    );
    const nem13 = EXPECTED.find((f) => f.n250 > 1 && f.also_zipped_as === undefined);
    const both = await runNemInProcess(
      ['import', samplePath(nem13?.file ?? ''), nem12SamplePath(nem12?.file ?? '')],
      env,
    );
    expectExit(both, 0);
    expect(both.stdout).toContain(
      `2 files: 2 imported (${nem13?.n250} readings, ${nem12?.records?.['300']} interval days), 0 duplicate, 0 rejected`,
    );
  });
});
