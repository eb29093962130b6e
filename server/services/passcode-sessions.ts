/**
 * Passcode sessions (SPEC L4, L5): after the right passcode a viewer gets a JWT that travels as
 * `Authorization: Bearer` (no cookie, so it works inside third-party iframes). It is bound to the link id and the
 * link's passcode version, so a new passcode, switching the passcode off, or revoking the link ends it on the next
 * request. The expiry is absolute: a session is never extended, after 5 days the passcode is asked again.
 *
 * Issue 18 item 4: every entry gets a random id (the JWT's `jti`, 128 bits from the CSPRNG), so two entries in the
 * same second are distinct sessions. The id (never the signed value) is recorded in the store with when it was
 * opened and last seen, a keyed hash of the client address and the browser family; a session must still be live
 * there to be accepted, so the owner can end one (or a rotation all) without changing the passcode.
 */
import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { LinkSecrets } from '../auth/link-secrets.js';
import type { AgentFamily, LinkSessionStore, PublicLink } from '../store/types.js';

export const SESSION_LIFETIME_MS = 5 * 24 * 60 * 60 * 1000;
const ISSUER = 'atlas-sharing';
const AUDIENCE = 'atlas-public-link-session';

export interface IssuedSession {
  session: string;
  expiresAt: string;
}

/** Who opened a session, as recorded (see link-sessions.ts). */
export interface SessionClient {
  addressHash: string;
  agentFamily: AgentFamily;
}

/** "Last seen" moves at most once a minute per session: a wall screen's refreshes do not each write a row. */
const LAST_SEEN_STEP_MS = 60_000;

/**
 * What a verified session token says. A function of the token string and the session key alone (the signature,
 * issuer, audience, typ and claims never change), so it may be remembered; what can change (the clock, the link's
 * passcode version, passcode switch and revocation) is checked against the caller's fresh link row on every use.
 */
interface VerifiedClaims {
  sub: string;
  jti: string | undefined;
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
  readonly #store: Pick<LinkSessionStore, 'insertLinkSession' | 'getLinkSession' | 'touchLinkSession'>;
  readonly #verified = new Map<string, VerifiedClaims>();

  constructor(
    secrets: Pick<LinkSecrets, 'sessionKey'>,
    store: Pick<LinkSessionStore, 'insertLinkSession' | 'getLinkSession' | 'touchLinkSession'>,
  ) {
    this.#key = secrets.sessionKey;
    this.#store = store;
  }

  /** Opens a new session (recorded before it is handed out); `id` is its jti. */
  async issue(link: PublicLink, now: Date, client: SessionClient): Promise<IssuedSession & { id: string }> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresAt = issuedAt + SESSION_LIFETIME_MS / 1000;
    const id = randomBytes(16).toString('base64url');
    await this.#store.insertLinkSession({
      id,
      linkId: link.id,
      passcodeVersion: link.passcodeVersion,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(expiresAt * 1000).toISOString(),
      endedAt: null,
      ...client,
    });
    const session = await new SignJWT({ pv: link.passcodeVersion })
      .setJti(id)
      .setProtectedHeader({ alg: 'HS256', typ: 'atlas-session+jwt' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(link.id)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.#key);
    return { session, expiresAt: new Date(expiresAt * 1000).toISOString(), id };
  }

  /**
   * The session's id when it is an unexpired session of this link, issued under its current passcode and not ended
   * (by the owner or a rotation); otherwise undefined. A session without an id (issued before sessions were
   * recorded) is not accepted: its viewer enters the passcode once more.
   */
  async check(link: PublicLink, session: string, now: Date): Promise<string | undefined> {
    const claims = await this.#claims(session, now);
    if (!claims?.jti || !this.#claimsHold(claims, link, now)) return undefined;
    const row = await this.#store.getLinkSession(claims.jti);
    if (!row || row.linkId !== link.id || row.endedAt !== null || row.passcodeVersion !== link.passcodeVersion)
      return undefined;
    if (now.getTime() - Date.parse(row.lastSeenAt) >= LAST_SEEN_STEP_MS)
      await this.#store.touchLinkSession(row.id, now.toISOString());
    return row.id;
  }

  #claimsHold(claims: VerifiedClaims, link: PublicLink, now: Date): boolean {
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
      const claims: VerifiedClaims = {
        sub: payload.sub!,
        jti: payload.jti,
        pv: payload.pv,
        exp: payload.exp!,
        nbf: payload.nbf,
      };
      // Only tokens we signed get here, so the map grows with real sessions, not with an attacker's junk; still bounded.
      if (this.#verified.size >= VERIFIED_MAX) this.#verified.delete(this.#verified.keys().next().value!);
      this.#verified.set(session, claims);
      return claims;
    } catch {
      return undefined;
    }
  }
}
