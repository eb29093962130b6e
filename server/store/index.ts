import type { Store } from './types.js';
import { openSqliteStore } from './sqlite/index.js';
import type { StoreOptions } from './options.js';

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

export const isPostgresUrl = (db: string): boolean => POSTGRES_URL.test(db);

/**
 * Picks the store from ATLAS_DB: a `postgres://` (or `postgresql://`) URL opens the PostgreSQL store, for deployments
 * that run several server processes on one database; anything else is a SQLite file (or :memory:).
 * The PostgreSQL driver is loaded only when asked for, so the embedded default never pays for it.
 */
export async function openStore(db: string, options: StoreOptions = {}): Promise<Store> {
  if (isPostgresUrl(db)) {
    const { openPostgresStore } = await import('./postgres/index.js');
    return openPostgresStore(db, options);
  }
  return openSqliteStore(db, options);
}

export type { StoreOptions } from './options.js';

export type { Store } from './types.js';
