/**
 * Runs SQL of the SQLite dialect on the store's own connection: widget queries of an in-memory database (tests), and
 * every export's streamed read. Widget queries of a file database go to worker threads instead (query-workers.ts).
 */
import Database from 'better-sqlite3';
import type { Db } from './database.js';
import type { SqlRunner } from '../shared/widget-queries.js';

/** Compiled widget SQL repeats a lot (same widgets, other filter values): keep a bounded statement cache. */
function statementCache(db: Db, max = 500) {
  const cache = new Map<string, Database.Statement>();
  return (sql: string) => {
    let stmt = cache.get(sql);
    if (stmt) {
      cache.delete(sql);
      cache.set(sql, stmt);
      return stmt;
    }
    stmt = db.prepare(sql);
    cache.set(sql, stmt);
    if (cache.size > max) cache.delete(cache.keys().next().value!);
    return stmt;
  };
}

export function sqliteSqlRunner(db: Db): SqlRunner {
  const prepare = statementCache(db);
  return {
    async run({ sql, params }) {
      return prepare(sql).all(params) as Record<string, unknown>[];
    },
    async *iterate({ sql, params }) {
      // An open better-sqlite3 iterator makes its connection refuse every other statement, and the consumer awaits
      // between rows (a streaming export waits for the client). So a file database is read through a connection of
      // its own, in one consistent WAL snapshot; an in-memory one (tests only) is read whole.
      if (db.memory || db.name === '' || db.name === ':memory:') {
        for (const row of prepare(sql).all(params)) yield row as Record<string, unknown>;
        return;
      }
      const reader = new Database(db.name, { readonly: true, fileMustExist: true });
      try {
        reader.pragma('busy_timeout = 5000');
        for (const row of reader.prepare(sql).iterate(params)) yield row as Record<string, unknown>;
      } finally {
        reader.close();
      }
    },
  };
}
