import type { TimeBucket } from '../schemas/dashboard.js';
import type { Dialect } from './dialect.js';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** strftime formats that truncate SQLite's 'YYYY-MM-DD HH:MM:SS' text to a bucket start. */
const BUCKET_FORMAT: Record<Exclude<TimeBucket, 'week'>, string> = {
  minute: '%Y-%m-%d %H:%M:00',
  hour: '%Y-%m-%d %H:00:00',
  day: '%Y-%m-%d 00:00:00',
  month: '%Y-%m-01 00:00:00',
};

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  quote(identifier) {
    // Defence in depth: the compiler only passes declared field names and its own aliases.
    if (!IDENTIFIER.test(identifier)) throw new Error(`Refusing identifier ${JSON.stringify(identifier)}`);
    return `"${identifier}"`;
  },
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
