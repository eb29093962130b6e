/**
 * X-Request-Id: one id per request, on every response and in every error body (`error.requestId`), and on the
 * request's log line, so a user's report, the proxy's log and ours can be matched up.
 *
 * An id sent by the client is taken only when the deployment says the peer is a trusted reverse proxy
 * (ATLAS_TRUST_PROXY_HOPS ≥ 1: the proxy set or passed it on), and only in a plain shape (letters, digits and
 * `._:+=/@-`, at most 128 characters), since it is written into headers, bodies and logs. Otherwise a random UUID.
 */
import type { RequestHandler, Response } from 'express';
import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'X-Request-Id';
const ACCEPTED = /^[A-Za-z0-9._:+=/@-]{1,128}$/;

export function requestId(trustProxyHops: number): RequestHandler {
  return (req, res, next) => {
    const given = req.headers['x-request-id'];
    const id = trustProxyHops > 0 && typeof given === 'string' && ACCEPTED.test(given) ? given : randomUUID();
    res.locals.requestId = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    next();
  };
}

/** The id `requestId` gave this response (undefined before it ran, e.g. in a host app's own middleware). */
export function requestIdOf(res: Response): string | undefined {
  const id: unknown = res.locals.requestId;
  return typeof id === 'string' ? id : undefined;
}
