import { Router } from 'express';
import { currentUser } from '../auth/authenticate.js';
import {
  createDashboardBody,
  createShareBody,
  createWidgetBody,
  dashboardParams,
  listDashboardsQuery,
  organizationAccessBody,
  patchDashboardBody,
  patchShareBody,
  projectAccessBody,
  saveDashboardBody,
  shareParams,
  widgetParams,
} from '../schemas/requests.js';
import {
  addWidget,
  createDashboard,
  deleteDashboard,
  getDashboard,
  listDashboards,
  removeWidget,
  saveDashboard,
  updateDashboard,
} from '../services/dashboards.js';
import {
  changeShareRole,
  getSharing,
  removeShare,
  setOrganizationAccess,
  setProjectAccess,
  shareDashboard,
} from '../services/sharing.js';
import { listLinkViews } from '../services/public-links.js';
import type { RouteDeps } from './deps.js';
import { parse } from './validate.js';

/** The dashboards, widgets and sharing routes (issue 3). Every check is made by auth/authorization.ts. */
export function dashboardsRoutes(deps: RouteDeps): Router {
  const { store } = deps;
  const router = Router();

  router.get('/dashboards', async (req, res) => {
    const { filter } = parse(listDashboardsQuery, req.query, 'query');
    res.json({ dashboards: await listDashboards(store, currentUser(res), filter) });
  });
  router.post('/dashboards', async (req, res) => {
    const body = parse(createDashboardBody, req.body, 'body');
    res.status(201).json({ dashboard: await createDashboard(store, currentUser(res), body) });
  });

  router.get('/dashboards/:id', async (req, res) => {
    const { id } = parse(dashboardParams, req.params, 'path');
    res.json({ dashboard: await getDashboard(store, currentUser(res), id) });
  });
  router.patch('/dashboards/:id', async (req, res) => {
    const { id } = parse(dashboardParams, req.params, 'path');
    const body = parse(patchDashboardBody, req.body, 'body');
    res.json({ dashboard: await updateDashboard(store, currentUser(res), id, body, deps) });
  });
  router.put('/dashboards/:id', async (req, res) => {
    const { id } = parse(dashboardParams, req.params, 'path');
    const body = parse(saveDashboardBody, req.body, 'body');
    res.json({ dashboard: await saveDashboard(store, currentUser(res), id, body, deps) });
  });
  router.delete('/dashboards/:id', async (req, res) => {
    const { id } = parse(dashboardParams, req.params, 'path');
    await deleteDashboard(store, currentUser(res), id);
    res.status(204).end();
  });

  router.post('/dashboards/:id/widgets', async (req, res) => {
    const { id } = parse(dashboardParams, req.params, 'path');
    const body = parse(createWidgetBody, req.body, 'body');
    res.status(201).json({ widget: await addWidget(store, currentUser(res), id, body, deps) });
  });
  router.delete('/dashboards/:id/widgets/:widgetId', async (req, res) => {
    const { id, widgetId } = parse(widgetParams, req.params, 'path');
    await removeWidget(store, currentUser(res), id, widgetId);
    res.status(204).end();
  });

  router.get('/dashboards/:id/sharing', async (req, res) => {
    const { id } = parse(dashboardParams, req.params, 'path');
    const sharing = await getSharing(store, currentUser(res), id);
    // getSharing has decided what the caller reads: a read-only view never lists public links (their tokens are
    // secrets); an owner's links are described by their own module (issue 5).
    res.json({ ...sharing, publicLinks: sharing.readOnly ? [] : await listLinkViews(deps, id) });
  });
  router.post('/dashboards/:id/shares', async (req, res) => {
    const { id } = parse(dashboardParams, req.params, 'path');
    const body = parse(createShareBody, req.body, 'body');
    res.status(201).json(await shareDashboard(store, currentUser(res), id, body, deps.now()));
  });
  router.patch('/dashboards/:id/shares/:username', async (req, res) => {
    const { id, username } = parse(shareParams, req.params, 'path');
    const { role } = parse(patchShareBody, req.body, 'body');
    res.json(await changeShareRole(store, currentUser(res), id, username, role));
  });
  router.delete('/dashboards/:id/shares/:username', async (req, res) => {
    const { id, username } = parse(shareParams, req.params, 'path');
    await removeShare(store, currentUser(res), id, username);
    res.status(204).end();
  });
  router.put('/dashboards/:id/project-access', async (req, res) => {
    const { id } = parse(dashboardParams, req.params, 'path');
    const body = parse(projectAccessBody, req.body, 'body');
    res.json(await setProjectAccess(store, currentUser(res), id, body));
  });
  router.put('/dashboards/:id/organization-access', async (req, res) => {
    const { id } = parse(dashboardParams, req.params, 'path');
    const { enabled } = parse(organizationAccessBody, req.body, 'body');
    res.json(await setOrganizationAccess(store, currentUser(res), id, enabled));
  });

  return router;
}
