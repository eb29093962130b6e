/**
 * Runs SQL of the PostgreSQL dialect on the data pool: a pool of its own with a statement time limit, so heavy reads
 * can neither starve the link lookups and writes on the main pool nor run on past the limit. A statement stopped by
 * the limit is the API's 503 `query_timeout`.
 */
import { queryTimeout } from '../../errors.js';
import type { SqlRunner } from '../shared/widget-queries.js';
import type { Pool } from './pool.js';

/** Rows fetched per round trip when streaming an export. */
const CURSOR_BATCH = 1000;

export function postgresSqlRunner(pool: Pool): SqlRunner {
  return {
    async run({ sql, params }) {
      try {
        return (await pool.query<Record<string, unknown>>(sql, params)).rows;
      } catch (err) {
        rethrowTimeout(err);
      }
    },
    async *iterate({ sql, params }) {
      // A server-side cursor in a read-only transaction: one consistent snapshot, bounded memory, and the consumer
      // may await between rows (a streaming export waits for its client) without blocking anyone else.
      const client = await pool.connect();
      let failed = false;
      try {
        await client.query('BEGIN READ ONLY');
        await client.query(`DECLARE atlas_export NO SCROLL CURSOR FOR ${sql}`, params);
        for (;;) {
          const { rows } = await client.query<Record<string, unknown>>(`FETCH ${CURSOR_BATCH} FROM atlas_export`);
          for (const row of rows) yield row;
          if (rows.length < CURSOR_BATCH) break;
        }
      } catch (err) {
        failed = true;
        rethrowTimeout(err);
      } finally {
        // Also reached when the consumer stops early (return()): the transaction ends and the client goes back.
        await client.query(failed ? 'ROLLBACK' : 'COMMIT').catch(() => {});
        client.release();
      }
    },
  };
}

/** PostgreSQL's "canceling statement due to statement timeout" becomes the API's 503 query_timeout. */
function rethrowTimeout(err: unknown): never {
  if ((err as { code?: string })?.code === '57014') throw queryTimeout();
  throw err;
}
