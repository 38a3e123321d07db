/**
 * A client of the nem API, generated from its OpenAPI document: uploads a flow file, then pages through
 * the readings of a NMI and shows its meter point.
 *
 *   NEM_URL=http://127.0.0.1:3000 NEM_TOKEN=nem_... node readings.ts <NMI> [flow-file]
 *
 * In a project of your own: `npx openapi-typescript $NEM_URL/docs/json -o nem-api.d.ts` and
 * `npm install openapi-fetch`, then import the types from there (here: the admin's copy).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import createClient from 'openapi-fetch';
import type { paths } from '../../ui/src/api/schema.d.ts';

const [nmi, upload] = process.argv.slice(2);
if (nmi === undefined) throw new Error('usage: node readings.ts <NMI> [flow-file]');

const nem = createClient<paths>({
  baseUrl: process.env.NEM_URL ?? 'http://127.0.0.1:3000',
  headers: { authorization: `Bearer ${process.env.NEM_TOKEN ?? ''}` },
});

if (upload !== undefined) {
  const form = new FormData();
  form.append('file', new Blob([await readFile(upload)]), basename(upload));
  const { data, error } = await nem.POST('/api/files', {
    // The body is multipart: the typed field stands for the parts, which go as they are.
    body: { file: [basename(upload)] },
    bodySerializer: () => form,
  });
  if (error !== undefined) throw new Error(`upload: ${error.code}: ${error.detail}`);
  for (const result of data.results) console.log(`${result.file}: ${result.status} (${result.readings} readings)`);
}

// Every reading of the NMI, newest first, a page at a time.
let cursor: string | undefined;
do {
  const { data, error } = await nem.GET('/api/readings', {
    params: { query: { nmi, limit: 500, ...(cursor === undefined ? {} : { cursor }) } },
  });
  if (error !== undefined) throw new Error(`searchReadings: ${error.code}: ${error.detail}`);
  for (const r of data.items) {
    console.log(`${r.currentReadAt} ${r.nmiSuffix}/${r.registerId} ${r.currentRead} ${r.quantity} ${r.uom}`);
  }
  cursor = data.nextCursor ?? undefined;
} while (cursor !== undefined);

const { data: point, error } = await nem.GET('/api/meter-points/{nmi}', { params: { path: { nmi } } });
if (error !== undefined) throw new Error(`getMeterPoint: ${error.code}: ${error.detail}`);
console.log(`meter point ${point.nmi}: meters ${point.meterSerials.join(', ')}, ${point.registers.length} registers`);
