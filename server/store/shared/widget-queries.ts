/**
 * A store's side of widget queries (SPEC O3): it compiles the query model a service hands it with the store's own
 * dialect, then runs the SQL through the store's own runner (SQLite: worker threads; PostgreSQL: the data pool, each
 * under the store's time limit). Both stores are built from this one piece, so they compile and run alike.
 */
import { compileWidgetQuery, type Dialect, type QueryModel } from '../../query/index.js';
import type { CompiledSql, QueryStore } from '../types.js';

type Rows = Record<string, unknown>[];

/** How a store executes SQL of its dialect. */
export interface SqlRunner {
  run(query: CompiledSql): Promise<Rows>;
  iterate(query: CompiledSql): AsyncIterable<Rows[number]>;
}

export function widgetQueryStore(dialect: Dialect, runner: SqlRunner): QueryStore {
  const compileQuery = (model: QueryModel) => compileWidgetQuery(model.query, model.source, dialect, model);
  return {
    dialect: dialect.name,
    compileQuery,
    async runQuery(model) {
      return runner.run(compileQuery(model));
    },
    async *iterateQuery(model) {
      yield* runner.iterate(compileQuery(model));
    },
    runSql: (query) => runner.run(query),
  };
}
