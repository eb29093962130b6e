/**
 * Verifies the JWTs a host portal issues for its users (SPEC I1, I3). The accepted algorithms follow from the
 * configured key alone, so `alg: none` and algorithm confusion (an HS256 token "signed" with a public key) fail.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import type { AuthConfig } from '../config.js';
import type { ProjectRole } from '../store/types.js';

export const hostClaimsSchema = z.object({
  sub: z.string().min(1).max(120),
  name: z.string().max(200).optional(),
  email: z.string().max(320).optional(),
  org: z.string().min(1).max(120),
  projects: z.record(z.string().min(1).max(120), z.enum(['owner', 'member', 'viewer'])).default({}),
});

export interface HostIdentity {
  username: string;
  name: string;
  email: string;
  orgId: string;
  projects: Record<string, ProjectRole>;
}

export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

export type TokenVerifier = (token: string) => Promise<HostIdentity>;

function algorithmsFor(key: KeyObject): string[] {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return ['RS256', 'RS384', 'RS512'];
    case 'rsa-pss':
      return ['PS256', 'PS384', 'PS512'];
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      if (curve === 'prime256v1') return ['ES256'];
      if (curve === 'secp384r1') return ['ES384'];
      if (curve === 'secp521r1') return ['ES512'];
      throw new Error(`Unsupported EC curve ${curve}`);
    }
    case 'ed25519':
      return ['EdDSA'];
    default:
      throw new Error(`Unsupported public key type ${key.asymmetricKeyType}`);
  }
}

export function createTokenVerifier(auth: AuthConfig): TokenVerifier {
  const options = { issuer: auth.issuer, audience: auth.audience, requiredClaims: ['exp', 'sub'], clockTolerance: 5 };
  let verify: (token: string) => Promise<JWTPayload>;
  if (auth.kind === 'secret') {
    const key = new TextEncoder().encode(auth.secret);
    verify = async (token) => (await jwtVerify(token, key, { ...options, algorithms: ['HS256'] })).payload;
  } else if (auth.kind === 'publicKey') {
    const key = createPublicKey(auth.pem);
    const algorithms = algorithmsFor(key);
    verify = async (token) => (await jwtVerify(token, key, { ...options, algorithms })).payload;
  } else {
    const jwks = createRemoteJWKSet(new URL(auth.url));
    const algorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'ES512', 'EdDSA'];
    verify = async (token) => (await jwtVerify(token, jwks, { ...options, algorithms })).payload;
  }
  return async (token) => {
    let payload: JWTPayload;
    try {
      payload = await verify(token);
    } catch (err) {
      throw new InvalidTokenError(describe(err));
    }
    const claims = hostClaimsSchema.safeParse(payload);
    if (!claims.success) throw new InvalidTokenError('The token is missing required claims (sub, org).');
    const c = claims.data;
    return { username: c.sub, name: c.name ?? c.sub, email: c.email ?? '', orgId: c.org, projects: c.projects };
  };
}

function describe(err: unknown): string {
  const code = (err as { code?: string })?.code;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'The token has expired.';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return 'The token was not issued for this service.';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'The token signature is not valid.';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'The token algorithm is not accepted.';
    default:
      return 'The token is not valid.';
  }
}
