import { describe, expect, it } from 'vitest';
import { expectExit, ndjson, runNem } from '../../../test/cli.js';
import { runNemInProcess } from '../../../test/nem-in-process.js';
import { EXPECTED, EXPECTED_NEM12, nem12SamplePath, samplePath } from '../../../test/samples.js';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// What validate prints and answers runs in-process (test/nem-in-process.ts); the usage errors run as a
// child, where commander's own exit path is the subject.
describe('nem validate', () => {
  it('prints ok for a valid file and exits 0', async () => {
    const result = await runNemInProcess(['validate', samplePath('challenge-sample.csv')]);
    expectExit(result, 0);
    expect(result.stdout).toBe(`${samplePath('challenge-sample.csv')}: ok\n`);
  });

  it('prints each problem as file:line: field: message and exits 1 when a file is invalid', async () => {
    const file = samplePath('malformed/handcopied-spec-example-nem13-meter-change.csv');
    const result = await runNemInProcess(['validate', file, samplePath('challenge-sample.csv')]);
    expectExit(result, 1);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe(`${file}: invalid (1 error, 12 warnings)`);
    expect(lines[1]).toBe(
      `${file}:4: Quantity: "8. 77" is not a number (expected an optional minus sign, digits with an optional decimal fraction) (error NEM13_BAD_NUMBER)`,
    );
    expect(lines).toContain(`${samplePath('challenge-sample.csv')}: ok`);
  });

  it('says ok with N warnings', async () => {
    const file = samplePath('aemo-spec-example-nem13-forward-estimate.csv');
    const result = await runNemInProcess(['validate', file]);
    expectExit(result, 0);
    expect(result.stdout.split('\n')[0]).toBe(`${file}: ok with 3 warnings`);
  });

  it('prints NDJSON with --json: one object per file with counts, errors and warnings', async () => {
    const result = await runNemInProcess(['validate', '--json', samplePath('aemo-mdp-test-2005'), samplePath('nem12')]);
    expectExit(result, 0);
    const objects = ndjson(result.stdout);
    const csvs = EXPECTED.filter((f) => f.file.startsWith('aemo-mdp-test-2005/'));
    expect(objects).toHaveLength(csvs.length + 2);
    for (const expected of csvs) {
      const found = objects.find((o) => o.file === samplePath(expected.file));
      expect(found).toMatchObject({ valid: true, counts: { '250': expected.n250, '550': expected.n550 }, errors: [] });
      expect(found?.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    const nem12 = objects.filter((o) => String(o.file).includes('nem12'));
    expect(nem12.map((o) => [o.format, o.valid, o.counts])).toEqual([
      ['NEM12', true, { '200': 2, '300': 2, '400': 0, '500': 0 }],
      ['NEM12', true, { '200': 1, '300': 1, '400': 3, '500': 0 }],
    ]);
  });

  it('reads NEM12 files with the NEM12 reader: valid ones exit 0, an invalid one names file, line, field and code', async () => {
    const valid = EXPECTED_NEM12.filter((f) => f.valid && f.member === undefined).slice(0, 2);
    expect(valid).toHaveLength(2);
    const ok = await runNemInProcess(['validate', ...valid.map((f) => nem12SamplePath(f.file))]);
    expectExit(ok, 0);
    expect(ok.stdout).not.toContain('invalid');
    for (const f of valid) expect(ok.stdout).toContain(`${nem12SamplePath(f.file)}: ok`);

    const file = nem12SamplePath('aemo-mdp-test-2005/NEM12_Scenario10_ETSAMDP_NEMMCO.csv');
    const bad = await runNemInProcess(['validate', file, nem12SamplePath(valid[0]?.file ?? '')]);
    expectExit(bad, 1);
    const lines = bad.stdout.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${escape(file)}: invalid \\(\\d+ errors?`));
    expect(lines[1]).toMatch(new RegExp(`^${escape(file)}:27: .*\\(error NEM12_FIELD_COUNT\\)$`));

    const json = await runNemInProcess(['validate', '--json', file]);
    expectExit(json, 1);
    const [report] = ndjson(json.stdout);
    expect(report).toMatchObject({ format: 'NEM12', valid: false });
    expect((report?.errors as unknown[])[0]).toMatchObject({ line: 27, record: '300', code: 'NEM12_FIELD_COUNT' });
  });

  it('reports an unreadable path, goes on with the others, and exits 2', async () => {
    const result = await runNemInProcess(['validate', '/nonexistent/file.csv', samplePath('challenge-sample.csv')]);
    expectExit(result, 2);
    expect(result.stderr).toContain('/nonexistent/file.csv: cannot be read (no such file or directory)');
    expect(result.stdout).toContain(`${samplePath('challenge-sample.csv')}: ok`);
  });

  it('exits 2 on a usage error', async () => {
    const missing = await runNem(['validate']);
    expectExit(missing, 2);
    expect(missing.stderr).toContain("missing required argument 'paths'");
    const unknown = await runNem(['frobnicate']);
    expectExit(unknown, 2);
  });

  it('reads a zip and a gzip by content', async () => {
    const result = await runNemInProcess([
      'validate',
      '--json',
      samplePath('zipped/NEM13#000000000000013#CNRGYMDP#NEMMCO.zip'),
    ]);
    expectExit(result, 0);
    expect(ndjson(result.stdout)[0]).toMatchObject({ valid: true, counts: { '250': 1, '550': 0 } });
  });
});
