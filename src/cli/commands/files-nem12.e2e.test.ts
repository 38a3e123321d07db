/** `nem files show` of NEM12 files: the format, the interval days and NMIs, a rejected one's errors by line. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectExit } from '../../../test/cli.js';
import { runNemInProcess } from '../../../test/nem-in-process.js';
import { EXPECTED_NEM12, nem12SamplePath } from '../../../test/samples.js';

const env = { NEM_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'nem-files12-e2e-')), 'data'), DATABASE_URL: '' };
const ACCEPTED = 'aemo-mdp-test-2005/NEM12_Scenario09_ETSAMDP_NEMMCO.csv';
const REJECTED = 'invalid/Example_NEM12_15min_200_30min_400.csv';

describe('nem files show, NEM12 files (embedded database)', () => {
  beforeAll(async () => {
    const imported = await runNemInProcess(['import', nem12SamplePath(ACCEPTED), nem12SamplePath(REJECTED)], env);
    // One file rejected: exit 1, each file's verdict on stdout.
    expectExit(imported, 1);
    expect(imported.stdout).toContain('NEM12_Scenario09_ETSAMDP_NEMMCO.csv: imported');
    expect(imported.stdout).toContain('Example_NEM12_15min_200_30min_400.csv: rejected');
  });

  it('says an imported NEM12 file is NEM12, with its interval days and the NMI they are of', async () => {
    const channel = EXPECTED_NEM12.find((f) => f.file === ACCEPTED)?.channels?.[0];
    const shown = await runNemInProcess(['files', 'show', 'NEM12_Scenario09_ETSAMDP_NEMMCO.csv'], env);
    expectExit(shown, 0);
    expect(shown.stdout).toContain('Format:    NEM12');
    expect(shown.stdout).toMatch(new RegExp(`^Days:      ${channel?.days} interval days \\(300\\), `, 'm'));
    expect(shown.stdout).not.toContain('Reads:');
    expect(shown.stdout).toContain(`NMIs:      ${channel?.nmi} (${channel?.days})`);
  });

  it('shows a rejected NEM12 file as NEM12 with its first error on the oracle’s line', async () => {
    const expected = EXPECTED_NEM12.find((f) => f.file === REJECTED);
    const shown = await runNemInProcess(['files', 'show', 'Example_NEM12_15min_200_30min_400.csv'], env);
    expectExit(shown, 0);
    expect(shown.stdout).toContain('Status:    rejected');
    expect(shown.stdout).toContain('Format:    NEM12');
    expect(shown.stdout).toContain(`Example_NEM12_15min_200_30min_400.csv:${expected?.error_line}: NMI:`);
  });
});
