/**
 * The interval days of a NEM12 file, written when its FileImported is applied (like readings): one row
 * per IntervalDayRecorded, then the versions of each day (NMI, suffix, date) ranked, the newest in force.
 */
import { sql, type CommonQueryMethods, type FragmentSqlToken } from 'slonik';
import { fileStreamName } from '../../domain/events/file-events.js';
import { nemInstant } from './nem-time-sql.js';
import { tableOf } from './read-model.schema.js';
import { copyRecordEvents, type ReadingSource } from './record-events.js';

const PAGE = 1000;

/** The members of a 400 run and of a 500 in the read model: each present, null when the event leaves it out. */
const RUN_MEMBERS = ['from', 'to', 'quality', 'reasonCode', 'reasonDescription'] as const;
const B2B_MEMBERS = ['transactionCode', 'retailerServiceOrder', 'readAt', 'indexRead'] as const;

/** The objects of JSON array `list`, each with every member of `members` (null when it has none), in order. */
function everyMember(list: FragmentSqlToken, members: readonly string[]): FragmentSqlToken {
  const pairs = sql.join(
    members.map((member) => sql.fragment`${sql.literalValue(member)}::text, o->${sql.literalValue(member)}`),
    sql.fragment`, `,
  );
  return sql.fragment`(SELECT jsonb_agg(jsonb_build_object(${pairs}) ORDER BY i)
    FROM jsonb_array_elements(${list}) WITH ORDINALITY AS t(o, i))`;
}

/**
 * The columns of interval_days from an IntervalDayRecorded row `e` of schema version `version` (the events
 * table, or pages sent from another store, upcast to the current version): both versions give the same
 * row (docs/events.md).
 */
function intervalDayColumns(
  version: 1 | 2,
  fileId: string,
  importPosition: bigint,
  importedAt: string,
): FragmentSqlToken {
  // v1: an array of decimals; v2: one string of them joined by commas, or of their digits with valueScale
  // (1234 at scale 3 read as 1234e-3, which is 1.234 with its three places).
  const scaled = sql.fragment`'e-' || (e.data->>'valueScale')`;
  const values =
    version === 1
      ? sql.fragment`ARRAY(SELECT v::numeric FROM jsonb_array_elements_text(e.data->'values') WITH ORDINALITY AS t(v, i) ORDER BY i)`
      : sql.fragment`(CASE WHEN e.data ? 'valueScale'
    THEN string_to_array(replace(e.data->>'values', ',', ${scaled} || ',') || ${scaled}, ',')::numeric[]
    ELSE string_to_array(e.data->>'values', ',')::numeric[] END)`;
  const total = sql.fragment`(SELECT coalesce(sum(v), 0) FROM unnest(${values}) AS t(v))`;
  // v2 leaves the interval length to the values' count, as v1's always was (the reader checks it).
  const intervalLength =
    version === 1
      ? sql.fragment`(e.data->>'intervalLength')::int`
      : sql.fragment`(1440 / (length(e.data->>'values') - length(replace(e.data->>'values', ',', '')) + 1))`;
  // Intervals per quality flag: the 300's flag for every interval, or the 400 runs of a V day.
  const summary = sql.fragment`CASE WHEN jsonb_typeof(e.data->'intervalQuality') = 'array'
    THEN (SELECT coalesce(jsonb_object_agg(flag, n), '{}'::jsonb) FROM (
      SELECT left(r->>'quality', 1) AS flag, sum((r->>'to')::int - (r->>'from')::int + 1) AS n
      FROM jsonb_array_elements(e.data->'intervalQuality') AS r GROUP BY 1) AS runs)
    ELSE jsonb_build_object(left(e.data->>'quality', 1), 1440 / ${intervalLength}) END`;
  const runs = sql.fragment`CASE WHEN jsonb_typeof(e.data->'intervalQuality') = 'array'
    THEN ${everyMember(sql.fragment`e.data->'intervalQuality'`, RUN_MEMBERS)} END`;
  const b2b = sql.fragment`CASE WHEN coalesce(e.data->'b2b', '[]'::jsonb) = '[]'::jsonb THEN '[]'::jsonb
    ELSE ${everyMember(sql.fragment`e.data->'b2b'`, B2B_MEMBERS)} END`;
  return sql.fragment`${fileId}, (e.metadata->>'sourceLine')::int, e.data->>'nmi', e.data->>'nmiSuffix',
    e.data->>'registerId', e.data->>'meterSerialNumber', e.data->>'uom', ${intervalLength},
    to_date(e.data->>'intervalDate', 'YYYYMMDD'), ${values}, ${total}, e.data->>'quality',
    (e.data->>'reasonCode')::int, e.data->>'reasonDescription', ${runs},
    ${summary}, ${b2b}, ${nemInstant(sql.fragment`(e.data->>'updatedAt')`)},
    ${nemInstant(sql.fragment`(e.data->>'msatsLoadedAt')`)}, ${importPosition.toString()}::int8,
    date_trunc('second', ${importedAt}::timestamptz)`;
}

const COLUMN_NAMES = sql.fragment`(
  file_id, line, nmi, nmi_suffix, register_id, meter_serial_number, uom, interval_length, interval_date,
  interval_values, day_total, quality, reason_code, reason_description, interval_quality, quality_summary, b2b,
  updated_at, msats_loaded_at, import_position, imported_at)`;

export interface IntervalDaysImport {
  readonly fileId: string;
  readonly importPosition: bigint;
  readonly importedAt: string;
  readonly generation: number;
  readonly source: ReadingSource;
}

/** Writes the file's interval days and ranks the versions of the days it sent. */
export async function projectIntervalDays(db: CommonQueryMethods, file: IntervalDaysImport): Promise<void> {
  const days = tableOf('interval_days', file.generation);
  const stream = fileStreamName(file.fileId);
  const columns = (version: 1 | 2) => intervalDayColumns(version, file.fileId, file.importPosition, file.importedAt);
  await copyRecordEvents(db, file.source, {
    table: days,
    columnNames: COLUMN_NAMES,
    // Each row by its own version, one branch per version; any other version stops the copy, naming the event.
    columns: columns(2),
    olderVersions: [{ version: 1, columns: columns(1) }],
    stream,
    eventType: 'IntervalDayRecorded',
    pageSize: PAGE,
  });
  // The newest version of a day is in force: by UpdateDateTime (a blank one ranks below any), then the
  // file imported later, then the later line. Each version also keeps when it stopped winning (the first
  // import of a version ranking above it), so answers as of an instant are a filter on the row
  // (docs/adr/0010-as-of-queries.md). Recomputed for the days of the file just imported.
  await db.query(sql.unsafe`
    WITH versions AS (
      SELECT d.file_id, d.line,
        row_number() OVER ranked > 1 AS superseded,
        min(d.imported_at) OVER (ranked ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS superseded_at
      FROM ${days} d
      WHERE (d.nmi, d.nmi_suffix, d.interval_date) IN (
        SELECT mine.nmi, mine.nmi_suffix, mine.interval_date FROM ${days} mine WHERE mine.file_id = ${file.fileId})
      WINDOW ranked AS (
        PARTITION BY d.nmi, d.nmi_suffix, d.interval_date
        ORDER BY d.updated_at DESC NULLS LAST, d.import_position DESC, d.line DESC)
    )
    UPDATE ${days} d SET superseded = versions.superseded, superseded_at = versions.superseded_at
    FROM versions
    WHERE d.file_id = versions.file_id AND d.line = versions.line
      AND (d.superseded, d.superseded_at) IS DISTINCT FROM (versions.superseded, versions.superseded_at)`);
}
