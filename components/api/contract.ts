/**
 * The HTTP contract (contract/: the zod schemas the server validates with, and its route table) as types for the
 * elements and for host apps. The only module of components/ that reads the contract, and only its types: nothing
 * here exists at run time, so no zod code reaches a browser bundle. The contract is the @atlas-sharing/contract package
 * (a dependency of the elements package for these types; in this repository its source, through tsconfig paths).
 */
import type { z } from 'zod';
import type {
  AccessSummary,
  AccessWarning,
  Aggregation,
  AuditEventView,
  AuditQuery,
  AuditResponse,
  Cell,
  ContractRoute,
  CreateDashboardBody,
  CreateLinkBody,
  CreateShareBody,
  CreateWidgetBody,
  DashboardListFilter,
  DashboardResponse,
  dashboardRole,
  DashboardsResponse,
  DashboardSummary,
  DashboardView,
  DataQuery,
  DataSourcesResponse,
  DataSourceView,
  Dimension,
  ErrorBody,
  ErrorCode,
  errorDetailsSchema,
  ExposureChange,
  FieldDefinition,
  FieldType,
  FilterDefinition,
  FilterValue,
  FilterValues,
  HttpMethod,
  LinkPasscodeBody,
  LinkPausedBody,
  RotateLinkBody,
  LinkSessionsResponse,
  LinkSessionView,
  LinkResponse,
  LinksResponse,
  LinkView,
  LinkStatus,
  ListDashboardsQuery,
  ListMyLinksQuery,
  MeResponse,
  Metric,
  MyLinksResponse,
  MyLinkView,
  OrganizationAccessBody,
  OrganizationAccessResponse,
  OrganizationAccessView,
  PatchDashboardBody,
  PatchLinkBody,
  PatchShareBody,
  ProjectAccessBody,
  ProjectAccessResponse,
  projectAccessRole,
  ProjectAccessView,
  ProjectRole,
  PublicDashboardResponse,
  PublicDashboardView,
  PublicSessionBody,
  PublicSessionResponse,
  PublicWidgetView,
  QueryFilter,
  ResultColumn,
  RouteAccess,
  RouteId,
  SaveDashboardBody,
  ShareResponse,
  ShareView,
  SharingResponse,
  TimeBucket,
  UserRef,
  UsersQuery,
  UsersResponse,
  validationIssueSchema,
  WidgetDataResponse,
  WidgetPosition,
  WidgetQuery,
  WidgetResponse,
  WidgetType,
  WidgetView,
} from '@atlas-sharing/contract';
// Issue 16: a link's export policy and usage (contract/link-usage.ts).
import type { ExportPolicy, ExportPolicyBody, LinkUsageDay, LinkUsageResponse } from '@atlas-sharing/contract';

// The contract's dashboard and query shapes (contract/dashboard.ts), answers (responses.ts), request bodies and queries
// as a client sends them (requests.ts, `z.input`: defaults optional), error codes (errors.ts) and route ids
// (routes.ts). Imported, then exported (not re-exported `from` the contract), so that the manifest names this module.
export type {
  AccessSummary,
  AccessWarning,
  Aggregation,
  AuditEventView,
  AuditQuery,
  AuditResponse,
  Cell,
  CreateDashboardBody,
  CreateLinkBody,
  CreateShareBody,
  CreateWidgetBody,
  DashboardListFilter,
  DashboardResponse,
  DashboardsResponse,
  DashboardSummary,
  DashboardView,
  DataQuery,
  DataSourcesResponse,
  DataSourceView,
  Dimension,
  ErrorBody,
  ErrorCode,
  ExposureChange,
  FieldDefinition,
  FieldType,
  FilterDefinition,
  FilterValue,
  FilterValues,
  HttpMethod,
  LinkPasscodeBody,
  LinkPausedBody,
  RotateLinkBody,
  LinkSessionsResponse,
  LinkSessionView,
  LinkResponse,
  LinksResponse,
  LinkView,
  LinkStatus,
  ListDashboardsQuery,
  ListMyLinksQuery,
  MeResponse,
  Metric,
  MyLinksResponse,
  MyLinkView,
  OrganizationAccessBody,
  OrganizationAccessResponse,
  OrganizationAccessView,
  PatchDashboardBody,
  PatchLinkBody,
  PatchShareBody,
  ProjectAccessBody,
  ProjectAccessResponse,
  ProjectAccessView,
  ProjectRole,
  PublicDashboardResponse,
  PublicDashboardView,
  PublicSessionBody,
  PublicSessionResponse,
  PublicWidgetView,
  QueryFilter,
  ResultColumn,
  RouteAccess,
  RouteId,
  SaveDashboardBody,
  ShareResponse,
  ShareView,
  SharingResponse,
  TimeBucket,
  UserRef,
  UsersQuery,
  UsersResponse,
  WidgetDataResponse,
  WidgetPosition,
  WidgetQuery,
  WidgetResponse,
  WidgetType,
  WidgetView,
};

export type { ExportPolicy, ExportPolicyBody, LinkUsageDay, LinkUsageResponse };

/** A dashboard role: of a share, of the caller, of project-wide access. */
export type DashboardRole = z.infer<typeof dashboardRole>;
/** The role everyone in a project may get (never `owner`). */
export type ProjectAccessRole = z.infer<typeof projectAccessRole>;
/** One refused field of an `invalid_request` error. */
export type ValidationIssue = z.infer<typeof validationIssueSchema>;
/** `error.details`: the refused fields of `invalid_request`, or what another code adds (`retryAfter`, `index`…). */
export type ErrorDetails = z.infer<typeof errorDetailsSchema>;
/** A filter of a public dashboard: `locked` when the link fixes its value. */
export type PublicFilterDefinition = PublicDashboardView['filters'][number];

// ---- The route table, per route ------------------------------------------------------------------------------------

/** The route table's entry of a route. */
export type RouteOf<K extends RouteId> = Extract<ContractRoute, { id: K }>;
/** Its method, upper case as `fetch` takes it. */
export type RouteMethod<K extends RouteId> = Uppercase<RouteOf<K>['method']>;
/** Its path as the table writes it (`/api/dashboards/{id}`). */
export type RoutePath<K extends RouteId> = RouteOf<K>['path'];
/** The JSON body of its success answer; `void` for 204 and for files (XLSX, HTML). */
export type RouteResponse<K extends RouteId> = RouteOf<K>['success'] extends { schema: infer S extends z.ZodType }
  ? z.output<S>
  : void;
/** The body it takes (`z.input`: defaults optional); `never` when it takes none. */
export type RouteBody<K extends RouteId> = RouteOf<K> extends { body: infer B extends z.ZodType } ? z.input<B> : never;
/** The query it takes (`z.input`); `{}` when it takes none. */
export type RouteQuery<K extends RouteId> =
  RouteOf<K> extends { query: infer Q extends z.ZodType } ? z.input<Q> : Record<never, never>;
