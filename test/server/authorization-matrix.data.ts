/**
 * THE authorization matrix (SPEC P1–P3, CONVENTIONS "Server"): one line per route × method, one expected HTTP
 * status per principal. authorization-matrix.test.ts turns every cell into a test, and fails when a route under
 * /api/dashboards or /api/public-links exists in the app but has no line here (or a line names a route the app does
 * not have).
 *
 * Each cell runs against a FRESH dashboard owned by alice in project `ops`, carrying one widget (`:widgetId`),
 * shares to mx-coowner (owner), mx-author (author), mx-viewer (viewer) and mx-target (viewer, the `:username`
 * that share rows act on). Project-wide and organization-wide access are switched on only for the column that
 * needs them (see COLUMN_SETUP in the test), so every column has exactly one path to the dashboard:
 *
 *   creator                          alice, the creator
 *   coOwner                          mx-coowner, own share with role owner
 *   author                           mx-author, own share with role author
 *   viewerByShare                    mx-viewer, own share with role viewer
 *   viewerByProject                  mx-member (ops member, no share), "Everyone in Operations" = viewer
 *   viewerByOrganization             mx-outsider (sales only), "Everyone in Northwind can view" on
 *   projectMemberWithoutAccess       mx-member, project and organization access off
 *   organizationMemberWithoutAccess  mx-outsider, project and organization access off
 *   otherOrganization                erin (contoso), with project AND organization access on
 *   anonymous                        no Authorization header
 *
 * Path placeholders: `:id` the fixture dashboard, `:widgetId` its widget, `:username` mx-target, `:linkId` an
 * active public link created by alice through POST …/public-links, `:sessionId` a live passcode session of that link (the test turns its passcode on). Add a row: copy a line, keep the column order.
 * `body` (optional, last) is sent as JSON.
 */

export const COLUMNS = [
  'creator',
  'coOwner',
  'author',
  'viewerByShare',
  'viewerByProject',
  'viewerByOrganization',
  'projectMemberWithoutAccess',
  'organizationMemberWithoutAccess',
  'otherOrganization',
  'anonymous',
] as const;
export type Column = (typeof COLUMNS)[number];

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export interface MatrixRow {
  method: Method;
  path: string;
  expected: Record<Column, number>;
  body?: unknown;
}

type Statuses = [number, number, number, number, number, number, number, number, number, number];
function row(method: Method, path: string, statuses: Statuses, body?: unknown): MatrixRow {
  const expected = Object.fromEntries(COLUMNS.map((c, i) => [c, statuses[i]])) as Record<Column, number>;
  return { method, path, expected, body };
}

const widget = {
  title: 'Matrix KPI',
  type: 'kpi',
  dataSourceId: 'sensor_readings',
  query: { metrics: [{ agg: 'avg', field: 'temperature' }] },
};

// prettier-ignore
export const MATRIX: MatrixRow[] = [
  //  method    path                                           creator coOwner author vShare vProj vOrg projNo orgNo other anon   body
  row('GET',    '/api/dashboards',                              [200,   200,    200,   200,   200,  200, 200,   200,  200,  401]),
  row('GET',    '/api/dashboards?filter=shared',                [200,   200,    200,   200,   200,  200, 200,   200,  200,  401]),
  row('POST',   '/api/dashboards',                              [201,   201,    201,   201,   201,  404, 201,   404,  404,  401], { projectId: 'ops', title: 'Matrix new' }),
  row('GET',    '/api/dashboards/:id',                          [200,   200,    200,   200,   200,  200, 404,   404,  404,  401]),
  row('PATCH',  '/api/dashboards/:id',                          [200,   200,    200,   403,   403,  403, 404,   404,  404,  401], { title: 'Renamed' }),
  row('PUT',    '/api/dashboards/:id',                          [200,   200,    200,   403,   403,  403, 404,   404,  404,  401], { title: 'Saved', widgets: [{ ...widget, position: { x: 0, y: 0, w: 4, h: 2 } }] }),
  row('DELETE', '/api/dashboards/:id',                          [204,   403,    403,   403,   403,  403, 404,   404,  404,  401]),
  row('POST',   '/api/dashboards/:id/widgets',                  [201,   201,    201,   403,   403,  403, 404,   404,  404,  401], widget),
  row('DELETE', '/api/dashboards/:id/widgets/:widgetId',        [204,   204,    204,   403,   403,  403, 404,   404,  404,  401]),
  // P4: mx-outsider (viewer by organization) is not in ops, so cannot read sensor_readings: 403 for that widget.
  row('GET',    '/api/dashboards/:id/widgets/:widgetId/data',   [200,   200,    200,   200,   200,  403, 404,   404,  404,  401]),
  row('GET',    '/api/dashboards/:id/export.xlsx',              [200,   200,    200,   200,   200,  200, 404,   404,  404,  401]),
  // Issue 17: everyone with a role reads who has access (read-only for non-owners).
  row('GET',    '/api/dashboards/:id/sharing',                  [200,   200,    200,   200,   200,  200, 404,   404,  404,  401]),
  row('POST',   '/api/dashboards/:id/shares',                   [201,   201,    403,   403,   403,  403, 404,   404,  404,  401], { username: 'mx-newcomer' }),
  row('PATCH',  '/api/dashboards/:id/shares/:username',         [200,   200,    403,   403,   403,  403, 404,   404,  404,  401], { role: 'author' }),
  row('DELETE', '/api/dashboards/:id/shares/:username',         [204,   204,    403,   403,   403,  403, 404,   404,  404,  401]),
  row('PUT',    '/api/dashboards/:id/project-access',           [200,   200,    403,   403,   403,  403, 404,   404,  404,  401], { enabled: true, role: 'viewer' }),
  row('PUT',    '/api/dashboards/:id/organization-access',      [200,   200,    403,   403,   403,  403, 404,   404,  404,  401], { enabled: true }),
  // L9: public links are managed by owners only (a fresh :linkId without a passcode, so "generate new" is a 409).
  row('POST',   '/api/dashboards/:id/public-links',             [201,   201,    403,   403,   403,  403, 404,   404,  404,  401], { label: 'Matrix' }),
  row('GET',    '/api/dashboards/:id/public-links',             [200,   200,    403,   403,   403,  403, 404,   404,  404,  401]),
  row('PATCH',  '/api/dashboards/:id/public-links/:linkId',     [200,   200,    403,   403,   403,  403, 404,   404,  404,  401], { label: 'Renamed' }),
  row('DELETE', '/api/dashboards/:id/public-links/:linkId',     [204,   204,    403,   403,   403,  403, 404,   404,  404,  401]),
  row('PUT',    '/api/dashboards/:id/public-links/:linkId/passcode', [200, 200,   403,   403,   403,  403, 404,   404,  404,  401], { enabled: true }),
  row('PUT',    '/api/dashboards/:id/public-links/:linkId/paused',   [200, 200,   403,   403,   403,  403, 404,   404,  404,  401], { paused: true }),
  row('POST',   '/api/dashboards/:id/public-links/:linkId/passcode', [409, 409,   403,   403,   403,  403, 404,   404,  404,  401]),
  row('POST',   '/api/dashboards/:id/public-links/:linkId/confirm',  [200, 200,   403,   403,   403,  403, 404,   404,  404,  401]),
  row('GET',    '/api/dashboards/:id/public-links/:linkId/audit',    [200, 200,   403,   403,   403,  403, 404,   404,  404,  401]),
  // Issue 16: rotate in place and a link's passcode sessions.
  row('POST',   '/api/dashboards/:id/public-links/:linkId/rotate',   [200, 200,   403,   403,   403,  403, 404,   404,  404,  401], { graceSeconds: 3600 }),
  row('GET',    '/api/dashboards/:id/public-links/:linkId/sessions', [200, 200,   403,   403,   403,  403, 404,   404,  404,  401]),
  row('DELETE', '/api/dashboards/:id/public-links/:linkId/sessions/:sessionId', [204, 204, 403, 403, 403, 403, 404, 404, 404, 401]),
  row('GET',    '/api/dashboards/:id/public-links/:linkId/audit?format=csv', [200, 200, 403, 403, 403,  403, 404,   404,  404,  401]),
  row('GET',    '/api/dashboards/:id/public-links/:linkId/usage',    [200, 200,   403,   403,   403,  403, 404,   404,  404,  401]),
  // Issue 16: the caller's own links across dashboards. Anyone signed in may ask; each gets only the links of the
  // dashboards they own (an empty list otherwise: the owner-only part is in my-links.test.ts).
  row('GET',    '/api/public-links',                                 [200, 200,   200,   200,   200,  200, 200,   200,  200,  401]),
];

// ---- Beyond dashboards: the data-source, public-link and project rules of auth/authorization.ts -------------------

/** A user's role in a project, or `none` for someone who is not a member of it. */
export type ProjectStanding = 'owner' | 'member' | 'viewer' | 'none';
export const STANDINGS: ProjectStanding[] = ['owner', 'member', 'viewer', 'none'];

/**
 * P4: who reads a data source's rows when signed in, by their role in the SOURCE's project and the roles the source
 * allows (`readableBy`). A dashboard role never widens this.
 */
// prettier-ignore
export const DATA_SOURCE_READ: { readableBy: ('owner' | 'member' | 'viewer')[]; expected: Record<ProjectStanding, boolean> }[] = [
  { readableBy: ['owner', 'member', 'viewer'], expected: { owner: true,  member: true,  viewer: true,  none: false } },
  { readableBy: ['owner', 'member'],           expected: { owner: true,  member: true,  viewer: false, none: false } },
  { readableBy: ['owner'],                     expected: { owner: true,  member: false, viewer: false, none: false } },
  { readableBy: [],                            expected: { owner: false, member: false, viewer: false, none: false } },
];

/**
 * Issue 18.2: which data source a widget may be attached to or saved on, by the saver's standing in the source's
 * project (a dashboard role alone is not enough). The source must be in the dashboard's project (else 400) and
 * readable by the saver (else 403 data_source_forbidden), unless the widget is `kept`: already on the dashboard with
 * this source and query (saving around a colleague's widget adds no access). `ok` means accepted.
 */
// prettier-ignore
export const WIDGET_SOURCE: { readableBy: ('owner' | 'member' | 'viewer')[]; sameProject: boolean; kept: boolean; expected: Record<ProjectStanding, 'ok' | 400 | 403> }[] = [
  { readableBy: ['owner', 'member', 'viewer'], sameProject: true,  kept: false, expected: { owner: 'ok', member: 'ok', viewer: 'ok', none: 403 } },
  { readableBy: ['owner', 'member'],           sameProject: true,  kept: false, expected: { owner: 'ok', member: 'ok', viewer: 403,  none: 403 } },
  { readableBy: ['owner', 'member'],           sameProject: true,  kept: true,  expected: { owner: 'ok', member: 'ok', viewer: 'ok', none: 'ok' } },
  { readableBy: [],                            sameProject: true,  kept: false, expected: { owner: 403,  member: 403,  viewer: 403,  none: 403 } },
  { readableBy: ['owner', 'member', 'viewer'], sameProject: false, kept: false, expected: { owner: 400,  member: 400,  viewer: 400,  none: 400 } },
  { readableBy: ['owner', 'member', 'viewer'], sameProject: false, kept: true,  expected: { owner: 400,  member: 400,  viewer: 400,  none: 400 } },
];

/**
 * L7: what a public link shows of a widget's source: its rows only when the source allows external access and has
 * every field the link locks (else everyone's rows would show). The first reason wins; null means shown.
 */
// prettier-ignore
export const LINK_DATA: { source: 'missing' | { externalAccess: boolean; fields: string[] }; locked: string[]; expected: string | null }[] = [
  { source: { externalAccess: true,  fields: ['region'] }, locked: [],         expected: null },
  { source: { externalAccess: true,  fields: ['region'] }, locked: ['region'], expected: null },
  { source: { externalAccess: true,  fields: ['day'] },    locked: ['region'], expected: 'widget_not_filterable' },
  { source: { externalAccess: false, fields: ['region'] }, locked: [],         expected: 'data_source_not_public' },
  { source: { externalAccess: false, fields: ['day'] },    locked: ['region'], expected: 'data_source_not_public' },
  { source: 'missing',                                     locked: [],         expected: 'data_source_not_public' },
];

/**
 * Project rules, over HTTP, by the caller's standing in project `ops`: members (any role) create dashboards there
 * and list its data sources; anyone else gets the 404 of a project that does not exist.
 */
// prettier-ignore
export const PROJECT_ACTIONS: { action: 'create_dashboard' | 'list_data_sources'; method: Method; path: string; body?: unknown; expected: Record<ProjectStanding, number> }[] = [
  { action: 'create_dashboard',  method: 'POST', path: '/api/dashboards', body: { projectId: 'ops', title: 'Matrix project' },
    expected: { owner: 201, member: 201, viewer: 201, none: 404 } },
  { action: 'list_data_sources', method: 'GET',  path: '/api/projects/ops/data-sources',
    expected: { owner: 200, member: 200, viewer: 200, none: 404 } },
];

/** What "Everyone in <project>" may grant: viewer or author; owner is refused (an owner is a person). */
export const PROJECT_WIDE_ROLES: Record<'viewer' | 'author' | 'owner', boolean> = {
  viewer: true,
  author: true,
  owner: false,
};
