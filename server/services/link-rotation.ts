/**
 * Issue 16, rotate in place: a link gets a new token (and, when it has one, a new passcode) while keeping its id,
 * label, locked filters, framing sites, pause and expiry, and its audit history. The old token stops at once or after
 * a grace period of the owner's choice (at most 24 h), during which both open the link; after it the old token gets
 * exactly the answer of a revoked link and the audit records `rotated`. Every passcode session of the link ends.
 * Callers authorize first (`authorize(..., 'manage_links')`).
 */
import { timingSafeEqual } from 'node:crypto';
import { seal, tokenLookupHash } from '../auth/link-secrets.js';
import { AppError } from '../errors.js';
import type { PublicLink } from '../store/types.js';
import type { ServiceDeps } from './deps.js';
import {
  activeLink,
  generatePasscode,
  generateToken,
  passcodeContext,
  tokenContext,
  toLinkView,
  type LinkView,
} from './public-links.js';

export const MAX_GRACE_SECONDS = 24 * 60 * 60;

type Deps = Pick<ServiceDeps, 'store' | 'config' | 'logger' | 'now' | 'linkSecrets' | 'framePolicy' | 'auditWriter'>;

/** Who asked for the rotation, for its audit row. */
export interface RotationActor {
  clientAddress: string;
  userAgent: string;
}

export async function rotateLink(
  deps: Deps,
  dashboardId: string,
  linkId: string,
  graceSeconds: number,
  actor: RotationActor,
): Promise<LinkView> {
  if (!Number.isInteger(graceSeconds) || graceSeconds < 0 || graceSeconds > MAX_GRACE_SECONDS)
    throw new AppError(400, 'invalid_request', `graceSeconds must be a whole number from 0 to ${MAX_GRACE_SECONDS}.`);
  const link = await activeLink(deps, dashboardId, linkId);
  const secrets = deps.linkSecrets;
  const now = deps.now();
  const token = generateToken();
  const rotated = await deps.store.rotateLink(link.id, {
    tokenHash: tokenLookupHash(secrets, token),
    tokenSealed: seal(secrets, token, tokenContext(link.id)),
    previousTokenHash: link.tokenHash,
    previousTokenUntil: new Date(now.getTime() + graceSeconds * 1000).toISOString(),
    ...(link.passcodeEnabled
      ? {
          passcodeSealed: seal(secrets, generatePasscode(), passcodeContext(link.id)),
          passcodeVersion: link.passcodeVersion + 1,
        }
      : {}),
    at: now.toISOString(),
  });
  if (!rotated) throw new AppError(404, 'link_not_found', 'Public link not found.');
  // The rotation is part of the link's trail, beside the public requests (route `rotate`, the owner's client).
  await deps.auditWriter.commit({
    linkId: link.id,
    dashboardId: link.dashboardId,
    at: now.toISOString(),
    clientAddress: actor.clientAddress,
    userAgent: actor.userAgent,
    route: 'rotate',
    outcome: 'ok',
  });
  return toLinkView(deps, rotated);
}

/**
 * Whether a token whose lookup hash is `hash` is the link's previous token and its grace period is over. Both hashes
 * are HMACs of secrets: compared in constant time all the same.
 */
export function isRetiredToken(link: PublicLink, hash: string, now: Date): boolean {
  if (link.previousTokenHash === null) return false;
  const a = Buffer.from(hash);
  const b = Buffer.from(link.previousTokenHash);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return false;
  return link.previousTokenUntil === null || Date.parse(link.previousTokenUntil) <= now.getTime();
}
