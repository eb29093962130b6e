import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadMigrations, migrationFailed, pendingMigrations, type Migration } from '../shared/migrations.js';

export type Db = Database.Database;

/** Opens (creating folders as needed) a SQLite file with the settings the whole store relies on. */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  return db;
}

/**
 * Applies every migration newer than `PRAGMA user_version`, each in its own transaction; returns the versions applied
 * by this call. Idempotent. Synchronous, like the driver: the store opens without awaiting anything.
 *
 * Foreign keys are off while migrations run (SQLite ignores the pragma inside a transaction, so it is set around
 * them): a migration that rebuilds a referenced table (008) drops the old one, and with them on that drop would
 * cascade into the rows that reference it. Each migration instead checks every foreign key before it commits
 * (`foreign_key_check`), so none can leave a dangling reference behind.
 */
export function migrate(db: Db, migrations: Migration[] = loadMigrations('sqlite')): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = pendingMigrations(migrations, (version) => version <= current);
  if (pending.length === 0) return [];
  const enforced = db.pragma('foreign_keys', { simple: true }) === 1;
  db.pragma('foreign_keys = OFF');
  try {
    return pending.map((migration) => {
      try {
        db.transaction(() => {
          db.exec(migration.sql);
          const dangling = db.pragma('foreign_key_check') as { table: string; parent: string }[];
          if (dangling.length > 0) {
            const { table, parent } = dangling[0]!;
            throw new Error(`${dangling.length} rows would break a foreign key (first: ${table} → ${parent})`);
          }
          db.pragma(`user_version = ${migration.version}`);
        })();
      } catch (err) {
        throw migrationFailed('SQLite', migration, err);
      }
      return migration.version;
    });
  } finally {
    if (enforced) db.pragma('foreign_keys = ON');
  }
}
