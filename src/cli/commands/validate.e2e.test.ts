import { describe, expect, it } from 'vitest';
import { expectExit, ndjson, runNem } from '../../../test/cli.js';
import { EXPECTED, samplePath } from '../../../test/samples.js';

describe('nem validate', () => {
  it('prints ok for a valid file and exits 0', async () => {
    const result = await runNem(['validate', samplePath('challenge-sample.csv')]);
    expectExit(result, 0);
    expect(result.stdout).toBe(`${samplePath('challenge-sample.csv')}: ok\n`);
  });

  it('prints each problem as file:line: field: message and exits 1 when a file is invalid', async () => {
    const file = samplePath('malformed/handcopied-spec-example-nem13-meter-change.csv');
    const result = await runNem(['validate', file, samplePath('challenge-sample.csv')]);
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
    const result = await runNem(['validate', file]);
    expectExit(result, 0);
    expect(result.stdout.split('\n')[0]).toBe(`${file}: ok with 3 warnings`);
  });

  it('prints NDJSON with --json: one object per file with counts, errors and warnings', async () => {
    const result = await runNem(['validate', '--json', samplePath('aemo-mdp-test-2005'), samplePath('nem12')]);
    expectExit(result, 1);
    const objects = ndjson(result.stdout);
    const csvs = EXPECTED.filter((f) => f.file.startsWith('aemo-mdp-test-2005/'));
    expect(objects).toHaveLength(csvs.length + 2);
    for (const expected of csvs) {
      const found = objects.find((o) => o.file === samplePath(expected.file));
      expect(found).toMatchObject({ valid: true, counts: { '250': expected.n250, '550': expected.n550 }, errors: [] });
      expect(found?.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    const nem12 = objects.filter((o) => String(o.file).includes('nem12'));
    expect(nem12).toHaveLength(2);
    for (const o of nem12) {
      expect(o.valid).toBe(false);
      expect((o.errors as Array<Record<string, unknown>>)[0]).toEqual({
        line: 1,
        record: '100',
        field: 'VersionHeader',
        code: 'NEM13_NEM12_FILE',
        severity: 'error',
        message: expect.any(String),
      });
    }
  });

  it('reports an unreadable path, goes on with the others, and exits 2', async () => {
    const result = await runNem(['validate', '/nonexistent/file.csv', samplePath('challenge-sample.csv')]);
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
    const result = await runNem(['validate', '--json', samplePath('zipped/NEM13#000000000000013#CNRGYMDP#NEMMCO.zip')]);
    expectExit(result, 0);
    expect(ndjson(result.stdout)[0]).toMatchObject({ valid: true, counts: { '250': 1, '550': 0 } });
  });
});
