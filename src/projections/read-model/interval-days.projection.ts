/**
 * The interval days of a NEM12 file, written when its FileImported is applied (like readings): one row
 * per IntervalDayRecorded, then the versions of each day (NMI, suffix, date) ranked, the newest in force.
 */
import { sql, type CommonQueryMethods, type FragmentSqlToken } from 'slonik';
import { fileStreamName } from '../../domain/events/file-events.js';
import { tableOf } from './read-model.schema.js';
import { copyRecordEvents, type ReadingSource } from './record-events.js';

const PAGE = 1000;

const nemInstant = (text: FragmentSqlToken) => sql.fragment`to_timestamp(${text} || ' +10', 'YYYYMMDDHH24MISS TZH')`;

/**
 * The columns of interval_days from an IntervalDayRecorded row `e` (the events table, or pages sent from
 * another store). A version other than 1 stops the statement naming the event, never a silent skip.
 */
function intervalDayColumns(fileId: string, importPosition: bigint, importedAt: string): FragmentSqlToken {
  const version = sql.fragment`coalesce(e.metadata->>'schemaVersion', '1')`;
  const fileColumn = sql.fragment`CASE WHEN ${version} = '1' THEN ${fileId}
    ELSE nem_unknown_event_version(e.event_id, 'IntervalDayRecorded', e.stream_name, e.stream_revision, e.position, ${version}) END`;
  const values = sql.fragment`ARRAY(SELECT v::numeric FROM jsonb_array_elements_text(e.data->'values') WITH ORDINALITY AS t(v, i) ORDER BY i)`;
  const total = sql.fragment`(SELECT coalesce(sum(v::numeric), 0) FROM jsonb_array_elements_text(e.data->'values') AS t(v))`;
  // Intervals per quality flag: the 300's flag for every interval, or the 400 runs of a V day.
  const summary = sql.fragment`CASE WHEN jsonb_typeof(e.data->'intervalQuality') = 'array'
    THEN (SELECT coalesce(jsonb_object_agg(flag, n), '{}'::jsonb) FROM (
      SELECT left(r->>'quality', 1) AS flag, sum((r->>'to')::int - (r->>'from')::int + 1) AS n
      FROM jsonb_array_elements(e.data->'intervalQuality') AS r GROUP BY 1) AS runs)
    ELSE jsonb_build_object(left(e.data->>'quality', 1), jsonb_array_length(e.data->'values')) END`;
  return sql.fragment`${fileColumn}, (e.metadata->>'sourceLine')::int, e.data->>'nmi', e.data->>'nmiSuffix',
    e.data->>'registerId', e.data->>'meterSerialNumber', e.data->>'uom', (e.data->>'intervalLength')::int,
    to_date(e.data->>'intervalDate', 'YYYYMMDD'), ${values}, ${total}, e.data->>'quality',
    (e.data->>'reasonCode')::int, e.data->>'reasonDescription',
    CASE WHEN jsonb_typeof(e.data->'intervalQuality') = 'array' THEN e.data->'intervalQuality' END,
    ${summary}, e.data->'b2b', ${nemInstant(sql.fragment`(e.data->>'updatedAt')`)},
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
  const columns = intervalDayColumns(file.fileId, file.importPosition, file.importedAt);
  await copyRecordEvents(db, file.source, {
    table: days,
    columnNames: COLUMN_NAMES,
    columns,
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
