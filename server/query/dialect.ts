/**
 * What differs between SQL dialects, and nothing else. The compiler (compile.ts) builds one query model for every
 * store; each store supplies a Dialect (sqlite.ts now, a PostgreSQL module later) for the few spellings that differ.
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

/** Escapes LIKE wildcards so that a user's `%` or `_` matches literally (the dialects use `\` as the escape). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
