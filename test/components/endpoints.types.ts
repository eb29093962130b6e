/**
 * Type-level tests of the typed API (components/api/endpoints.ts), compiled by `tsc --noEmit -p tsconfig.json` and
 * never run: every `@ts-expect-error` line must fail to compile (tsc reports an unused directive otherwise), so a
 * wrong body, a wrong path parameter or a read of a field the contract does not have is a build error.
 */
import type { AtlasApiClient, AtlasApiError, AtlasApiErrorCode } from '../../components/api/client.js';
import type {
  DashboardListFilter,
  ErrorCode,
  LinkView,
  MeResponse,
  PublicDashboardView,
  RouteResponse,
  ShareView,
  WidgetDataResponse,
} from '../../components/api/contract.js';
import * as endpoints from '../../components/api/endpoints.js';
import type { EndpointId } from '../../components/api/endpoints.js';
import type { DashboardSummary } from '../../components/index.js';
import type { ListFilter } from '../../components/internal/types.js';
import type { PublicDashboard } from '../../components/public-viewer/types.js';
import type { PublicLink, SharedUser } from '../../components/share-dialog/types.js';
import type { WidgetData } from '../../components/widget/types.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const is = <T extends true>(): T => true as T;

// Every signed-in and public route of the table has its function, under the route's id.
type Missing = Exclude<EndpointId, keyof typeof endpoints>;
is<Equal<Missing, never>>();

// Answers are the route table's success schemas; the elements' names are the contract's types.
is<Equal<RouteResponse<'getMe'>, MeResponse>>();
is<Equal<Awaited<ReturnType<typeof endpoints.getMe>>, MeResponse>>();
is<Equal<Awaited<ReturnType<typeof endpoints.getPublicWidgetData>>, WidgetDataResponse>>();
is<Equal<Awaited<ReturnType<typeof endpoints.removeShare>>, void>>();
is<Equal<SharedUser, ShareView>>();
is<Equal<PublicLink, LinkView>>();
is<Equal<PublicDashboard, PublicDashboardView>>();
is<Equal<WidgetData, WidgetDataResponse>>();
// Spelled out on the element side for the manifest; the contract's all the same.
is<Equal<ListFilter, DashboardListFilter>>();

declare const client: AtlasApiClient;

export async function wrongBodies(): Promise<void> {
  // @ts-expect-error a share's role is viewer, author or owner
  await endpoints.shareDashboard(client, { id: 'd1' }, { username: 'bob', role: 'admin' });
  // @ts-expect-error everyone in a project is viewer or author, never owner
  await endpoints.setProjectAccess(client, { id: 'd1' }, { enabled: true, role: 'owner' });
  // @ts-expect-error bodies are strict: organization access has no role
  await endpoints.setOrganizationAccess(client, { id: 'd1' }, { enabled: true, role: 'viewer' });
  // @ts-expect-error the passcode switch needs `enabled`
  await endpoints.setLinkPasscode(client, { id: 'd1', linkId: 'l1' }, {});
  // @ts-expect-error frameAncestors is a list of origins or null, not one string
  await endpoints.updateLink(client, { id: 'd1', linkId: 'l1' }, { frameAncestors: 'https://a.example' });
  // @ts-expect-error a widget's type is kpi, table, line, bar or pie
  await endpoints.addWidget(client, { id: 'd1' }, { title: 'T', type: 'donut', dataSourceId: 's', query: {} });
  // @ts-expect-error the list filter is all, mine, shared or org
  await endpoints.listDashboards(client, { filter: 'everything' });
  // @ts-expect-error a share's path needs the username
  await endpoints.removeShare(client, { id: 'd1' });
  // @ts-expect-error a public widget is addressed by the link token, not the dashboard id
  await endpoints.getPublicWidgetData(client, { id: 'd1', widgetId: 'w1' });
  // @ts-expect-error the passcode is text
  await endpoints.startPublicSession(client, { token: 't' }, { passcode: 123456 });
}

export async function wrongFields(): Promise<void> {
  const { dashboards } = await endpoints.listDashboards(client);
  const first: DashboardSummary | undefined = dashboards[0];
  // @ts-expect-error a summary has a title, not a name
  void first?.name;

  const sharing = await endpoints.getSharing(client, { id: 'd1' });
  // @ts-expect-error the people are `users`, not `shares`
  void sharing.shares;

  const { link } = await endpoints.createLink(client, { id: 'd1' });
  // @ts-expect-error the passcode is null while it is off
  void link.passcode.length;

  const { dashboard } = await endpoints.getPublicDashboard(client, { token: 't' });
  // @ts-expect-error a public widget has no data source id (nothing about the data source leaks through a link)
  void dashboard.widgets[0]?.dataSourceId;

  const data = await endpoints.getWidgetData(client, { id: 'd1', widgetId: 'w1' });
  // @ts-expect-error a cell is text, a number or null
  void data.rows[0]?.[0]?.toFixed();

  const removed = await endpoints.revokeLink(client, { id: 'd1', linkId: 'l1' });
  // @ts-expect-error a 204 answers nothing
  void removed.link;
}

export function errorCodes(error: AtlasApiError): boolean {
  // @ts-expect-error not a code of the contract
  if (error.code === 'dashboard_missing') return false;
  return error.code === 'dashboard_not_found' || error.code === 'network_error' || error.code === 'http_502';
}
is<Equal<Extract<AtlasApiErrorCode, ErrorCode>, ErrorCode>>();
