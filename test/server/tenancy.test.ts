/**
 * Issue 18 item 1: projects are scoped by organization. Two host portals that both name a project `marketing` get
 * two projects: each organization its own memberships, dashboards and data sources, none visible from the other.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { json, startTestServer, type TestServer } from './helpers.js';
import type { DataSource } from '../../server/store/types.js';

/** A `campaigns` source in each organization's `marketing`, over a table of its own with its own rows. */
const campaigns = (orgId: string): DataSource => ({
  id: 'campaigns',
  orgId,
  projectId: 'marketing',
  name: `Campaigns (${orgId})`,
  tableName: `ds_${orgId}_campaigns`,
  fields: [
    { name: 'day', type: 'date', label: 'Day' },
    { name: 'clicks', type: 'number', label: 'Clicks' },
  ],
  readableBy: ['owner', 'member'],
  externalAccess: false,
});
const CLICKS = { acme: [1, 2], globex: [100, 200, 300] } as const;

describe('issue 18.1: the same project id in two organizations', () => {
  let server: TestServer;
  let ann: string; // acme, marketing owner
  let gus: string; // globex, marketing owner
  const dashboards = new Map<string, string>();

  before(async () => {
    server = await startTestServer();
    ann = await server.token('ann', { org: 'acme', projects: { marketing: 'owner' } });
    gus = await server.token('gus', { org: 'globex', projects: { marketing: 'owner' } });
  });
  after(() => server.close());

  test('each organization gets its own membership of its own `marketing`', async () => {
    const annMe = await json(await server.request('/api/me', { token: ann }));
    const gusMe = await json(await server.request('/api/me', { token: gus }));
    assert.deepEqual(annMe.projects, [{ id: 'marketing', name: 'marketing', role: 'owner' }]);
    assert.deepEqual(gusMe.projects, [{ id: 'marketing', name: 'marketing', role: 'owner' }]);
  });

  test('both create dashboards there; neither sees the other one', async () => {
    const create = (token: string, title: string) =>
      server.request('/api/dashboards', { method: 'POST', token, json: { projectId: 'marketing', title } });
    const a = await create(ann, 'Acme campaigns');
    const g = await create(gus, 'Globex campaigns');
    assert.equal(a.status, 201, await a.clone().text());
    assert.equal(g.status, 201, await g.clone().text());
    const aId = (await json(a)).dashboard.id;
    const gId = (await json(g)).dashboard.id;
    dashboards.set('acme', aId).set('globex', gId);
    const titles = async (token: string) =>
      (await json(await server.request('/api/dashboards', { token }))).dashboards.map((d: any) => d.title);
    assert.deepEqual(await titles(ann), ['Acme campaigns']);
    assert.deepEqual(await titles(gus), ['Globex campaigns']);
    assert.equal((await server.request(`/api/dashboards/${gId}`, { token: ann })).status, 404);
    assert.equal((await server.request(`/api/dashboards/${aId}`, { token: gus })).status, 404);
  });

  test("each lists its own `campaigns` data source, and a widget on it reads its own organization's rows", async () => {
    for (const [orgId, clicks] of Object.entries(CLICKS)) {
      const source = campaigns(orgId);
      await server.store.createDataTable(source);
      await server.store.insertRows(
        source.tableName,
        source.fields,
        clicks.map((n) => ['2026-03-01 00:00:00', n]),
      );
      await server.store.upsertDataSource(source);
    }
    for (const [orgId, token] of [
      ['acme', ann],
      ['globex', gus],
    ] as const) {
      const listed = await json(await server.request('/api/projects/marketing/data-sources', { token }));
      assert.deepEqual(
        listed.dataSources.map((d: any) => [d.id, d.name, d.projectId]),
        [['campaigns', `Campaigns (${orgId})`, 'marketing']],
      );
      const id = dashboards.get(orgId)!;
      const added = await server.request(`/api/dashboards/${id}/widgets`, {
        method: 'POST',
        token,
        json: {
          title: 'Clicks',
          type: 'kpi',
          dataSourceId: 'campaigns',
          query: { metrics: [{ agg: 'sum', field: 'clicks' }] },
        },
      });
      assert.equal(added.status, 201, await added.clone().text());
      const widgetId = (await json(added)).widget.id;
      const data = await json(await server.request(`/api/dashboards/${id}/widgets/${widgetId}/data`, { token }));
      assert.deepEqual(data.rows, [[CLICKS[orgId].reduce((a, b) => a + b, 0)]]);
      // The other organization's user reaches neither the dashboard nor its widget's data.
      const other = orgId === 'acme' ? gus : ann;
      assert.equal(
        (await server.request(`/api/dashboards/${id}/widgets/${widgetId}/data`, { token: other })).status,
        404,
      );
    }
  });

  test("a northwind dashboard cannot use contoso's data source through the same id, nor the other way round", async () => {
    // Demo: cx_calls belongs to contoso. Northwind's alice gets no such source in her own `sales`.
    const alice = await server.token('alice');
    const res = await server.request('/api/dashboards/sales-overview/widgets', {
      method: 'POST',
      token: alice,
      json: { title: 'Calls', type: 'kpi', dataSourceId: 'cx_calls', query: { metrics: [{ agg: 'count' }] } },
    });
    assert.equal(res.status, 400);
    assert.equal((await json(res)).error.code, 'invalid_data_source');
  });
});
