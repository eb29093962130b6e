import type { Store } from '../types.js';
import { migrate, openDatabase } from './database.js';
import { sqliteIdentityStore } from './identity.js';
import { sqliteDataSourceStore } from './data-sources.js';
import { sqliteDashboardStore } from './dashboards.js';
import { sqliteShareStore } from './shares.js';
import { sqlitePublicLinkStore } from './public-links.js';
import { sqliteAuditStore } from './audit.js';

/** Opens the embedded SQLite store, applying pending migrations first. */
export function openSqliteStore(file: string): Store {
  const db = openDatabase(file);
  migrate(db);
  const ping = db.prepare('SELECT 1 AS ok');
  return {
    ...sqliteIdentityStore(db),
    ...sqliteDataSourceStore(db),
    ...sqliteDashboardStore(db),
    ...sqliteShareStore(db),
    ...sqlitePublicLinkStore(db),
    ...sqliteAuditStore(db),
    dialect: 'sqlite',
    async ping() {
      return (ping.get() as { ok: number }).ok === 1;
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
