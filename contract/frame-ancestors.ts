/**
 * The origins a public link may be framed by (SPEC V5), as an owner writes them: `https://portal.example.com`,
 * `http://localhost:8080`, or `https://*.example.com` for every subdomain. Each entry becomes one CSP
 * `frame-ancestors` host-source, so only what that grammar can say is accepted: an http(s) scheme, an ASCII host
 * (international names are turned into their xn-- form), an optional port, no path, no user name, and no wildcard
 * other than a leading `*.`. Entries are normalized (lower case, default ports dropped) so that equal origins compare
 * equal and stored values never carry anything that could break the header.
 */
import { z } from 'zod';
import { named } from './registry.js';

export const MAX_LINK_FRAME_ANCESTORS = 20;

/** A parsed link origin; `wildcard` means `*.` + host (every subdomain of host, not host itself). */
export interface LinkOrigin {
  scheme: 'http' | 'https';
  wildcard: boolean;
  host: string;
  /** An explicit port other than the scheme's default, else null. */
  port: number | null;
}

const DEFAULT_PORT = { http: 80, https: 443 } as const;
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOST = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);
const SHAPE = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(\/?)$/i;

export function formatLinkOrigin(o: LinkOrigin): string {
  return `${o.scheme}://${o.wildcard ? '*.' : ''}${o.host}${o.port === null ? '' : `:${o.port}`}`;
}

/** The WHATWG URL parser's host (lower case, international names in xn-- form); this module also runs in browsers. */
function asciiHost(host: string): string | undefined {
  if (!host || /[\s%\\]/.test(host)) return undefined;
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return undefined;
  }
}

/** Parses one entry; the error sentence names the entry and says how to write it instead. */
export function parseLinkOrigin(raw: string): { origin: LinkOrigin } | { error: string } {
  const entry = raw.trim();
  const fail = (why: string) => ({ error: `'${entry.slice(0, 120)}' ${why}` });
  if (!entry) return { error: 'An empty entry is not an origin: remove it.' };
  if (/^'[^']*'$|^\*$/.test(entry)) {
    return fail(
      'is not an origin: give sites like https://portal.example.com (null restores the default, [] allows no site).',
    );
  }
  const shape = SHAPE.exec(entry);
  if (!shape) {
    if (!entry.includes('://')) return fail(`has no scheme: write it as https://${entry.split(/[/?#]/)[0]}.`);
    return fail(
      'is not an origin: give only scheme://host[:port], without a path, query or fragment, e.g. https://portal.example.com.',
    );
  }
  const scheme = shape[1]!.toLowerCase();
  let authority = shape[2]!;
  if (scheme !== 'https' && scheme !== 'http')
    return fail('is not allowed: only https:// and http:// sites can frame a link.');
  if (authority.includes('@')) return fail('must not contain a user name or password.');
  if (authority.startsWith('['))
    return fail('is an IPv6 address, which a frame-ancestors policy cannot name: use a host name.');
  let port: number | null = null;
  const colon = authority.lastIndexOf(':');
  if (colon >= 0) {
    const digits = authority.slice(colon + 1);
    const value = Number(digits);
    if (!/^\d{1,5}$/.test(digits) || value < 1 || value > 65535)
      return fail('has an invalid port (1–65535, no wildcard).');
    port = value === DEFAULT_PORT[scheme] ? null : value;
    authority = authority.slice(0, colon);
  }
  const wildcard = authority.startsWith('*.');
  if (wildcard) authority = authority.slice(2);
  if (authority.includes('*'))
    return fail('has a wildcard in the wrong place: only a leading *. is allowed, e.g. https://*.example.com.');
  const host = asciiHost(authority);
  if (!host || !HOST.test(host)) return fail('has an invalid host name.');
  if (wildcard && /^\d+(\.\d+){3}$/.test(host))
    return fail('puts a wildcard on an IP address: name the address itself.');
  return { origin: { scheme, wildcard, host, port } };
}

/**
 * A link's allowed framing origins in a request body: a list (normalized, duplicates dropped), `[]` for no site, or
 * null for the deployment's policy.
 */
export const linkFrameAncestorsSchema = named(
  z
    .array(
      z
        .string()
        .max(300, 'An origin is at most 300 characters.')
        .transform((raw, ctx) => {
          const parsed = parseLinkOrigin(raw);
          if ('error' in parsed) {
            ctx.addIssue({ code: 'custom', message: parsed.error, input: raw });
            return z.NEVER;
          }
          return formatLinkOrigin(parsed.origin);
        }),
    )
    .max(MAX_LINK_FRAME_ANCESTORS, `At most ${MAX_LINK_FRAME_ANCESTORS} sites can be allowed to frame one link.`)
    .transform((origins) => [...new Set(origins)])
    .nullable(),
  'FrameAncestors',
  'Origins allowed to frame a public link (scheme://host[:port], or https://*.example.com), [] for none, or null for the deployment policy.',
);
