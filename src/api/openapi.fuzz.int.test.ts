/**
 * Requests generated from the OpenAPI document for every operation, with valid and hostile values (NUL,
 * huge, forged cursors, odd dates, unicode, wrong types): the API never answers 5xx, and every answer
 * matches the schema the document gives for its status.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import type { HTTPMethods, InjectOptions } from 'fastify';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../infrastructure/db/database.js';
import { multipart, signIn, testApi, type SignedIn, type TestApi } from '../../test/api.js';
import { TEST_DATABASES } from '../../test/databases.js';
import { samplePath } from '../../test/samples.js';

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required?: boolean;
  readonly schema?: JsonSchema;
}
interface JsonSchema {
  readonly type?: string | string[];
  readonly enum?: readonly unknown[];
  readonly properties?: Record<string, JsonSchema>;
  readonly required?: readonly string[];
  readonly [key: string]: unknown;
}
interface Operation {
  readonly method: HTTPMethods;
  readonly path: string;
  readonly parameters: readonly Parameter[];
  readonly body: { readonly type: string; readonly schema: JsonSchema } | null;
  readonly responses: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}

const cursor = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');

/** Values a careless or hostile client sends, whatever the parameter. */
const HOSTILE = [
  '',
  '\u0000',
  'a\u0000b',
  '\u001b[2J',
  '\u0085',
  '\u2028',
  '\u202eevil',
  'x'.repeat(300),
  'x'.repeat(5000),
  '💥⚡電力',
  '%',
  '%00',
  '../../etc/passwd',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '0000-01-01',
  '+275760-09-13T00:00:00Z',
  '2004-02-30',
  '2004',
  '-1',
  '0',
  '1e309',
  'NaN',
  '99999999999999999999',
  'true',
  'null',
  '[]',
  '{}',
  cursor(['x', 'y', 1]),
  cursor(['t', '2004-01-07T10:03:33+10:00', '1', 2 ** 31]),
  cursor(['k', 'N', 'nope', '1', 1]),
];

/** Values that fit what the service holds, so requests also reach the database and answer 200. */
const PLAUSIBLE: Record<string, readonly string[]> = {
  nmi: ['2291137510', 'NEM1316101', 'NEM13', '5787326565'],
  serial: ['PSMIL89KM79J', 'METSER123', 'PSM'],
  meterSerial: ['PSMIL89KM79J'],
  nmiSuffix: ['E1', '11'],
  registerId: ['1', 'E1'],
  currentReadAt: ['2004-01-07T10:03:33+10:00', '2004-09-23T00:00:01+10:00'],
  from: ['2004-01-01', '2004-02-29', '2004-01-07T10:03:33+10:00'],
  to: ['2004-12-31', '2005-01-01T00:00:00Z'],
  limit: ['1', '2', '500', '501'],
  file: ['challenge-sample.csv', 'challenge', '0123456789abcdef'],
  fileId: ['0'.repeat(64), 'f'.repeat(64)],
  username: ['viewer', 'fuzzed.user', 'Someone'],
  token: ['nem_unknown', '1', '999'],
  search: ['challenge', 'NEM13', ''],
  status: ['imported', 'rejected', 'receiving'],
  prefix: ['true', 'false'],
  includeSuperseded: ['true', 'false'],
  password: ['a-long-enough-password', 'short'],
  name: ['nightly import'],
  role: ['viewer', 'admin'],
  'if-none-match': ['*', 'W/"read_model_v3.g1.p3"', '"x", W/"y"'],
};

function valueFor(name: string, schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  const options: Array<fc.Arbitrary<unknown>> = [fc.constantFrom(...HOSTILE), fc.string({ maxLength: 40 })];
  const plausible = PLAUSIBLE[name];
  if (plausible !== undefined) options.push(fc.constantFrom(...plausible), fc.constantFrom(...plausible));
  if (schema?.enum !== undefined && schema.enum.length > 0) options.push(fc.constantFrom(...schema.enum));
  return fc.oneof(...options);
}

/** A JSON body: the documented properties with plausible, hostile or wrongly typed values, sometimes missing. */
function jsonBody(schema: JsonSchema): fc.Arbitrary<unknown> {
  const properties = Object.entries(schema.properties ?? {});
  const record = fc.record(
    Object.fromEntries(
      properties.map(([name, property]) => [
        name,
        fc.oneof(
          { weight: 4, arbitrary: valueFor(name, property) },
          { weight: 1, arbitrary: fc.constantFrom(null, 12, -1, true, [], {}, ['a']) },
        ),
      ]),
    ),
    { requiredKeys: [] },
  );
  return fc.oneof({ weight: 8, arbitrary: record }, { weight: 1, arbitrary: fc.constantFrom(null, [], 'text', 42) });
}

const SAMPLE = readFileSync(samplePath('challenge-sample.csv'));

function multipartBody(): fc.Arbitrary<{ payload: Buffer; headers: Record<string, string> }> {
  const file = fc.record({
    name: fc.oneof(fc.constantFrom(...HOSTILE), fc.constant('reads.csv')),
    content: fc.oneof(
      fc.constant<Buffer>(SAMPLE),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
      fc.constantFrom(...HOSTILE).map((text) => Buffer.from(text)),
    ),
  });
  return fc.oneof(
    { weight: 4, arbitrary: fc.array(file, { minLength: 0, maxLength: 2 }).map((files) => multipart(files)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...HOSTILE).map((text) => ({
        payload: Buffer.from(text),
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
      })),
    },
  );
}

describe.each(TEST_DATABASES)('the API under generated requests on $name', (target) => {
  let database: Database;
  let api: TestApi;
  let admin: SignedIn;
  let viewer: SignedIn;
  let token = '';
  let operations: Operation[] = [];
  const validators = new Map<string, ValidateFunction>();

  beforeAll(async () => {
    database = await target.open();
    api = await testApi(database);
    admin = await signIn(api.app, 'admin');
    viewer = await signIn(api.app, 'viewer');
    token = (await api.accounts.createToken('admin', 'fuzz')).token;
    const upload = multipart([{ name: 'challenge-sample.csv', content: SAMPLE }]);
    const imported = await api.app.inject({
      method: 'POST',
      url: '/api/files',
      headers: { ...upload.headers, authorization: `Bearer ${token}` },
      payload: upload.payload,
    });
    expect(imported.statusCode).toBe(200);

    const raw = (await api.app.inject({ method: 'GET', url: '/docs/json' })).json<Record<string, unknown>>();
    const document = (await SwaggerParser.dereference(structuredClone(raw) as never)) as unknown as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const content = (op.requestBody as { content?: Record<string, { schema: JsonSchema }> } | undefined)?.content;
        const [type, media] = Object.entries(content ?? {})[0] ?? [];
        const operation: Operation = {
          method: method.toUpperCase(),
          path,
          parameters: (op.parameters as Parameter[] | undefined) ?? [],
          body: type === undefined || media === undefined ? null : { type, schema: media.schema },
          responses: op.responses as Operation['responses'],
        };
        operations.push(operation);
        for (const [status, response] of Object.entries(operation.responses)) {
          for (const [type, media] of Object.entries(response.content ?? {})) {
            if (media.schema !== undefined) {
              validators.set(`${operation.method} ${path} ${status} ${type}`, ajv.compile(media.schema));
            }
          }
        }
      }
    }
    operations = operations.filter((op) => !op.path.startsWith('/docs'));
  });
  afterAll(async () => {
    await api.close();
    await database.close();
  });

  function request(op: Operation): fc.Arbitrary<{ op: Operation; url: string; options: InjectOptions }> {
    const path = fc.record(
      Object.fromEntries(op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, valueFor(p.name, p.schema)])),
    );
    const query = fc.record(
      Object.fromEntries(
        op.parameters.filter((p) => p.in === 'query').map((p) => [p.name, valueFor(p.name, p.schema)]),
      ),
      { requiredKeys: [] },
    );
    const headerValues = fc.record(
      Object.fromEntries(
        op.parameters.filter((p) => p.in === 'header').map((p) => [p.name, valueFor(p.name, p.schema)]),
      ),
      { requiredKeys: [] },
    );
    const body =
      op.body === null
        ? fc.constant(null)
        : op.body.type === 'multipart/form-data'
          ? multipartBody()
          : jsonBody(op.body.schema).map((value) => ({
              payload: JSON.stringify(value),
              headers: { 'content-type': 'application/json' },
            }));
    const who = fc.constantFrom('token', 'token', 'token', 'admin-session', 'viewer', 'anonymous');
    return fc
      .tuple(path, query, headerValues, body, who)
      .map(([pathValues, queryValues, extraHeaders, payload, caller]) => {
        let url = op.path;
        for (const [name, value] of Object.entries(pathValues)) {
          url = url.replace(`{${name}}`, encodeURIComponent(String(value)));
        }
        const search = new URLSearchParams(
          Object.entries(queryValues).map(([k, v]): [string, string] => [k, String(v)]),
        ).toString();
        const headers: Record<string, string> = {
          ...Object.fromEntries(Object.entries(extraHeaders).map(([k, v]) => [k, String(v)])),
          ...(payload?.headers ?? {}),
        };
        let cookies: Record<string, string> | undefined;
        if (caller === 'token') headers.authorization = `Bearer ${token}`;
        if (caller === 'admin-session' || caller === 'viewer') {
          const session = caller === 'viewer' ? viewer : admin;
          cookies = session.cookies;
          headers['x-csrf-token'] = session.csrfToken;
        }
        const target = search === '' ? url : `${url}?${search}`;
        const options: InjectOptions = {
          method: op.method,
          url: target,
          headers,
          ...(cookies === undefined ? {} : { cookies }),
          ...(payload === null ? {} : { payload: payload.payload }),
        };
        return { op, url: target, options };
      });
  }

  it('never answers 5xx, and every answer matches its documented status and schema', async () => {
    expect(operations.length).toBeGreaterThan(15);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations).chain((op) => request(op)),
        async ({ op, url, options }) => {
          const response = await api.app.inject(options);
          const where = `${op.method} ${url} -> ${response.statusCode} ${response.body.slice(0, 300)}`;
          expect(response.statusCode, where).toBeLessThan(500);
          const status = String(response.statusCode);
          expect(Object.keys(op.responses), `undocumented status: ${where}`).toContain(status);
          const documented = Object.keys(op.responses[status]?.content ?? {});
          if (response.body === '') {
            expect(documented, `no body, but the document describes one: ${where}`).toEqual([]);
            return;
          }
          // The media type is one the document gives for this status (problem+json for every error).
          const type = (response.headers['content-type'] ?? '').split(';')[0] ?? '';
          expect(documented, `media type ${type} not documented: ${where}`).toContain(type);
          if (response.statusCode >= 400) expect(type, where).toBe('application/problem+json');
          const validate = validators.get(`${op.method} ${op.path} ${status} ${type}`);
          expect(validate, `no schema for ${type}: ${where}`).toBeDefined();
          // A download (text/csv, octet-stream) is a string to its schema; everything else is JSON.
          const valid = validate?.(/json$/.test(type) ? response.json() : response.body);
          expect(valid, `${where}\n${JSON.stringify(validate?.errors)}`).toBe(true);
        },
      ),
      { numRuns: 300, seed: Number(process.env.FUZZ_SEED ?? 20261130), endOnFailure: true },
    );
  });
});
