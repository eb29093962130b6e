/**
 * Applies the shared migrations (../shared/migrations.ts) rendered for PostgreSQL, each in its own transaction. A
 * session-level advisory lock serializes them across processes: two servers starting at once on one database wait for
 * each other instead of racing to create the same tables; the second one finds nothing left to do.
 */
import { loadMigrations, migrationFailed, pendingMigrations, type Migration } from '../shared/migrations.js';
import { LOCK_NAMESPACE, LOCKS, type Pool } from './pool.js';

/** Applies every migration not yet recorded in `schema_migrations`; returns the versions applied by this call. */
export async function migrate(pool: Pool, migrations: Migration[] = loadMigrations('postgres')): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', [LOCK_NAMESPACE, LOCKS.migrate]);
    try {
      await client.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           version    integer PRIMARY KEY,
           name       text NOT NULL,
           applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
      const done = new Set(rows.map((r) => r.version));
      for (const m of pendingMigrations(migrations, (version) => done.has(version))) {
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK').catch(() => {});
          throw migrationFailed('PostgreSQL', m, err);
        }
        applied.push(m.version);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_NAMESPACE, LOCKS.migrate]);
    }
  } finally {
    client.release();
  }
  return applied;
}
