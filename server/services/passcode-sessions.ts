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

/**
 * What a verified session token says. A function of the token string and the session key alone (the signature,
 * issuer, audience, typ and claims never change), so it may be remembered; what can change (the clock, the link's
 * passcode version, passcode switch and revocation) is checked against the caller's fresh link row on every use.
 */
interface VerifiedClaims {
  sub: string;
  pv: unknown;
  exp: number;
  nbf: number | undefined;
}

/** Verified tokens kept per app: HS256 verification is the largest cost of a protected link's request, paid once. */
const VERIFIED_MAX = 10_000;

/**
 * Issues and checks the sessions of one app, under the session key of its link secrets. Built once by createApp:
 * the verified tokens it remembers belong to that app (and its key) alone.
 */
export class PasscodeSessions {
  readonly #key: Uint8Array;
  readonly #verified = new Map<string, VerifiedClaims>();

  constructor(secrets: Pick<LinkSecrets, 'sessionKey'>) {
    this.#key = secrets.sessionKey;
  }

  async issue(link: PublicLink, now: Date): Promise<IssuedSession> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresAt = issuedAt + SESSION_LIFETIME_MS / 1000;
    const session = await new SignJWT({ pv: link.passcodeVersion })
      .setProtectedHeader({ alg: 'HS256', typ: 'atlas-session+jwt' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(link.id)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.#key);
    return { session, expiresAt: new Date(expiresAt * 1000).toISOString() };
  }

  /** True only for an unexpired session of this link issued under its current passcode. */
  async isValid(link: PublicLink, session: string, now: Date): Promise<boolean> {
    const claims = await this.#claims(session, now);
    if (!claims) return false;
    // jose's own time rules, re-applied on every use (a remembered token still expires): no tolerance, the 5 days are
    // absolute (L5).
    const seconds = Math.floor(now.getTime() / 1000);
    if (claims.exp <= seconds || (claims.nbf !== undefined && claims.nbf > seconds)) return false;
    return (
      claims.sub === link.id && claims.pv === link.passcodeVersion && link.passcodeEnabled && link.revokedAt === null
    );
  }

  async #claims(session: string, now: Date): Promise<VerifiedClaims | undefined> {
    const hit = this.#verified.get(session);
    if (hit) return hit;
    try {
      const { payload } = await jwtVerify(session, this.#key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        typ: 'atlas-session+jwt',
        currentDate: now,
        requiredClaims: ['exp', 'iat', 'sub'],
      });
      const claims: VerifiedClaims = { sub: payload.sub!, pv: payload.pv, exp: payload.exp!, nbf: payload.nbf };
      // Only tokens we signed get here, so the map grows with real sessions, not with an attacker's junk; still bounded.
      if (this.#verified.size >= VERIFIED_MAX) this.#verified.delete(this.#verified.keys().next().value!);
      this.#verified.set(session, claims);
      return claims;
    } catch {
      return undefined;
    }
  }
}
