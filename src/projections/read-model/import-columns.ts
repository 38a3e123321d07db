import { sql, type FragmentSqlToken } from 'slonik';

/** The columns a closed file's rows share: its FileImported's position, and its recorded time to the second. */
export function importColumns(importPosition: bigint, importedAt: string): Readonly<Record<string, FragmentSqlToken>> {
  return {
    import_position: sql.fragment`${importPosition.toString()}::int8`,
    // To the second: the precision the service shows instants in, so "as of" the closing time a file shows counts it.
    imported_at: sql.fragment`date_trunc('second', ${importedAt}::timestamptz)`,
  };
}
