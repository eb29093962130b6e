/**
 * Compiles a declarative widget query into parameterized SQL for one dialect (SPEC Domain: widget). The stores call
 * it, each with its own dialect: a service hands a store a QueryModel and gets rows (or, for validation and cache
 * keys, the compiled text), never choosing or writing SQL itself.
 * Identifiers come only from the data source's declared fields and from aliases that pass the schema's plain-name
 * rule; every value is bound. A client never sends SQL, and nothing a client sends is spliced into it.
 *
 * This is also the one validator of widget queries (issue 14): saving a widget compiles its query for its data source
 * (services/dashboards.ts, through the store's compileQuery), so a query is accepted exactly when it compiles. Every
 * rule lives here, none depends on the dialect, and a refusal is always a 400 `invalid_query` naming the field or
 * column, never an error from the dialect.
 */
import { AppError } from '../errors.js';
import { MAX_QUERY_LIMIT, type Aggregation, type QueryFilter, type WidgetQuery } from '../schemas/dashboard.js';
import { escapeLike } from '../store/shared/sql-text.js';
import type { CompiledSql, DataSource, FieldDefinition, FieldType } from '../store/types.js';
import type { Dialect } from './dialect.js';
import { coerceValue, LAST_SECOND, nextDay } from './values.js';

export interface ResultColumn {
  name: string;
  label: string;
  type: FieldType;
}

export interface CompiledQuery extends CompiledSql {
  columns: ResultColumn[];
}

/** A condition added from outside the widget's own query (global filters, a public link's locked filters). */
export interface ExtraCondition {
  filter: QueryFilter;
  /** The error code when the value does not fit the field, e.g. `invalid_filters`. */
  errorCode: string;
}

export interface CompileOptions {
  extraConditions?: ExtraCondition[];
  /** Hard cap on rows; a widget's own limit can only lower it. Defaults to MAX_QUERY_LIMIT. */
  maxRows?: number;
}

/**
 * A widget query as a service hands it to the store (SPEC O3): the validated query, the data source it reads, and the
 * effective filters as extra conditions (the dashboard's filter values, then a link's locked ones). The store
 * compiles it in its own dialect; no SQL crosses the store's interface from a service.
 */
export interface QueryModel extends CompileOptions {
  query: WidgetQuery;
  source: Pick<DataSource, 'tableName' | 'fields'>;
}

/**
 * The longest result column name: PostgreSQL keeps 63 bytes of an identifier (NAMEDATALEN - 1), so a longer alias
 * would come back truncated (or be refused by the dialect) there; the same rule applies to every dialect.
 */
export const MAX_COLUMN_NAME = 63;

const AGG_LABEL: Record<Aggregation, string> = {
  count: 'Count',
  sum: 'Sum',
  avg: 'Average',
  min: 'Minimum',
  max: 'Maximum',
  countDistinct: 'Distinct count',
};

export function compileWidgetQuery(
  query: WidgetQuery,
  source: QueryModel['source'],
  dialect: Dialect,
  options: CompileOptions = {},
): CompiledQuery {
  const fields = new Map(source.fields.map((f) => [f.name, f]));
  const params: unknown[] = [];
  const bind = (value: unknown) => {
    params.push(value);
    return dialect.placeholder(params.length);
  };
  const fail = (message: string, code = 'invalid_query'): never => {
    throw new AppError(400, code, message);
  };
  const field = (name: string, where: string, code?: string): FieldDefinition =>
    fields.get(name) ?? fail(`${where}: '${name}' is not a field of this data source.`, code);

  const select: { sql: string; column: ResultColumn }[] = [];
  const groupBy: string[] = [];

  for (const d of query.dimensions) {
    const dim = typeof d === 'string' ? { field: d } : d;
    const f = field(dim.field, 'Dimension');
    let sql = dialect.quote(f.name);
    let label = f.label;
    if (dim.bucket) {
      if (f.type !== 'date') fail(`Dimension: '${f.name}' is not a date, so it cannot be bucketed by ${dim.bucket}.`);
      sql = dialect.timeBucket(sql, dim.bucket);
      label = `${f.label} (${dim.bucket})`;
    }
    const name = dim.as ?? (dim.bucket ? `${f.name}_${dim.bucket}` : f.name);
    select.push({ sql, column: { name, label, type: f.type } });
    groupBy.push(sql);
  }

  for (const m of query.metrics) {
    let sql: string;
    let type: FieldType = 'number';
    let label: string;
    if (!m.field) {
      if (m.agg !== 'count') fail(`Metric: '${m.agg}' needs a field.`);
      sql = 'COUNT(*)';
      label = 'Count';
    } else {
      const f = field(m.field, 'Metric');
      const col = dialect.quote(f.name);
      if ((m.agg === 'sum' || m.agg === 'avg') && f.type !== 'number')
        fail(`Metric: '${m.agg}' needs a number field, and '${f.name}' is not one.`);
      if ((m.agg === 'min' || m.agg === 'max') && f.type === 'string') {
        fail(`Metric: '${m.agg}' needs a number or date field, and '${f.name}' is text.`);
      }
      if (m.agg === 'min' || m.agg === 'max') type = f.type;
      sql =
        m.agg === 'countDistinct'
          ? `COUNT(DISTINCT ${col})`
          : m.agg === 'count'
            ? `COUNT(${col})`
            : `${m.agg.toUpperCase()}(${col})`;
      label = `${AGG_LABEL[m.agg]} of ${f.label}`;
    }
    const name = m.as ?? (m.field ? `${m.agg}_${m.field}` : 'count');
    select.push({ sql, column: { name, label: m.label ?? label, type } });
  }

  const aggregated = query.metrics.length > 0;
  if (select.length === 0) {
    // No metrics and no dimensions: the raw rows, every declared field.
    for (const f of source.fields)
      select.push({ sql: dialect.quote(f.name), column: { name: f.name, label: f.label, type: f.type } });
  }

  const names = new Set<string>();
  // SQLite matches quoted names without regard to case (an ORDER BY "Total" also finds "total"), PostgreSQL with it:
  // names that differ only in case would sort differently on the two stores, so they count as the same name.
  const folded = new Map<string, string>();
  for (const { column } of select) {
    if (column.name.length > MAX_COLUMN_NAME) {
      fail(
        `The result column name '${column.name}' is longer than ${MAX_COLUMN_NAME} characters; give it a shorter 'as'.`,
      );
    }
    const twin = folded.get(column.name.toLowerCase());
    if (twin !== undefined) {
      fail(
        twin === column.name
          ? `Two result columns are both named '${column.name}'; give one an 'as'.`
          : `The result columns '${twin}' and '${column.name}' differ only in case; give one another 'as'.`,
      );
    }
    folded.set(column.name.toLowerCase(), column.name);
    names.add(column.name);
  }

  const where: string[] = [];
  const conditions = [
    ...query.filters.map((filter) => ({ filter, errorCode: 'invalid_query' })),
    ...(options.extraConditions ?? []),
  ];
  for (const { filter, errorCode } of conditions) {
    where.push(
      compileCondition(filter, field(filter.field, 'Filter', errorCode), dialect, bind, (msg) => fail(msg, errorCode)),
    );
  }

  const orderBy: string[] = [];
  for (const s of query.sort) {
    // Sort keys are result columns; raw queries may also sort by any declared field.
    if (names.has(s.by)) {
      orderBy.push(`${dialect.quote(s.by)} ${direction(s.dir)}`);
    } else if (!aggregated && fields.has(s.by)) {
      // Qualified, so it is the table's column in every dialect (SQLite would take a bare name for a result column
      // whose name differs only in case).
      orderBy.push(`${dialect.quote(source.tableName)}.${dialect.quote(s.by)} ${direction(s.dir)}`);
    } else {
      fail(
        aggregated && fields.has(s.by)
          ? `Sort: '${s.by}' is not a column of the result; a grouped query sorts by its dimensions and metrics (${[...names].map((n) => `'${n}'`).join(', ')}).`
          : `Sort: '${s.by}' is not a column of the result.`,
      );
    }
  }
  if (orderBy.length === 0 && aggregated) {
    // A stable order for grouped results, so refreshes and exports do not shuffle.
    for (const { column } of select.slice(0, query.dimensions.length))
      orderBy.push(`${dialect.quote(column.name)} ${direction('asc')}`);
  }

  if (
    query.limit !== undefined &&
    !(Number.isSafeInteger(query.limit) && query.limit >= 1 && query.limit <= MAX_QUERY_LIMIT)
  ) {
    fail(`Limit: ${JSON.stringify(query.limit)} is not a whole number from 1 to ${MAX_QUERY_LIMIT}.`);
  }
  const cap = Math.min(options.maxRows ?? MAX_QUERY_LIMIT, Number.MAX_SAFE_INTEGER);
  const limit = Math.min(query.limit ?? cap, cap);

  const parts = [
    `SELECT ${select.map((s) => `${s.sql} AS ${dialect.quote(s.column.name)}`).join(', ')}`,
    `FROM ${dialect.quote(source.tableName)}`,
  ];
  if (where.length) parts.push(`WHERE ${where.join(' AND ')}`);
  if (aggregated && groupBy.length) parts.push(`GROUP BY ${groupBy.join(', ')}`);
  if (orderBy.length) parts.push(`ORDER BY ${orderBy.join(', ')}`);
  parts.push(`LIMIT ${bind(limit)}`);
  return { sql: parts.join(' '), params, columns: select.map((s) => s.column) };
}

function compileCondition(
  filter: QueryFilter,
  f: FieldDefinition,
  dialect: Dialect,
  bind: (v: unknown) => string,
  fail: (message: string) => never,
): string {
  const col = dialect.quote(f.name);
  const one = (v: unknown) => {
    const c = coerceValue(v, f.type);
    return c.ok ? c : fail(`Filter on '${f.name}' ${c.reason}.`);
  };
  const scalar = () =>
    Array.isArray(filter.value) ? fail(`Filter '${filter.op}' on '${f.name}' takes one value.`) : one(filter.value);
  // A whole day given as a bound covers that day: "up to it" ends before the next day starts, "after it" starts then.
  // The last day there is (9999-12-31) has no next day in either store, so it ends at its last second instead.
  const beforeNextDay = (day: string) => {
    const next = nextDay(day);
    return next === undefined ? `${col} <= ${bind(LAST_SECOND)}` : `${col} < ${bind(next)}`;
  };
  const fromNextDay = (day: string) => {
    const next = nextDay(day);
    return next === undefined ? `${col} > ${bind(LAST_SECOND)}` : `${col} >= ${bind(next)}`;
  };
  const upper = (c: { value: string | number; dateOnly?: boolean }, inclusive: boolean) =>
    c.dateOnly ? beforeNextDay(String(c.value)) : `${col} ${inclusive ? '<=' : '<'} ${bind(c.value)}`;

  switch (filter.op) {
    case 'eq': {
      const c = scalar();
      if (c.dateOnly) return `(${col} >= ${bind(c.value)} AND ${beforeNextDay(String(c.value))})`;
      return `${col} = ${bind(c.value)}`;
    }
    case 'neq':
      return `${col} <> ${bind(scalar().value)}`;
    case 'in': {
      const values = Array.isArray(filter.value) ? filter.value : [filter.value];
      if (values.length === 0) return '1 = 0';
      return `${col} IN (${values.map((v) => bind(one(v).value)).join(', ')})`;
    }
    case 'gt': {
      const c = scalar();
      return c.dateOnly ? fromNextDay(String(c.value)) : `${col} > ${bind(c.value)}`;
    }
    case 'gte':
      return `${col} >= ${bind(scalar().value)}`;
    case 'lt':
      return `${col} < ${bind(scalar().value)}`;
    case 'lte':
      return upper(scalar(), true);
    case 'between': {
      if (!Array.isArray(filter.value) || filter.value.length !== 2)
        fail(`Filter 'between' on '${f.name}' takes [from, to].`);
      const [from, to] = (filter.value as unknown[]).map(one) as [ReturnType<typeof one>, ReturnType<typeof one>];
      return `(${col} >= ${bind(from.value)} AND ${upper(to, true)})`;
    }
    case 'contains': {
      if (f.type !== 'string') fail(`Filter 'contains' needs a text field, and '${f.name}' is not one.`);
      return dialect.containsPattern(col, bind(`%${escapeLike(String(scalar().value))}%`));
    }
  }
}

/**
 * Empty values sort as the smallest in every dialect (SQLite's own rule; PostgreSQL's default is the opposite), so
 * both stores answer the same rows in the same order.
 */
function direction(dir: 'asc' | 'desc'): string {
  return dir === 'desc' ? 'DESC NULLS LAST' : 'ASC NULLS FIRST';
}
