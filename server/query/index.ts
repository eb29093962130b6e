/** The query compiler's entry: pick the dialect that matches the store. */
import type { Dialect } from './dialect.js';
import { sqliteDialect } from './sqlite.js';
import { postgresDialect } from './dialect-postgres.js';

export { compileWidgetQuery, type CompiledQuery, type ResultColumn, type ExtraCondition } from './compile.js';
export type { Dialect } from './dialect.js';

export function dialectFor(name: 'sqlite' | 'postgres'): Dialect {
  if (name === 'sqlite') return sqliteDialect;
  if (name === 'postgres') return postgresDialect;
  throw new Error(`No query dialect for ${name} yet.`);
}
