/**
 * The PostgreSQL spelling of the query compiler's dialect (SPEC O3: one query model, each dialect's SQL).
 * Date fields are `timestamp` columns in PostgreSQL data tables; the store reads them back as 'YYYY-MM-DD HH:MM:SS'
 * text, so bucket keys look, sort and parse exactly like the SQLite store's.
 */
import type { TimeBucket } from '../schemas/dashboard.js';
import type { Dialect } from './dialect.js';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export const postgresDialect: Dialect = {
  name: 'postgres',
  quote(identifier) {
    // Defence in depth: the compiler only passes declared field names and its own aliases.
    if (!IDENTIFIER.test(identifier)) throw new Error(`Refusing identifier ${JSON.stringify(identifier)}`);
    return `"${identifier}"`;
  },
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
