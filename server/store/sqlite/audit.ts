import type { Db } from './database.js';
import { distinctClientsSql, usageByDaySql } from '../shared/usage-sql.js';
import type { AuditEvent, AuditStore, LinkUsageCounts, RateLimitStore, UsageGroup } from '../types.js';

/**
 * How audit rows feed a link's counters (L2, L8). A use is one opening of the dashboard (or an export), not each of
 * its widgets' data requests, so the owner's "used N times" means views. Any successful read of data is activity
 * (a wall screen refreshes only its widgets), so it moves "last used"; the served page and the passcode exchange
 * read no data and move neither.
 */
const USE_ROUTES = new Set(['dashboard', 'export']);
const ACTIVITY_ROUTES = new Set(['dashboard', 'export', 'widget_data']);

export function sqliteAuditStore(db: Db): AuditStore & RateLimitStore {
  const s = {
    insert: db.prepare(
      `INSERT INTO audit_events (link_id, dashboard_id, at, client_address, user_agent, route, outcome, session_id)
       VALUES (@linkId, @dashboardId, @at, @clientAddress, @userAgent, @route, @outcome, @sessionId)`,
    ),
    bump: db.prepare(
      `UPDATE public_links SET access_count = access_count + @uses,
         last_access_at = CASE WHEN last_access_at IS NULL OR last_access_at < @at THEN @at ELSE last_access_at END
       WHERE id = @linkId`,
    ),
    list: db.prepare(
      `SELECT id, link_id AS linkId, dashboard_id AS dashboardId, at, client_address AS clientAddress,
              user_agent AS userAgent, route, outcome, session_id AS sessionId
       FROM audit_events WHERE link_id = ? ORDER BY at DESC, id DESC LIMIT ?`,
    ),
    // Issue 16: a NULL bound or outcome matches every row, so one statement serves every combination of filters.
    listFiltered: db.prepare(
      `SELECT id, link_id AS linkId, dashboard_id AS dashboardId, at, client_address AS clientAddress,
              user_agent AS userAgent, route, outcome, session_id AS sessionId
       FROM audit_events WHERE link_id = @linkId AND (@from IS NULL OR at >= @from) AND (@to IS NULL OR at <= @to)
         AND (@outcome IS NULL OR outcome = @outcome)
       ORDER BY at DESC, id DESC LIMIT @limit`,
    ),
    // Times are ISO text in UTC (toISOString), so the day is its first ten characters.
    usage: db.prepare(usageByDaySql('substr(at, 1, 10)', '?', '?')),
    distinct: db.prepare(distinctClientsSql('?', '?')),
    recordFailure: db.prepare('INSERT INTO rate_limit_failures (key, at) VALUES (?, ?)'),
    countFailures: db.prepare(
      'SELECT COUNT(*) AS count, MIN(at) AS oldest FROM rate_limit_failures WHERE key = ? AND at >= ?',
    ),
    prune: db.prepare('DELETE FROM rate_limit_failures WHERE at < ?'),
    releaseOne: db.prepare(
      'DELETE FROM rate_limit_failures WHERE rowid = (SELECT rowid FROM rate_limit_failures WHERE key = ? AND at = ? LIMIT 1)',
    ),
  };
  // One transaction per batch (a group commit of many requests), and one counter update per link in it.
  const append = db.transaction((events: AuditEvent[]) => {
    const perLink = new Map<string, { uses: number; at: string }>();
    for (const e of events) {
      s.insert.run({ ...e, sessionId: e.sessionId ?? null });
      if (e.outcome !== 'ok' || !e.linkId || !ACTIVITY_ROUTES.has(e.route)) continue;
      const uses = USE_ROUTES.has(e.route) ? 1 : 0;
      const seen = perLink.get(e.linkId);
      if (!seen) perLink.set(e.linkId, { uses, at: e.at });
      else {
        seen.uses += uses;
        if (e.at > seen.at) seen.at = e.at;
      }
    }
    for (const [linkId, { uses, at }] of perLink) s.bump.run({ linkId, at, uses });
  });
  const record = db.transaction((keys: string[], at: string) => {
    for (const key of keys) s.recordFailure.run(key, at);
  });
  const release = db.transaction((keys: string[], at: string) => {
    for (const key of keys) s.releaseOne.run(key, at);
  });
  return {
    async appendAudit(events) {
      if (events.length) append(events);
    },
    async listAudit(linkId, limit = 1000, filter) {
      if (!filter) return s.list.all(linkId, limit) as (AuditEvent & { id: number })[];
      const { from = null, to = null, outcome = null } = filter;
      return s.listFiltered.all({ linkId, limit, from, to, outcome }) as (AuditEvent & { id: number })[];
    },
    async linkUsage(linkId, since): Promise<LinkUsageCounts> {
      const days = s.usage.all(linkId, since) as { day: string; grp: UsageGroup; n: number }[];
      const { n } = s.distinct.get(linkId, since) as { n: number };
      return { days: days.map((d) => ({ day: d.day, group: d.grp, count: d.n })), distinctClients: n };
    },
    async recordFailure(keys, at) {
      record(keys, at);
    },
    async countFailures(key, since) {
      return s.countFailures.get(key, since) as { count: number; oldest: string | null };
    },
    async pruneFailures(before) {
      s.prune.run(before);
    },
    async releaseFailure(keys, at) {
      release(keys, at);
    },
  };
}
