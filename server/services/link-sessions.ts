/**
 * Passcode sessions as the owner sees them (issue 16 "Sessions", issue 18 item 4): the live sessions of a link, and
 * ending one without changing the passcode. Also how a session's client is described: a keyed hash of its address
 * (a database copy cannot be matched against the 2^32 IPv4 addresses without the server's key) and the family of
 * its browser. Callers authorize first (`authorize(..., 'manage_links')`).
 */
import { createHmac } from 'node:crypto';
import type { LinkSecrets } from '../auth/link-secrets.js';
import { AppError } from '../errors.js';
import type { AgentFamily, LinkSession, PublicLink } from '../store/types.js';
import type { ServiceDeps } from './deps.js';
import type { SessionClient } from './passcode-sessions.js';

/** 16 base64url characters (96 bits): enough to tell clients apart, short enough to read in a list. */
export function addressHash(secrets: Pick<LinkSecrets, 'lookupKey'>, address: string): string {
  return createHmac('sha256', secrets.lookupKey)
    .update(`client-address:${address}`, 'utf8')
    .digest('base64url')
    .slice(0, 16);
}

/**
 * The browser family of a User-Agent header. Order matters: Edge and Opera say "Chrome" too, and Chrome says
 * "Safari"; a family is a hint for the owner, never a security decision.
 */
export function agentFamily(userAgent: string | undefined): AgentFamily {
  const ua = userAgent ?? '';
  if (/\bEdg(e|A|iOS)?\//.test(ua)) return 'edge';
  if (/\b(Firefox|FxiOS)\//.test(ua)) return 'firefox';
  if (/\b(OPR|Opera|SamsungBrowser)\//.test(ua)) return 'other';
  if (/\b(Chrome|HeadlessChrome|Chromium|CriOS)\//.test(ua)) return 'chrome';
  if (/\bVersion\/[\d.]+.*\bSafari\//.test(ua)) return 'safari';
  return 'other';
}

export function sessionClient(
  secrets: Pick<LinkSecrets, 'lookupKey'>,
  address: string,
  userAgent: string | undefined,
): SessionClient {
  return { addressHash: addressHash(secrets, address), agentFamily: agentFamily(userAgent) };
}

/** A live session as its link's owner sees it (never its value). */
export interface SessionView {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  addressHash: string;
  agentFamily: AgentFamily;
}

type Deps = Pick<ServiceDeps, 'store' | 'now'>;

/** An active link of this dashboard, or 404 (as the other link actions answer). */
async function activeLink(deps: Deps, dashboardId: string, linkId: string): Promise<PublicLink> {
  const link = await deps.store.getLink(linkId);
  if (!link || link.dashboardId !== dashboardId || link.revokedAt)
    throw new AppError(404, 'link_not_found', 'Public link not found.');
  return link;
}

const toView = ({ id, createdAt, lastSeenAt, expiresAt, addressHash, agentFamily }: LinkSession): SessionView => ({
  id,
  createdAt,
  lastSeenAt,
  expiresAt,
  addressHash,
  agentFamily,
});

/** The live sessions of a link, oldest first; none while its passcode is off. */
export async function listLinkSessions(deps: Deps, dashboardId: string, linkId: string): Promise<SessionView[]> {
  const link = await activeLink(deps, dashboardId, linkId);
  if (!link.passcodeEnabled) return [];
  const rows = await deps.store.listLiveLinkSessions(link.id, link.passcodeVersion, deps.now().toISOString());
  return rows.map(toView);
}

/** Ends one live session of a link: its next request needs the passcode again. 404 session_not_found otherwise. */
export async function endLinkSession(
  deps: Deps,
  dashboardId: string,
  linkId: string,
  sessionId: string,
): Promise<void> {
  const link = await activeLink(deps, dashboardId, linkId);
  if ((await deps.store.endLinkSessions(link.id, deps.now().toISOString(), sessionId)) === 0)
    throw new AppError(404, 'session_not_found', 'Session not found or already ended.');
}
