/**
 * Who may frame a public link (SPEC V5). The deployment sets a CSP `frame-ancestors` source list
 * (ATLAS_FRAME_ANCESTORS, default `*`); a link may carry its own list of origins, which can only NARROW it:
 *
 * - when the deployment allows any site (`*`), a link may name any http(s) origins;
 * - when the deployment names sites, every origin of a link must be one of them (an exact origin, or inside one of
 *   its `*.` wildcards, scheme sources like `https:` or `'self'`), else the owner gets a 400 naming the entry;
 * - `[]` (no site) always narrows.
 *
 * The rule is also applied when serving: a link's origins that the deployment no longer allows (ATLAS_FRAME_ANCESTORS
 * was restricted after the link was saved) are left out of its header, so a link never widens the deployment.
 * Matching follows CSP Level 3 source matching (scheme upgrade http → https, default ports, `*.` subdomains).
 */
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { formatLinkOrigin, parseLinkOrigin, type LinkOrigin } from '../schemas/frame-ancestors.js';

/** One source of the deployment's list; `host: '*'` is any host. Sources that can match nothing are dropped. */
interface Source {
  scheme: string | null;
  host: string | null;
  wildcard: boolean;
  /** null: the scheme's default port only; '*': any port. */
  port: number | '*' | null;
}

export interface FramePolicy {
  /** The deployment's own source list, exactly as configured. */
  readonly deployment: string;
  /** True when the deployment lets any site frame public pages (`*`). */
  readonly unrestricted: boolean;
  /** The source list a link's responses carry: its own origins (within the deployment's), `'none'` for [], or the deployment's. */
  sourcesFor(frameAncestors: readonly string[] | null): string;
  /** The first origin (normalized) that the deployment does not allow, if any. */
  firstOutside(origins: readonly string[]): string | undefined;
}

const DEFAULT_PORT: Record<string, number> = { http: 80, https: 443 };
/** Header strings for restricted deployments, per distinct link list; bounded so odd traffic cannot grow it. */
const MEMO_LIMIT = 500;

/** The policy of this configuration. createApp builds it once: public routes read it on every request. */
export function createFramePolicy(config: Pick<Config, 'frameAncestors' | 'publicUrl'>): FramePolicy {
  return buildPolicy(config.frameAncestors, config.publicUrl);
}

/** Throws 400 invalid_frame_ancestors when the deployment does not allow one of the link's origins. */
export function assertWithinDeployment(policy: FramePolicy, origins: readonly string[] | null): void {
  if (!origins) return;
  const outside = policy.firstOutside(origins);
  if (outside === undefined) return;
  throw new AppError(
    400,
    'invalid_frame_ancestors',
    `'${outside}' is not among the sites this server lets frame public links (${policy.deployment}); a link can only narrow that list.`,
    { entry: outside, allowed: policy.deployment },
  );
}

function buildPolicy(deployment: string, publicUrl: string): FramePolicy {
  const tokens = deployment.trim().split(/\s+/).filter(Boolean);
  const unrestricted = tokens.length === 0 || tokens.includes('*');
  const sources = unrestricted
    ? []
    : tokens.map((t) => parseSource(t, publicUrl)).filter((s): s is Source => s !== null);
  const selfScheme = safeUrl(publicUrl)?.protocol.slice(0, -1) ?? 'https';
  const covered = (origin: LinkOrigin) => sources.some((source) => matches(source, origin, selfScheme));
  const parsed = (value: string) => {
    const result = parseLinkOrigin(value);
    return 'origin' in result ? result.origin : undefined;
  };
  const memo = new Map<string, string>();
  const join = (origins: readonly string[]) => (origins.length ? origins.join(' ') : "'none'");
  return {
    deployment,
    unrestricted,
    sourcesFor(frameAncestors) {
      if (!frameAncestors) return deployment;
      if (unrestricted) return join(frameAncestors);
      const key = frameAncestors.join(' ');
      let sources = memo.get(key);
      if (sources === undefined) {
        sources = join(
          frameAncestors.filter((value) => {
            const origin = parsed(value);
            return origin !== undefined && covered(origin);
          }),
        );
        if (memo.size >= MEMO_LIMIT) memo.clear();
        memo.set(key, sources);
      }
      return sources;
    },
    firstOutside(origins) {
      if (unrestricted) return undefined;
      for (const value of origins) {
        const origin = parsed(value);
        if (!origin) return value;
        if (!covered(origin)) return formatLinkOrigin(origin);
      }
      return undefined;
    },
  };
}

function safeUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

const SCHEME_SOURCE = /^([a-z][a-z0-9+.-]*):$/i;
const HOST_SOURCE = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*|\*\.[^:/*]+|[^:/*]+)(?::(\d{1,5}|\*))?(\/.*)?$/i;

/** One token of the deployment's list as a source; null for what can match no http(s) origin. */
function parseSource(token: string, publicUrl: string): Source | null {
  const lower = token.toLowerCase();
  if (lower === "'self'") {
    const self = safeUrl(publicUrl);
    if (!self) return null;
    return {
      scheme: self.protocol.slice(0, -1),
      host: self.hostname,
      wildcard: false,
      port: self.port ? Number(self.port) : null,
    };
  }
  // 'none' with other sources is ignored by browsers; alone it matches nothing. Other keywords never name a site.
  if (lower.startsWith("'")) return null;
  const scheme = SCHEME_SOURCE.exec(lower);
  if (scheme) return { scheme: scheme[1]!, host: null, wildcard: false, port: '*' };
  const m = HOST_SOURCE.exec(lower);
  if (!m) return null;
  // frame-ancestors compares origins: a source with a path cannot match one (the browser would refuse it too).
  if (m[4] && m[4] !== '/') return null;
  const hostPart = m[2]!;
  const wildcard = hostPart.startsWith('*.');
  return {
    scheme: m[1] ?? null,
    host: hostPart === '*' ? '*' : wildcard ? hostPart.slice(2) : hostPart,
    wildcard,
    port: m[3] === undefined ? null : m[3] === '*' ? '*' : Number(m[3]),
  };
}

/** Does `source` allow every site that `origin` (possibly a `*.` pattern) names? */
function matches(source: Source, origin: LinkOrigin, selfScheme: string): boolean {
  // Scheme: http sources also allow https (CSP3 upgrade); a scheme-less source takes the protected page's scheme.
  const scheme = source.scheme ?? selfScheme;
  if (scheme !== origin.scheme && !(scheme === 'http' && origin.scheme === 'https')) return false;
  if (source.host === null) return true; // a scheme source (https:)
  if (source.host !== '*') {
    if (source.wildcard) {
      const suffix = `.${source.host}`;
      if (!(origin.host.endsWith(suffix) || (origin.wildcard && origin.host === source.host))) return false;
    } else if (origin.wildcard || origin.host !== source.host) {
      return false;
    }
  }
  if (source.port === '*') return true;
  const port = origin.port ?? DEFAULT_PORT[origin.scheme]!;
  if (source.port === null) return origin.port === null;
  return port === source.port || (source.port === 80 && origin.scheme === 'https' && port === 443);
}
