import {
  sql,
  type CommonQueryMethods,
  type FragmentSqlToken,
  type IdentifierSqlToken,
  type ListSqlToken,
} from 'slonik';

/** The SQL type of a read-model column, as a row's JSON value is read into it. */
export type ColumnType = 'text' | 'int4' | 'int8' | 'date' | 'timestamptz' | 'numeric[]' | 'jsonb';
export type ColumnTypes = Readonly<Record<string, ColumnType>>;
const TYPE_SQL: Readonly<Record<ColumnType, FragmentSqlToken>> = {
  text: sql.fragment`text`,
  int4: sql.fragment`int4`,
  int8: sql.fragment`int8`,
  date: sql.fragment`date`,
  timestamptz: sql.fragment`timestamptz`,
  'numeric[]': sql.fragment`numeric[]`,
  jsonb: sql.fragment`jsonb`,
};
type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };
/** One row: a JSON value per column (a decimal, a date or an instant as its text). */
export type RowOf<Columns extends ColumnTypes> = { readonly [K in keyof Columns]: JsonValue };

export interface RowPagesTarget<Columns extends ColumnTypes> {
  readonly table: IdentifierSqlToken;
  /** The columns each row gives, and their types. */
  readonly columns: Columns;
  /** Columns every row of the statement shares or that are computed from a row `r` in SQL. */
  readonly computed: Readonly<Record<string, FragmentSqlToken>>;
  /** What a row already there does: `ON CONFLICT ...`; none when the caller knows no row of it is. */
  readonly onConflict?: FragmentSqlToken;
  readonly pageSize: number;
}

/**
 * Writes rows made in TypeScript into a read table in pages: one INSERT per page from one JSON document
 * (`json_to_recordset`, a single parse in the server instead of a parameter per value).
 */
export class RowPages<Columns extends ColumnTypes> {
  private page: Array<RowOf<Columns>> = [];
  private readonly statementHead: FragmentSqlToken;
  private readonly recordType: ListSqlToken;
  private readonly selected: ListSqlToken;

  constructor(
    private readonly db: CommonQueryMethods,
    private readonly target: RowPagesTarget<Columns>,
  ) {
    const given = Object.keys(target.columns);
    const computed = Object.keys(target.computed);
    const names = [...given, ...computed].map((name) => sql.identifier([name]));
    this.statementHead = sql.fragment`INSERT INTO ${target.table} (${sql.join(names, sql.fragment`, `)})`;
    this.recordType = sql.join(
      given.map((name) => sql.fragment`${sql.identifier([name])} ${TYPE_SQL[target.columns[name] ?? 'text']}`),
      sql.fragment`, `,
    );
    this.selected = sql.join(
      [
        ...given.map((name) => sql.fragment`r.${sql.identifier([name])}`),
        ...computed.map((name) => target.computed[name] ?? sql.fragment`NULL`),
      ],
      sql.fragment`, `,
    );
  }

  async push(row: RowOf<Columns>): Promise<void> {
    this.page.push(row);
    if (this.page.length >= this.target.pageSize) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.page.length === 0) return;
    const page = this.page;
    this.page = [];
    await this.db.query(sql.unsafe`
      ${this.statementHead}
      SELECT ${this.selected} FROM json_to_recordset(${JSON.stringify(page)}::json) AS r(${this.recordType})
      ${this.target.onConflict ?? sql.fragment``}`);
  }
}
