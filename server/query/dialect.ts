/**
 * What differs between SQL dialects, and nothing else. The compiler (compile.ts) builds one query model for every
 * store; each store owns a Dialect (store/sqlite/dialect.ts, store/postgres/dialect.ts) for the few spellings that
 * differ, and compiles the query models services hand it with that dialect.
 */
import type { TimeBucket } from '../schemas/dashboard.js';

export interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  /** Quotes an identifier that the compiler has already checked against the data source's declared fields. */
  quote(identifier: string): string;
  /** The placeholder for the n-th bound value (1-based): `?` in SQLite, `$n` in PostgreSQL. */
  placeholder(n: number): string;
  /**
   * An expression that truncates a date column to the start of its bucket and yields the same UTC text form as the
   * stored values ('YYYY-MM-DD HH:MM:SS'), so bucket keys sort, compare and parse like raw dates. Weeks start on Monday.
   */
  timeBucket(columnSql: string, bucket: TimeBucket): string;
  /** Case-insensitive substring match; the pattern is bound and already escaped with `escapeLike`. */
  containsPattern(columnSql: string, placeholderSql: string): string;
}
