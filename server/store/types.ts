/**
 * The store interface (SPEC O3). Every method returns a Promise even though better-sqlite3 answers synchronously:
 * the PostgreSQL store is asynchronous and services must not change when the store does.
 * The store never decides permissions; it answers questions in domain terms.
 */
import type { WidgetQuery, FilterDefinition, WidgetType, WidgetPosition } from '../schemas/dashboard.js';
import type { CompiledQuery, QueryModel } from '../query/index.js';

export type ProjectRole = 'owner' | 'member' | 'viewer';
export type DashboardRole = 'viewer' | 'author' | 'owner';
export type FieldType = 'string' | 'number' | 'date';

export interface Organization {
  id: string;
  name: string;
}
/** Keyed by (orgId, id) (issue 18): two organizations may each have a project with the same id. */
export interface Project {
  id: string;
  orgId: string;
  name: string;
}
export interface User {
  id: number;
  orgId: string;
  username: string;
  name: string;
  email: string;
}
/** A membership of a project of the user's own organization. */
export interface Membership {
  projectId: string;
  projectName: string;
  role: ProjectRole;
}
export interface UserWithMemberships extends User {
  memberships: Membership[];
}

export interface FieldDefinition {
  name: string;
  type: FieldType;
  label: string;
}
/** Keyed by (orgId, id), like projects (issue 18); `projectId` is a project of the same organization. */
export interface DataSource {
  id: string;
  orgId: string;
  projectId: string;
  name: string;
  /** The physical table holding the rows; never taken from a client. */
  tableName: string;
  fields: FieldDefinition[];
  readableBy: ProjectRole[];
  externalAccess: boolean;
}

export interface Widget {
  id: string;
  dashboardId: string;
  title: string;
  type: WidgetType;
  dataSourceId: string;
  query: WidgetQuery;
  position: WidgetPosition;
}

export interface Dashboard {
  id: string;
  orgId: string;
  projectId: string;
  ownerId: number;
  title: string;
  description: string;
  filters: FilterDefinition[];
  refreshInterval: number;
  /** Role given to everyone in the dashboard's project, or null when project-wide access is off. */
  projectAccessRole: DashboardRole | null;
  orgAccess: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Share {
  dashboardId: string;
  userId: number;
  role: DashboardRole;
  createdAt: string;
}
export interface ShareWithUser extends Share {
  username: string;
  name: string;
  email: string;
}

export interface PublicLink {
  id: string;
  dashboardId: string;
  label: string;
  /** HMAC of the token under a server key: the lookup key. */
  tokenHash: string;
  /** The token encrypted under a server key, so the owner can see the URL again. */
  tokenSealed: string;
  createdAt: string;
  createdBy: number;
  revokedAt: string | null;
  /** Issue 16: set while the owner has paused the link (viewers get the revoked link's 403); null when live. */
  pausedAt: string | null;
  /** Issue 16: when the link stops working (viewers get the revoked link's 403 after it); null: never. */
  expiresAt: string | null;
  passcodeEnabled: boolean;
  /** The passcode encrypted under a server key (the owner sees it; a database copy alone does not reveal it). */
  passcodeSealed: string | null;
  /** Bumped whenever the passcode changes or is switched off; sessions carry it. */
  passcodeVersion: number;
  lockedFilters: Record<string, unknown>;
  /** Origins allowed to frame this link (V5), already normalized; [] = none; null = the deployment's policy. */
  frameAncestors: string[] | null;
  accessCount: number;
  lastAccessAt: string | null;
  /**
   * Issue 16 (rotate): HMAC of the token the link had before its last rotation (never the token), found like
   * `tokenHash`; null if never rotated. It opens the link until `previousTokenUntil`, then answers like a revoked link.
   */
  previousTokenHash: string | null;
  previousTokenUntil: string | null;
  /** Issue 16: the widgets the link shows; null: all of them, also those added later. */
  widgetIds: string[] | null;
  /** Issue 16: pause the link by itself (instead of only flagging it) when the dashboard starts exposing more. */
  pauseOnChange: boolean;
  /** Issue 16: what the dashboard started exposing since the owner shared (or last confirmed) it; [] when nothing. */
  exposureChanges: ExposureChange[];
  /** Issue 16: what visitors may download: off, on (the default) or capped at `exportRowCap` rows per sheet. */
  exportMode: ExportMode;
  /** Issue 16: set only when `exportMode` is `capped`. */
  exportRowCap: number | null;
}

/** Issue 16: one way a dashboard started exposing more through a link (services/exposure-changes.ts finds them). */
export type ExposureChangeKind =
  'widget_added' | 'data_source_added' | 'filter_default_widened' | 'locked_field_removed';
export interface ExposureChange {
  kind: ExposureChangeKind;
  /** The widget's title, the data source's name or the filter's label. */
  subject: string;
  at: string;
}

export type ExportMode = 'off' | 'on' | 'capped';

export type AuditOutcome =
  | 'ok'
  | 'wrong_passcode'
  | 'unavailable'
  | 'rate_limited'
  | 'passcode_required'
  | 'paused'
  | 'expired'
  /** Issue 16: a token the link's rotation retired, after its grace period. */
  | 'rotated'
  /** Issue 16: the server paused the link because the dashboard changed (route `exposure_guard`). */
  | 'auto_paused'
  | 'export_disabled';
export interface AuditEvent {
  linkId: string | null;
  dashboardId: string | null;
  at: string;
  clientAddress: string;
  userAgent: string;
  route: string;
  outcome: AuditOutcome;
  /** Issue 18: the passcode session (its id, never its value) the request used or opened; null/absent: none. */
  sessionId?: string | null;
}

export interface UserUpsert {
  orgId: string;
  username: string;
  name: string;
  email: string;
  /**
   * project id → project role, in the user's organization; replaces the user's memberships. A project that does not
   * exist in that organization is skipped.
   */
  projects: Record<string, ProjectRole>;
}

/** A new dashboard: the store adds no access (project-wide off, not organization-wide) and both timestamps. */
export type DashboardInsert = Pick<
  Dashboard,
  'id' | 'orgId' | 'projectId' | 'ownerId' | 'title' | 'description' | 'filters' | 'refreshInterval'
>;
export type DashboardPatch = Partial<Pick<Dashboard, 'title' | 'description' | 'filters' | 'refreshInterval'>>;

/** A whole edit of a dashboard saved at once (Save in edit mode): its text and its complete list of widgets. */
export interface DashboardSave {
  title: string;
  /** Kept as it is when absent. */
  description?: string;
  /**
   * Every widget the dashboard keeps: a listed id that is on the dashboard is updated, any other is inserted (after
   * the existing ones, in list order), and a widget that is not listed is deleted.
   */
  widgets: Omit<Widget, 'dashboardId'>[];
  /**
   * The dashboard's updatedAt when the edit began. When given and no longer the current version (the same instant,
   * whatever its ISO-8601 spelling), nothing is written: the answer is a conflict.
   */
  baseUpdatedAt?: string;
}
export type DashboardSaveResult =
  | { status: 'saved'; dashboard: Dashboard }
  /** Someone else saved since `baseUpdatedAt`; `dashboard` is the current, unchanged version. */
  | { status: 'conflict'; dashboard: Dashboard }
  | { status: 'not_found' };

export interface DataTableSpec {
  tableName: string;
  fields: FieldDefinition[];
}

/** A compiled, parameterized query in the store's own dialect. */
export interface CompiledSql {
  sql: string;
  params: unknown[];
}

export interface IdentityStore {
  upsertOrganization(org: Organization): Promise<void>;
  getOrganization(id: string): Promise<Organization | undefined>;
  /** Creates the project (orgId, id), or renames it. */
  upsertProject(project: Project): Promise<void>;
  getProject(orgId: string, id: string): Promise<Project | undefined>;
  listProjects(orgId: string): Promise<Project[]>;
  /** Creates or updates the user and replaces their memberships (just-in-time provisioning). */
  upsertUser(user: UserUpsert): Promise<UserWithMemberships>;
  getUserById(id: number): Promise<UserWithMemberships | undefined>;
  getUserByUsername(orgId: string, username: string): Promise<UserWithMemberships | undefined>;
  /** Prefix match on username or email inside one organization, ordered by username. */
  searchUsers(orgId: string, prefix: string, limit: number): Promise<User[]>;
  listProjectMembers(orgId: string, projectId: string): Promise<(User & { role: ProjectRole })[]>;
}

export interface DataSourceStore {
  /** Creates the data source (orgId, id) or updates its name, fields and access (never its project or table). */
  upsertDataSource(ds: DataSource): Promise<void>;
  getDataSource(orgId: string, id: string): Promise<DataSource | undefined>;
  listDataSources(orgId: string, projectId: string): Promise<DataSource[]>;
  /** Creates the physical table of a data source (idempotent). */
  createDataTable(spec: DataTableSpec): Promise<void>;
  insertRows(tableName: string, fields: FieldDefinition[], rows: unknown[][]): Promise<void>;
}

/**
 * Widget queries (SPEC O3: one query model, each store's SQL). A service hands the store a QueryModel; the store
 * compiles it with its own dialect and runs it. Compile errors are the compiler's 400s; a query past the store's time
 * limit is 503 `query_timeout`.
 */
export interface QueryStore {
  /** The store's SQL dialect: what a compiled text means (part of a kept result's key). */
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Compiles without running: the result columns, and the text and bound values the query would run as. The one
   * validator of a saved widget's query (it is valid exactly when this succeeds), and what keys kept results.
   */
  compileQuery(model: QueryModel): CompiledQuery;
  /** Compiles and runs; the rows are keyed by result column name. */
  runQuery(model: QueryModel): Promise<Record<string, unknown>[]>;
  /** Compiles and streams the rows in order, for exports of large results. */
  iterateQuery(model: QueryModel): AsyncIterable<Record<string, unknown>>;
  /**
   * Runs SQL written for this store's dialect, under the same time limit: for tests, benchmarks and operators'
   * checks. Services never write SQL; they hand the store a QueryModel.
   */
  runSql(query: CompiledSql): Promise<Record<string, unknown>[]>;
}

export interface DashboardStore {
  insertDashboard(d: DashboardInsert): Promise<Dashboard>;
  getDashboard(id: string): Promise<Dashboard | undefined>;
  /**
   * Writes the fields the patch gives (one that is absent, undefined or null is left alone) and moves updatedAt
   * forward; the dashboard as stored, or undefined when there is none.
   */
  updateDashboard(id: string, patch: DashboardPatch): Promise<Dashboard | undefined>;
  /**
   * Saves a whole edit in one transaction: the version check, the dashboard's text and every widget change apply
   * together or not at all (a widget the database refuses rolls everything back, and the error is thrown).
   */
  saveDashboard(id: string, save: DashboardSave): Promise<DashboardSaveResult>;
  /** Removes the dashboard with its widgets, shares and links; audit rows stay. */
  deleteDashboard(id: string): Promise<boolean>;
  /** Every dashboard of an organization that a user could possibly reach (owned, shared, project or org access). */
  listCandidateDashboards(user: UserWithMemberships): Promise<Dashboard[]>;
  setProjectAccess(id: string, role: DashboardRole | null): Promise<void>;
  setOrgAccess(id: string, enabled: boolean): Promise<void>;

  listWidgets(dashboardId: string): Promise<Widget[]>;
  /**
   * A widget with its data source (in the dashboard's organization `orgId`; undefined if it is gone), in one read:
   * what every widget data request needs (issue 13). The source is read each time, so an `externalAccess` change
   * counts on the very next request.
   */
  getWidgetWithDataSource(
    orgId: string,
    dashboardId: string,
    widgetId: string,
  ): Promise<WidgetWithDataSource | undefined>;
  insertWidget(w: Widget): Promise<Widget>;
  updateWidget(w: Widget): Promise<Widget>;
  deleteWidget(dashboardId: string, widgetId: string): Promise<boolean>;
}

export interface ShareStore {
  listShares(dashboardId: string): Promise<ShareWithUser[]>;
  /** The shares of many dashboards in one query (list views), keyed by dashboard id; absent ids have none. */
  listSharesForDashboards(dashboardIds: string[]): Promise<Map<string, ShareWithUser[]>>;
  getShare(dashboardId: string, userId: number): Promise<Share | undefined>;
  /** Shares of many dashboards for one user, for list views. */
  listSharesForUser(userId: number): Promise<Share[]>;
  insertShare(share: Share): Promise<Share>;
  updateShareRole(dashboardId: string, userId: number, role: DashboardRole): Promise<Share | undefined>;
  deleteShare(dashboardId: string, userId: number): Promise<boolean>;
}

export interface WidgetWithDataSource {
  widget: Widget;
  dataSource: DataSource | undefined;
}

/** A token's link with its dashboard (undefined only if it is gone): what a public request reads. */
export interface LinkAndDashboard {
  link: PublicLink;
  dashboard: Dashboard | undefined;
}

export interface LinkCounts {
  active: number;
  changed: number;
}

/** The fields of a link that may change after it is created. */
export type LinkPatch = Partial<Omit<PublicLink, 'id' | 'dashboardId' | 'tokenHash'>>;

export interface PublicLinkStore {
  insertLink(link: PublicLink): Promise<PublicLink>;
  getLink(id: string): Promise<PublicLink | undefined>;
  /**
   * The link whose token, or (issue 16) previous token, has this hash, with its dashboard, in one indexed lookup
   * (issue 13): the read every public request makes. `dashboard` is undefined only if it is gone.
   */
  getLinkAndDashboardByTokenHash(tokenHash: string): Promise<LinkAndDashboard | undefined>;
  listLinks(dashboardId: string, opts?: { includeRevoked?: boolean }): Promise<PublicLink[]>;
  /**
   * Per dashboard, its active links and (issue 16) how many of them are flagged "changed since shared", in one query;
   * a dashboard without active links is absent.
   */
  countLinks(dashboardIds: string[]): Promise<Map<string, LinkCounts>>;
  updateLink(id: string, patch: LinkPatch): Promise<PublicLink | undefined>;
  /**
   * Read-modify-write of one link under its row's lock: `change` gets the link as it is now and returns the fields to
   * change (undefined: none), so a change computed from the link's current value (the exposure guard merging its
   * reasons, issue 16) never writes back a value another process changed meanwhile. The link after, or undefined
   * when there is no such link.
   */
  modifyLink(id: string, change: (current: PublicLink) => LinkPatch | undefined): Promise<PublicLink | undefined>;
  revokeLink(id: string, at: string): Promise<boolean>;
  /**
   * Issue 16: a new token for an active link (same id and settings); the old hash becomes the previous one, every live
   * session of the link ends. The link as stored, or undefined for an unknown or revoked one.
   */
  rotateLink(id: string, rotation: LinkRotation): Promise<PublicLink | undefined>;
  /**
   * Issue 16: the active (not revoked) links of these dashboards with each dashboard's id and title, newest first
   * (created_at, then id, descending), at most `limit`: one query (a JOIN), whatever the number of dashboards.
   */
  listActiveLinksOfDashboards(dashboardIds: string[], limit: number): Promise<LinkWithDashboard[]>;
}

/** Issue 16: what a rotation writes, in one transaction that also ends every live session of the link. */
export interface LinkRotation {
  tokenHash: string;
  tokenSealed: string;
  previousTokenHash: string;
  previousTokenUntil: string;
  /** A new passcode (when the link has one) and the bumped version; absent leaves them. */
  passcodeSealed?: string;
  passcodeVersion?: number;
  /** When it happened: the sessions' end time. */
  at: string;
}

/** Issue 18 item 4: one passcode entry's session, by its random id (the JWT's jti). */
export interface LinkSession {
  id: string;
  linkId: string;
  /** The link's passcode version it was opened under; a session of an older version is over. */
  passcodeVersion: number;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  endedAt: string | null;
  /** Keyed hash of the client address (never the address). */
  addressHash: string;
  agentFamily: AgentFamily;
}
export type AgentFamily = 'chrome' | 'firefox' | 'safari' | 'edge' | 'other';

export interface LinkSessionStore {
  insertLinkSession(session: LinkSession): Promise<void>;
  getLinkSession(id: string): Promise<LinkSession | undefined>;
  /** Moves last_seen_at forward to `at` (never back). */
  touchLinkSession(id: string, at: string): Promise<void>;
  /** Live sessions of a link at `now` under its passcode version (not ended, not expired), oldest first. */
  listLiveLinkSessions(linkId: string, passcodeVersion: number, now: string): Promise<LinkSession[]>;
  /** Ends one live session of the link (`sessionId`) or all of them; how many were ended. */
  endLinkSessions(linkId: string, at: string, sessionId?: string): Promise<number>;
}

/** A link with the dashboard it shows (the caller's list of all their links). */
export interface LinkWithDashboard {
  link: PublicLink;
  dashboard: Pick<Dashboard, 'id' | 'title'>;
}

export interface RateLimitStore {
  /** Records one failure under each key, at `at` (ISO). */
  recordFailure(keys: string[], at: string): Promise<void>;
  /** Failures under `key` since `since` (ISO), and the oldest of them (to compute Retry-After). */
  countFailures(key: string, since: string): Promise<{ count: number; oldest: string | null }>;
  pruneFailures(before: string): Promise<void>;
  /** Removes one failure recorded under each key at exactly `at` (a reserved attempt that turned out not to fail). */
  releaseFailure(keys: string[], at: string): Promise<void>;
}

export interface AuditStore {
  /** Appends events and folds the `ok` ones into each link's counters, in one transaction. */
  appendAudit(events: AuditEvent[]): Promise<void>;
  /** Newest first; `filter` (issue 16) narrows to `at` within [from, to] (ISO, inclusive) and one outcome. */
  listAudit(linkId: string, limit?: number, filter?: AuditFilter): Promise<(AuditEvent & { id: number })[]>;
  /**
   * Issue 16: a link's requests per UTC day since `since` (ISO, the start of a day), by usage group (see
   * store/shared/usage-sql.ts), and the distinct client addresses among all its requests since then.
   */
  linkUsage(linkId: string, since: string): Promise<LinkUsageCounts>;
}

export interface AuditFilter {
  from?: string;
  to?: string;
  outcome?: AuditOutcome;
}

export type UsageGroup = 'ok' | 'wrong_passcode' | 'rate_limited' | 'unavailable';
export interface LinkUsageCounts {
  /** Only the (day, group) pairs that have requests; `day` is `YYYY-MM-DD` (UTC). */
  days: { day: string; group: UsageGroup; count: number }[];
  distinctClients: number;
}

export interface Store
  extends
    IdentityStore,
    DataSourceStore,
    QueryStore,
    DashboardStore,
    ShareStore,
    PublicLinkStore,
    LinkSessionStore,
    RateLimitStore,
    AuditStore {
  /** True when the database answers (health check). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
