import { sql, type CommonQueryMethods } from 'slonik';
import { z } from 'zod';
import { toNemIso } from '../../domain/nem-time.js';
import { tableOf } from './read-model.schema.js';

/**
 * The register reads added, removed or changed between two generations of the read model, in one
 * set-based query a page at a time (keyset on the key): a register read is keyed by NMI, NMI suffix,
 * register id, meter serial and current read time, and compared by its winning (not superseded) version,
 * every column of it.
 */

const NemTimeText = z.iso.datetime({ offset: true }).describe('an instant in NEM time (+10:00)');

export const DiffReadingKeyView = z.object({
  nmi: z.string(),
  nmiSuffix: z.string(),
  registerId: z.string(),
  meterSerial: z.string(),
  currentReadAt: NemTimeText,
});

export const DiffVersionView = z.object({
  fileId: z.string(),
  fileName: z.string().nullable().describe("the file's name, as the generation knows it"),
  line: z.number().int(),
  currentRead: z.string().describe('as sent in the file'),
  currentQuality: z.string(),
  quantity: z.string().describe('as sent in the file'),
  updatedAt: NemTimeText,
});

export const DiffFieldView = z.object({
  field: z.string().describe('the read-model column, camelCase (e.g. `currentRead`, `importPosition`)'),
  from: z.string().nullable(),
  to: z.string().nullable(),
});

export const GenerationDiffItemView = z.object({
  key: DiffReadingKeyView,
  change: z
    .enum(['added', 'removed', 'changed'])
    .describe('added: only in the second generation; removed: only in the first; changed: in both, differing'),
  before: DiffVersionView.nullable().describe('the winning version in the first generation'),
  after: DiffVersionView.nullable().describe('the winning version in the second generation'),
  fields: z.array(DiffFieldView).describe('for a change: the columns that differ, with both values as text'),
});
export type GenerationDiffItem = z.output<typeof GenerationDiffItemView>;

export interface GenerationDiffPage {
  readonly items: GenerationDiffItem[];
  /** Pass as `after` for the next page; null on the last. */
  readonly nextCursor: string | null;
}

const RawVersion = z
  .object({
    fileId: z.string(),
    fileName: z.string().nullable(),
    line: z.number(),
    currentRead: z.string(),
    currentQuality: z.string(),
    quantity: z.string(),
    updatedAt: z.string(),
  })
  .transform((version) => ({ ...version, updatedAt: toNemIso(version.updatedAt) }));

const DiffRow = z.object({
  nmi: z.string(),
  nmiSuffix: z.string(),
  registerId: z.string(),
  meterSerial: z.string(),
  currentReadAt: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  before: RawVersion.nullable(),
  after: RawVersion.nullable(),
  fields: z.array(z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
});

const KeyCursor = z.tuple([z.string(), z.string(), z.string(), z.string(), z.string()]);

export class BadDiffCursorError extends Error {
  constructor() {
    super('the cursor is not one this diff gave');
    this.name = 'BadDiffCursorError';
  }
}

function encodeCursor(row: z.infer<typeof DiffRow>): string {
  return Buffer.from(
    JSON.stringify([row.nmi, row.nmiSuffix, row.registerId, row.meterSerial, row.currentReadAt]),
  ).toString('base64url');
}

function decodeCursor(cursor: string): z.infer<typeof KeyCursor> {
  try {
    return KeyCursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new BadDiffCursorError();
  }
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** Column values of instants (`..._at`) in NEM time, like every other answer. */
function fieldValue(field: string, value: string | null): string | null {
  return value !== null && field.endsWith('_at') ? toNemIso(new Date(value)) : value;
}

export async function diffGenerations(
  db: CommonQueryMethods,
  from: number,
  to: number,
  options: { readonly nmi?: string; readonly after?: string; readonly limit: number },
): Promise<GenerationDiffPage> {
  const after = options.after === undefined ? null : decodeCursor(options.after);
  const filter = sql.fragment`NOT superseded
    ${options.nmi === undefined ? sql.fragment`` : sql.fragment`AND nmi = ${options.nmi}`}
    ${
      after === null
        ? sql.fragment``
        : sql.fragment`AND (nmi, nmi_suffix, register_id, meter_serial_number, current_read_at)
            > (${after[0]}, ${after[1]}, ${after[2]}, ${after[3]}, ${after[4]}::timestamptz)`
    }`;
  const version = (side: 'l' | 'r', files: 'lf' | 'rf') => {
    const s = sql.identifier([side]);
    const f = sql.identifier([files]);
    return sql.fragment`CASE WHEN ${s}.line IS NULL THEN NULL ELSE jsonb_build_object(
      'fileId', ${f}.file_id, 'fileName', ${f}.file_name, 'line', ${s}.line, 'currentRead', ${s}.current_read,
      'currentQuality', ${s}.current_quality, 'quantity', ${s}.quantity, 'updatedAt', ${s}.updated_at) END`;
  };
  const rows = await db.any(sql.type(DiffRow)`
    WITH l AS (SELECT * FROM ${tableOf('register_reads', from)} WHERE ${filter}),
      r AS (SELECT * FROM ${tableOf('register_reads', to)} WHERE ${filter})
    SELECT
      coalesce(l.nmi, r.nmi) AS nmi, coalesce(l.nmi_suffix, r.nmi_suffix) AS "nmiSuffix",
      coalesce(l.register_id, r.register_id) AS "registerId",
      coalesce(l.meter_serial_number, r.meter_serial_number) AS "meterSerial",
      coalesce(l.current_read_at, r.current_read_at) AS "currentReadAt",
      CASE WHEN l.line IS NULL THEN 'added' WHEN r.line IS NULL THEN 'removed' ELSE 'changed' END AS change,
      ${version('l', 'lf')} AS before,
      ${version('r', 'rf')} AS after,
      CASE WHEN l.line IS NULL OR r.line IS NULL THEN '[]'::jsonb ELSE (
        SELECT coalesce(jsonb_agg(jsonb_build_object('field', a.key, 'from', a.value, 'to', b.value) ORDER BY a.key), '[]')
        FROM jsonb_each_text(to_jsonb(l)) a JOIN jsonb_each_text(to_jsonb(r)) b USING (key)
        WHERE a.value IS DISTINCT FROM b.value) END AS fields
    FROM l FULL JOIN r
      ON (l.nmi, l.nmi_suffix, l.register_id, l.meter_serial_number, l.current_read_at)
        = (r.nmi, r.nmi_suffix, r.register_id, r.meter_serial_number, r.current_read_at)
    LEFT JOIN ${tableOf('files', from)} lf ON lf.closed_position = l.import_position
    LEFT JOIN ${tableOf('files', to)} rf ON rf.closed_position = r.import_position
    WHERE l.line IS NULL OR r.line IS NULL OR (l.*) IS DISTINCT FROM (r.*)
    ORDER BY 1, 2, 3, 4, 5
    LIMIT ${options.limit + 1}`);
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      key: {
        nmi: row.nmi,
        nmiSuffix: row.nmiSuffix,
        registerId: row.registerId,
        meterSerial: row.meterSerial,
        currentReadAt: toNemIso(row.currentReadAt),
      },
      change: row.change,
      before: row.before,
      after: row.after,
      fields: row.fields.map((f) => ({
        field: camel(f.field),
        from: fieldValue(f.field, f.from),
        to: fieldValue(f.field, f.to),
      })),
    })),
    nextCursor: rows.length > options.limit && last !== undefined ? encodeCursor(last) : null,
  };
}
