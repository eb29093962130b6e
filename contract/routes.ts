/**
 * The route table: one entry per route the server answers (API.md and README "API additions"). The server's tests
 * check that every Express route has an entry and every entry a route, and that every JSON answer of a route matches
 * its entry: the success schema for `success.status`, the error schema (with a code listed here) for an error status.
 * The OpenAPI document (openapi.ts) is generated from this table.
 */
import type { z } from 'zod';
import type { ErrorCode } from './errors.js';
import * as req from './requests.js';
import * as usage from './link-usage.js';
import * as res from './responses.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call: `user` a signed-in user (`Authorization: Bearer <host JWT>`); `link` anyone with the link token in the
 * path, plus a passcode session (`Authorization: Bearer <session>`) when the link has a passcode; `none` anyone.
 */
export type RouteAccess = 'user' | 'link' | 'none';

/** Error statuses a route can answer, each with the codes it can carry. */
export type RouteErrors = Readonly<Partial<Record<number, readonly ErrorCode[]>>>;

export interface RouteSuccess {
  status: 200 | 201 | 204;
  description: string;
  /** The JSON body; absent for 204 and for non-JSON bodies. */
  schema?: z.ZodType;
  /** A non-JSON body: its media type (`application/vnd.openxmlformats-…`, `text/html`). */
  contentType?: string;
  /** Other media types the same answer can take when asked for (a `format` query or Accept), e.g. `text/csv`. */
  alsoAs?: readonly string[];
}

export interface RouteContract {
  /** Unique; the OpenAPI operationId. */
  id: string;
  method: HttpMethod;
  /** OpenAPI style: `/api/dashboards/{id}`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  access: RouteAccess;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  success: RouteSuccess;
  /** Answers 304 without a body to a matching `If-None-Match` (ETag). */
  notModified?: boolean;
  errors: RouteErrors;
  /** An error status whose body is not the error schema: another JSON schema, or another media type. */
  errorBodies?: Readonly<Partial<Record<number, { contentType: string; schema?: z.ZodType }>>>;
  /** Served only in demo mode (ATLAS_DEMO=1). */
  demoOnly?: boolean;
}

// ---- Errors many routes share --------------------------------------------------------------------------------------

/** A path whose percent-encoding does not decode. */
const PATH: RouteErrors = { 400: ['bad_request'] };
/** A query or body refused by its schema. */
const INPUT: RouteErrors = { 400: ['invalid_request'] };
/** A JSON body: what the body parser refuses, then the schema. */
const JSON_BODY: RouteErrors = {
  400: ['invalid_request', 'invalid_json', 'bad_request'],
  413: ['payload_too_large'],
  415: ['unsupported_encoding'],
};
const SIGNED_IN: RouteErrors = { 401: ['unauthenticated'], 500: ['internal_error'] };
const NO_DASHBOARD: RouteErrors = { 404: ['dashboard_not_found'] };
/** A widget's query runs: its queue may be full, or the query may run too long. */
const QUERY: RouteErrors = { 503: ['server_busy', 'query_timeout'] };
/**
 * Every public-link request is recorded before it is answered. An address past its limit of tokens that match no link
 * gets 429 too_many_attempts where it would have got 403 link_unavailable (issue 18).
 */
const LINK: RouteErrors = {
  401: ['passcode_required'],
  403: ['link_unavailable'],
  429: ['too_many_attempts'],
  500: ['internal_error'],
  503: ['audit_unavailable'],
};

/** Merges error lists; codes of one status are unioned. */
function errors(...lists: RouteErrors[]): RouteErrors {
  const out: Partial<Record<number, ErrorCode[]>> = {};
  for (const list of lists) {
    for (const [status, codes] of Object.entries(list)) {
      const merged = (out[Number(status)] ??= []);
      for (const code of codes ?? []) if (!merged.includes(code)) merged.push(code);
    }
  }
  return out;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// ---- The table ---------------------------------------------------------------------------------------------------

export const routes = [
  // Identity
  {
    id: 'getMe',
    method: 'get',
    path: '/api/me',
    summary: 'The signed-in user, their organization and project roles',
    tag: 'identity',
    access: 'user',
    success: { status: 200, description: 'The caller.', schema: res.meResponse },
    errors: SIGNED_IN,
  },
  {
    id: 'suggestUsers',
    method: 'get',
    path: '/api/users',
    summary: 'Users of the caller’s organization whose username or email starts with q (at most 10)',
    tag: 'identity',
    access: 'user',
    query: req.usersQuery,
    success: { status: 200, description: 'Matching users.', schema: res.usersResponse },
    errors: errors(SIGNED_IN, INPUT),
  },
  {
    id: 'listDataSources',
    method: 'get',
    path: '/api/projects/{projectId}/data-sources',
    summary: 'The data sources of a project the caller is a member of',
    tag: 'identity',
    access: 'user',
    params: req.projectParams,
    success: { status: 200, description: 'Its data sources.', schema: res.dataSourcesResponse },
    errors: errors(SIGNED_IN, PATH, INPUT, { 404: ['project_not_found'] }),
  },

  // Dashboards and widgets
  {
    id: 'listDashboards',
    method: 'get',
    path: '/api/dashboards',
    summary: 'Dashboards the caller can see: all, mine, shared (with me) or org (organization-wide)',
    tag: 'dashboards',
    access: 'user',
    query: req.listDashboardsQuery,
    success: { status: 200, description: 'Summaries.', schema: res.dashboardsResponse },
    errors: errors(SIGNED_IN, INPUT),
  },
  {
    id: 'createDashboard',
    method: 'post',
    path: '/api/dashboards',
    summary: 'Creates a dashboard in a project the caller is a member of; the caller owns it',
    tag: 'dashboards',
    access: 'user',
    body: req.createDashboardBody,
    success: { status: 201, description: 'The new dashboard.', schema: res.dashboardResponse },
    errors: errors(SIGNED_IN, JSON_BODY, { 404: ['project_not_found'] }),
  },
  {
    id: 'getDashboard',
    method: 'get',
    path: '/api/dashboards/{id}',
    summary: 'A dashboard with its widgets and filters (any role)',
    tag: 'dashboards',
    access: 'user',
    params: req.dashboardParams,
    success: { status: 200, description: 'The dashboard.', schema: res.dashboardResponse },
    errors: errors(SIGNED_IN, PATH, INPUT, NO_DASHBOARD),
  },
  {
    id: 'updateDashboard',
    method: 'patch',
    path: '/api/dashboards/{id}',
    summary: 'Edits title, description, filters, refresh interval and the layout of existing widgets (author+)',
    tag: 'dashboards',
    access: 'user',
    params: req.dashboardParams,
    body: req.patchDashboardBody,
    success: { status: 200, description: 'The edited dashboard.', schema: res.dashboardResponse },
    errors: errors(SIGNED_IN, PATH, JSON_BODY, NO_DASHBOARD, { 400: ['widget_not_found'], 403: ['not_author'] }),
  },
  {
    id: 'saveDashboard',
    method: 'put',
    path: '/api/dashboards/{id}',
    summary:
      'Saves a whole edit at once: title, description and the complete widget list, in one transaction (author+)',
    description:
      'Widgets with the id of one of the dashboard’s widgets are updated, widgets without an id are added, and the ' +
      'dashboard’s widgets that are not listed are removed. Every widget’s data source and query are checked as when ' +
      'adding a widget before anything is written; any refusal changes nothing. With `baseUpdatedAt`, a dashboard ' +
      'saved by someone else since is not overwritten: 409 `edit_conflict`.',
    tag: 'dashboards',
    access: 'user',
    params: req.dashboardParams,
    body: req.saveDashboardBody,
    success: { status: 200, description: 'The saved dashboard.', schema: res.dashboardResponse },
    errors: errors(SIGNED_IN, PATH, JSON_BODY, NO_DASHBOARD, {
      400: ['invalid_query', 'invalid_data_source', 'widget_not_found'],
      403: ['not_author', 'data_source_forbidden'],
      409: ['edit_conflict'],
    }),
  },
  {
    id: 'deleteDashboard',
    method: 'delete',
    path: '/api/dashboards/{id}',
    summary: 'Deletes a dashboard with its widgets, shares and links (its creator only)',
    tag: 'dashboards',
    access: 'user',
    params: req.dashboardParams,
    success: { status: 204, description: 'Deleted.' },
    errors: errors(SIGNED_IN, PATH, INPUT, NO_DASHBOARD, { 403: ['not_owner', 'not_creator'] }),
  },
  {
    id: 'addWidget',
    method: 'post',
    path: '/api/dashboards/{id}/widgets',
    summary: 'Adds a widget; its query must compile for its data source (author+)',
    tag: 'dashboards',
    access: 'user',
    params: req.dashboardParams,
    body: req.createWidgetBody,
    success: { status: 201, description: 'The new widget.', schema: res.widgetResponse },
    errors: errors(SIGNED_IN, PATH, JSON_BODY, NO_DASHBOARD, {
      400: ['invalid_query', 'invalid_data_source'],
      403: ['not_author', 'data_source_forbidden'],
    }),
  },
  {
    id: 'removeWidget',
    method: 'delete',
    path: '/api/dashboards/{id}/widgets/{widgetId}',
    summary: 'Removes a widget (author+)',
    tag: 'dashboards',
    access: 'user',
    params: req.widgetParams,
    success: { status: 204, description: 'Removed.' },
    errors: errors(SIGNED_IN, PATH, INPUT, { 403: ['not_author'], 404: ['dashboard_not_found', 'widget_not_found'] }),
  },
  {
    id: 'getWidgetData',
    method: 'get',
    path: '/api/dashboards/{id}/widgets/{widgetId}/data',
    summary: 'A widget’s result with the dashboard’s filters (any role that may read the data source)',
    tag: 'data',
    access: 'user',
    params: req.widgetDataParams,
    query: req.dataQuery,
    success: { status: 200, description: 'Columns and rows.', schema: res.widgetDataResponse },
    errors: errors(SIGNED_IN, PATH, INPUT, QUERY, {
      400: ['invalid_filters', 'invalid_query'],
      403: ['data_source_forbidden'],
      404: ['dashboard_not_found', 'widget_not_found', 'data_source_not_found'],
    }),
  },
  {
    id: 'exportDashboard',
    method: 'get',
    path: '/api/dashboards/{id}/export.xlsx',
    summary: 'The dashboard’s widgets as an XLSX workbook, one sheet per widget (any role)',
    tag: 'data',
    access: 'user',
    params: req.exportParams,
    query: req.dataQuery,
    success: { status: 200, description: 'The workbook (Content-Disposition: attachment).', contentType: XLSX },
    errors: errors(SIGNED_IN, PATH, INPUT, NO_DASHBOARD, QUERY, { 400: ['invalid_filters'] }),
  },

  // Sharing
  {
    id: 'getSharing',
    method: 'get',
    path: '/api/dashboards/{id}/sharing',
    summary: 'Who has access: shares, project and organization access, public links and warnings (owner)',
    tag: 'sharing',
    access: 'user',
    params: req.dashboardParams,
    success: { status: 200, description: 'The sharing state.', schema: res.sharingResponse },
    errors: errors(SIGNED_IN, PATH, INPUT, NO_DASHBOARD, { 403: ['not_owner'] }),
  },
  {
    id: 'shareDashboard',
    method: 'post',
    path: '/api/dashboards/{id}/shares',
    summary: 'Shares the dashboard with a user of the organization, by username or email (owner)',
    tag: 'sharing',
    access: 'user',
    params: req.dashboardParams,
    body: req.createShareBody,
    success: { status: 201, description: 'The share, with the access warnings now.', schema: res.shareResponse },
    errors: errors(SIGNED_IN, PATH, JSON_BODY, {
      400: ['cannot_share_with_owner'],
      403: ['not_owner'],
      404: ['dashboard_not_found', 'user_not_found'],
      409: ['already_shared', 'conflict'],
    }),
  },
  {
    id: 'changeShareRole',
    method: 'patch',
    path: '/api/dashboards/{id}/shares/{username}',
    summary: 'Changes the role of a share (owner)',
    tag: 'sharing',
    access: 'user',
    params: req.shareParams,
    body: req.patchShareBody,
    success: { status: 200, description: 'The share, with the access warnings now.', schema: res.shareResponse },
    errors: errors(SIGNED_IN, PATH, JSON_BODY, {
      400: ['cannot_change_owner'],
      403: ['not_owner'],
      404: ['dashboard_not_found', 'share_not_found'],
    }),
  },
  {
    id: 'removeShare',
    method: 'delete',
    path: '/api/dashboards/{id}/shares/{username}',
    summary: 'Removes a share (owner)',
    tag: 'sharing',
    access: 'user',
    params: req.shareParams,
    success: { status: 204, description: 'Removed.' },
    errors: errors(SIGNED_IN, PATH, INPUT, {
      400: ['cannot_change_owner'],
      403: ['not_owner'],
      404: ['dashboard_not_found', 'share_not_found'],
    }),
  },
  {
    id: 'setProjectAccess',
    method: 'put',
    path: '/api/dashboards/{id}/project-access',
    summary: 'Turns access for everyone in the dashboard’s project on (as viewer or author) or off (owner)',
    tag: 'sharing',
    access: 'user',
    params: req.dashboardParams,
    body: req.projectAccessBody,
    success: {
      status: 200,
      description: 'Project access, with the access warnings now.',
      schema: res.projectAccessResponse,
    },
    errors: errors(SIGNED_IN, PATH, JSON_BODY, NO_DASHBOARD, { 403: ['not_owner'] }),
  },
  {
    id: 'setOrganizationAccess',
    method: 'put',
    path: '/api/dashboards/{id}/organization-access',
    summary: 'Turns view access for everyone in the organization on or off (owner)',
    tag: 'sharing',
    access: 'user',
    params: req.dashboardParams,
    body: req.organizationAccessBody,
    success: {
      status: 200,
      description: 'Organization access, with the access warnings now.',
      schema: res.organizationAccessResponse,
    },
    errors: errors(SIGNED_IN, PATH, JSON_BODY, NO_DASHBOARD, { 403: ['not_owner'] }),
  },

  // Public links (owner)
  {
    id: 'listMyLinks',
    method: 'get',
    path: '/api/public-links',
    summary: 'The caller’s active public links across every dashboard they own, newest first (issue 16)',
    tag: 'public links',
    access: 'user',
    query: req.listMyLinksQuery,
    success: { status: 200, description: 'Their links, each with its dashboard.', schema: res.myLinksResponse },
    errors: errors(SIGNED_IN, INPUT),
  },
  {
    id: 'createLink',
    method: 'post',
    path: '/api/dashboards/{id}/public-links',
    summary:
      'Creates a public link, optionally with a passcode, locked filters and the sites that may frame it (owner)',
    tag: 'public links',
    access: 'user',
    params: req.dashboardParams,
    body: req.createLinkBody,
    success: { status: 201, description: 'The new link.', schema: res.linkResponse },
    errors: errors(SIGNED_IN, PATH, JSON_BODY, NO_DASHBOARD, {
      400: ['invalid_frame_ancestors', 'invalid_locked_filters'],
      403: ['not_owner'],
    }),
  },
  {
    id: 'listLinks',
    method: 'get',
    path: '/api/dashboards/{id}/public-links',
    summary: 'The dashboard’s active public links (owner)',
    tag: 'public links',
    access: 'user',
    params: req.dashboardParams,
    success: { status: 200, description: 'Its links.', schema: res.linksResponse },
    errors: errors(SIGNED_IN, PATH, INPUT, NO_DASHBOARD, { 403: ['not_owner'] }),
  },
  {
    id: 'updateLink',
    method: 'patch',
    path: '/api/dashboards/{id}/public-links/{linkId}',
    summary:
      'Changes a link’s label, locked filters, framing sites, expiry, widgets shown or pause-on-change option (owner)',
    tag: 'public links',
    access: 'user',
    params: req.linkParams,
    body: req.patchLinkBody,
    success: { status: 200, description: 'The link.', schema: res.linkResponse },
    errors: errors(SIGNED_IN, PATH, JSON_BODY, {
      400: ['invalid_frame_ancestors', 'invalid_locked_filters'],
      403: ['not_owner'],
      404: ['dashboard_not_found', 'link_not_found'],
    }),
  },
  {
    id: 'revokeLink',
    method: 'delete',
    path: '/api/dashboards/{id}/public-links/{linkId}',
    summary: 'Revokes a link: it stops working at once (owner)',
    tag: 'public links',
    access: 'user',
    params: req.linkParams,
    success: { status: 204, description: 'Revoked.' },
    errors: errors(SIGNED_IN, PATH, INPUT, { 403: ['not_owner'], 404: ['dashboard_not_found', 'link_not_found'] }),
  },
  {
    id: 'setLinkPaused',
    method: 'put',
    path: '/api/dashboards/{id}/public-links/{linkId}/paused',
    summary:
      'Pauses a link (viewers get the 403 of a revoked link; token, settings and history are kept) or resumes it (owner; 404 for a revoked link)',
    tag: 'public links',
    access: 'user',
    params: req.linkParams,
    body: req.linkPausedBody,
    success: { status: 200, description: 'The link.', schema: res.linkResponse },
    errors: errors(SIGNED_IN, PATH, JSON_BODY, { 403: ['not_owner'], 404: ['dashboard_not_found', 'link_not_found'] }),
  },
  {
    id: 'confirmLinkChanges',
    method: 'post',
    path: '/api/dashboards/{id}/public-links/{linkId}/confirm',
    summary:
      'Confirms a link flagged "changed since shared": the owner accepts what the dashboard now exposes, the flag and its reasons are cleared (owner; issue 16)',
    tag: 'public links',
    access: 'user',
    params: req.linkParams,
    success: { status: 200, description: 'The link, no longer flagged.', schema: res.linkResponse },
    errors: errors(SIGNED_IN, PATH, INPUT, { 403: ['not_owner'], 404: ['dashboard_not_found', 'link_not_found'] }),
  },
  {
    id: 'setLinkPasscode',
    method: 'put',
    path: '/api/dashboards/{id}/public-links/{linkId}/passcode',
    summary: 'Turns a link’s passcode on (always a new one) or off; either ends every session (owner)',
    tag: 'public links',
    access: 'user',
    params: req.linkParams,
    body: req.linkPasscodeBody,
    success: { status: 200, description: 'The link.', schema: res.linkResponse },
    errors: errors(SIGNED_IN, PATH, JSON_BODY, { 403: ['not_owner'], 404: ['dashboard_not_found', 'link_not_found'] }),
  },
  {
    id: 'regenerateLinkPasscode',
    method: 'post',
    path: '/api/dashboards/{id}/public-links/{linkId}/passcode',
    summary: 'Gives a link a new passcode, ending every session (owner; 409 while the passcode is off)',
    tag: 'public links',
    access: 'user',
    params: req.linkParams,
    body: req.regeneratePasscodeBody,
    success: { status: 200, description: 'The link.', schema: res.linkResponse },
    errors: errors(SIGNED_IN, PATH, JSON_BODY, {
      403: ['not_owner'],
      404: ['dashboard_not_found', 'link_not_found'],
      409: ['passcode_not_enabled'],
    }),
  },
  {
    id: 'rotateLink',
    method: 'post',
    path: '/api/dashboards/{id}/public-links/{linkId}/rotate',
    summary:
      'Gives a link a new token (and a new passcode when it has one), keeping its settings and history; the old token stops at once or after graceSeconds, and every passcode session ends (owner)',
    tag: 'public links',
    access: 'user',
    params: req.linkParams,
    body: req.rotateLinkBody,
    success: { status: 200, description: 'The link, with its new token.', schema: res.linkResponse },
    errors: errors(SIGNED_IN, PATH, JSON_BODY, { 403: ['not_owner'], 404: ['dashboard_not_found', 'link_not_found'] }),
  },
  {
    id: 'listLinkSessions',
    method: 'get',
    path: '/api/dashboards/{id}/public-links/{linkId}/sessions',
    summary: 'The live passcode sessions of a link, oldest first (owner)',
    tag: 'public links',
    access: 'user',
    params: req.linkParams,
    success: { status: 200, description: 'Its sessions.', schema: res.linkSessionsResponse },
    errors: errors(SIGNED_IN, PATH, INPUT, { 403: ['not_owner'], 404: ['dashboard_not_found', 'link_not_found'] }),
  },
  {
    id: 'endLinkSession',
    method: 'delete',
    path: '/api/dashboards/{id}/public-links/{linkId}/sessions/{sessionId}',
    summary: 'Ends one passcode session of a link; its viewer must enter the passcode again (owner)',
    tag: 'public links',
    access: 'user',
    params: req.linkSessionParams,
    success: { status: 204, description: 'Ended.' },
    errors: errors(SIGNED_IN, PATH, INPUT, {
      403: ['not_owner'],
      404: ['dashboard_not_found', 'link_not_found', 'session_not_found'],
    }),
  },
  {
    id: 'getLinkAudit',
    method: 'get',
    path: '/api/dashboards/{id}/public-links/{linkId}/audit',
    summary: 'The access log of a link, revoked ones too, newest first (owner)',
    tag: 'public links',
    access: 'user',
    params: req.linkParams,
    description:
      'Filters: from/to (ISO date-times, inclusive, from ≤ to) and outcome. format=csv or Accept: text/csv answers a CSV ' +
      'file (cells that start with = + - @ are prefixed with an apostrophe, so a spreadsheet never runs them).',
    query: req.auditQuery,
    success: { status: 200, description: 'Its events.', schema: res.auditResponse, alsoAs: ['text/csv'] },
    errors: errors(SIGNED_IN, PATH, INPUT, { 403: ['not_owner'], 404: ['dashboard_not_found', 'link_not_found'] }),
  },
  {
    id: 'getLinkUsage',
    method: 'get',
    path: '/api/dashboards/{id}/public-links/{linkId}/usage',
    summary: 'A link’s requests per day over the last 30 days by outcome, distinct clients and last access (owner)',
    tag: 'public links',
    access: 'user',
    params: req.linkParams,
    success: { status: 200, description: 'Its usage.', schema: usage.linkUsageResponse },
    errors: errors(SIGNED_IN, PATH, { 403: ['not_owner'], 404: ['dashboard_not_found', 'link_not_found'] }),
  },

  // Public routes
  {
    id: 'getPublicDashboard',
    method: 'get',
    path: '/api/public/{token}',
    summary: 'The dashboard of a public link',
    tag: 'public',
    access: 'link',
    params: req.publicTokenParams,
    success: {
      status: 200,
      description: 'The dashboard (ETag; Cache-Control: private, no-cache).',
      schema: res.publicDashboardResponse,
    },
    notModified: true,
    errors: errors(LINK, PATH),
  },
  {
    id: 'startPublicSession',
    method: 'post',
    path: '/api/public/{token}/session',
    summary: 'Exchanges a link’s passcode for a 5-day session',
    description: 'Wrong passcodes are limited per link and per client address: 429 with Retry-After.',
    tag: 'public',
    access: 'none',
    params: req.publicTokenParams,
    body: req.publicSessionBody,
    success: { status: 200, description: 'The session.', schema: res.publicSessionResponse },
    errors: errors(PATH, JSON_BODY, {
      401: ['wrong_passcode'],
      403: ['link_unavailable'],
      409: ['passcode_not_enabled'],
      429: ['too_many_attempts'],
      500: ['internal_error'],
      503: ['audit_unavailable'],
    }),
  },
  {
    id: 'getPublicWidgetData',
    method: 'get',
    path: '/api/public/{token}/widgets/{widgetId}/data',
    summary: 'A widget’s result through a public link, with the link’s locked filters applied',
    tag: 'public',
    access: 'link',
    params: req.publicWidgetParams,
    query: req.dataQuery,
    success: { status: 200, description: 'Columns and rows (ETag).', schema: res.widgetDataResponse },
    notModified: true,
    errors: errors(LINK, PATH, INPUT, QUERY, {
      400: ['invalid_filters', 'invalid_locked_filters', 'invalid_query'],
      403: ['data_source_not_public', 'widget_not_filterable'],
      404: ['widget_not_found', 'data_source_not_found'],
      429: ['too_many_queries'],
    }),
  },
  {
    id: 'exportPublicDashboard',
    method: 'get',
    path: '/api/public/{token}/export.xlsx',
    summary: 'The public dashboard as an XLSX workbook',
    tag: 'public',
    access: 'link',
    params: req.publicTokenParams,
    query: req.dataQuery,
    success: { status: 200, description: 'The workbook (Content-Disposition: attachment).', contentType: XLSX },
    errors: errors(LINK, PATH, INPUT, QUERY, {
      400: ['invalid_filters'],
      403: ['export_disabled'],
      429: ['too_many_exports'],
      503: ['server_busy'],
    }),
  },
  {
    id: 'publicPage',
    method: 'get',
    path: '/public/{token}',
    summary: 'The page that shows a public link’s dashboard (<atlas-public-viewer>); embeddable in iframes',
    description:
      'Served for protected links too: the viewer asks for the passcode. Same 403 page for revoked and unknown tokens; ' +
      'past the token-guessing limit, a 429 page with Retry-After.',
    tag: 'public',
    access: 'none',
    params: req.publicTokenParams,
    query: req.publicPageQuery,
    success: { status: 200, description: 'The viewer page.', contentType: 'text/html' },
    errors: errors(PATH, INPUT, {
      403: ['link_unavailable'],
      429: ['too_many_attempts'],
      500: ['internal_error'],
      503: ['audit_unavailable'],
    }),
    errorBodies: { 403: { contentType: 'text/html' }, 429: { contentType: 'text/html' } },
  },

  // Operations, the document, development sign-in
  {
    id: 'health',
    method: 'get',
    path: '/healthz',
    summary: 'Whether the server and its database answer',
    tag: 'operations',
    access: 'none',
    success: { status: 200, description: 'Healthy.', schema: res.healthResponse },
    errors: { 503: ['store_unavailable'] },
    errorBodies: { 503: { contentType: 'application/json', schema: res.healthDownResponse } },
  },
  {
    id: 'getOpenApi',
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This OpenAPI 3.1 document, generated from the contract',
    tag: 'operations',
    access: 'none',
    success: { status: 200, description: 'The document.', schema: res.openApiDocumentSchema },
    errors: { 500: ['internal_error'] },
  },
  {
    id: 'listDevIdentities',
    method: 'get',
    path: '/api/dev/identities',
    summary: 'The demo identities the development sign-in can mint tokens for (demo mode only)',
    tag: 'development',
    access: 'none',
    demoOnly: true,
    success: { status: 200, description: 'The identities.', schema: res.devIdentitiesResponse },
    errors: { 500: ['internal_error'] },
  },
  {
    id: 'mintDevToken',
    method: 'post',
    path: '/api/dev/token',
    summary: 'A host-style token for a demo identity, 8 hours (demo mode only)',
    tag: 'development',
    access: 'none',
    demoOnly: true,
    body: req.devTokenBody,
    success: { status: 200, description: 'The token.', schema: res.devTokenResponse },
    errors: errors(JSON_BODY, { 404: ['user_not_found'], 409: ['dev_sign_in_unavailable'], 500: ['internal_error'] }),
  },
] as const satisfies readonly RouteContract[];

export type RouteId = (typeof routes)[number]['id'];
export type ContractRoute = (typeof routes)[number];

/** A route by its id. */
export const routeById = Object.fromEntries(routes.map((r) => [r.id, r])) as {
  [K in RouteId]: Extract<ContractRoute, { id: K }>;
};
