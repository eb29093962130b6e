/**
 * The SQLite spelling of the query compiler's dialect (SPEC O3: one query model, each store's SQL). The SQLite store
 * owns it: services hand the store a query model, never SQL. Dates are stored as 'YYYY-MM-DD HH:MM:SS' text.
 */
import type { TimeBucket } from '../../schemas/dashboard.js';
import type { Dialect } from '../../query/dialect.js';
import { identifierQuoter } from '../shared/sql-text.js';

/** Quotes a table or column name declared by the server; refuses anything else. */
export const quoteIdentifier = identifierQuoter(64);

/** strftime formats that truncate SQLite's 'YYYY-MM-DD HH:MM:SS' text to a bucket start. */
const BUCKET_FORMAT: Record<Exclude<TimeBucket, 'week'>, string> = {
  minute: '%Y-%m-%d %H:%M:00',
  hour: '%Y-%m-%d %H:00:00',
  day: '%Y-%m-%d 00:00:00',
  month: '%Y-%m-01 00:00:00',
};

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  // Defence in depth: the compiler only passes declared field names and its own aliases.
  quote: quoteIdentifier,
  placeholder: () => '?',
  timeBucket(column, bucket) {
    // 'weekday 0' moves forward to the next Sunday (or stays on one); six days back is that week's Monday.
    if (bucket === 'week') return `strftime('%Y-%m-%d 00:00:00', ${column}, 'weekday 0', '-6 days')`;
    return `strftime('${BUCKET_FORMAT[bucket]}', ${column})`;
  },
  containsPattern(column, placeholder) {
    // SQLite's LIKE is case-insensitive for ASCII already.
    return `${column} LIKE ${placeholder} ESCAPE '\\'`;
  },
};
