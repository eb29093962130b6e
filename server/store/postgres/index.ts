import { resolveStoreOptions, type StoreOptions } from '../options.js';
import type { Store } from '../types.js';
import { widgetQueryStore } from '../shared/widget-queries.js';
import { migrate } from './migrate.js';
import { createPool } from './pool.js';
import { postgresDialect } from './dialect.js';
import { postgresSqlRunner } from './sql-runner.js';
import { postgresIdentityStore } from './identity.js';
import { postgresDataSourceStore } from './data-sources.js';
import { postgresDashboardStore } from './dashboards.js';
import { postgresShareStore } from './shares.js';
import { postgresPublicLinkStore } from './public-links.js';
import { postgresAuditStore } from './audit.js';
import { postgresLinkSessionStore } from './link-sessions.js';

/**
 * Opens the PostgreSQL store (SPEC O3) on a connection pool, applying pending migrations first. Several server
 * processes may open the same database: migrations serialize on an advisory lock, and nothing that must hold across
 * processes (revocation, passcode versions, rate limits, audit) is kept in this process's memory.
 */
export async function openPostgresStore(url: string, options: StoreOptions = {}): Promise<Store> {
  const limits = resolveStoreOptions(options);
  const pool = createPool(url);
  try {
    await migrate(pool);
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
  // Widget queries and exports get a pool of their own with a statement time limit (sql-runner.ts).
  const dataPool = createPool(url, limits.queryWorkers + 1, limits.queryTimeoutMs);
  let closed = false;
  return {
    ...postgresIdentityStore(pool),
    ...postgresDataSourceStore(pool),
    ...widgetQueryStore(postgresDialect, postgresSqlRunner(dataPool)),
    ...postgresDashboardStore(pool),
    ...postgresShareStore(pool),
    ...postgresPublicLinkStore(pool),
    ...postgresAuditStore(pool),
    ...postgresLinkSessionStore(pool),
    async ping() {
      try {
        return (await pool.query<{ ok: number }>('SELECT 1 AS ok')).rows[0]?.ok === 1;
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([pool.end(), dataPool.end()]);
    },
  };
}
