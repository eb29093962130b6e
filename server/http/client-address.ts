import type { Request } from 'express';

/**
 * The client's address as the audit and the per-client limits see it. `req.ip` honours 'trust proxy'
 * (config.trustProxyHops), so X-Forwarded-For counts only through known proxies.
 */
export function clientAddress(req: Request): string {
  return (req.ip ?? req.socket.remoteAddress ?? 'unknown').slice(0, 64);
}
