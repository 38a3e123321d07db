import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectExit } from '../../../test/cli.js';
import { runNemInProcess } from '../../../test/nem-in-process.js';
import { samplePath } from '../../../test/samples.js';
import { READ_MODEL_PROJECTION } from '../../projections/read-model/read-model.schema.js';

const env = { NEM_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'nem-read-e2e-')), 'data'), DATABASE_URL: '' };

describe('nem readings, files and projections (embedded database)', () => {
  beforeAll(async () => {
    const imported = await runNemInProcess(
      ['import', samplePath('challenge-sample.csv'), samplePath('malformed')],
      env,
    );
    expect(imported.stderr).toBe('');
  });

  it('lists the readings of a NMI as JSON with exact values and +10:00 times', async () => {
    const result = await runNemInProcess(['readings', '--nmi', '2291137510', '--json'], env);
    expectExit(result, 0);
    const readings = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(readings).toEqual([
      expect.objectContaining({
        nmi: '2291137510',
        meterSerial: 'R4ZFLS6ZY1UV',
        registerId: '1',
        nmiSuffix: '11',
        currentRead: '56311.0',
        currentReadAt: '2004-01-07T10:03:33+10:00',
        previousRead: '55893.0',
        previousReadAt: '2003-10-15T10:03:33+10:00',
        quantity: '418.0',
        uom: 'kWh',
        currentQuality: 'A',
        fileName: 'challenge-sample.csv',
        fileId: expect.stringMatching(/^[0-9a-f]{64}$/),
        superseded: false,
      }),
    ]);
  });

  it('prints a table for people, with both registers of a meter', async () => {
    const result = await runNemInProcess(['readings', '--serial', 'PSMIL89KM79J'], env);
    expectExit(result, 0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /^NMI\s+Serial\s+Register\s+Suffix\s+Previous read\s+Current read\s+Quantity\s+Quality\s+File$/,
    );
    expect(lines).toHaveLength(4);
    expect(result.stdout).toContain('182615.0 2004-01-07 13:30:49 +10:00');
    expect(result.stdout).toContain('131113.0 2004-01-07 13:30:49 +10:00');
  });

  it('filters by date and refuses a bad one with exit 2', async () => {
    const none = await runNemInProcess(['readings', '--nmi', '2291137510', '--to', '2004-01-06', '--json'], env);
    expect(JSON.parse(none.stdout)).toEqual([]);
    const day = await runNemInProcess(
      ['readings', '--nmi', '2291137510', '--from', '2004-01-07', '--to', '2004-01-07', '--json'],
      env,
    );
    expect(JSON.parse(day.stdout)).toHaveLength(1);
    const bad = await runNemInProcess(['readings', '--nmi', '2291137510', '--from', '2004-02-30'], env);
    expectExit(bad, 2);
    expect(bad.stderr).toContain('"2004-02-30" is not a real date');
    const both = await runNemInProcess(['readings', '--nmi', 'x', '--serial', 'y'], env);
    expectExit(both, 2);
  });

  it('lists files by status and shows one with its errors by line', async () => {
    const rejected = await runNemInProcess(['files', '--status', 'rejected', '--json'], env);
    expect((JSON.parse(rejected.stdout) as Array<{ fileName: string }>).map((f) => f.fileName)).toEqual([
      'handcopied-spec-example-nem13-meter-change.csv',
    ]);
    const shown = await runNemInProcess(['files', 'show', 'handcopied-spec-example-nem13-meter-change.csv'], env);
    expectExit(shown, 0);
    expect(shown.stdout).toContain('Status:    rejected');
    expect(shown.stdout).toContain(
      'handcopied-spec-example-nem13-meter-change.csv:4: Quantity: "8. 77" is not a number',
    );
    const missing = await runNemInProcess(['files', 'show', 'nope.csv'], env);
    expectExit(missing, 1);
  });

  it('reports projection status, catches up after an import with --no-project, and rebuilds', async () => {
    const skipped = await runNemInProcess(
      ['import', '--no-project', samplePath('aemo-spec-example-nem13-forward-estimate.csv')],
      env,
    );
    expectExit(skipped, 0);
    const behind = JSON.parse((await runNemInProcess(['projections', 'status', '--json'], env)).stdout) as {
      lag: number;
      upToDate: boolean;
    };
    expect(behind.lag).toBe(4); // FileReceived, two ReadingRecorded, FileImported
    expect(behind.upToDate).toBe(false);
    expect(JSON.parse((await runNemInProcess(['readings', '--nmi', 'VDEF005890', '--json'], env)).stdout)).toEqual([]);
    const rebuilt = await runNemInProcess(['projections', 'rebuild'], env);
    expectExit(rebuilt, 0);
    expect(rebuilt.stdout).toMatch(new RegExp(`^rebuilt ${READ_MODEL_PROJECTION} as generation 2 from \\d+ events`));
    // Progress against the whole store, to the end.
    expect(rebuilt.stderr).toMatch(/rebuild: generation 2: ([\d,]+) of \1 events \(100%\)/);
    const status = JSON.parse((await runNemInProcess(['projections', 'status', '--json'], env)).stdout) as {
      lag: number;
      generation: number;
    };
    expect(status).toMatchObject({ lag: 0, generation: 2 });
    expect(JSON.parse((await runNemInProcess(['readings', '--nmi', 'VDEF005890', '--json'], env)).stdout)).toHaveLength(
      2,
    );
  });
});
