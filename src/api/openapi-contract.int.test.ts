/**
 * The API's contract as clients live off it: the document at /docs/json is complete (every operation
 * named and described, named schemas, errors as problem details), lint-clean by Redocly's recommended
 * rules and valid; the committed copy and the admin's generated types are those of the live document;
 * the client example type-checks and runs; and conditional requests work.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_TYPES_PATH, clientTypes, DOCUMENT_PATH, documentText, liveDocument } from '../../scripts/openapi.js';
import { multipart, testApi, type TestApi } from '../../test/api.js';
import { REPO_ROOT } from '../../test/cli.js';
import { openPgliteFromTemplate } from '../../test/databases.js';
import { samplePath } from '../../test/samples.js';
import type { Database } from '../infrastructure/db/database.js';

const run = promisify(execFile);

/** A failed child process as an error that shows what it printed. */
function failed(what: string): (error: unknown) => never {
  return (error: unknown) => {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${what}:\n${stdout}\n${stderr}`);
  };
}
const bin = (name: string) => resolve(REPO_ROOT, 'node_modules/.bin', name);

interface Operation {
  operationId?: string;
  tags?: string[];
  summary?: string;
  description?: string;
  parameters?: Array<{ name: string; description?: string }>;
  responses: Record<string, { description: string; content?: Record<string, unknown> }>;
}
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
} & Record<string, unknown>;

let document: Document;
beforeAll(async () => {
  document = (await liveDocument()) as Document;
}, 120_000);

describe('the OpenAPI document', () => {
  it('is the committed docs/openapi.json, and the admin’s types are generated from it (npm run api:generate)', async () => {
    expect(readFileSync(DOCUMENT_PATH, 'utf8')).toBe(documentText(document));
    expect(readFileSync(CLIENT_TYPES_PATH, 'utf8')).toBe(await clientTypes(document));
  });

  it('names, tags, summarises and describes every operation, its parameters and its answers', () => {
    const ids: string[] = [];
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect(op.operationId, where).toMatch(/^[a-z][A-Za-z]+$/);
        ids.push(op.operationId ?? '');
        expect(op.tags?.length, where).toBe(1);
        expect(op.summary?.length, where).toBeGreaterThan(3);
        expect(op.description?.length, where).toBeGreaterThan(20);
        for (const parameter of op.parameters ?? [])
          expect(parameter.description, `${where} ${parameter.name}`).toBeTruthy();
        for (const [status, response] of Object.entries(op.responses)) {
          expect(response.description, `${where} ${status}`).not.toBe('Default Response');
          if (Number(status) >= 400)
            expect(Object.keys(response.content ?? {}), `${where} ${status}`).toContain('application/problem+json');
        }
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        'searchReadings',
        'getMeterPoint',
        'getMeter',
        'uploadFiles',
        'listFiles',
        'getFile',
        'signIn',
        'createToken',
      ]),
    );
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        'Reading',
        'FlowFile',
        'Problem',
        'ImportResult',
        'User',
        'ApiToken',
        'ProjectionStatus',
        'MeterPoint',
      ]),
    );
  });

  it('types instants as date-time in NEM time and days as date, and documents the CSRF header on changes', () => {
    const reading = document.components.schemas.Reading as {
      properties: Record<string, { format?: string; pattern?: string }>;
    };
    expect(reading.properties.currentReadAt).toMatchObject({
      format: 'date-time',
      description: expect.stringContaining('+10:00'),
    });
    expect(reading.properties.nextScheduledReadDate).toMatchObject({ anyOf: [{ format: 'date' }, { type: 'null' }] });
    const upload = document.paths['/api/files']?.post as { security?: unknown };
    expect(upload.security).toEqual([{ bearer: [] }, { session: [], csrf: [] }]);
    const search = document.paths['/api/readings']?.get as { security?: unknown; responses: Record<string, unknown> };
    expect(search.security).toEqual([{ bearer: [] }, { session: [] }]);
    expect(Object.keys(search.responses)).toContain('304');
  });

  it("is clean by Redocly's recommended rules and valid", async () => {
    const work = mkdtempSync(join(tmpdir(), 'nem-openapi-'));
    const file = join(work, 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
    const lint = await run(bin('redocly'), ['lint', file, '--extends', 'recommended', '--format', 'json'], {
      cwd: work,
      maxBuffer: 16 * 1024 * 1024,
    }).catch(failed('redocly lint failed'));
    const report = JSON.parse(lint.stdout) as { totals: { errors: number; warnings: number }; problems: unknown[] };
    expect(report.problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    await SwaggerParser.validate(structuredClone(document) as never);
  }, 120_000);
});

describe('the client example (docs/examples/readings.ts)', () => {
  let database: Database;
  let api: TestApi;
  let url = '';
  let token = '';
  beforeAll(async () => {
    database = await openPgliteFromTemplate();
    api = await testApi(database);
    token = (await api.accounts.createToken('admin', 'example')).token;
    url = await api.app.listen({ host: '127.0.0.1', port: 0 });
  }, 120_000);
  afterAll(async () => {
    await api.close();
    await database.close();
  });

  it('type-checks against the generated types', async () => {
    await run(bin('tsc'), ['-p', resolve(REPO_ROOT, 'docs/examples/tsconfig.json')]).catch(
      failed('the example does not type-check'),
    );
  }, 120_000);

  it('uploads a file, pages through its NMI and shows the meter point', async () => {
    const { stdout, stderr } = await run(
      process.execPath,
      [resolve(REPO_ROOT, 'docs/examples/readings.ts'), '2291137510', samplePath('challenge-sample.csv')],
      { env: { ...process.env, NEM_URL: url, NEM_TOKEN: token } },
    ).catch(failed('the example failed'));
    expect(stderr).toBe('');
    expect(stdout.split('\n')).toEqual([
      'challenge-sample.csv: imported (10 readings)',
      '2004-01-07T10:03:33+10:00 11/1 56311.0 418.0 kWh',
      'meter point 2291137510: meters R4ZFLS6ZY1UV, 1 registers',
      '',
    ]);
  }, 120_000);

  it('answers 304 to a poll with the ETag while nothing changed, and 200 with a new one after an import', async () => {
    const headers = { authorization: `Bearer ${token}` };
    const first = await api.app.inject({ method: 'GET', url: '/api/readings?nmi=2291137510', headers });
    expect(first.statusCode).toBe(200);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await api.app.inject({
      method: 'GET',
      url: '/api/readings?nmi=2291137510',
      headers: { ...headers, 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    for (const path of ['/api/meter-points/2291137510', '/api/files', `/api/files/challenge-sample.csv`]) {
      const conditional = await api.app.inject({
        method: 'GET',
        url: path,
        headers: { ...headers, 'if-none-match': etag },
      });
      expect({ path, status: conditional.statusCode }).toEqual({ path, status: 304 });
    }
    const upload = multipart([
      { name: 'forward.csv', content: readFileSync(samplePath('aemo-spec-example-nem13-forward-estimate.csv')) },
    ]);
    const imported = await api.app.inject({
      method: 'POST',
      url: '/api/files',
      headers: { ...headers, ...upload.headers },
      payload: upload.payload,
    });
    expect(imported.statusCode).toBe(200);
    const changed = await api.app.inject({
      method: 'GET',
      url: '/api/readings?nmi=2291137510',
      headers: { ...headers, 'if-none-match': etag },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });
});
