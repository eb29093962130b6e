import type { RequestHandler, Response } from 'express';
import { AppError } from '../errors.js';
import type { Store, UserWithMemberships } from '../store/types.js';
import { InvalidTokenError, type HostIdentity, type TokenVerifier } from './host-token.js';

const UPSERT_TTL_MS = 60_000;
const UPSERT_CACHE_MAX = 10_000;

/** The signed-in user of this request; set by `authenticate`. */
export function currentUser(res: Response): UserWithMemberships {
  const user = res.locals.user as UserWithMemberships | undefined;
  if (!user) throw new AppError(401, 'unauthenticated', 'Sign in to continue.');
  return user;
}

export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
  return match?.[1];
}

/**
 * Provisions users just in time from their claims. Identical claims seen within a minute skip the write: the
 * claims are the source of truth, so a cached upsert can only be as old as the token that produced it.
 */
export function createUserProvisioner(store: Store) {
  const recent = new Map<string, { user: UserWithMemberships; at: number }>();
  return async (identity: HostIdentity): Promise<UserWithMemberships> => {
    const key = JSON.stringify([identity.orgId, identity.username, identity.name, identity.email, identity.projects]);
    const hit = recent.get(key);
    if (hit && Date.now() - hit.at < UPSERT_TTL_MS) return hit.user;
    if (!(await store.getOrganization(identity.orgId))) {
      await store.upsertOrganization({ id: identity.orgId, name: identity.orgId });
    }
    // Project ids are per organization (issue 18): the same id named by another organization's portal is another
    // project, created for this organization.
    for (const projectId of Object.keys(identity.projects)) {
      if (!(await store.getProject(identity.orgId, projectId))) {
        await store.upsertProject({ id: projectId, orgId: identity.orgId, name: projectId });
      }
    }
    const user = await store.upsertUser(identity);
    if (recent.size >= UPSERT_CACHE_MAX) recent.delete(recent.keys().next().value!);
    recent.set(key, { user, at: Date.now() });
    return user;
  };
}

export function authenticate(
  verify: TokenVerifier,
  provision: (i: HostIdentity) => Promise<UserWithMemberships>,
): RequestHandler {
  return async (req, res, next) => {
    const token = bearerToken(req.headers.authorization);
    if (!token) throw new AppError(401, 'unauthenticated', 'Sign in to continue: no bearer token was sent.');
    let identity: HostIdentity;
    try {
      identity = await verify(token);
    } catch (err) {
      if (err instanceof InvalidTokenError) throw new AppError(401, 'unauthenticated', err.message);
      throw err;
    }
    res.locals.user = await provision(identity);
    next();
  };
}
