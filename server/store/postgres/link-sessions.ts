import type { LinkSessionStore } from '../types.js';
import { toLinkSession, type LinkSessionRow } from '../shared/rows.js';
import type { Pool } from './pool.js';

/**
 * Issue 18 item 4: passcode sessions by their random id. Read on every protected request (no cache), so a session
 * ended through one server process is refused by every other on its next request.
 */
export function postgresLinkSessionStore(pool: Pool): LinkSessionStore {
  return {
    async insertLinkSession(x) {
      await pool.query(
        `INSERT INTO link_sessions (id, link_id, passcode_version, created_at, last_seen_at, expires_at, ended_at,
           address_hash, agent_family)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          x.id,
          x.linkId,
          x.passcodeVersion,
          x.createdAt,
          x.lastSeenAt,
          x.expiresAt,
          x.endedAt,
          x.addressHash,
          x.agentFamily,
        ],
      );
    },
    async getLinkSession(id) {
      const row = (await pool.query<LinkSessionRow>('SELECT * FROM link_sessions WHERE id = $1', [id])).rows[0];
      return row && toLinkSession(row);
    },
    async touchLinkSession(id, at) {
      await pool.query('UPDATE link_sessions SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2', [id, at]);
    },
    async listLiveLinkSessions(linkId, passcodeVersion, now) {
      const { rows } = await pool.query<LinkSessionRow>(
        `SELECT * FROM link_sessions WHERE link_id = $1 AND passcode_version = $2 AND ended_at IS NULL AND expires_at > $3
         ORDER BY created_at, id`,
        [linkId, passcodeVersion, now],
      );
      return rows.map(toLinkSession);
    },
    async endLinkSessions(linkId, at, sessionId) {
      const { rowCount } =
        sessionId === undefined
          ? await pool.query('UPDATE link_sessions SET ended_at = $2 WHERE link_id = $1 AND ended_at IS NULL', [
              linkId,
              at,
            ])
          : await pool.query(
              'UPDATE link_sessions SET ended_at = $2 WHERE link_id = $1 AND id = $3 AND ended_at IS NULL',
              [linkId, at, sessionId],
            );
      return rowCount ?? 0;
    },
  };
}
