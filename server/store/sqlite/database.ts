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
 */
export function migrate(db: Db, migrations: Migration[] = loadMigrations('sqlite')): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  return pendingMigrations(migrations, (version) => version <= current).map((migration) => {
    try {
      db.transaction(() => {
        db.exec(migration.sql);
        db.pragma(`user_version = ${migration.version}`);
      })();
    } catch (err) {
      throw migrationFailed('SQLite', migration, err);
    }
    return migration.version;
  });
}
