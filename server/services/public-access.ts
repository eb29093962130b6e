/**
 * What a public link lets an anonymous viewer do (SPEC L3–L7, V1, V6). Transport-free: the public routes pass in
 * the token, the session and the client address; nothing here reaches an owner's service or the signed-in
 * authorization, and everything is scoped to the one dashboard the link belongs to.
 */
import { createHash } from 'node:crypto';
import type { Writable } from 'node:stream';
import { tokenLookupHash } from '../auth/link-secrets.js';
import { AppError } from '../errors.js';
import type { FilterDefinition, WidgetPosition, WidgetQuery, WidgetType } from '../schemas/dashboard.js';
import type { RouteDeps } from '../routes/deps.js';
import type { Dashboard, DataSource, PublicLink, Widget } from '../store/types.js';
import { parseFilterValues, type FilterValues } from './filters.js';
import { issueSession, sessionIsValid, type IssuedSession } from './passcode-sessions.js';
import { passcodeMatches, secretsFor } from './public-links.js';
import { reservePasscodeAttempt } from './rate-limit.js';
import { loadWidget } from './widget-data.js';
import type { WidgetResult } from './widget-results.js';
import { writeDashboardXlsx, type ExportWidget } from './xlsx-export.js';

/** What `generateToken` makes (base64url, 32 characters), with room for longer tokens from other versions. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;
const MAX_HASHED_TOKEN = 256;

/** L3: unknown, malformed and revoked tokens all get exactly this. */
export const linkUnavailable = () =>
  new AppError(
    403,
    'link_unavailable',
    'This link is no longer available. Ask the person who shared it for a new one.',
  );

export const passcodeRequired = (message = 'This link is protected by a passcode.') =>
  new AppError(401, 'passcode_required', message);

/**
 * Finds the link of a token, revoked or not (the audit names revoked links). Every token costs the same: one HMAC
 * and one indexed lookup, whether it is well formed, unknown, revoked or live, so timing tells nothing (L3).
 */
export async function lookupLink(
  deps: Pick<RouteDeps, 'store' | 'config' | 'logger'>,
  token: string,
): Promise<PublicLink | undefined> {
  const hash = tokenLookupHash(secretsFor(deps), token.slice(0, MAX_HASHED_TOKEN));
  const link = await deps.store.getLinkByTokenHash(hash);
  return TOKEN_SHAPE.test(token) ? link : undefined;
}

/** The link's dashboard, or link_unavailable for a revoked link (or one whose dashboard is gone). */
export async function usableLink(
  deps: Pick<RouteDeps, 'store'>,
  link: PublicLink | undefined,
): Promise<{ link: PublicLink; dashboard: Dashboard }> {
  if (!link || link.revokedAt !== null) throw linkUnavailable();
  const dashboard = await deps.store.getDashboard(link.dashboardId);
  if (!dashboard) throw linkUnavailable();
  return { link, dashboard };
}

/**
 * L4/L5: a passcode-protected link needs a valid session of this link and its current passcode. A viewer may offer
 * two (the Bearer header and the partitioned cookie): either one valid is enough.
 */
export async function requireSession(
  deps: Pick<RouteDeps, 'config' | 'logger' | 'now'>,
  link: PublicLink,
  ...offered: (string | undefined)[]
): Promise<void> {
  if (!link.passcodeEnabled) return;
  const sessions = offered.filter((s): s is string => Boolean(s));
  if (sessions.length === 0) throw passcodeRequired();
  for (const session of sessions) if (await sessionAccepted(deps, link, session)) return;
  throw passcodeRequired('Your access to this link has ended. Enter the passcode again.');
}

/** True for an unexpired session of this link under its current passcode. */
export function sessionAccepted(
  deps: Pick<RouteDeps, 'config' | 'logger' | 'now'>,
  link: PublicLink,
  session: string,
): Promise<boolean> {
  return sessionIsValid(secretsFor(deps), link, session, deps.now());
}

/**
 * L5/L6: exchanges the passcode for a 5-day session. The attempt is reserved as a failure in the database before the
 * passcode is even opened (see reservePasscodeAttempt), so the limit survives restarts, spans processes and holds
 * against parallel guesses; a right passcode releases it.
 */
export async function startSession(
  deps: RouteDeps,
  link: PublicLink,
  passcode: string,
  clientAddress: string,
): Promise<IssuedSession> {
  if (!link.passcodeEnabled) throw new AppError(409, 'passcode_not_enabled', 'This link has no passcode.');
  const now = deps.now();
  const attempt = await reservePasscodeAttempt(deps.store, link.id, clientAddress, now);
  const secrets = secretsFor(deps);
  if (!passcodeMatches(secrets, link, passcode)) {
    throw new AppError(401, 'wrong_passcode', 'That passcode is not right.');
  }
  await attempt.release();
  return issueSession(secrets, link, now);
}

export interface PublicWidgetView {
  id: string;
  title: string;
  type: WidgetType;
  query: WidgetQuery;
  position: WidgetPosition;
  /** Why this widget's data cannot be shown through the link (L7), or null when it can. */
  dataError: { code: string; message: string } | null;
}

export interface PublicDashboardView {
  id: string;
  title: string;
  description: string;
  widgets: PublicWidgetView[];
  /** Filter definitions; a field fixed by the link is marked `locked` and cannot be changed by the viewer. */
  filters: (FilterDefinition & { locked: boolean })[];
  lockedFilters: FilterValues;
  refreshInterval: number;
  canModify: false;
  isPublicMode: true;
  access: { icon: 'globe'; summary: string };
  passcodeProtected: boolean;
}

const DATA_SOURCE_NOT_PUBLIC = {
  code: 'data_source_not_public',
  message: "This widget's data source does not allow public access.",
};
const LOCKED_FILTER_NOT_APPLICABLE = {
  code: 'widget_not_filterable',
  message: "This widget's data cannot be limited to what this link shares.",
};

/**
 * Why a widget's data stays hidden behind this link, if it does. L7: the source must allow external access. And a
 * widget whose source lacks a field the link fixes would show everyone's rows to "customer A": refuse it too.
 */
function widgetDataError(source: DataSource | undefined, link: PublicLink): PublicWidgetView['dataError'] {
  if (!source || !source.externalAccess) return DATA_SOURCE_NOT_PUBLIC;
  const fields = new Set(source.fields.map((f) => f.name));
  if (Object.keys(link.lockedFilters).some((field) => !fields.has(field))) return LOCKED_FILTER_NOT_APPLICABLE;
  return null;
}

/**
 * Public dashboards are read far more often than edited (a wall screen, a customer site), so the built view is kept
 * briefly. The link and the dashboard row are still read on every request (revocation, passcode and edits show at
 * once, across processes: every widget change moves `updatedAt`); the cache only spares re-reading widgets and data
 * sources, and a data source's externalAccess flag reaches this view within VIEW_TTL_MS (the data routes check it
 * on every request regardless).
 */
const VIEW_TTL_MS = 2000;
const VIEW_CACHE_MAX = 1000;
interface ViewEntry {
  key: string;
  until: number;
  view: PublicDashboardView;
  body: { body: Buffer; etag: string } | undefined;
}
const viewCache = new Map<string, ViewEntry>();

async function cachedView(deps: Pick<RouteDeps, 'store'>, link: PublicLink, dashboard: Dashboard): Promise<ViewEntry> {
  const key = `${dashboard.updatedAt}|${link.passcodeEnabled}|${JSON.stringify(link.lockedFilters)}`;
  const hit = viewCache.get(link.id);
  const now = performance.now();
  if (hit && hit.key === key && hit.until > now) return hit;
  const entry: ViewEntry = {
    key,
    until: now + VIEW_TTL_MS,
    view: await buildPublicDashboard(deps, link, dashboard),
    body: undefined,
  };
  if (viewCache.size >= VIEW_CACHE_MAX) viewCache.delete(viewCache.keys().next().value!);
  viewCache.set(link.id, entry);
  return entry;
}

/** V1/V2: the dashboard as a public viewer needs it, and nothing about its owner, shares or project. */
export async function publicDashboard(
  deps: Pick<RouteDeps, 'store'>,
  link: PublicLink,
  dashboard: Dashboard,
): Promise<PublicDashboardView> {
  return (await cachedView(deps, link, dashboard)).view;
}

/**
 * The response body `{"dashboard": view}` as UTF-8 bytes with its ETag, serialized once per cached view: a wall
 * screen's refresh then costs the link and dashboard reads, not a JSON.stringify (or a hash) of the whole dashboard.
 */
export async function publicDashboardBody(
  deps: Pick<RouteDeps, 'store'>,
  link: PublicLink,
  dashboard: Dashboard,
): Promise<{ body: Buffer; etag: string }> {
  const entry = await cachedView(deps, link, dashboard);
  if (!entry.body) {
    const body = Buffer.from(JSON.stringify({ dashboard: entry.view }), 'utf8');
    entry.body = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
  }
  return entry.body;
}

async function buildPublicDashboard(
  deps: Pick<RouteDeps, 'store'>,
  link: PublicLink,
  dashboard: Dashboard,
): Promise<PublicDashboardView> {
  const widgets = await deps.store.listWidgets(dashboard.id);
  const sources = await loadSources(deps, widgets);
  const locked = link.lockedFilters as FilterValues;
  return {
    id: dashboard.id,
    title: dashboard.title,
    description: dashboard.description,
    widgets: widgets.map((w) => ({
      id: w.id,
      title: w.title,
      type: w.type,
      query: w.query,
      position: w.position,
      dataError: widgetDataError(sources.get(w.dataSourceId), link),
    })),
    filters: dashboard.filters.map((f) =>
      Object.hasOwn(locked, f.field) ? { ...f, default: locked[f.field], locked: true } : { ...f, locked: false },
    ),
    lockedFilters: locked,
    refreshInterval: dashboard.refreshInterval,
    canModify: false,
    isPublicMode: true,
    access: { icon: 'globe', summary: 'Everyone with the link can view this dashboard.' },
    passcodeProtected: link.passcodeEnabled,
  };
}

async function loadSources(
  deps: Pick<RouteDeps, 'store'>,
  widgets: Widget[],
): Promise<Map<string, DataSource | undefined>> {
  const ids = [...new Set(widgets.map((w) => w.dataSourceId))];
  const found = await Promise.all(ids.map((id) => deps.store.getDataSource(id)));
  return new Map(ids.map((id, i) => [id, found[i]]));
}

/**
 * A viewer's filter choice, minus the fields the link fixes: those always take the link's value (a viewer cannot
 * change or widen them, whatever the query string says).
 */
function viewerFilters(rawFilters: string | undefined, dashboard: Dashboard, link: PublicLink): FilterValues {
  const values = parseFilterValues(rawFilters, dashboard);
  for (const field of Object.keys(link.lockedFilters)) delete values[field];
  return values;
}

/**
 * L7: one widget of the link's own dashboard; widgets of other dashboards are simply not found. Access (the link,
 * its session, the widget, its source's external access, the locked filters) is decided here on every request; only
 * then is the kept result of the same effective query served (widget-results.ts).
 */
export async function publicWidgetData(
  deps: Pick<RouteDeps, 'store' | 'widgetResults'>,
  link: PublicLink,
  dashboard: Dashboard,
  widgetId: string,
  rawFilters: string | undefined,
): Promise<WidgetResult> {
  const { widget, dataSource } = await loadWidget(deps.store, dashboard.id, widgetId);
  const refusal = widgetDataError(dataSource, link);
  if (refusal) throw new AppError(403, refusal.code, refusal.message);
  const filterValues = viewerFilters(rawFilters, dashboard, link);
  const input = { dashboard, widget, dataSource, filterValues, lockedFilters: link.lockedFilters as FilterValues };
  return deps.widgetResults.get(deps.store, input, dashboard.refreshInterval);
}

/** V6 for links: parse the filters first (a bad value is a 400 before any byte is sent), then stream the workbook. */
export async function preparePublicExport(
  deps: Pick<RouteDeps, 'store'>,
  link: PublicLink,
  dashboard: Dashboard,
  rawFilters: string | undefined,
) {
  const filterValues = viewerFilters(rawFilters, dashboard, link);
  const widgets = await deps.store.listWidgets(dashboard.id);
  const sources = await loadSources(deps, widgets);
  const entries: ExportWidget[] = [];
  for (const widget of widgets) {
    const dataSource = sources.get(widget.dataSourceId);
    if (!dataSource) continue;
    const refusal = widgetDataError(dataSource, link);
    entries.push({ widget, dataSource, access: refusal ? { message: refusal.message } : 'ok' });
  }
  return {
    write: (out: Writable) =>
      writeDashboardXlsx(deps.store as RouteDeps['store'], out, {
        dashboard,
        widgets: entries,
        filterValues,
        lockedFilters: link.lockedFilters as FilterValues,
      }),
  };
}
