/**
 * Issue 18 item 2: an author may put on a dashboard only widgets whose data source they may read themselves (P4).
 * carol is an ops viewer; maintenance_log is readable by ops owners and members only. Before the fix she could
 * attach a widget on it (201) through a dashboard she authors.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { json, startTestServer, type TestServer } from './helpers.js';

const maintenanceWidget = {
  title: 'Maintenance cost',
  type: 'kpi',
  dataSourceId: 'maintenance_log',
  query: { metrics: [{ agg: 'sum', field: 'cost' }] },
};
const sensorWidget = {
  title: 'Temperature',
  type: 'kpi',
  dataSourceId: 'sensor_readings',
  query: { metrics: [{ agg: 'avg', field: 'temperature' }] },
};
const position = { x: 0, y: 0, w: 4, h: 2 };

describe('issue 18.2: a widget only on a data source its author may read', () => {
  let server: TestServer;
  let alice: string;
  let carol: string;
  let id: string;

  before(async () => {
    server = await startTestServer();
    alice = await server.token('alice');
    carol = await server.token('carol');
    const created = await json(
      await server.request('/api/dashboards', {
        method: 'POST',
        token: alice,
        json: { projectId: 'ops', title: 'Shared' },
      }),
    );
    id = created.dashboard.id;
    const share = await server.request(`/api/dashboards/${id}/shares`, {
      method: 'POST',
      token: alice,
      json: { username: 'carol', role: 'author' },
    });
    assert.equal(share.status, 201);
  });
  after(() => server.close());

  test('carol (ops viewer, author) cannot attach a widget on maintenance_log: 403 data_source_forbidden', async () => {
    const res = await server.request(`/api/dashboards/${id}/widgets`, {
      method: 'POST',
      token: carol,
      json: maintenanceWidget,
    });
    assert.equal(res.status, 403);
    const body = await json(res);
    assert.equal(body.error.code, 'data_source_forbidden');
    assert.match(body.error.message, /maintenance_log/);
    assert.deepEqual(await server.store.listWidgets(id), []);
  });

  test('she can attach one on a source she reads (sensor_readings: 201)', async () => {
    const res = await server.request(`/api/dashboards/${id}/widgets`, {
      method: 'POST',
      token: carol,
      json: sensorWidget,
    });
    assert.equal(res.status, 201);
  });

  test('the save path refuses a new widget, or a widget moved onto the source, and writes nothing', async () => {
    const before = await json(await server.request(`/api/dashboards/${id}`, { token: carol }));
    const kept = before.dashboard.widgets.map((w: Record<string, unknown>) => ({ ...w }));
    const added = await server.request(`/api/dashboards/${id}`, {
      method: 'PUT',
      token: carol,
      json: { title: 'Saved', widgets: [...kept, { ...maintenanceWidget, position }] },
    });
    assert.equal(added.status, 403);
    assert.equal((await json(added)).error.code, 'data_source_forbidden');
    const moved = await server.request(`/api/dashboards/${id}`, {
      method: 'PUT',
      token: carol,
      json: { title: 'Saved', widgets: kept.map((w: Record<string, unknown>) => ({ ...w, ...maintenanceWidget })) },
    });
    assert.equal(moved.status, 403);
    assert.equal((await json(moved)).error.code, 'data_source_forbidden');
    const after = await json(await server.request(`/api/dashboards/${id}`, { token: carol }));
    assert.equal(after.dashboard.title, 'Shared');
    assert.deepEqual(after.dashboard.widgets, before.dashboard.widgets);
  });

  test('a widget someone else put on a source she cannot read is kept when she saves around it, not re-pointed', async () => {
    const added = await server.request(`/api/dashboards/${id}/widgets`, {
      method: 'POST',
      token: alice,
      json: maintenanceWidget,
    });
    assert.equal(added.status, 201);
    const current = await json(await server.request(`/api/dashboards/${id}`, { token: carol }));
    const widgets = current.dashboard.widgets.map((w: Record<string, unknown>) => ({ ...w, title: `${w.title}!` }));
    const saved = await server.request(`/api/dashboards/${id}`, {
      method: 'PUT',
      token: carol,
      json: { title: 'Renamed by carol', widgets },
    });
    assert.equal(saved.status, 200, await saved.clone().text());
    // Changing what that widget reads is an attach on the source: refused.
    const theirs = widgets.find((w: { dataSourceId: string }) => w.dataSourceId === 'maintenance_log');
    const requery = await server.request(`/api/dashboards/${id}`, {
      method: 'PUT',
      token: carol,
      json: {
        title: 'Renamed by carol',
        widgets: widgets.map((w: { id: string }) =>
          w.id === theirs.id ? { ...w, query: { metrics: [{ agg: 'count' }], dimensions: [{ field: 'kind' }] } } : w,
        ),
      },
    });
    assert.equal(requery.status, 403);
    assert.equal((await json(requery)).error.code, 'data_source_forbidden');
  });

  test('the owner, who reads maintenance_log, still attaches and saves such widgets', async () => {
    const res = await server.request(`/api/dashboards/${id}/widgets`, {
      method: 'POST',
      token: alice,
      json: maintenanceWidget,
    });
    assert.equal(res.status, 201);
  });

  test("the demo's plant-maintenance (bob's, on maintenance_log): carol, made an author, saves it as she got it", async () => {
    const bob = await server.token('bob');
    const share = await server.request('/api/dashboards/plant-maintenance/shares', {
      method: 'POST',
      token: bob,
      json: { username: 'carol', role: 'author' },
    });
    assert.equal(share.status, 201);
    const current = await json(await server.request('/api/dashboards/plant-maintenance', { token: carol }));
    assert.ok(current.dashboard.widgets.every((w: { dataSourceId: string }) => w.dataSourceId === 'maintenance_log'));
    const saved = await server.request('/api/dashboards/plant-maintenance', {
      method: 'PUT',
      token: carol,
      json: { title: 'Plant maintenance (reviewed)', widgets: current.dashboard.widgets },
    });
    assert.equal(saved.status, 200, await saved.clone().text());
  });
});
