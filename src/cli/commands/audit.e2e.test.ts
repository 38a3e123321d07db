import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openDatabase, type DatabaseTarget } from '../../infrastructure/db/database.js';
import { expectExit } from '../../../test/cli.js';
import { runNemInProcess } from '../../../test/nem-in-process.js';
import { createTestPostgres, TEST_DATABASE_URL, type TestPostgres } from '../../../test/databases.js';
import { samplePath } from '../../../test/samples.js';

const work = mkdtempSync(join(tmpdir(), 'nem-audit-e2e-'));
const TIMEOUT = 120_000;

interface Backend {
  readonly name: string;
  env(): NodeJS.ProcessEnv;
  target(): DatabaseTarget;
}

let server: TestPostgres | null = null;
const BACKENDS: Backend[] = [
  {
    name: 'pglite',
    env: () => ({ NEM_DATA_DIR: join(work, 'data'), DATABASE_URL: '' }),
    target: () => ({ kind: 'pglite', dataDir: join(work, 'data') }),
  },
  ...(TEST_DATABASE_URL === ''
    ? []
    : [
        {
          name: 'postgres',
          env: () => ({ DATABASE_URL: server?.url ?? '' }),
          target: () => ({ kind: 'postgres' as const, url: server?.url ?? '' }),
        },
      ]),
];

const Victim = z.object({ id: z.string(), position: z.string(), data: z.record(z.string(), z.unknown()) });

interface VerifyJson {
  streams: number;
  ok: number;
  broken: number;
  reports: Array<{
    fileName: string | null;
    status: string;
    firstDifference: { check: string; revision: number; position: string; eventId: string } | null;
  }>;
}

describe.each(BACKENDS)('nem audit verify ($name)', (backend) => {
  beforeAll(async () => {
    if (backend.name === 'postgres') server = await createTestPostgres();
    const imported = await runNemInProcess(
      ['import', samplePath('challenge-sample.csv'), samplePath('malformed')],
      backend.env(),
    );
    expectExit(imported, 1); // one of the malformed samples is rejected
  }, TIMEOUT);
  afterAll(async () => {
    if (backend.name === 'postgres') await server?.drop();
  });

  it(
    'exits 0 when every stream passes, in words and in JSON',
    async () => {
      const words = await runNemInProcess(['audit', 'verify'], backend.env());
      expectExit(words, 0);
      expect(words.stdout.trim()).toBe('nem audit verify: 3 file streams, 3 ok, 0 broken');
      const json = await runNemInProcess(['audit', 'verify', '--json'], backend.env());
      expectExit(json, 0);
      const report = JSON.parse(json.stdout) as VerifyJson;
      expect(report).toMatchObject({ streams: 3, ok: 3, broken: 0 });
      expect(report.reports.map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
    },
    TIMEOUT,
  );

  it(
    'exits 1 naming the event whose data was edited in the database',
    async () => {
      const database = await openDatabase(backend.target());
      let victim: z.infer<typeof Victim>;
      try {
        victim = await database.pool.one(sql.type(Victim)`
          SELECT event_id::text AS id, position::text AS position, data FROM nem_events
          WHERE stream_revision = 5 AND stream_id = (
            SELECT stream_id FROM nem_events
            WHERE event_type = 'FileReceived' AND data->>'fileName' = 'challenge-sample.csv')`);
        const fields = [...(victim.data.fields as string[])];
        fields[17] = '0.0';
        await database.pool.query(sql.unsafe`
          UPDATE nem_events SET data = ${JSON.stringify({ ...victim.data, fields })}::jsonb
          WHERE event_id = ${victim.id}::uuid`);
      } finally {
        await database.close();
      }
      const words = await runNemInProcess(['audit', 'verify'], backend.env());
      expectExit(words, 1);
      expect(words.stdout).toContain('nem audit verify: 3 file streams, 2 ok, 1 broken');
      expect(words.stdout).toContain('broken: nem13File-');
      expect(words.stdout).toContain(
        `first difference: revision 5, position ${victim.position}, event ${victim.id} (ReadingRecorded): original: it differs from line`,
      );
      expect(words.stdout).toMatch(/Quantity is "0\.0" here, "[0-9.]+" in the original/);
      expect(words.stdout).toMatch(/also: revision 11, .* \(FileImported\): digest: /);

      const json = await runNemInProcess(['audit', 'verify', '--json'], backend.env());
      expectExit(json, 1);
      const report = JSON.parse(json.stdout) as VerifyJson;
      expect(report).toMatchObject({ broken: 1 });
      expect(report.reports.find((r) => r.status === 'broken')).toMatchObject({
        fileName: 'challenge-sample.csv',
        firstDifference: { check: 'original', revision: 5, position: victim.position, eventId: victim.id },
      });
    },
    TIMEOUT,
  );
});

describe('nem audit verify, when it cannot run', () => {
  it(
    'exits 2 for a usage error or a database out of reach',
    async () => {
      const bare = await runNemInProcess(['audit'], { NEM_DATA_DIR: join(work, 'usage'), DATABASE_URL: '' });
      expectExit(bare, 2);
      expect(bare.stderr).toContain('nem audit: name a subcommand (verify)');
      expectExit(
        await runNemInProcess(['audit', 'verify', '--bogus'], { NEM_DATA_DIR: join(work, 'usage'), DATABASE_URL: '' }),
        2,
      );
      const unreachable = await runNemInProcess(['audit', 'verify'], {
        DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nem',
      });
      expectExit(unreachable, 2);
      expect(unreachable.stderr).toContain('nem: cannot connect to PostgreSQL at');
    },
    TIMEOUT,
  );
});
