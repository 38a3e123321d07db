import { sql, type FragmentSqlToken } from 'slonik';

/**
 * A `CCYYMMDDhhmmss` text in NEM time as an instant, in SQL: the projections read dates from events as
 * sent and type them in the statement that writes them. NEM time is UTC+10:00 all year
 * (`NEM_TIME_OFFSET` in src/domain/nem-time.ts), so the offset is fixed, never a time zone's.
 */
export const nemInstant = (text: FragmentSqlToken): FragmentSqlToken =>
  sql.fragment`to_timestamp(${text} || ' +10', 'YYYYMMDDHH24MISS TZH')`;
