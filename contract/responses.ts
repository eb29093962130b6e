/**
 * Response bodies of every route, as the server sends them today (derived from server/services/*.ts). Objects are
 * open (`z.object`): the API may add fields (API.md), so a client must ignore what it does not know; the server's
 * tests check every response against these schemas and fail on any field the contract does not name.
 */
import { z } from 'zod';
import { filterDefinitionSchema, widgetPositionSchema, widgetQuerySchema, widgetType } from './dashboard.js';
import { dashboardRole } from './requests.js';
import { auditOutcomes, exportPolicySchema } from './link-usage.js';
import { named } from './registry.js';

/** Timestamps are ISO 8601 text (UTC). */
const timestamp = z.string();
const count = z.number().int().min(0);

// ---- Identity -------------------------------------------------------------------------------------------------

export const projectRole = named(z.enum(['owner', 'member', 'viewer']), 'ProjectRole');
export const fieldType = named(z.enum(['string', 'number', 'date']), 'FieldType');

export const userRefSchema = named(
  z.object({ username: z.string(), name: z.string(), email: z.string() }),
  'UserRef',
  'A user of the caller’s organization.',
);

export const meResponse = named(
  z.object({
    user: userRefSchema,
    organization: z.object({ id: z.string(), name: z.string() }),
    projects: z.array(z.object({ id: z.string(), name: z.string(), role: projectRole })),
  }),
  'Me',
);

/** At most 10, by username; prefix match on username or email; an empty `q` gives none. */
export const usersResponse = named(z.object({ users: z.array(userRefSchema) }), 'UserSuggestions');

export const fieldDefinitionSchema = named(
  z.object({ name: z.string(), type: fieldType, label: z.string() }),
  'FieldDefinition',
);

export const dataSourceSchema = named(
  z.object({
    id: z.string(),
    name: z.string(),
    projectId: z.string(),
    fields: z.array(fieldDefinitionSchema),
    /** Project roles whose members may read its rows (P4). */
    readableBy: z.array(projectRole),
    /** Whether public links may show its data (L7). */
    externalAccess: z.boolean(),
  }),
  'DataSource',
);
export const dataSourcesResponse = named(z.object({ dataSources: z.array(dataSourceSchema) }), 'DataSources');

// ---- Dashboards and widgets -----------------------------------------------------------------------------------

export const accessSummarySchema = named(
  z.object({
    icon: z.enum(['eye', 'group', 'office', 'lock']),
    /** The tooltip sentence (P6). */
    summary: z.string(),
    /** Active public links; 0 for roles that may not manage links. */
    publicLinkCount: count,
    /** Issue 16: how many of those links are flagged "changed since shared" (0 for roles that cannot manage links). */
    changedLinkCount: count,
  }),
  'AccessSummary',
);

export const dashboardSummarySchema = named(
  z.object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    owner: z.object({ username: z.string(), name: z.string() }),
    projectId: z.string(),
    /** The caller's role. */
    role: dashboardRole,
    /** True when it reached the caller by someone's share (a user share or project-wide access). */
    shared: z.boolean(),
    orgAccess: z.boolean(),
    access: accessSummarySchema,
    updatedAt: timestamp,
    /**
     * Issue 17: whether the caller may delete it (only its creator, not a co-owner). Absent from servers before
     * issue 17: elements then fall back to `role === 'owner'`.
     */
    canDelete: z.boolean().optional(),
  }),
  'DashboardSummary',
);

export const widgetSchema = named(
  z.object({
    id: z.string(),
    title: z.string(),
    type: widgetType,
    dataSourceId: z.string(),
    query: widgetQuerySchema,
    /**
     * Issue 17: the dashboard filter fields its data source has; a filter on any other field does not narrow this
     * widget. Absent when the source is unknown.
     */
    filterFields: z.array(z.string()).optional(),
    position: widgetPositionSchema,
  }),
  'Widget',
);

export const dashboardSchema = named(
  dashboardSummarySchema.extend({
    widgets: z.array(widgetSchema),
    filters: z.array(filterDefinitionSchema),
    /** Seconds; 0: no automatic refresh. */
    refreshInterval: z.number().int().min(0),
    /** Author or owner. */
    canModify: z.boolean(),
    isPublicMode: z.literal(false),
  }),
  'Dashboard',
);

export const dashboardsResponse = named(z.object({ dashboards: z.array(dashboardSummarySchema) }), 'DashboardList');
export const dashboardResponse = named(z.object({ dashboard: dashboardSchema }), 'DashboardResponse');
export const widgetResponse = named(z.object({ widget: widgetSchema }), 'WidgetResponse');

export const resultColumnSchema = named(
  z.object({ name: z.string(), label: z.string(), type: fieldType }),
  'ResultColumn',
);
export const cellSchema = z.union([z.string(), z.number(), z.null()]);
export const widgetDataResponse = named(
  z.object({
    columns: z.array(resultColumnSchema),
    /** One array per row, in the order of `columns`. Dates are UTC text 'YYYY-MM-DD HH:MM:SS'. */
    rows: z.array(z.array(cellSchema)),
  }),
  'WidgetData',
);

// ---- Sharing --------------------------------------------------------------------------------------------------

export const shareSchema = named(
  z.object({
    username: z.string(),
    name: z.string(),
    email: z.string(),
    role: dashboardRole,
    createdAt: timestamp,
  }),
  'Share',
);

export const accessWarningSchema = named(
  z.object({
    /** Who cannot read: a user with a share, everyone in the project, or everyone in the organization. */
    subject: z.enum(['user', 'project', 'organization']),
    /** Username, project id or organization id. */
    id: z.string(),
    name: z.string(),
    dataSources: z.array(z.object({ id: z.string(), name: z.string() })),
    message: z.string(),
  }),
  'AccessWarning',
  'Someone with access who cannot read some of the dashboard’s data sources (P5).',
);

export const projectAccessSchema = named(
  z.object({ id: z.string(), name: z.string(), enabled: z.boolean(), role: dashboardRole.nullable() }),
  'ProjectAccess',
);
export const organizationAccessSchema = named(
  z.object({ id: z.string(), name: z.string(), enabled: z.boolean() }),
  'OrganizationAccess',
);

const warnings = z.array(accessWarningSchema);
export const shareResponse = named(z.object({ share: shareSchema, warnings }), 'ShareResponse');
export const projectAccessResponse = named(
  z.object({ project: projectAccessSchema, warnings }),
  'ProjectAccessResponse',
);
export const organizationAccessResponse = named(
  z.object({ organization: organizationAccessSchema, warnings }),
  'OrganizationAccessResponse',
);

// ---- Public links (owner) -------------------------------------------------------------------------------------

const filterScalar = z.union([z.string(), z.number()]);
/** A normalized filter value: one value, a list, or a date range. */
export const filterValueSchema = named(
  z.union([filterScalar, z.array(filterScalar), z.object({ from: z.string().optional(), to: z.string().optional() })]),
  'FilterValue',
);
export const filterValuesSchema = named(z.record(z.string(), filterValueSchema), 'FilterValues');

/**
 * A listed link's state: `paused` and `expired` answer viewers like a revoked link, but resuming or a later `expiresAt`
 * brings the same token back.
 */
export const linkStatusSchema = z.enum(['active', 'paused', 'expired']);
/**
 * Issue 16: one way a dashboard started exposing more through a link since it was shared (or last confirmed):
 * `widget_added` (a link that shows all widgets), `data_source_added` (a widget the link shows reads a new source),
 * `filter_default_widened` (a filter's default shows more rows), `locked_field_removed` (a filter the link locks is
 * gone from the dashboard). `subject` names the widget, source or filter.
 */
export const exposureChangeKindSchema = z.enum([
  'widget_added',
  'data_source_added',
  'filter_default_widened',
  'locked_field_removed',
]);
export const exposureChangeSchema = named(
  z.object({ kind: exposureChangeKindSchema, subject: z.string(), at: timestamp }),
  'ExposureChange',
  'One way the dashboard started exposing more through a link since it was shared.',
);
export const linkSchema = named(
  z.object({
    id: z.string(),
    label: z.string(),
    /** `<ATLAS_PUBLIC_URL>/public/<token>`; null when the server's keys can no longer open the link. */
    url: z.string().nullable(),
    token: z.string().nullable(),
    createdAt: timestamp,
    lastAccessAt: timestamp.nullable(),
    accessCount: count,
    passcodeEnabled: z.boolean(),
    /** The current passcode (owner only), null while the passcode is off. */
    passcode: z.string().nullable(),
    /** Filter values fixed on this link; no viewer can change or widen them. */
    lockedFilters: filterValuesSchema,
    /** Origins this link lets frame it (`[]`: none), or null for the deployment's policy. */
    frameAncestors: z.array(z.string()).nullable(),
    /** The CSP `frame-ancestors` source list its responses carry now. */
    effectiveFrameAncestors: z.string(),
    /** The deployment's source list (ATLAS_FRAME_ANCESTORS). */
    defaultFrameAncestors: z.string(),
    /** When the owner paused the link (viewers get the revoked link's 403 until it is resumed), or null. */
    pausedAt: timestamp.nullable(),
    /** When the link stops working (viewers get the revoked link's 403 after it), or null: never. */
    expiresAt: timestamp.nullable(),
    /** Derived: `paused` while paused, else `expired` once `expiresAt` has passed, else `active` (revoked: not listed). */
    status: linkStatusSchema,
    /** After a rotation with a grace period: until when the old token still opens the link; null otherwise. */
    previousTokenUntil: timestamp.nullable(),
    /** Issue 16: the widgets the link shows, or null: all of them (also those added later). */
    widgetIds: z.array(z.string()).nullable(),
    /** Issue 16: the link pauses itself when the dashboard starts exposing more (else it is only flagged). */
    pauseOnChange: z.boolean(),
    /** Issue 16: "changed since shared": the dashboard exposes more than when the owner last confirmed the link. */
    changedSinceShared: z.boolean(),
    /** Issue 16: what changed, oldest first; empty unless `changedSinceShared`. Confirming clears it. */
    changes: z.array(exposureChangeSchema),
    /** Issue 16: what visitors may download through the link. */
    exportPolicy: exportPolicySchema,
  }),
  'Link',
  'A public link as its owner sees it.',
);
export const linkResponse = named(z.object({ link: linkSchema }), 'LinkResponse');
export const linksResponse = named(z.object({ links: z.array(linkSchema) }), 'LinkList');
/** Issue 16: a link in the caller's list of all their links, with the dashboard it shows. */
export const myLinkSchema = named(
  linkSchema.extend({ dashboard: z.object({ id: z.string(), title: z.string() }) }),
  'MyLink',
  'A public link of one of the caller’s dashboards, with that dashboard.',
);
export const myLinksResponse = named(z.object({ links: z.array(myLinkSchema) }), 'MyLinkList');

export const sharingDataSourceSchema = named(
  z.object({
    id: z.string(),
    name: z.string(),
    /** Whether public links may show its data (L7). */
    externalAccess: z.boolean(),
  }),
  'SharingDataSource',
  'A data source one of the dashboard’s widgets reads.',
);

/**
 * Everything a share dialog shows, in one answer (issue 15): `dashboard`, `currentUser` and `dataSources` were added
 * after the original fields, which keep their meaning.
 */
export const sharingResponse = named(
  z.object({
    owner: z.object({ username: z.string(), name: z.string() }),
    users: z.array(shareSchema),
    project: projectAccessSchema,
    organization: organizationAccessSchema,
    publicLinks: z.array(linkSchema),
    warnings,
    /** The dashboard as the caller sees it (`GET /api/dashboards/{id}`): title, widgets, filters. */
    dashboard: dashboardSchema,
    /** The signed-in caller (the `user` of `GET /api/me`). */
    currentUser: userRefSchema,
    /** The data sources the dashboard's widgets read, each once. */
    dataSources: z.array(sharingDataSourceSchema),
    /**
     * Issue 17: true when the caller is not an owner. Viewers and authors read who has access (emails left empty;
     * no warnings, data sources or public links) and may change nothing. Absent from servers before issue 17, which
     * answered them 403.
     */
    readOnly: z.boolean().optional(),
  }),
  'Sharing',
);

/**
 * Public requests, plus two the owner or the server caused (issue 16): `rotate` (the owner gave the link a new token)
 * and `exposure_guard` (the server paused the link when the dashboard changed).
 */
export const auditRouteSchema = z.enum([
  'page',
  'dashboard',
  'session',
  'widget_data',
  'export',
  'rotate',
  'exposure_guard',
]);
export const auditOutcomeSchema = z.enum(auditOutcomes);
export const auditEventSchema = named(
  z.object({
    id: z.number().int(),
    /** null for a token that matched no link. */
    linkId: z.string().nullable(),
    dashboardId: z.string().nullable(),
    at: timestamp,
    clientAddress: z.string(),
    /** Issue 16: a keyed hash of the address, the one export watermarks carry (to match a workbook to its rows). */
    clientHash: z.string(),
    userAgent: z.string(),
    route: auditRouteSchema,
    outcome: auditOutcomeSchema,
    /** The passcode session (its id, never its value) the request used or opened; null when none. */
    sessionId: z.string().nullable(),
  }),
  'AuditEvent',
);

/** Issue 16 / 18: a live passcode session of a link, as its owner sees it. */
export const linkSessionSchema = named(
  z.object({
    /** The session's random id (never its value): what `DELETE …/sessions/{sessionId}` takes. */
    id: z.string(),
    createdAt: timestamp,
    /** Moves at most once a minute. */
    lastSeenAt: timestamp,
    expiresAt: timestamp,
    /** A keyed hash of the client's address (never the address). */
    addressHash: z.string(),
    agentFamily: z.enum(['chrome', 'firefox', 'safari', 'edge', 'other']),
  }),
  'LinkSession',
);
export const linkSessionsResponse = named(z.object({ sessions: z.array(linkSessionSchema) }), 'LinkSessionList');
/** Newest first. */
export const auditResponse = named(z.object({ events: z.array(auditEventSchema) }), 'AuditLog');

// ---- Public routes --------------------------------------------------------------------------------------------

export const publicWidgetSchema = named(
  z.object({
    id: z.string(),
    title: z.string(),
    type: widgetType,
    query: widgetQuerySchema,
    position: widgetPositionSchema,
    /** Why this widget's data cannot be shown through the link (L7), or null when it can. */
    dataError: z
      .object({ code: z.enum(['data_source_not_public', 'widget_not_filterable']), message: z.string() })
      .nullable(),
    /** Issue 17: as on a signed-in widget, the dashboard filter fields its data source has. */
    filterFields: z.array(z.string()).optional(),
  }),
  'PublicWidget',
);

export const publicDashboardSchema = named(
  z.object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    widgets: z.array(publicWidgetSchema),
    /** A field fixed by the link is `locked` (its `default` is the fixed value) and cannot be changed. */
    filters: z.array(filterDefinitionSchema.extend({ locked: z.boolean() })),
    lockedFilters: filterValuesSchema,
    refreshInterval: z.number().int().min(0),
    canModify: z.literal(false),
    isPublicMode: z.literal(true),
    access: z.object({ icon: z.literal('globe'), summary: z.string() }),
    passcodeProtected: z.boolean(),
    /** Issue 16: what the link lets a visitor download (`off`: no export button). */
    exportPolicy: exportPolicySchema,
  }),
  'PublicDashboard',
  'A dashboard as a public link shows it: nothing about its owner, shares or project.',
);
export const publicDashboardResponse = named(z.object({ dashboard: publicDashboardSchema }), 'PublicDashboardResponse');

export const publicSessionResponse = named(
  z.object({
    /** Send as `Authorization: Bearer <session>` on this link's public routes (also set as a partitioned cookie). */
    session: z.string(),
    /** Absolute: 5 days after the passcode was given. */
    expiresAt: timestamp,
  }),
  'PublicSession',
);

// ---- Operations, development sign-in, the document --------------------------------------------------------------

export const healthResponse = named(z.object({ ok: z.literal(true) }), 'Health');
export const healthDownResponse = named(
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.literal('store_unavailable'), message: z.string(), requestId: z.string().optional() }),
  }),
  'HealthDown',
);

export const devIdentitiesResponse = named(
  z.object({
    demoMode: z.literal(true),
    notice: z.string(),
    identities: z.array(
      z.object({
        username: z.string(),
        name: z.string(),
        email: z.string(),
        org: z.string(),
        /** project id → project role, as in a host token's `projects` claim. */
        projects: z.record(z.string(), projectRole),
        about: z.string(),
      }),
    ),
  }),
  'DevIdentities',
);
export const devTokenResponse = named(
  z.object({ demoMode: z.literal(true), token: z.string(), expiresAt: timestamp }),
  'DevToken',
);

export const openApiDocumentSchema = named(
  z.looseObject({
    openapi: z.string(),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.unknown()),
  }),
  'OpenApiDocument',
  'This document.',
);

export type ProjectRole = z.infer<typeof projectRole>;
export type FieldType = z.infer<typeof fieldType>;
export type UserRef = z.infer<typeof userRefSchema>;
export type MeResponse = z.infer<typeof meResponse>;
export type UsersResponse = z.infer<typeof usersResponse>;
export type FieldDefinition = z.infer<typeof fieldDefinitionSchema>;
export type DataSourceView = z.infer<typeof dataSourceSchema>;
export type DataSourcesResponse = z.infer<typeof dataSourcesResponse>;
export type AccessSummary = z.infer<typeof accessSummarySchema>;
export type DashboardSummary = z.infer<typeof dashboardSummarySchema>;
export type WidgetView = z.infer<typeof widgetSchema>;
export type DashboardView = z.infer<typeof dashboardSchema>;
export type DashboardsResponse = z.infer<typeof dashboardsResponse>;
export type DashboardResponse = z.infer<typeof dashboardResponse>;
export type WidgetResponse = z.infer<typeof widgetResponse>;
export type ResultColumn = z.infer<typeof resultColumnSchema>;
export type Cell = z.infer<typeof cellSchema>;
export type WidgetDataResponse = z.infer<typeof widgetDataResponse>;
export type ShareView = z.infer<typeof shareSchema>;
export type AccessWarning = z.infer<typeof accessWarningSchema>;
export type ProjectAccessView = z.infer<typeof projectAccessSchema>;
export type OrganizationAccessView = z.infer<typeof organizationAccessSchema>;
export type ShareResponse = z.infer<typeof shareResponse>;
export type ProjectAccessResponse = z.infer<typeof projectAccessResponse>;
export type OrganizationAccessResponse = z.infer<typeof organizationAccessResponse>;
export type FilterValue = z.infer<typeof filterValueSchema>;
export type FilterValues = z.infer<typeof filterValuesSchema>;
export type LinkView = z.infer<typeof linkSchema>;
export type LinkStatus = z.infer<typeof linkStatusSchema>;
export type ExposureChange = z.infer<typeof exposureChangeSchema>;
export type ExposureChangeKind = z.infer<typeof exposureChangeKindSchema>;
export type LinkResponse = z.infer<typeof linkResponse>;
export type LinksResponse = z.infer<typeof linksResponse>;
export type MyLinkView = z.infer<typeof myLinkSchema>;
export type MyLinksResponse = z.infer<typeof myLinksResponse>;
export type SharingDataSource = z.infer<typeof sharingDataSourceSchema>;
export type SharingResponse = z.infer<typeof sharingResponse>;
export type AuditEventView = z.infer<typeof auditEventSchema>;
export type LinkSessionView = z.infer<typeof linkSessionSchema>;
export type AuditResponse = z.infer<typeof auditResponse>;
export type LinkSessionsResponse = z.infer<typeof linkSessionsResponse>;
export type PublicWidgetView = z.infer<typeof publicWidgetSchema>;
export type PublicDashboardView = z.infer<typeof publicDashboardSchema>;
export type PublicDashboardResponse = z.infer<typeof publicDashboardResponse>;
export type PublicSessionResponse = z.infer<typeof publicSessionResponse>;
export type HealthResponse = z.infer<typeof healthResponse>;
export type HealthDownResponse = z.infer<typeof healthDownResponse>;
export type DevIdentitiesResponse = z.infer<typeof devIdentitiesResponse>;
export type DevTokenResponse = z.infer<typeof devTokenResponse>;
