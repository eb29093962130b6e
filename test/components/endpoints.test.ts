import { expect } from '@open-wc/testing';
import { AtlasApiClient, AtlasApiError } from '../../components/api/client.js';
import * as endpoints from '../../components/api/endpoints.js';
import { demoToken } from './support.js';

interface Captured {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization: string | null;
  credentials: RequestCredentials | undefined;
}

/** A client whose fetch records the request and answers 204 for DELETE, a small workbook for exports, else `{}`. */
function stubClient(token?: string): { client: AtlasApiClient; calls: Captured[] } {
  const calls: Captured[] = [];
  const client = new AtlasApiClient({
    baseUrl: 'https://atlas.example.com/api/',
    token: token === undefined ? undefined : () => token,
    fetch: (input, init) => {
      const url = new URL(String(input));
      calls.push({
        method: init?.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
        authorization: new Headers(init?.headers).get('Authorization'),
        credentials: init?.credentials,
      });
      if (init?.method === 'DELETE') return Promise.resolve(new Response(null, { status: 204 }));
      if (url.pathname.endsWith('.xlsx')) return Promise.resolve(new Response(new Blob(['PK']), { status: 200 }));
      return Promise.resolve(Response.json({ ok: true }));
    },
  });
  return { client, calls };
}

type Case = [
  name: keyof typeof endpoints,
  call: (client: AtlasApiClient) => Promise<unknown>,
  method: string,
  path: string,
  query?: Record<string, string>,
  body?: unknown,
];

const filters = { region: ['EMEA', 'APAC'], day: { from: '2024-01-01' }, channel: null };
const filtersParam = JSON.stringify(filters);

/** Every endpoint function with the request it must send. */
const cases: Case[] = [
  ['getMe', (c) => endpoints.getMe(c), 'GET', '/api/me'],
  ['suggestUsers', (c) => endpoints.suggestUsers(c, { q: 'bo' }), 'GET', '/api/users', { q: 'bo' }],
  [
    'listDataSources',
    (c) => endpoints.listDataSources(c, { projectId: 'sales' }),
    'GET',
    '/api/projects/sales/data-sources',
  ],
  [
    'listDashboards',
    (c) => endpoints.listDashboards(c, { filter: 'shared' }),
    'GET',
    '/api/dashboards',
    { filter: 'shared' },
  ],
  [
    'createDashboard',
    (c) => endpoints.createDashboard(c, { projectId: 'sales', title: 'Q3' }),
    'POST',
    '/api/dashboards',
    {},
    { projectId: 'sales', title: 'Q3' },
  ],
  ['getDashboard', (c) => endpoints.getDashboard(c, { id: 'sales-overview' }), 'GET', '/api/dashboards/sales-overview'],
  [
    'updateDashboard',
    (c) =>
      endpoints.updateDashboard(
        c,
        { id: 'd1' },
        { title: 'New', widgets: [{ id: 'w1', position: { x: 0, y: 0, w: 6, h: 4 } }] },
      ),
    'PATCH',
    '/api/dashboards/d1',
    {},
    { title: 'New', widgets: [{ id: 'w1', position: { x: 0, y: 0, w: 6, h: 4 } }] },
  ],
  [
    'saveDashboard',
    (c) =>
      endpoints.saveDashboard(
        c,
        { id: 'd1' },
        {
          title: 'Saved',
          widgets: [
            { title: 'Count', type: 'kpi', dataSourceId: 'orders', query: {}, position: { x: 0, y: 0, w: 4, h: 2 } },
          ],
          baseUpdatedAt: '2026-03-01T12:00:00.000Z',
        },
      ),
    'PUT',
    '/api/dashboards/d1',
    {},
    {
      title: 'Saved',
      widgets: [
        { title: 'Count', type: 'kpi', dataSourceId: 'orders', query: {}, position: { x: 0, y: 0, w: 4, h: 2 } },
      ],
      baseUpdatedAt: '2026-03-01T12:00:00.000Z',
    },
  ],
  ['deleteDashboard', (c) => endpoints.deleteDashboard(c, { id: 'd1' }), 'DELETE', '/api/dashboards/d1'],
  [
    'addWidget',
    (c) =>
      endpoints.addWidget(
        c,
        { id: 'd1' },
        { title: 'Count', type: 'kpi', dataSourceId: 'orders', query: { metrics: [{ agg: 'count' }] } },
      ),
    'POST',
    '/api/dashboards/d1/widgets',
    {},
    { title: 'Count', type: 'kpi', dataSourceId: 'orders', query: { metrics: [{ agg: 'count' }] } },
  ],
  [
    'removeWidget',
    (c) => endpoints.removeWidget(c, { id: 'd1', widgetId: 'w1' }),
    'DELETE',
    '/api/dashboards/d1/widgets/w1',
  ],
  [
    'getWidgetData',
    (c) => endpoints.getWidgetData(c, { id: 'd1', widgetId: 'w1' }, { filters }),
    'GET',
    '/api/dashboards/d1/widgets/w1/data',
    { filters: filtersParam },
  ],
  [
    'exportDashboard',
    (c) => endpoints.exportDashboard(c, { id: 'd1' }, { filters }),
    'GET',
    '/api/dashboards/d1/export.xlsx',
    { filters: filtersParam },
  ],
  ['getSharing', (c) => endpoints.getSharing(c, { id: 'd1' }), 'GET', '/api/dashboards/d1/sharing'],
  [
    'shareDashboard',
    (c) => endpoints.shareDashboard(c, { id: 'd1' }, { username: 'bob@northwind.example', role: 'author' }),
    'POST',
    '/api/dashboards/d1/shares',
    {},
    { username: 'bob@northwind.example', role: 'author' },
  ],
  [
    'changeShareRole',
    (c) => endpoints.changeShareRole(c, { id: 'd1', username: 'bob' }, { role: 'viewer' }),
    'PATCH',
    '/api/dashboards/d1/shares/bob',
    {},
    { role: 'viewer' },
  ],
  [
    'removeShare',
    (c) => endpoints.removeShare(c, { id: 'd1', username: 'bob' }),
    'DELETE',
    '/api/dashboards/d1/shares/bob',
  ],
  [
    'setProjectAccess',
    (c) => endpoints.setProjectAccess(c, { id: 'd1' }, { enabled: true, role: 'author' }),
    'PUT',
    '/api/dashboards/d1/project-access',
    {},
    { enabled: true, role: 'author' },
  ],
  [
    'setOrganizationAccess',
    (c) => endpoints.setOrganizationAccess(c, { id: 'd1' }, { enabled: false }),
    'PUT',
    '/api/dashboards/d1/organization-access',
    {},
    { enabled: false },
  ],
  [
    'listMyLinks',
    (c) => endpoints.listMyLinks(c, { dashboard: 'sales overview', limit: 20 }),
    'GET',
    '/api/public-links',
    { dashboard: 'sales overview', limit: '20' },
  ],
  ['listLinks', (c) => endpoints.listLinks(c, { id: 'd1' }), 'GET', '/api/dashboards/d1/public-links'],
  [
    'createLink',
    (c) =>
      endpoints.createLink(
        c,
        { id: 'd1' },
        { label: 'Customer A', passcode: true, lockedFilters: { region: 'EMEA' }, frameAncestors: [] },
      ),
    'POST',
    '/api/dashboards/d1/public-links',
    {},
    { label: 'Customer A', passcode: true, lockedFilters: { region: 'EMEA' }, frameAncestors: [] },
  ],
  [
    'updateLink',
    (c) => endpoints.updateLink(c, { id: 'd1', linkId: 'l1' }, { frameAncestors: null }),
    'PATCH',
    '/api/dashboards/d1/public-links/l1',
    {},
    { frameAncestors: null },
  ],
  [
    'revokeLink',
    (c) => endpoints.revokeLink(c, { id: 'd1', linkId: 'l1' }),
    'DELETE',
    '/api/dashboards/d1/public-links/l1',
  ],
  [
    'setLinkPasscode',
    (c) => endpoints.setLinkPasscode(c, { id: 'd1', linkId: 'l1' }, { enabled: true }),
    'PUT',
    '/api/dashboards/d1/public-links/l1/passcode',
    {},
    { enabled: true },
  ],
  [
    'setLinkPaused',
    (c) => endpoints.setLinkPaused(c, { id: 'd1', linkId: 'l1' }, { paused: true }),
    'PUT',
    '/api/dashboards/d1/public-links/l1/paused',
    {},
    { paused: true },
  ],
  [
    'rotateLink',
    (c) => endpoints.rotateLink(c, { id: 'd1', linkId: 'l1' }, { graceSeconds: 3600 }),
    'POST',
    '/api/dashboards/d1/public-links/l1/rotate',
    {},
    { graceSeconds: 3600 },
  ],
  [
    'listLinkSessions',
    (c) => endpoints.listLinkSessions(c, { id: 'd1', linkId: 'l1' }),
    'GET',
    '/api/dashboards/d1/public-links/l1/sessions',
  ],
  [
    'endLinkSession',
    (c) => endpoints.endLinkSession(c, { id: 'd1', linkId: 'l1', sessionId: 's/1' }),
    'DELETE',
    '/api/dashboards/d1/public-links/l1/sessions/s%2F1',
  ],
  [
    'confirmLinkChanges',
    (c) => endpoints.confirmLinkChanges(c, { id: 'd1', linkId: 'l1' }),
    'POST',
    '/api/dashboards/d1/public-links/l1/confirm',
  ],
  [
    'getLinkUsage',
    (c) => endpoints.getLinkUsage(c, { id: 'd1', linkId: 'l1' }),
    'GET',
    '/api/dashboards/d1/public-links/l1/usage',
  ],
  [
    'regenerateLinkPasscode',
    (c) => endpoints.regenerateLinkPasscode(c, { id: 'd1', linkId: 'l1' }),
    'POST',
    '/api/dashboards/d1/public-links/l1/passcode',
  ],
  [
    'getLinkAudit',
    (c) => endpoints.getLinkAudit(c, { id: 'd1', linkId: 'l1' }, { limit: 50 }),
    'GET',
    '/api/dashboards/d1/public-links/l1/audit',
    { limit: '50' },
  ],
  ['getPublicDashboard', (c) => endpoints.getPublicDashboard(c, { token: 'tok' }), 'GET', '/api/public/tok'],
  [
    'startPublicSession',
    (c) => endpoints.startPublicSession(c, { token: 'tok' }, { passcode: '123456' }),
    'POST',
    '/api/public/tok/session',
    {},
    { passcode: '123456' },
  ],
  [
    'getPublicWidgetData',
    (c) => endpoints.getPublicWidgetData(c, { token: 'tok', widgetId: 'w1' }, { filters }),
    'GET',
    '/api/public/tok/widgets/w1/data',
    { filters: filtersParam },
  ],
  [
    'exportPublicDashboard',
    (c) => endpoints.exportPublicDashboard(c, { token: 'tok' }, { filters }),
    'GET',
    '/api/public/tok/export.xlsx',
    { filters: filtersParam },
  ],
];

describe('API endpoints (components/api/endpoints.ts)', () => {
  for (const [name, call, method, path, query = {}, body] of cases) {
    it(`${name} sends ${method} ${path}`, async () => {
      const { client, calls } = stubClient();
      await call(client);
      expect(calls).to.have.length(1);
      const [sent] = calls;
      expect(sent!.method).to.equal(method);
      expect(sent!.path).to.equal(path);
      expect(sent!.query).to.deep.equal(query);
      expect(sent!.body).to.deep.equal(body);
    });
  }

  it('has a request test for every endpoint function', () => {
    const functions = Object.entries(endpoints)
      .filter(([name, value]) => typeof value === 'function' && !/Url$/.test(name) && name !== 'endpointPath')
      .map(([name]) => name)
      .sort();
    expect(cases.map(([name]) => name).sort()).to.deep.equal(functions);
  });

  it('percent-encodes every path parameter, in one place', async () => {
    const { client, calls } = stubClient();
    await endpoints.changeShareRole(client, { id: 'a/b?c#d', username: 'bob smith' }, { role: 'author' });
    await endpoints.getPublicWidgetData(client, { token: 't/../x', widgetId: 'w%1' });
    expect(calls.map((c) => c.path)).to.deep.equal([
      '/api/dashboards/a%2Fb%3Fc%23d/shares/bob%20smith',
      '/api/public/t%2F..%2Fx/widgets/w%251/data',
    ]);
    expect(endpoints.endpointPath('/dashboards/{id}/widgets/{widgetId}', { id: 'é', widgetId: ' ' })).to.equal(
      '/dashboards/%C3%A9/widgets/%20',
    );
  });

  it('sends no filters parameter for no filters or an empty object, and the defaults of optional queries', async () => {
    const { client, calls } = stubClient();
    await endpoints.getWidgetData(client, { id: 'd1', widgetId: 'w1' });
    await endpoints.getWidgetData(client, { id: 'd1', widgetId: 'w1' }, { filters: {} });
    await endpoints.listDashboards(client);
    await endpoints.getLinkAudit(client, { id: 'd1', linkId: 'l1' });
    await endpoints.createLink(client, { id: 'd1' });
    await endpoints.listMyLinks(client);
    expect(calls.map((c) => c.query)).to.deep.equal([{}, {}, {}, {}, {}, {}]);
    expect(calls[4]!.body).to.deep.equal({});
  });

  it('builds export addresses for a host to fetch or link to', () => {
    const { client } = stubClient();
    expect(endpoints.exportDashboardUrl(client, { id: 'sales overview' }, { filters: { region: 'EMEA' } })).to.equal(
      `https://atlas.example.com/api/dashboards/sales%20overview/export.xlsx?filters=${encodeURIComponent('{"region":"EMEA"}')}`,
    );
    expect(endpoints.exportPublicDashboardUrl(client, { token: 'tok' })).to.equal(
      'https://atlas.example.com/api/public/tok/export.xlsx',
    );
  });

  it('passes signal, bearer and credentials; public routes send same-origin cookies unless told otherwise', async () => {
    const { client, calls } = stubClient('user-token');
    await endpoints.getMe(client);
    await endpoints.getPublicDashboard(client, { token: 'tok' }, { bearer: 'session' });
    await endpoints.getPublicWidgetData(client, { token: 'tok', widgetId: 'w1' }, undefined, {
      bearer: '',
      credentials: 'omit',
    });
    expect(calls.map((c) => [c.authorization, c.credentials])).to.deep.equal([
      ['Bearer user-token', 'omit'],
      ['Bearer session', 'same-origin'],
      [null, 'omit'],
    ]);
    const abort = new AbortController();
    abort.abort();
    let error: unknown;
    await endpoints.getMe(client, { signal: abort.signal }).catch((e: unknown) => (error = e));
    expect((error as Error).name).to.equal('AbortError');
  });

  it('answers 204 routes with undefined and export routes with the Response', async () => {
    const { client } = stubClient();
    expect(await endpoints.revokeLink(client, { id: 'd1', linkId: 'l1' })).to.equal(undefined);
    const response = await endpoints.exportDashboard(client, { id: 'd1' });
    expect(response).to.be.instanceOf(Response);
    expect(await response.text()).to.equal('PK');
  });

  describe('against the real server', () => {
    let client: AtlasApiClient;
    before(async () => {
      const token = await demoToken('alice');
      client = new AtlasApiClient({ baseUrl: '/api', token: () => token });
    });

    it('reads the contract shapes: me, dashboards, a dashboard, its data sources, a widget’s data', async () => {
      const me = await endpoints.getMe(client);
      expect(me.user.username).to.equal('alice');
      const { dashboards } = await endpoints.listDashboards(client, { filter: 'all' });
      const summary = dashboards.find((d) => d.id === 'sales-overview')!;
      expect(summary.access.icon).to.be.a('string');
      const { dashboard } = await endpoints.getDashboard(client, { id: summary.id });
      expect(dashboard.isPublicMode).to.equal(false);
      const { dataSources } = await endpoints.listDataSources(client, { projectId: dashboard.projectId });
      expect(dataSources.length).to.be.greaterThan(0);
      const widget = dashboard.widgets[0]!;
      const data = await endpoints.getWidgetData(client, { id: dashboard.id, widgetId: widget.id });
      expect(data.columns[0]!.label).to.be.a('string');
      expect(data.rows).to.be.an('array');
    });

    it('throws AtlasApiError with the contract’s error code', async () => {
      let error: unknown;
      await endpoints.getDashboard(client, { id: 'no-such-dashboard' }).catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(AtlasApiError);
      const apiError = error as AtlasApiError;
      expect([apiError.status, apiError.code]).to.deep.equal([404, 'dashboard_not_found']);
    });
  });
});
