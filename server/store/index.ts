import type { Store } from './types.js';
import { openSqliteStore } from './sqlite/index.js';

/** Picks the store from ATLAS_DB: a file path (or :memory:) is SQLite. */
export async function openStore(db: string): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(db)) {
    throw new Error('ATLAS_DB: the PostgreSQL store is not available in this build yet.');
  }
  return openSqliteStore(db);
}

export type { Store } from './types.js';
