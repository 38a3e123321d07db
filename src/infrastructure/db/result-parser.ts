import type { Interceptor, QueryResultRow } from 'slonik';

/**
 * Makes `sql.type(schema)` parse every row with its schema (slonik only carries the schema): a row that
 * does not match fails the query, and transforms (such as instants to NEM time) apply.
 */
export const resultParserInterceptor: Interceptor = {
  name: 'nem-result-parser',
  transformRow: (context, query, row) => {
    const parser = context.resultParser;
    if (parser === undefined) return row;
    const result = parser['~standard'].validate(row);
    if (result instanceof Promise) throw new Error('asynchronous row schemas are not supported');
    if (result.issues !== undefined) {
      const issue = result.issues[0];
      const path = issue?.path?.map((part) => (typeof part === 'object' ? String(part.key) : String(part))).join('.');
      throw new Error(
        `a row of "${query.sql.replace(/\s+/g, ' ').slice(0, 80)}" does not match its schema: ${path ?? ''} ${issue?.message ?? ''}`,
      );
    }
    return result.value as QueryResultRow;
  },
};
