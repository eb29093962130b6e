import type { Db } from './database.js';
import type { LinkSessionStore } from '../types.js';
import { toLinkSession, type LinkSessionRow } from '../shared/rows.js';

/** Issue 18 item 4: passcode sessions by their random id (times are ISO text, so they compare as strings). */
export function sqliteLinkSessionStore(db: Db): LinkSessionStore {
  const s = {
    insert: db.prepare(
      `INSERT INTO link_sessions (id, link_id, passcode_version, created_at, last_seen_at, expires_at, ended_at,
         address_hash, agent_family)
       VALUES (@id, @linkId, @passcodeVersion, @createdAt, @lastSeenAt, @expiresAt, @endedAt, @addressHash, @agentFamily)`,
    ),
    get: db.prepare('SELECT * FROM link_sessions WHERE id = ?'),
    touch: db.prepare('UPDATE link_sessions SET last_seen_at = @at WHERE id = @id AND last_seen_at < @at'),
    live: db.prepare(
      `SELECT * FROM link_sessions WHERE link_id = ? AND passcode_version = ? AND ended_at IS NULL AND expires_at > ?
       ORDER BY created_at, id`,
    ),
    endOne: db.prepare('UPDATE link_sessions SET ended_at = ? WHERE link_id = ? AND id = ? AND ended_at IS NULL'),
    endAll: db.prepare('UPDATE link_sessions SET ended_at = ? WHERE link_id = ? AND ended_at IS NULL'),
  };
  return {
    async insertLinkSession(session) {
      s.insert.run(session);
    },
    async getLinkSession(id) {
      const row = s.get.get(id) as LinkSessionRow | undefined;
      return row && toLinkSession(row);
    },
    async touchLinkSession(id, at) {
      s.touch.run({ id, at });
    },
    async listLiveLinkSessions(linkId, passcodeVersion, now) {
      return (s.live.all(linkId, passcodeVersion, now) as LinkSessionRow[]).map(toLinkSession);
    },
    async endLinkSessions(linkId, at, sessionId) {
      return (sessionId === undefined ? s.endAll.run(at, linkId) : s.endOne.run(at, linkId, sessionId)).changes;
    },
  };
}
