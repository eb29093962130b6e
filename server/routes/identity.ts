import { Router } from 'express';
import { currentUser } from '../auth/authenticate.js';
import { dataSourceView, describeMe, listProjectDataSources, suggestUsers } from '../services/identity.js';
import { projectParams, usersQuery } from '../schemas/requests.js';
import type { Store } from '../store/types.js';
import { parse } from './validate.js';

export function identityRoutes(store: Store): Router {
  const router = Router();
  router.get('/me', async (_req, res) => {
    res.json(await describeMe(store, currentUser(res)));
  });
  router.get('/users', async (req, res) => {
    const { q } = parse(usersQuery, req.query, 'query');
    const users = await suggestUsers(store, currentUser(res), q);
    res.json({ users: users.map((u) => ({ username: u.username, name: u.name, email: u.email })) });
  });
  router.get('/projects/:projectId/data-sources', async (req, res) => {
    const { projectId } = parse(projectParams, req.params, 'path');
    const sources = await listProjectDataSources(store, currentUser(res), projectId);
    res.json({ dataSources: sources.map(dataSourceView) });
  });
  return router;
}
