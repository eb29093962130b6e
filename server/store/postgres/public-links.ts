import type { LinkCounts, LinkPatch, PublicLink, PublicLinkStore } from '../types.js';
import { toLink, toLinkAndDashboard, type LinkRow } from '../shared/rows.js';
import { joinedRowReader } from './joined-rows.js';
import { transaction, type Pool, type Queryable } from './pool.js';

/**
 * Every read goes to the database: revocation and passcode changes made by another server process must be seen on
 * the very next request (SPEC L3, L4, O3), so nothing here is cached.
 */
export function postgresPublicLinkStore(pool: Pool): PublicLinkStore {
  const get = async (id: string) => {
    const row = (await pool.query<LinkRow>('SELECT * FROM public_links WHERE id = $1', [id])).rows[0];
    return row && toLink(row);
  };
  const joined = joinedRowReader(pool);
  return {
    async getLinkAndDashboardByTokenHash(tokenHash) {
      const rows = await joined(
        `SELECT l.*, d.* FROM public_links l LEFT JOIN dashboards d ON d.id = l.dashboard_id
         WHERE l.token_hash = $1 OR l.previous_token_hash = $1`,
        [tokenHash],
      );
      return rows && toLinkAndDashboard(rows);
    },
    async rotateLink(id, r) {
      return transaction(pool, async (client) => {
        const { rows } = await client.query<LinkRow>(
          `UPDATE public_links SET token_hash = $2, token_sealed = $3, previous_token_hash = $4, previous_token_until = $5,
             passcode_sealed = COALESCE($6, passcode_sealed), passcode_version = COALESCE($7, passcode_version)
           WHERE id = $1 AND revoked_at IS NULL RETURNING *`,
          [
            id,
            r.tokenHash,
            r.tokenSealed,
            r.previousTokenHash,
            r.previousTokenUntil,
            r.passcodeSealed ?? null,
            r.passcodeVersion ?? null,
          ],
        );
        if (!rows[0]) return undefined;
        await client.query('UPDATE link_sessions SET ended_at = $2 WHERE link_id = $1 AND ended_at IS NULL', [
          id,
          r.at,
        ]);
        return toLink(rows[0]);
      });
    },
    async insertLink(l) {
      await pool.query(
        `INSERT INTO public_links (id, dashboard_id, label, token_hash, token_sealed, created_at, created_by, revoked_at,
           passcode_enabled, passcode_sealed, passcode_version, locked_filters, frame_ancestors, access_count, last_access_at,
           paused_at, expires_at, previous_token_hash, previous_token_until, widget_ids, pause_on_change, exposure_changes,
           export_mode, export_row_cap)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23,
           $24)`,
        [
          l.id,
          l.dashboardId,
          l.label,
          l.tokenHash,
          l.tokenSealed,
          l.createdAt,
          l.createdBy,
          l.revokedAt,
          l.passcodeEnabled,
          l.passcodeSealed,
          l.passcodeVersion,
          JSON.stringify(l.lockedFilters),
          l.frameAncestors ?? null,
          l.accessCount,
          l.lastAccessAt,
          l.pausedAt ?? null,
          l.expiresAt ?? null,
          l.previousTokenHash ?? null,
          l.previousTokenUntil ?? null,
          l.widgetIds ?? null,
          l.pauseOnChange ?? false,
          JSON.stringify(l.exposureChanges ?? []),
          l.exportMode,
          l.exportRowCap,
        ],
      );
      return l;
    },
    getLink: get,
    async listLinks(dashboardId, opts) {
      const active = opts?.includeRevoked ? '' : 'AND revoked_at IS NULL';
      const { rows } = await pool.query<LinkRow>(
        `SELECT * FROM public_links WHERE dashboard_id = $1 ${active} ORDER BY created_at, id`,
        [dashboardId],
      );
      return rows.map(toLink);
    },
    async countLinks(dashboardIds) {
      const counts = new Map<string, LinkCounts>();
      if (dashboardIds.length === 0) return counts;
      const { rows } = await pool.query<{ id: string } & LinkCounts>(
        `SELECT dashboard_id AS id, COUNT(*)::int AS active,
           COUNT(*) FILTER (WHERE jsonb_array_length(exposure_changes) > 0)::int AS changed
         FROM public_links WHERE revoked_at IS NULL AND dashboard_id = ANY($1::text[]) GROUP BY dashboard_id`,
        [dashboardIds],
      );
      for (const { id, active, changed } of rows) counts.set(id, { active, changed });
      return counts;
    },
    async listActiveLinksOfDashboards(dashboardIds, limit) {
      if (dashboardIds.length === 0) return [];
      const { rows } = await pool.query<LinkRow & { dashboard_title: string }>(
        `SELECT l.*, d.title AS dashboard_title FROM public_links l JOIN dashboards d ON d.id = l.dashboard_id
         WHERE l.revoked_at IS NULL AND l.dashboard_id = ANY($1::text[])
         ORDER BY l.created_at DESC, l.id DESC LIMIT $2`,
        [dashboardIds, limit],
      );
      return rows.map((r) => ({ link: toLink(r), dashboard: { id: r.dashboard_id, title: r.dashboard_title } }));
    },
    updateLink: (id, patch) => patchLink(pool, id, patch),
    async modifyLink(id, change) {
      return transaction(pool, async (client) => {
        // The row stays locked until COMMIT: a concurrent modifyLink of the same link waits, then reads this one's result.
        const row = (await client.query<LinkRow>('SELECT * FROM public_links WHERE id = $1 FOR UPDATE', [id])).rows[0];
        if (!row) return undefined;
        const current = toLink(row);
        const patch = change(current);
        return patch ? patchLink(client, id, patch) : current;
      });
    },
    async revokeLink(id, at) {
      return (
        ((await pool.query('UPDATE public_links SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [id, at]))
          .rowCount ?? 0) > 0
      );
    },
  };
}

/**
 * Writes only the columns the patch names: a concurrent counter bump by another process (appendAudit folds accesses
 * into access_count) must not be overwritten with a stale value.
 */
async function patchLink(db: Queryable, id: string, patch: LinkPatch): Promise<PublicLink | undefined> {
  const columns: Record<string, unknown> = {};
  if ('label' in patch) columns.label = patch.label;
  if ('tokenSealed' in patch) columns.token_sealed = patch.tokenSealed;
  if ('createdAt' in patch) columns.created_at = patch.createdAt;
  if ('createdBy' in patch) columns.created_by = patch.createdBy;
  if ('revokedAt' in patch) columns.revoked_at = patch.revokedAt;
  if ('pausedAt' in patch) columns.paused_at = patch.pausedAt;
  if ('expiresAt' in patch) columns.expires_at = patch.expiresAt;
  if ('passcodeEnabled' in patch) columns.passcode_enabled = patch.passcodeEnabled;
  if ('passcodeSealed' in patch) columns.passcode_sealed = patch.passcodeSealed;
  if ('passcodeVersion' in patch) columns.passcode_version = patch.passcodeVersion;
  if ('lockedFilters' in patch) columns.locked_filters = JSON.stringify(patch.lockedFilters ?? {});
  if ('frameAncestors' in patch) columns.frame_ancestors = patch.frameAncestors ?? null;
  if ('accessCount' in patch) columns.access_count = patch.accessCount;
  if ('lastAccessAt' in patch) columns.last_access_at = patch.lastAccessAt;
  if ('widgetIds' in patch) columns.widget_ids = patch.widgetIds ?? null;
  if ('pauseOnChange' in patch) columns.pause_on_change = patch.pauseOnChange;
  if ('exposureChanges' in patch) columns.exposure_changes = JSON.stringify(patch.exposureChanges ?? []);
  if ('exportMode' in patch) columns.export_mode = patch.exportMode;
  if ('exportRowCap' in patch) columns.export_row_cap = patch.exportRowCap;
  const names = Object.keys(columns);
  if (names.length === 0) {
    const row = (await db.query<LinkRow>('SELECT * FROM public_links WHERE id = $1', [id])).rows[0];
    return row && toLink(row);
  }
  const { rows } = await db.query<LinkRow>(
    `UPDATE public_links SET ${names.map((n, i) => `${n} = $${i + 2}`).join(', ')} WHERE id = $1 RETURNING *`,
    [id, ...names.map((n) => columns[n])],
  );
  return rows[0] && toLink(rows[0]);
}
