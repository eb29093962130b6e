/**
 * The passcode session as a CHIPS cookie (SPEC L5): a viewer in a customer's cross-site iframe, where the browser
 * blocks third-party cookies AND storage, still survives a reload. A partitioned cookie is kept per top-level site,
 * so it is readable only inside the embedding site that saw the passcode entered, never across sites.
 *
 * - `__Host-` prefix: Secure, Path=/, no Domain, so no sibling host or path can set or shadow it. Browsers treat
 *   `http://localhost` and `127.0.0.1` as secure, so the demo works on plain http; on plain http elsewhere the
 *   browser drops the cookie and the viewer keeps its Bearer session (localStorage) as before.
 * - HttpOnly: no script of any page reads it. SameSite=None: it must travel inside a cross-site iframe.
 * - One cookie per link (the link id is in its name), holding the same signed session as the Bearer value, so it is
 *   bound to that link and its passcode version: a new passcode or a revoke ends it on the next request.
 * - Only the public routes of its own link read it; the signed-in API authenticates by the Authorization header
 *   alone and never looks at cookies.
 */
import { parse as parseCookies, serialize } from 'cookie';
import type { Request, Response } from 'express';

const PREFIX = '__Host-atlas-session-';

export const sessionCookieName = (linkId: string) => `${PREFIX}${linkId}`;

/** Sets the session cookie for `maxAgeSeconds` (the session's remaining lifetime). */
export function setSessionCookie(res: Response, linkId: string, session: string, maxAgeSeconds: number): void {
  res.append(
    'Set-Cookie',
    serialize(sessionCookieName(linkId), session, {
      secure: true,
      httpOnly: true,
      sameSite: 'none',
      partitioned: true,
      path: '/',
      maxAge: Math.max(0, Math.floor(maxAgeSeconds)),
    }),
  );
}

/** Ends the cookie (a session the server no longer accepts): the viewer then asks for the passcode. */
export function clearSessionCookie(res: Response, linkId: string): void {
  setSessionCookie(res, linkId, '', 0);
}

/** The session this link's cookie carries, if the request has one. */
export function sessionFromCookie(req: Request, linkId: string): string | undefined {
  const header = req.headers.cookie;
  if (!header || !header.includes(PREFIX)) return undefined;
  const value = parseCookies(header)[sessionCookieName(linkId)];
  return value || undefined;
}
