/**
 * Issue 16: a client address as export watermarks and the audit route show it next to the raw address: a keyed
 * HMAC-SHA256 (the link lookup key, under its own context), so a workbook carries no address, the same client always
 * gets the same hash in one deployment, and nobody without the server's keys can turn a hash back into an address by
 * trying every IPv4 address.
 */
import { createHmac } from 'node:crypto';
import type { LinkSecrets } from '../auth/link-secrets.js';

/** 16 hex digits (64 bits): enough to tell clients apart in one link's log. */
export function clientAddressHash(secrets: Pick<LinkSecrets, 'lookupKey'>, address: string): string {
  return createHmac('sha256', secrets.lookupKey).update(`client-address:${address}`).digest('hex').slice(0, 16);
}
