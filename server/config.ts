import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { formatAllowedOrigins, parseAllowedOrigins } from './http/cors.js';

/**
 * A secret that ships in this repository for the demo. It is refused outside demo mode so that a deployment can
 * never run on a key everyone knows.
 */
export const DEMO_AUTH_SECRET = 'atlas-demo-secret-do-not-use-in-production-0001';

const booleanFlag = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((value) => value === '1' || value === 'true');

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value));

const envSchema = z.object({
  ATLAS_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  ATLAS_HOST: optionalString,
  ATLAS_DB: z.string().min(1).default('./data/atlas.db'),
  ATLAS_DEMO: booleanFlag,
  ATLAS_PUBLIC_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  ATLAS_AUTH_SECRET: optionalString,
  ATLAS_AUTH_PUBLIC_KEY: optionalString,
  ATLAS_AUTH_JWKS_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  ATLAS_AUTH_ISSUER: optionalString,
  ATLAS_AUTH_AUDIENCE: optionalString,
  ATLAS_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  ATLAS_PUBLIC_REQUEST_LOG: z.enum(['summary', 'each']).default('summary'),
  ATLAS_TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  ATLAS_FRAME_ANCESTORS: optionalString,
  ATLAS_SECRETS_FILE: optionalString,
  ATLAS_PUBLIC_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  ATLAS_RESULT_CACHE_MB: z.coerce.number().int().min(1).max(4096).default(64),
  ATLAS_QUERY_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  ATLAS_QUERY_QUEUE: z.coerce.number().int().min(0).max(10_000).default(50),
  ATLAS_QUERY_PER_CLIENT: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce.number().int().min(0).max(10_000).default(8),
  ),
  ATLAS_QUERY_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(600).default(10),
  ATLAS_EXPORT_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  // Set but empty means the default (issue 18), never 0: an empty value must not turn the limit off.
  ATLAS_LINK_GUESS_LIMIT: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce.number().int().min(0).max(100_000).default(60),
  ),
  ATLAS_ALLOWED_ORIGINS: optionalString.transform((value, ctx) => {
    if (value === undefined) return undefined;
    try {
      return formatAllowedOrigins(parseAllowedOrigins(value));
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
      return z.NEVER;
    }
  }),
});

/**
 * A variable set to the empty string (or spaces) is refused for these, naming it: an empty value is most often a
 * template or compose file whose source variable is missing, and falling back silently would listen on port 0
 * (`ATLAS_PORT=` used to), write to a local SQLite file instead of the shared database, or hand out localhost link
 * URLs. The others take their default when empty, on purpose: ATLAS_DEMO (off), ATLAS_ALLOWED_ORIGINS (none),
 * and the ATLAS_AUTH_* variables (not set; exactly one of the three key sources must still be given).
 */
export const REFUSED_WHEN_EMPTY = [
  'ATLAS_PORT',
  'ATLAS_HOST',
  'ATLAS_DB',
  'ATLAS_PUBLIC_URL',
  'ATLAS_LOG_LEVEL',
  'ATLAS_PUBLIC_REQUEST_LOG',
  'ATLAS_TRUST_PROXY_HOPS',
  'ATLAS_FRAME_ANCESTORS',
  'ATLAS_SECRETS_FILE',
  'ATLAS_PUBLIC_CACHE_SECONDS',
  'ATLAS_RESULT_CACHE_MB',
  'ATLAS_QUERY_CONCURRENCY',
  'ATLAS_QUERY_QUEUE',
  'ATLAS_QUERY_TIMEOUT_SECONDS',
  'ATLAS_EXPORT_CONCURRENCY',
] as const;

/** Where the server listens in demo mode without ATLAS_HOST: its development sign-in stays on this machine. */
export const DEMO_HOST = '127.0.0.1';

export type AuthConfig =
  | { kind: 'secret'; secret: string; issuer?: string; audience?: string }
  | { kind: 'publicKey'; pem: string; issuer?: string; audience?: string }
  | { kind: 'jwks'; url: string; issuer?: string; audience?: string };

export interface Config {
  port: number;
  /** The interface to bind: ATLAS_HOST; in demo mode without it, loopback (DEMO_HOST); else every interface. */
  host?: string;
  db: string;
  demo: boolean;
  publicUrl: string;
  auth: AuthConfig;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /**
   * Successful public answers (issue 13): counted in a summary line a minute (each has its audit row already), or
   * one request line each like every other request. Failed public requests always get their own line.
   */
  publicRequestLog: 'summary' | 'each';
  trustProxyHops: number;
  /** CSP frame-ancestors sources for public pages; `*` (any origin) unless a deployment restricts it. */
  frameAncestors: string;
  /** Where generated server secrets live; defaults to a file beside the SQLite database. */
  secretsFile?: string;
  /**
   * Browser origins that may call the signed-in API cross-origin (normalized `scheme://host[:port]`, `*.` for
   * subdomains). Undefined when ATLAS_ALLOWED_ORIGINS is unset: no origin, except the demo's second origin in demo mode.
   */
  allowedOrigins?: string[];
  /** Widget results are kept at most this long (and never longer than the dashboard's refresh interval); 0: not kept. */
  publicCacheSeconds: number;
  resultCacheBytes: number;
  /** Widget queries at once, and waiting, before 503 server_busy; a query past the timeout gets 503 query_timeout. */
  queryConcurrency: number;
  queryQueue: number;
  /** Public widget queries one client address may have running or waiting before 429 (issue 18); 0: no cap. */
  queryPerClient: number;
  queryTimeoutMs: number;
  /** XLSX exports streaming at once (each holds a database reader); beyond it and a short queue, 503 server_busy. */
  exportConcurrency: number;
  /** Answers for tokens that match no link, per client address and minute, before 429 (issue 18); 0: no limit. */
  linkGuessLimit: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads configuration from the environment; throws ConfigError naming the offending variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const empty = REFUSED_WHEN_EMPTY.filter((name) => env[name] !== undefined && env[name].trim() === '').map(
    (name) => `${name}: set but empty; unset it to use the default, or give a value`,
  );
  const parsed = envSchema.safeParse(env);
  if (empty.length || !parsed.success) {
    const lines = [
      ...empty,
      ...(parsed.error?.issues ?? [])
        .filter((issue) => !empty.some((line) => line.startsWith(`${issue.path.join('.')}:`)))
        .map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    ];
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const auth = resolveAuth(e.ATLAS_AUTH_SECRET, e.ATLAS_AUTH_PUBLIC_KEY, e.ATLAS_AUTH_JWKS_URL, e.ATLAS_DEMO);
  const withClaims = { ...auth, issuer: e.ATLAS_AUTH_ISSUER, audience: e.ATLAS_AUTH_AUDIENCE };
  return {
    port: e.ATLAS_PORT,
    host: e.ATLAS_HOST ?? (e.ATLAS_DEMO ? DEMO_HOST : undefined),
    db: e.ATLAS_DB,
    demo: e.ATLAS_DEMO,
    publicUrl: (e.ATLAS_PUBLIC_URL ?? `http://localhost:${e.ATLAS_PORT}`).replace(/\/+$/, ''),
    auth: withClaims,
    logLevel: e.ATLAS_LOG_LEVEL,
    publicRequestLog: e.ATLAS_PUBLIC_REQUEST_LOG,
    trustProxyHops: e.ATLAS_TRUST_PROXY_HOPS,
    frameAncestors: e.ATLAS_FRAME_ANCESTORS ?? '*',
    secretsFile: e.ATLAS_SECRETS_FILE,
    allowedOrigins: e.ATLAS_ALLOWED_ORIGINS,
    publicCacheSeconds: e.ATLAS_PUBLIC_CACHE_SECONDS,
    resultCacheBytes: e.ATLAS_RESULT_CACHE_MB * 1024 * 1024,
    queryConcurrency: e.ATLAS_QUERY_CONCURRENCY ?? Math.max(2, Math.min(4, availableParallelism())),
    queryQueue: e.ATLAS_QUERY_QUEUE,
    queryPerClient: e.ATLAS_QUERY_PER_CLIENT,
    queryTimeoutMs: Math.round(e.ATLAS_QUERY_TIMEOUT_SECONDS * 1000),
    exportConcurrency: e.ATLAS_EXPORT_CONCURRENCY,
    linkGuessLimit: e.ATLAS_LINK_GUESS_LIMIT,
  };
}

function resolveAuth(
  secret: string | undefined,
  pem: string | undefined,
  jwksUrl: string | undefined,
  demo: boolean,
): AuthConfig {
  const given = [
    secret && 'ATLAS_AUTH_SECRET',
    pem && 'ATLAS_AUTH_PUBLIC_KEY',
    jwksUrl && 'ATLAS_AUTH_JWKS_URL',
  ].filter(Boolean);
  if (given.length > 1) {
    throw new ConfigError(`Invalid configuration:\n  set only one of ${given.join(', ')}`);
  }
  if (pem) {
    if (!pem.includes('-----BEGIN PUBLIC KEY-----')) {
      throw new ConfigError('Invalid configuration:\n  ATLAS_AUTH_PUBLIC_KEY: expected a PEM "BEGIN PUBLIC KEY" block');
    }
    return { kind: 'publicKey', pem: pem.replace(/\\n/g, '\n') };
  }
  if (jwksUrl) return { kind: 'jwks', url: jwksUrl };
  if (secret) {
    if (Buffer.byteLength(secret, 'utf8') < 32) {
      throw new ConfigError('Invalid configuration:\n  ATLAS_AUTH_SECRET: must be at least 32 bytes for HS256');
    }
    if (secret === DEMO_AUTH_SECRET && !demo) {
      throw new ConfigError(
        'Invalid configuration:\n  ATLAS_AUTH_SECRET: the public demo secret may only be used with ATLAS_DEMO=1',
      );
    }
    return { kind: 'secret', secret };
  }
  if (demo) return { kind: 'secret', secret: DEMO_AUTH_SECRET };
  throw new ConfigError(
    'Invalid configuration:\n  ATLAS_AUTH_SECRET, ATLAS_AUTH_PUBLIC_KEY or ATLAS_AUTH_JWKS_URL is required (or ATLAS_DEMO=1)',
  );
}
