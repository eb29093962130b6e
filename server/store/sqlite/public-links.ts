import type { Db } from './database.js';
import type { LinkCounts, LinkPatch, LinkRotation, PublicLink, PublicLinkStore } from '../types.js';
import { rowsByTable, toLink, toLinkAndDashboard, type LinkRow } from '../shared/rows.js';

/** A link as SQLite's named parameters: flags as 0/1, JSON columns as text. */
const toParams = (l: PublicLink) => ({
  ...l,
  passcodeEnabled: l.passcodeEnabled ? 1 : 0,
  lockedFilters: JSON.stringify(l.lockedFilters),
  frameAncestors: l.frameAncestors == null ? null : JSON.stringify(l.frameAncestors),
  widgetIds: l.widgetIds == null ? null : JSON.stringify(l.widgetIds),
  pauseOnChange: l.pauseOnChange ? 1 : 0,
  exposureChanges: JSON.stringify(l.exposureChanges ?? []),
});

export function sqlitePublicLinkStore(db: Db): PublicLinkStore {
  const s = {
    insert: db.prepare(
      `INSERT INTO public_links (id, dashboard_id, label, token_hash, token_sealed, created_at, created_by, revoked_at,
         paused_at, expires_at, passcode_enabled, passcode_sealed, passcode_version, locked_filters, frame_ancestors,
         access_count, last_access_at, previous_token_hash, previous_token_until, widget_ids, pause_on_change,
         exposure_changes, export_mode, export_row_cap)
       VALUES (@id, @dashboardId, @label, @tokenHash, @tokenSealed, @createdAt, @createdBy, @revokedAt, @pausedAt, @expiresAt,
         @passcodeEnabled, @passcodeSealed, @passcodeVersion, @lockedFilters, @frameAncestors, @accessCount, @lastAccessAt,
         @previousTokenHash, @previousTokenUntil, @widgetIds, @pauseOnChange, @exposureChanges, @exportMode, @exportRowCap)`,
    ),
    get: db.prepare('SELECT * FROM public_links WHERE id = ?'),
    // Issue 16: a token is its link's current one or the one before its last rotation (both columns are indexed).
    // Read as arrays: both tables have `id` and `created_at`; columns() says which table each value is from.
    withDashboard: db
      .prepare(
        `SELECT l.*, d.* FROM public_links l LEFT JOIN dashboards d ON d.id = l.dashboard_id
         WHERE l.token_hash = @hash OR l.previous_token_hash = @hash`,
      )
      .raw(true),
    // json_each keeps this one prepared statement whatever the number of ids.
    countLinks: db.prepare(
      `SELECT dashboard_id AS id, COUNT(*) AS active, SUM(exposure_changes <> '[]') AS changed FROM public_links
       WHERE revoked_at IS NULL AND dashboard_id IN (SELECT value FROM json_each(?)) GROUP BY dashboard_id`,
    ),
    listActive: db.prepare(
      'SELECT * FROM public_links WHERE dashboard_id = ? AND revoked_at IS NULL ORDER BY created_at, id',
    ),
    listAll: db.prepare('SELECT * FROM public_links WHERE dashboard_id = ? ORDER BY created_at, id'),
    update: db.prepare(
      `UPDATE public_links SET label = @label, token_sealed = @tokenSealed, revoked_at = @revokedAt, paused_at = @pausedAt,
         expires_at = @expiresAt,
         passcode_enabled = @passcodeEnabled, passcode_sealed = @passcodeSealed, passcode_version = @passcodeVersion,
         locked_filters = @lockedFilters, frame_ancestors = @frameAncestors, access_count = @accessCount, last_access_at = @lastAccessAt,
         widget_ids = @widgetIds, pause_on_change = @pauseOnChange, exposure_changes = @exposureChanges,
         export_mode = @exportMode, export_row_cap = @exportRowCap
       WHERE id = @id`,
    ),
    revoke: db.prepare('UPDATE public_links SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    rotate: db.prepare(
      `UPDATE public_links SET token_hash = @tokenHash, token_sealed = @tokenSealed,
         previous_token_hash = @previousTokenHash, previous_token_until = @previousTokenUntil,
         passcode_sealed = COALESCE(@passcodeSealed, passcode_sealed),
         passcode_version = COALESCE(@passcodeVersion, passcode_version)
       WHERE id = @id AND revoked_at IS NULL`,
    ),
    endSessions: db.prepare('UPDATE link_sessions SET ended_at = ? WHERE link_id = ? AND ended_at IS NULL'),
  };
  const joinedColumns = s.withDashboard.columns().map((c) => ({ name: c.name, table: c.table ?? undefined }));
  // IMMEDIATE (where called): the write lock is taken before the row is read, so another process cannot write between.
  const modify = db.transaction((id: string, change: (current: PublicLink) => LinkPatch | undefined) => {
    const row = s.get.get(id) as LinkRow | undefined;
    if (!row) return undefined;
    const current = toLink(row);
    const patch = change(current);
    if (!patch) return current;
    const next = { ...current, ...patch };
    s.update.run(toParams(next));
    return next;
  });
  const rotate = db.transaction((id: string, r: LinkRotation) => {
    const changed = s.rotate.run({
      id,
      tokenHash: r.tokenHash,
      tokenSealed: r.tokenSealed,
      previousTokenHash: r.previousTokenHash,
      previousTokenUntil: r.previousTokenUntil,
      passcodeSealed: r.passcodeSealed ?? null,
      passcodeVersion: r.passcodeVersion ?? null,
    }).changes;
    if (changed > 0) s.endSessions.run(r.at, id);
    return changed > 0;
  });
  return {
    async insertLink(link) {
      s.insert.run(toParams(link));
      return link;
    },
    async getLink(id) {
      const row = s.get.get(id) as LinkRow | undefined;
      return row && toLink(row);
    },
    async getLinkAndDashboardByTokenHash(tokenHash) {
      const values = s.withDashboard.get({ hash: tokenHash }) as unknown[] | undefined;
      return values && toLinkAndDashboard(rowsByTable(values, joinedColumns));
    },
    async listLinks(dashboardId, opts) {
      const stmt = opts?.includeRevoked ? s.listAll : s.listActive;
      return (stmt.all(dashboardId) as LinkRow[]).map(toLink);
    },
    async countLinks(dashboardIds) {
      const counts = new Map<string, LinkCounts>();
      if (dashboardIds.length === 0) return counts;
      const rows = s.countLinks.all(JSON.stringify(dashboardIds)) as ({ id: string } & LinkCounts)[];
      for (const { id, active, changed } of rows) counts.set(id, { active, changed });
      return counts;
    },
    async listActiveLinksOfDashboards(dashboardIds, limit) {
      if (dashboardIds.length === 0) return [];
      // json_each keeps this one prepared statement whatever the number of ids.
      const rows = db
        .prepare(
          `SELECT l.*, d.title AS dashboard_title FROM public_links l JOIN dashboards d ON d.id = l.dashboard_id
           WHERE l.revoked_at IS NULL AND l.dashboard_id IN (SELECT value FROM json_each(?))
           ORDER BY l.created_at DESC, l.id DESC LIMIT ?`,
        )
        .all(JSON.stringify(dashboardIds), limit) as (LinkRow & { dashboard_title: string })[];
      return rows.map((r) => ({ link: toLink(r), dashboard: { id: r.dashboard_id, title: r.dashboard_title } }));
    },
    async updateLink(id, patch) {
      return modify.immediate(id, () => patch);
    },
    async modifyLink(id, change) {
      return modify.immediate(id, change);
    },
    async revokeLink(id, at) {
      return s.revoke.run(at, id).changes > 0;
    },
    async rotateLink(id, rotation) {
      if (!rotate(id, rotation)) return undefined;
      return toLink(s.get.get(id) as LinkRow);
    },
  };
}
