/**
 * Development identity provider (I2): mints host-style tokens for the seeded users. Mounted only in demo mode,
 * and every answer says so.
 */
import { Router } from 'express';
import { SignJWT } from 'jose';
import { z } from 'zod';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { parse } from '../routes/validate.js';
import type { Store } from '../store/types.js';
import { DEMO_IDENTITIES } from './identities.js';

const TOKEN_LIFETIME_SECONDS = 8 * 3600;
const tokenBody = z.strictObject({ username: z.string().min(1).max(120) });

export async function mintDemoToken(config: Config, username: string, lifetimeSeconds = TOKEN_LIFETIME_SECONDS) {
  const identity = DEMO_IDENTITIES.find((i) => i.username === username);
  if (!identity) throw new AppError(404, 'user_not_found', `User '${username}' not found.`);
  if (config.auth.kind !== 'secret') {
    throw new AppError(409, 'dev_sign_in_unavailable', 'Development sign-in needs ATLAS_AUTH_SECRET (HS256).');
  }
  let jwt = new SignJWT({ name: identity.name, email: identity.email, org: identity.org, projects: identity.projects })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(identity.username)
    .setIssuedAt()
    .setExpirationTime(`${lifetimeSeconds}s`);
  if (config.auth.issuer) jwt = jwt.setIssuer(config.auth.issuer);
  if (config.auth.audience) jwt = jwt.setAudience(config.auth.audience);
  const token = await jwt.sign(new TextEncoder().encode(config.auth.secret));
  return { token, expiresAt: new Date(Date.now() + lifetimeSeconds * 1000).toISOString() };
}

export function devSignInRoutes(_store: Store, config: Config): Router {
  const router = Router();
  router.use((_req, res, next) => {
    res.setHeader('X-Atlas-Demo-Mode', 'development sign-in; not for production');
    next();
  });
  router.get('/identities', (_req, res) => {
    res.json({
      demoMode: true,
      notice: 'Development sign-in: demo mode only. A real deployment gets tokens from its host portal.',
      identities: DEMO_IDENTITIES.map(({ username, name, email, org, projects, about }) => ({
        username,
        name,
        email,
        org,
        projects,
        about,
      })),
    });
  });
  router.post('/token', async (req, res) => {
    const { username } = parse(tokenBody, req.body ?? {}, 'body');
    res.json({ demoMode: true, ...(await mintDemoToken(config, username)) });
  });
  return router;
}
