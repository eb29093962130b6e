/**
 * One row of a join, read as an array and split back into one row per table (shared/rows.ts rowsByTable), so a
 * `SELECT a.*, b.*` needs no list of aliased columns to keep in step with the schema. PostgreSQL names a result
 * column's table by OID only: the OIDs of the tables this connection sees are read once per store.
 */
import { rowsByTable } from '../shared/rows.js';
import type { Pool } from './pool.js';

export type JoinedRowReader = (
  text: string,
  values: unknown[],
) => Promise<Map<string, Record<string, unknown>> | undefined>;

export function joinedRowReader(pool: Pool): JoinedRowReader {
  let tableNames: Promise<Map<number, string>> | undefined;
  const tables = () =>
    (tableNames ??= pool
      .query<{ oid: number; name: string }>(
        "SELECT oid::int AS oid, relname AS name FROM pg_class WHERE relkind = 'r' AND pg_table_is_visible(oid)",
      )
      .then(({ rows }) => new Map(rows.map((r) => [r.oid, r.name])))
      .catch((err: unknown) => {
        tableNames = undefined; // asked again next time, not remembered as a failure
        throw err;
      }));
  return async (text, values) => {
    const [known, result] = await Promise.all([tables(), pool.query<unknown[]>({ text, values, rowMode: 'array' })]);
    const row = result.rows[0];
    if (!row) return undefined;
    // A table created since the OIDs were read (a migration by another process) is looked up once more.
    let names = known;
    if (result.fields.some((f) => f.tableID !== 0 && !names.has(f.tableID))) {
      tableNames = undefined;
      names = await tables();
    }
    return rowsByTable(
      row,
      result.fields.map((f) => ({ name: f.name, table: names.get(f.tableID) })),
    );
  };
}
