/**
 * Who gets through a public link (SPEC L3–L6, V1): the token's link, whether it is live, and its passcode session.
 * Transport-free: the public routes pass in the token, the sessions offered and the client address; nothing here
 * reaches an owner's service or the signed-in authorization.
 */
import { tokenLookupHash } from '../auth/link-secrets.js';
import { AppError } from '../errors.js';
import type { Dashboard, PublicLink } from '../store/types.js';
import type { ServiceDeps } from './deps.js';
import { isRetiredToken } from './link-rotation.js';
import type { IssuedSession, SessionClient } from './passcode-sessions.js';
import { hasExpired, passcodeMatches } from './public-links.js';

/** What `generateToken` makes (base64url, 32 characters), with room for longer tokens from other versions. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;
const MAX_HASHED_TOKEN = 256;

/** L3: unknown, malformed and revoked tokens all get exactly this. */
export const linkUnavailable = () =>
  new AppError(
    403,
    'link_unavailable',
    'This link is no longer available. Ask the person who shared it for a new one.',
  );

export const passcodeRequired = (message = 'This link is protected by a passcode.') =>
  new AppError(401, 'passcode_required', message);

/** A live link and its dashboard. */
export interface OpenedLink {
  link: PublicLink;
  dashboard: Dashboard;
}

/** A token's link (revoked or not) and whether the token is one its last rotation retired (issue 16). */
export interface FoundLink {
  link: PublicLink | undefined;
  /** The link's dashboard, read with it (issue 13: one lookup per public request). */
  dashboard: Dashboard | undefined;
  /** The link's previous token, after its grace period: it answers like a revoked link. */
  retired: boolean;
}

/**
 * Finds the link of a token, revoked or not (the audit names revoked links), by its current or previous token.
 * Every token costs the same: one HMAC and one indexed lookup, whether it is well formed, unknown, revoked, retired
 * or live, so timing tells nothing (L3).
 */
export async function lookupLink(
  deps: Pick<ServiceDeps, 'store' | 'linkSecrets' | 'now'>,
  token: string,
): Promise<FoundLink> {
  const hash = tokenLookupHash(deps.linkSecrets, token.slice(0, MAX_HASHED_TOKEN));
  const found = await deps.store.getLinkAndDashboardByTokenHash(hash);
  const link = TOKEN_SHAPE.test(token) ? found?.link : undefined;
  return {
    link,
    dashboard: link && found?.dashboard,
    retired: link !== undefined && isRetiredToken(link, hash, deps.now()),
  };
}

/**
 * Why a found link is not live, for the audit (issue 16): `rotated` for a token its rotation retired, `paused` while
 * its owner has paused it, `expired` once its expiry has passed (the server's clock); otherwise it is unknown, revoked
 * or live (`unavailable` covers the first two). Viewers never see the difference.
 */
export function refusedAs({ link, retired }: FoundLink, now: Date): 'rotated' | 'paused' | 'expired' | undefined {
  if (!link || link.revokedAt !== null) return undefined;
  if (retired) return 'rotated';
  if (link.pausedAt !== null) return 'paused';
  return hasExpired(link, now) ? 'expired' : undefined;
}

/**
 * The link's dashboard, or link_unavailable for a revoked, paused or expired link, a retired token (or a link whose
 * dashboard is gone): each does the work of a revoked one and gets the same answer.
 */
export function usableLink(deps: Pick<ServiceDeps, 'now'>, { link, dashboard, retired }: FoundLink): OpenedLink {
  if (!link || retired || link.revokedAt !== null || link.pausedAt !== null || hasExpired(link, deps.now())) {
    throw linkUnavailable();
  }
  if (!dashboard) throw linkUnavailable();
  return { link, dashboard };
}

/**
 * L4/L5: a passcode-protected link needs a live session of this link and its current passcode. A viewer may offer
 * two (the Bearer header and the partitioned cookie): either one valid is enough. Returns the id of the session used
 * (for the audit), or undefined for a link without a passcode.
 */
export async function requireSession(
  deps: Pick<ServiceDeps, 'passcodeSessions' | 'now'>,
  link: PublicLink,
  ...offered: (string | undefined)[]
): Promise<string | undefined> {
  if (!link.passcodeEnabled) return undefined;
  const sessions = offered.filter((s): s is string => Boolean(s));
  if (sessions.length === 0) throw passcodeRequired();
  for (const session of sessions) {
    const id = await deps.passcodeSessions.check(link, session, deps.now());
    if (id) return id;
  }
  throw passcodeRequired('Your access to this link has ended. Enter the passcode again.');
}

/**
 * L5/L6: exchanges the passcode for a 5-day session. The attempt is reserved as a failure in the database before the
 * passcode is even opened (see PasscodeLimits.reserve), so the limit survives restarts, spans processes and holds
 * against parallel guesses; a right passcode releases it.
 */
export async function startSession(
  deps: Pick<ServiceDeps, 'linkSecrets' | 'passcodeSessions' | 'passcodeLimits' | 'now'>,
  link: PublicLink,
  passcode: string,
  clientAddress: string,
  client: SessionClient,
): Promise<IssuedSession & { id: string }> {
  if (!link.passcodeEnabled) throw new AppError(409, 'passcode_not_enabled', 'This link has no passcode.');
  const now = deps.now();
  const attempt = await deps.passcodeLimits.reserve(link.id, clientAddress, now);
  if (!passcodeMatches(deps.linkSecrets, link, passcode)) {
    // Issue 17: say how many tries are left, so the lockout comes as no surprise.
    const { remaining } = attempt;
    const left =
      remaining === 0
        ? 'That was the last try for now: the next one waits for the lockout to end.'
        : `${remaining} ${remaining === 1 ? 'try' : 'tries'} left before a lockout.`;
    throw new AppError(401, 'wrong_passcode', `That passcode is not correct. ${left}`, { remaining });
  }
  await attempt.release();
  return deps.passcodeSessions.issue(link, now, client);
}
