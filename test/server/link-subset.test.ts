/**
 * Issue 16: a link may show only the widgets its owner ticks (`widgetIds`). A widget outside the subset is absent from
 * the public layout and from the export, and its data route answers exactly like an unknown widget; a widget added to
 * the dashboard later is not shown through a subset link until the owner lists it. null shows every widget, also later
 * ones. The ids are checked (widgets of the dashboard, else 400); owner only.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { json, startTestServer, withoutRequestId, type TestServer } from './helpers.js';

const kpi = (title: string) => ({
  title,
  type: 'kpi',
  dataSourceId: 'orders',
  query: { metrics: [{ agg: 'count' }] },
});

describe('public links: widget subset (issue 16)', () => {
  let server: TestServer;
  let alice: string;
  let bob: string;

  before(async () => {
    server = await startTestServer();
    alice = await server.token('alice');
    bob = await server.token('bob');
  });
  after(() => server.close());

  /** A fresh dashboard of alice's with widgets A, B and C. */
  const dashboard = async () => {
    const res = await server.request('/api/dashboards', {
      method: 'POST',
      token: alice,
      json: { projectId: 'sales', title: 'Subset board' },
    });
    assert.equal(res.status, 201, await res.clone().text());
    const id = (await json(res)).dashboard.id as string;
    const widgets: Record<string, string> = {};
    for (const title of ['A', 'B', 'C']) widgets[title] = await addWidget(id, title);
    return { id, widgets };
  };
  const addWidget = async (dashboardId: string, title: string) => {
    const res = await server.request(`/api/dashboards/${dashboardId}/widgets`, {
      method: 'POST',
      token: alice,
      json: kpi(title),
    });
    assert.equal(res.status, 201, await res.clone().text());
    return (await json(res)).widget.id as string;
  };
  const create = (dashboardId: string, body: unknown, token = alice) =>
    server.request(`/api/dashboards/${dashboardId}/public-links`, { method: 'POST', token, json: body });
  const patch = (dashboardId: string, linkId: string, body: unknown, token = alice) =>
    server.request(`/api/dashboards/${dashboardId}/public-links/${linkId}`, { method: 'PATCH', token, json: body });
  const layoutTitles = async (token: string) => {
    const res = await server.request(`/api/public/${token}`);
    assert.equal(res.status, 200);
    return ((await json(res)).dashboard.widgets as { title: string }[]).map((w) => w.title);
  };
  const exportSheets = async (token: string) => {
    const res = await server.request(`/api/public/${token}/export.xlsx`);
    assert.equal(res.status, 200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    // The first sheet of a link's export is its watermark (issue 16); the widgets' sheets follow.
    const [watermark, ...sheets] = book.worksheets.map((s) => s.name);
    assert.equal(watermark, 'About this export');
    return sheets;
  };
  const data = (token: string, widgetId: string) => server.request(`/api/public/${token}/widgets/${widgetId}/data`);

  test('a new link shows all widgets (widgetIds null), also widgets added later', async () => {
    const d = await dashboard();
    const link = (await json(await create(d.id, {}))).link;
    assert.equal(link.widgetIds, null);
    await addWidget(d.id, 'D');
    assert.deepEqual(await layoutTitles(link.token), ['A', 'B', 'C', 'D']);
    assert.deepEqual(await exportSheets(link.token), ['A', 'B', 'C', 'D']);
  });

  test('a subset link hides the other widgets on every public route; a hidden widget answers like an unknown one', async () => {
    const d = await dashboard();
    const res = await create(d.id, { widgetIds: [d.widgets.A, d.widgets.C] });
    assert.equal(res.status, 201);
    const link = (await json(res)).link;
    assert.deepEqual(link.widgetIds, [d.widgets.A, d.widgets.C]);

    assert.deepEqual(await layoutTitles(link.token), ['A', 'C']);
    assert.deepEqual(await exportSheets(link.token), ['A', 'C']);
    assert.equal((await data(link.token, d.widgets.A!)).status, 200);

    const hidden = await data(link.token, d.widgets.B!);
    const unknown = await data(link.token, 'no-such-widget');
    assert.equal(hidden.status, 404);
    assert.equal(unknown.status, 404);
    assert.deepEqual(
      withoutRequestId(await hidden.json()),
      withoutRequestId(await unknown.json()),
      'the same body as an unknown widget',
    );

    const all = (await json(await create(d.id, {}))).link;
    assert.equal((await data(all.token, d.widgets.B!)).status, 200, 'another link of the same dashboard shows it');
  });

  test('a widget added later is not shown through a subset link until the owner adds it', async () => {
    const d = await dashboard();
    const link = (await json(await create(d.id, { widgetIds: [d.widgets.A] }))).link;
    const later = await addWidget(d.id, 'Later');
    assert.deepEqual(await layoutTitles(link.token), ['A']);
    assert.deepEqual(await exportSheets(link.token), ['A']);
    assert.equal((await data(link.token, later)).status, 404);

    const res = await patch(d.id, link.id, { widgetIds: [d.widgets.A, later] });
    assert.equal(res.status, 200);
    assert.deepEqual((await json(res)).link.widgetIds, [d.widgets.A, later]);
    assert.deepEqual(await layoutTitles(link.token), ['A', 'Later'], 'the kept view follows the subset at once');
    assert.equal((await data(link.token, later)).status, 200);

    const back = await patch(d.id, link.id, { widgetIds: null });
    assert.equal((await json(back)).link.widgetIds, null);
    assert.deepEqual(await layoutTitles(link.token), ['A', 'B', 'C', 'Later']);
  });

  test('ids must be widgets of this dashboard: 400 on create and PATCH, nothing changes', async () => {
    const d = await dashboard();
    const other = await dashboard();
    const link = (await json(await create(d.id, { widgetIds: [d.widgets.A] }))).link;
    for (const widgetIds of [[other.widgets.A], ['revenue'], [d.widgets.A, 'nope'], 'A', [3], [{}]]) {
      const created = await create(d.id, { widgetIds });
      assert.equal(created.status, 400, JSON.stringify(widgetIds));
      assert.equal((await json(created)).error.code, 'invalid_request');
      const patched = await patch(d.id, link.id, { widgetIds });
      assert.equal(patched.status, 400, JSON.stringify(widgetIds));
      assert.equal((await json(patched)).error.code, 'invalid_request');
    }
    const links = (await json(await server.request(`/api/dashboards/${d.id}/public-links`, { token: alice }))).links;
    assert.equal(links.length, 1, 'no link was created');
    assert.deepEqual(links[0].widgetIds, [d.widgets.A], 'the subset is unchanged');

    const dup = await patch(d.id, link.id, { widgetIds: [d.widgets.B, d.widgets.B, d.widgets.A] });
    assert.deepEqual((await json(dup)).link.widgetIds, [d.widgets.B, d.widgets.A], 'duplicates are dropped');
  });

  test('only the owner sets the subset: 404 for someone without access (exactly as the other link actions)', async () => {
    const d = await dashboard();
    const link = (await json(await create(d.id, {}))).link;
    const res = await patch(d.id, link.id, { widgetIds: [d.widgets.A] }, bob);
    const plain = await patch(d.id, link.id, { label: 'x' }, bob);
    assert.equal(res.status, plain.status);
    assert.deepEqual(withoutRequestId(await res.json()), withoutRequestId(await plain.json()));
    const created = await create(d.id, { widgetIds: [d.widgets.A] }, bob);
    assert.equal(created.status, 404);
  });
});
