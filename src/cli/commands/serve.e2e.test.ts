import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { samplePath } from '../../../test/samples.js';
import { startNem } from '../../../test/server.js';

function dataDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'nem-serve-e2e-')), 'data');
}

async function signIn(url: string, password: string): Promise<{ cookie: string; csrfToken: string }> {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrfToken: ((await response.json()) as { csrfToken: string }).csrfToken };
}

describe('nem start and nem serve', () => {
  it('starts in one command: creates an admin, imports the samples, serves, and stops on SIGTERM', async () => {
    const nem = startNem(['start', '--port', '0'], {
      NEM_DATA_DIR: dataDir(),
      DATABASE_URL: '',
      NEM_ADMIN_PASSWORD: '',
    });
    try {
      const [, password] = await nem.waitFor(/created the user "admin" with the password (\S+) \(shown once/);
      // The NEM12 samples count in interval days, the NEM13 ones in readings.
      await nem.waitFor(
        /imported the sample files: \d+ files \([\d,]+ readings, [1-9][\d,]* interval days\), 1 rejected/,
      );
      const [, url] = await nem.waitFor(/open (http:\/\/127\.0\.0\.1:\d+)\//);
      const health = await fetch(`${url}/health`);
      expect(health.status).toBe(200);
      const session = await signIn(url ?? '', password ?? '');
      const readings = await fetch(`${url}/api/readings?nmi=2291137510`, { headers: { cookie: session.cookie } });
      expect(
        ((await readings.json()) as { items: Array<{ currentRead: string }> }).items.map((r) => r.currentRead),
      ).toEqual(['56311.0']);
      const form = new FormData();
      form.append(
        'file',
        new Blob([readFileSync(samplePath('malformed/handcopied-spec-example-nem13-transfer-read.csv'))]),
        'transfer.csv',
      );
      const upload = await fetch(`${url}/api/files`, {
        method: 'POST',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
        body: form,
      });
      expect(upload.status).toBe(200);
      expect(((await upload.json()) as { results: Array<{ status: string }> }).results[0]?.status).toBe('duplicate');
    } finally {
      expect(await nem.stop(), nem.output()).toBe(0);
    }
  });

  it('takes the admin password from NEM_ADMIN_PASSWORD and imports files landing in --inbox', async () => {
    const env = { NEM_DATA_DIR: dataDir(), DATABASE_URL: '', NEM_ADMIN_PASSWORD: 'a-long-admin-password' };
    const first = startNem(['start', '--port', '0', '--samples', join(tmpdir(), 'no-samples-here')], env);
    await first.waitFor(/created the user "admin" with the password from NEM_ADMIN_PASSWORD/);
    await first.waitFor(/open http/);
    expect(await first.stop(), first.output()).toBe(0);

    const inbox = mkdtempSync(join(tmpdir(), 'nem-serve-inbox-'));
    const nem = startNem(['serve', '--port', '0', '--inbox', inbox, '--no-log'], env);
    try {
      const [, url] = await nem.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      const session = await signIn(url ?? '', 'a-long-admin-password');
      const { copyFileSync } = await import('node:fs');
      copyFileSync(samplePath('challenge-sample.csv'), join(inbox, 'challenge.csv'));
      await nem.waitFor(/challenge\.csv: imported \(10 readings\) -> processed\//);
      const readings = await fetch(`${url}/api/readings?serial=PSMIL89KM79J`, { headers: { cookie: session.cookie } });
      expect(((await readings.json()) as { items: unknown[] }).items).toHaveLength(2);
    } finally {
      expect(await nem.stop(), nem.output()).toBe(0);
    }
  });
});
