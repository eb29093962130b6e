/**
 * Passcode sessions (SPEC L4, L5): after the right passcode a viewer gets a JWT that travels as
 * `Authorization: Bearer` (no cookie, so it works inside third-party iframes). It is bound to the link id and the
 * link's passcode version, so a new passcode, switching the passcode off, or revoking the link ends it on the next
 * request. The expiry is absolute: a session is never extended, after 5 days the passcode is asked again.
 */
import { SignJWT, jwtVerify } from 'jose';
import type { LinkSecrets } from '../auth/link-secrets.js';
import type { PublicLink } from '../store/types.js';

export const SESSION_LIFETIME_MS = 5 * 24 * 60 * 60 * 1000;
const ISSUER = 'atlas-sharing';
const AUDIENCE = 'atlas-public-link-session';

export interface IssuedSession {
  session: string;
  expiresAt: string;
}

export async function issueSession(secrets: LinkSecrets, link: PublicLink, now: Date): Promise<IssuedSession> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = issuedAt + SESSION_LIFETIME_MS / 1000;
  const session = await new SignJWT({ pv: link.passcodeVersion })
    .setProtectedHeader({ alg: 'HS256', typ: 'atlas-session+jwt' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(link.id)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(secrets.sessionKey);
  return { session, expiresAt: new Date(expiresAt * 1000).toISOString() };
}

/** True only for an unexpired session of this link issued under its current passcode. */
export async function sessionIsValid(secrets: LinkSecrets, link: PublicLink, session: string, now: Date): Promise<boolean> {
  try {
    const { payload } = await jwtVerify(session, secrets.sessionKey, {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      subject: link.id,
      typ: 'atlas-session+jwt',
      currentDate: now,
      requiredClaims: ['exp', 'iat', 'sub'],
    });
    // No clock tolerance beyond jose's: the 5 days are absolute (L5).
    return payload.pv === link.passcodeVersion && link.passcodeEnabled && link.revokedAt === null;
  } catch {
    return false;
  }
}
