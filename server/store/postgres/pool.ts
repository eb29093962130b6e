/**
 * The PostgreSQL connection pool and the few helpers every per-concern module shares.
 * Values come back in the same JavaScript shapes as from the SQLite store, so services never see a difference:
 * bigint counts as numbers, `timestamptz` as ISO-8601 strings, data-table `timestamp` as 'YYYY-MM-DD HH:MM:SS' text.
 */
import pg from 'pg';
import { z } from 'zod';
import { identifierQuoter } from '../shared/sql-text.js';

export type Pool = pg.Pool;
export type Queryable = pg.Pool | pg.PoolClient;

const OID = { int8: 20, numeric: 1700, timestamp: 1114, timestamptz: 1184, date: 1082 } as const;

/** 'YYYY-MM-DD HH:MM:SS[.ffffff]+HH[:MM]' (PostgreSQL's ISO output) → the ISO string JavaScript would write. */
export function isoFromTimestamptz(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-]\d{2})(?::?(\d{2}))?(?::?\d{2})?$/.exec(text);
  if (!m) return text; // 'infinity' and friends: never written by us, passed through rather than mangled
  return new Date(`${m[1]}T${m[2]}${m[3]}:${m[4] ?? '00'}`).toISOString();
}

const typeParsers: pg.CustomTypesConfig = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    switch (oid) {
      // Counts and ids fit comfortably in a double; SQLite hands them out as numbers too.
      case OID.int8:
      case OID.numeric:
        return (value: string) => Number(value);
      // Data-table dates: keep PostgreSQL's own text, which is exactly the SQLite store's 'YYYY-MM-DD HH:MM:SS'.
      case OID.timestamp:
      case OID.date:
        return (value: string) => value;
      case OID.timestamptz:
        return isoFromTimestamptz;
      default:
        return pg.types.getTypeParser(oid, format as 'text');
    }
  },
} as pg.CustomTypesConfig;

/** ATLAS_PG_POOL_MAX: connections per server process (several processes share the server's max_connections). */
const poolMax = z.coerce.number().int().min(1).max(1000).default(10);

export function readPoolMax(env: NodeJS.ProcessEnv = process.env): number {
  const parsed = poolMax.safeParse(env.ATLAS_PG_POOL_MAX?.trim() || undefined);
  if (!parsed.success)
    throw new Error('Invalid configuration:\n  ATLAS_PG_POOL_MAX: expected a whole number from 1 to 1000');
  return parsed.data;
}

export function createPool(url: string, max = readPoolMax(), statementTimeoutMs?: number): Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // The data pool's limit: the server stops the statement itself (57014), it does not just stop waiting.
    ...(statementTimeoutMs ? { statement_timeout: statementTimeoutMs } : {}),
    types: typeParsers,
    // UTC sessions: date_trunc and text casts never depend on the server's or the client's time zone.
    options: '-c TimeZone=UTC -c DateStyle=ISO',
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client that loses its connection (database restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  return pool;
}

/** Runs `fn` inside one transaction on one client; rolls back on any error. */
export async function transaction<T>(pool: Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** Two-int advisory lock keys: a namespace for Atlas and one id per purpose. */
export const LOCK_NAMESPACE = 0x41746c61; // 'Atla'
export const LOCKS = { migrate: 1, dataTables: 2 } as const;

/** Quotes a table or column name that was declared by the server (never taken from a client); refuses anything else. */
export const quoteIdentifier = identifierQuoter(63);
