import type { Store } from '../types.js';
import { resolveStoreOptions, type StoreOptions } from '../options.js';
import { widgetQueryStore } from '../shared/widget-queries.js';
import { createQueryWorkerPool } from './query-workers.js';
import { migrate, openDatabase } from './database.js';
import { sqliteDialect } from './dialect.js';
import { sqliteSqlRunner } from './sql-runner.js';
import { sqliteIdentityStore } from './identity.js';
import { sqliteDataSourceStore } from './data-sources.js';
import { sqliteDashboardStore } from './dashboards.js';
import { sqliteShareStore } from './shares.js';
import { sqlitePublicLinkStore } from './public-links.js';
import { sqliteAuditStore } from './audit.js';
import { sqliteLinkSessionStore } from './link-sessions.js';

/** Opens the embedded SQLite store, applying pending migrations first. */
export function openSqliteStore(file: string, options: StoreOptions = {}): Store {
  const db = openDatabase(file);
  migrate(db);
  const ping = db.prepare('SELECT 1 AS ok');
  const limits = resolveStoreOptions(options);
  // Widget queries of a file database run off the main thread, under a time limit (query-workers.ts). An in-memory
  // database (tests) cannot be opened twice, so it answers on the main thread. Exports stream on a connection of
  // their own either way (sql-runner.ts).
  const onFile = !db.memory && file !== ':memory:' && file !== '';
  const workers = onFile ? createQueryWorkerPool(db.name, limits.queryWorkers, limits.queryTimeoutMs) : undefined;
  const direct = sqliteSqlRunner(db);
  const runner = workers ? { run: workers.run, iterate: direct.iterate } : direct;
  return {
    ...sqliteIdentityStore(db),
    ...sqliteDataSourceStore(db),
    ...widgetQueryStore(sqliteDialect, runner),
    ...sqliteDashboardStore(db),
    ...sqliteShareStore(db),
    ...sqlitePublicLinkStore(db),
    ...sqliteAuditStore(db),
    ...sqliteLinkSessionStore(db),
    async ping() {
      return (ping.get() as { ok: number }).ok === 1;
    },
    async close() {
      await workers?.close();
      if (db.open) db.close();
    },
  };
}
