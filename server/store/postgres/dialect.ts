/**
 * The PostgreSQL spelling of the query compiler's dialect (SPEC O3: one query model, each store's SQL). The
 * PostgreSQL store owns it: services hand the store a query model, never SQL. Date fields are `timestamp` columns in
 * PostgreSQL data tables; the store reads them back as 'YYYY-MM-DD HH:MM:SS' text, so bucket keys look, sort and
 * parse exactly like the SQLite store's.
 */
import type { TimeBucket } from '../../schemas/dashboard.js';
import type { Dialect } from '../../query/dialect.js';
import { quoteIdentifier } from './pool.js';

export const postgresDialect: Dialect = {
  name: 'postgres',
  // Defence in depth: the compiler only passes declared field names and its own aliases.
  quote: quoteIdentifier,
  placeholder: (n) => `$${n}`,
  timeBucket(column, bucket: TimeBucket) {
    // date_trunc('week', …) starts weeks on Monday (ISO), as the SQLite dialect does. The bucket is one of five
    // literals from the schema's enum, never client text.
    return `date_trunc('${bucket}', ${column})`;
  },
  containsPattern(column, placeholder) {
    // ILIKE: case-insensitive like SQLite's LIKE; backslash escapes the wildcards that escapeLike() doubled up.
    return `${column} ILIKE ${placeholder} ESCAPE '\\'`;
  },
};
