import { Router } from 'express';
import type { z } from 'zod';
import { authorize } from '../auth/authorization.js';
import { currentUser } from '../auth/authenticate.js';
import { AppError, zodToAppError } from '../errors.js';
import {
  auditQuery,
  createLinkBody,
  dashboardParams,
  linkParams,
  linkPasscodeBody,
  listMyLinksQuery,
  linkPausedBody,
  linkSessionParams,
  patchLinkBody,
  rotateLinkBody,
  regeneratePasscodeBody,
} from '../schemas/requests.js';
import { clientAddress } from '../http/client-address.js';
import { rotateLink } from '../services/link-rotation.js';
import { endLinkSession, listLinkSessions } from '../services/link-sessions.js';
import {
  confirmLinkChanges,
  createLink,
  listLinkViews,
  listMyLinkViews,
  regeneratePasscode,
  revokeLink,
  setLinkPaused,
  setPasscode,
  updateLink,
} from '../services/public-links.js';
import { auditCsv, auditLogView, linkUsage } from '../services/link-usage.js';
import type { RouteDeps } from './deps.js';
import { parse } from './validate.js';

/**
 * Parses a create/patch body. A bad `frameAncestors` gets its own code, 400 invalid_frame_ancestors, with the sentence
 * that names the bad entry, so a client can show it beside that field; anything else is the usual invalid_request.
 */
function parseLinkBody<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues.find((i) => i.path[0] === 'frameAncestors');
  if (!issue) throw zodToAppError(result.error, 'body');
  const index = issue.path[1];
  // Our own sentences name the entry; zod's type errors ("expected string") get its position.
  const message =
    issue.code === 'custom' || issue.code === 'too_big'
      ? issue.message
      : typeof index === 'number'
        ? `Entry ${index + 1} of frameAncestors: ${issue.message}.`
        : `frameAncestors must be a list of origins, [] or null (${issue.message}).`;
  const details =
    typeof index === 'number'
      ? { index, entry: (value as { frameAncestors?: unknown[] }).frameAncestors?.[index] }
      : undefined;
  throw new AppError(400, 'invalid_frame_ancestors', message, details);
}

/**
 * The owner routes for public links (SPEC L1–L4, L8, L9). Every one asks the authorization module for
 * `manage_links`: owner only; 403 not_owner for a role that sees the dashboard, 404 for anyone else.
 */
export function publicLinksRoutes(deps: RouteDeps): Router {
  const router = Router();
  const { store } = deps;

  // Issue 16: every link the caller has published, across the dashboards they own (no dashboard to authorize).
  router.get('/public-links', async (req, res) => {
    const query = parse(listMyLinksQuery, req.query, 'query');
    const links = await listMyLinkViews(deps, currentUser(res), { dashboardId: query.dashboard, limit: query.limit });
    res.json({ links });
  });

  router.post('/dashboards/:id/public-links', async (req, res) => {
    const params = parse(dashboardParams, req.params, 'path');
    const body = parseLinkBody(createLinkBody, req.body ?? {});
    const user = currentUser(res);
    const { dashboard } = await authorize(store, user, params.id, 'manage_links');
    res.status(201).json({ link: await createLink(deps, dashboard, user.id, body) });
  });

  router.get('/dashboards/:id/public-links', async (req, res) => {
    const params = parse(dashboardParams, req.params, 'path');
    const { dashboard } = await authorize(store, currentUser(res), params.id, 'manage_links');
    res.json({ links: await listLinkViews(deps, dashboard.id) });
  });

  router.patch('/dashboards/:id/public-links/:linkId', async (req, res) => {
    const params = parse(linkParams, req.params, 'path');
    const body = parseLinkBody(patchLinkBody, req.body ?? {});
    const { dashboard } = await authorize(store, currentUser(res), params.id, 'manage_links');
    res.json({ link: await updateLink(deps, dashboard, params.linkId, body) });
  });

  router.delete('/dashboards/:id/public-links/:linkId', async (req, res) => {
    const params = parse(linkParams, req.params, 'path');
    const { dashboard } = await authorize(store, currentUser(res), params.id, 'manage_links');
    await revokeLink(deps, dashboard.id, params.linkId);
    res.status(204).end();
  });

  router.put('/dashboards/:id/public-links/:linkId/paused', async (req, res) => {
    const params = parse(linkParams, req.params, 'path');
    const body = parse(linkPausedBody, req.body ?? {}, 'body');
    const { dashboard } = await authorize(store, currentUser(res), params.id, 'manage_links');
    res.json({ link: await setLinkPaused(deps, dashboard.id, params.linkId, body.paused) });
  });

  // Issue 16: the owner accepts what a "changed since shared" link now exposes.
  router.post('/dashboards/:id/public-links/:linkId/confirm', async (req, res) => {
    const params = parse(linkParams, req.params, 'path');
    const { dashboard } = await authorize(store, currentUser(res), params.id, 'manage_links');
    res.json({ link: await confirmLinkChanges(deps, dashboard.id, params.linkId) });
  });

  router.put('/dashboards/:id/public-links/:linkId/passcode', async (req, res) => {
    const params = parse(linkParams, req.params, 'path');
    const body = parse(linkPasscodeBody, req.body ?? {}, 'body');
    const { dashboard } = await authorize(store, currentUser(res), params.id, 'manage_links');
    res.json({ link: await setPasscode(deps, dashboard.id, params.linkId, body.enabled) });
  });

  router.post('/dashboards/:id/public-links/:linkId/passcode', async (req, res) => {
    const params = parse(linkParams, req.params, 'path');
    parse(regeneratePasscodeBody, req.body ?? {}, 'body');
    const { dashboard } = await authorize(store, currentUser(res), params.id, 'manage_links');
    res.json({ link: await regeneratePasscode(deps, dashboard.id, params.linkId) });
  });

  // Issue 16: rotate in place (a new token, same link); the old token keeps working graceSeconds longer.
  router.post('/dashboards/:id/public-links/:linkId/rotate', async (req, res) => {
    const params = parse(linkParams, req.params, 'path');
    const body = parse(rotateLinkBody, req.body ?? {}, 'body');
    const { dashboard } = await authorize(store, currentUser(res), params.id, 'manage_links');
    const actor = { clientAddress: clientAddress(req), userAgent: req.headers['user-agent'] ?? '' };
    res.json({ link: await rotateLink(deps, dashboard.id, params.linkId, body.graceSeconds ?? 0, actor) });
  });

  // Issue 16 / 18: the live passcode sessions of a link, and ending one without changing the passcode.
  router.get('/dashboards/:id/public-links/:linkId/sessions', async (req, res) => {
    const params = parse(linkParams, req.params, 'path');
    const { dashboard } = await authorize(store, currentUser(res), params.id, 'manage_links');
    res.json({ sessions: await listLinkSessions(deps, dashboard.id, params.linkId) });
  });

  router.delete('/dashboards/:id/public-links/:linkId/sessions/:sessionId', async (req, res) => {
    const params = parse(linkSessionParams, req.params, 'path');
    const { dashboard } = await authorize(store, currentUser(res), params.id, 'manage_links');
    await endLinkSession(deps, dashboard.id, params.linkId, params.sessionId);
    res.status(204).end();
  });

  router.get('/dashboards/:id/public-links/:linkId/audit', async (req, res) => {
    const params = parse(linkParams, req.params, 'path');
    const query = parse(auditQuery, req.query, 'query');
    const { dashboard } = await authorize(store, currentUser(res), params.id, 'manage_links');
    const events = await auditLogView(deps, dashboard.id, params.linkId, query);
    // Issue 16: CSV when asked by `format`, or by Accept when `format` is absent (JSON stays the default for */*).
    const csv = query.format ? query.format === 'csv' : req.accepts(['application/json', 'text/csv']) === 'text/csv';
    res.vary('Accept');
    if (!csv) {
      res.json({ events });
      return;
    }
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="link-${params.linkId.replace(/[^\w-]/g, '')}-audit.csv"`,
    );
    res.type('text/csv; charset=utf-8').send(auditCsv(events));
  });

  // Issue 16: the link card's usage chart.
  router.get('/dashboards/:id/public-links/:linkId/usage', async (req, res) => {
    const params = parse(linkParams, req.params, 'path');
    const { dashboard } = await authorize(store, currentUser(res), params.id, 'manage_links');
    res.json({ usage: await linkUsage(deps, dashboard.id, params.linkId) });
  });

  return router;
}
