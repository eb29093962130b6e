import { distinctClientsSql, usageByDaySql } from '../shared/usage-sql.js';
import type { AuditEvent, AuditStore, LinkUsageCounts, RateLimitStore, UsageGroup } from '../types.js';
import { transaction, type Pool } from './pool.js';

/**
 * How audit rows feed a link's counters (L2, L8), as in the SQLite store: a use is one opening of the dashboard (or an
 * export), not each of its widgets' data requests; any successful read of data is activity and moves "last used";
 * the served page and the passcode exchange read no data and move neither.
 */
const USE_ROUTES = new Set(['dashboard', 'export']);
const ACTIVITY_ROUTES = new Set(['dashboard', 'export', 'widget_data']);

/**
 * Audit rows and passcode-failure rows live in the database so that every server process appends to, and counts
 * from, the same records (SPEC L6, L8, O3).
 */
export function postgresAuditStore(pool: Pool): AuditStore & RateLimitStore {
  return {
    async appendAudit(events) {
      if (events.length === 0) return;
      await transaction(pool, async (client) => {
        await client.query(
          `INSERT INTO audit_events (link_id, dashboard_id, at, client_address, user_agent, route, outcome, session_id)
           SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[],
             $8::text[])`,
          [
            events.map((e) => e.linkId),
            events.map((e) => e.dashboardId),
            events.map((e) => e.at),
            events.map((e) => e.clientAddress),
            events.map((e) => e.userAgent),
            events.map((e) => e.route),
            events.map((e) => e.outcome),
            events.map((e) => e.sessionId ?? null),
          ],
        );
        // Fold successful accesses into each link's counters: one relative UPDATE per link, so concurrent writers
        // from other processes add up instead of overwriting each other.
        const perLink = new Map<string, { n: number; last: string }>();
        for (const e of events) {
          if (e.outcome !== 'ok' || !e.linkId || !ACTIVITY_ROUTES.has(e.route)) continue;
          const uses = USE_ROUTES.has(e.route) ? 1 : 0;
          const seen = perLink.get(e.linkId);
          if (!seen) perLink.set(e.linkId, { n: uses, last: e.at });
          else {
            seen.n += uses;
            if (Date.parse(e.at) > Date.parse(seen.last)) seen.last = e.at;
          }
        }
        for (const [linkId, { n, last }] of [...perLink].sort(([a], [b]) => (a < b ? -1 : 1))) {
          // Sorted by id: two transactions bumping the same links lock them in the same order (no deadlock).
          await client.query(
            `UPDATE public_links SET access_count = access_count + $2,
               last_access_at = GREATEST(last_access_at, $3::timestamptz) WHERE id = $1`,
            [linkId, n, last],
          );
        }
      });
    },
    async listAudit(linkId, limit = 1000, filter = {}) {
      // Issue 16: a NULL bound or outcome matches every row, so one statement serves every combination of filters.
      const { rows } = await pool.query<AuditEvent & { id: number }>(
        `SELECT id, link_id AS "linkId", dashboard_id AS "dashboardId", at, client_address AS "clientAddress",
                user_agent AS "userAgent", route, outcome, session_id AS "sessionId"
         FROM audit_events WHERE link_id = $1
           AND ($3::timestamptz IS NULL OR at >= $3) AND ($4::timestamptz IS NULL OR at <= $4)
           AND ($5::text IS NULL OR outcome = $5)
         ORDER BY at DESC, id DESC LIMIT $2`,
        [linkId, limit, filter.from ?? null, filter.to ?? null, filter.outcome ?? null],
      );
      return rows;
    },
    async linkUsage(linkId, since): Promise<LinkUsageCounts> {
      const dayExpr = `to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;
      const [days, distinct] = await Promise.all([
        pool.query<{ day: string; grp: UsageGroup; n: number }>(usageByDaySql(dayExpr, '$1', '$2::timestamptz'), [
          linkId,
          since,
        ]),
        pool.query<{ n: number }>(distinctClientsSql('$1', '$2::timestamptz'), [linkId, since]),
      ]);
      return {
        days: days.rows.map((d) => ({ day: d.day, group: d.grp, count: d.n })),
        distinctClients: distinct.rows[0]!.n,
      };
    },
    async recordFailure(keys, at) {
      if (keys.length === 0) return;
      await pool.query('INSERT INTO rate_limit_failures (key, at) SELECT k, $2 FROM unnest($1::text[]) AS k', [
        keys,
        at,
      ]);
    },
    async countFailures(key, since) {
      const { rows } = await pool.query<{ count: number; oldest: string | null }>(
        'SELECT COUNT(*) AS count, MIN(at) AS oldest FROM rate_limit_failures WHERE key = $1 AND at >= $2',
        [key, since],
      );
      return rows[0]!;
    },
    async releaseFailure(keys, at) {
      // One row per key: ctid picks a single physical row even when several share (key, at).
      await pool.query(
        `DELETE FROM rate_limit_failures WHERE ctid IN (
           SELECT DISTINCT ON (key) ctid FROM rate_limit_failures WHERE key = ANY($1::text[]) AND at = $2 ORDER BY key)`,
        [keys, at],
      );
    },
    async pruneFailures(before) {
      await pool.query('DELETE FROM rate_limit_failures WHERE at < $1', [before]);
    },
  };
}
