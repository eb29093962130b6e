import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { json, startTestServer, withoutRequestId, type TestServer } from './helpers.js';
import { parseFilterValues } from '../../server/services/filters.js';
import { loadWidget, runWidget } from '../../server/services/widget-data.js';
import { AppError } from '../../server/errors.js';

let server: TestServer;
let alice: string;
/** Bob is a shared viewer of sales-overview; with a sales viewer role he may read orders but not support tickets. */
let bobSalesViewer: string;
let bob: string;
let dan: string;

before(async () => {
  server = await startTestServer();
  alice = await server.token('alice');
  bob = await server.token('bob');
  bobSalesViewer = await server.token('bob', { projects: { ops: 'member', sales: 'viewer' } });
  dan = await server.token('dan');
});
after(() => server.close());

const data = (widget: string, token: string, filters?: unknown, dashboard = 'sales-overview') =>
  server.request(
    `/api/dashboards/${dashboard}/widgets/${widget}/data${filters === undefined ? '' : `?filters=${encodeURIComponent(typeof filters === 'string' ? filters : JSON.stringify(filters))}`}`,
    { token },
  );
const direct = async (sql: string, params: unknown[] = []) => server.store.runSql({ sql, params });

describe('widget data', () => {
  test('Domain: a KPI answers { columns, rows } with typed columns, equal to the same aggregate in SQL', async () => {
    const res = await data('revenue', alice);
    assert.equal(res.status, 200);
    const body = await json(res);
    assert.deepEqual(body.columns, [{ name: 'revenue', label: 'Revenue (USD)', type: 'number' }]);
    const [expected] = await direct('SELECT SUM(amount) AS s FROM ds_orders');
    assert.deepEqual(body.rows, [[expected!.s]]);
  });

  test('Domain: a time-bucketed line widget returns one row per month in order', async () => {
    const body = await json(await data('revenue-by-month', alice));
    assert.deepEqual(
      body.columns.map((c: { name: string; type: string }) => [c.name, c.type]),
      [
        ['month', 'date'],
        ['revenue', 'number'],
      ],
    );
    assert.ok(body.rows.length >= 12 && body.rows.length <= 13);
    for (const [month] of body.rows) assert.match(month, /^\d{4}-\d{2}-01 00:00:00$/);
    const months = body.rows.map((r: unknown[]) => r[0]);
    assert.deepEqual(months, [...months].sort());
  });

  test('P4: a user without a project role that may read the source gets 403 data_source_forbidden', async () => {
    const res = await data('revenue', bob);
    assert.equal(res.status, 403);
    assert.equal((await json(res)).error.code, 'data_source_forbidden');
  });

  test('P4: the refusal is per widget; the widgets on readable sources still load', async () => {
    assert.equal((await data('orders', bobSalesViewer)).status, 200);
    const res = await data('open-tickets', bobSalesViewer);
    assert.equal(res.status, 403);
    assert.deepEqual(withoutRequestId(await json(res)).error, {
      code: 'data_source_forbidden',
      message: "You don't have access to this widget's data source.",
    });
  });

  test('P2: no dashboard role answers 404, as does a widget that is not on the dashboard', async () => {
    assert.equal((await data('revenue', dan)).status, 404);
    const res = await data('no-such-widget', alice);
    assert.equal(res.status, 404);
    assert.equal((await json(res)).error.code, 'widget_not_found');
    assert.equal((await data('cost', alice)).status, 404, 'a widget of another dashboard');
    assert.equal((await server.request('/api/dashboards/sales-overview/widgets/revenue/data')).status, 401);
  });
});

describe('global filters (V3)', () => {
  test('V3: a select filter narrows the widget to the chosen value', async () => {
    const body = await json(await data('revenue', alice, { channel: 'Online' }));
    const [expected] = await direct('SELECT SUM(amount) AS s FROM ds_orders WHERE channel = ?', ['Online']);
    assert.deepEqual(body.rows, [[expected!.s]]);
  });

  test('V3: a multi filter keeps only the chosen values', async () => {
    const body = await json(await data('revenue-by-region', alice, { region: ['EMEA', 'APAC'] }));
    assert.deepEqual(body.rows.map((r: unknown[]) => r[0]).sort(), ['APAC', 'EMEA']);
    assert.deepEqual(
      (await json(await data('revenue-by-region', alice, { region: [] }))).rows.length,
      4,
      'nothing chosen = no restriction',
    );
  });

  test('V3: a date range covers whole days from "from" through "to"', async () => {
    const [{ d }] = (await direct('SELECT substr(MAX(order_date), 1, 10) AS d FROM ds_orders')) as [{ d: string }];
    const to = d;
    const from = new Date(Date.parse(`${d}T00:00:00Z`) - 40 * 86_400_000).toISOString().slice(0, 10);
    const body = await json(await data('orders', alice, { order_date: { from, to } }));
    const [expected] = await direct('SELECT COUNT(*) AS n FROM ds_orders WHERE order_date >= ? AND order_date < ?', [
      `${from} 00:00:00`,
      new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) + ' 00:00:00',
    ]);
    assert.deepEqual(body.rows, [[expected!.n]]);
    assert.ok((expected!.n as number) > 0);
  });

  test('V3: a filter applies only to widgets whose source has that field', async () => {
    // support tickets have no channel: the channel filter leaves the open-tickets KPI alone.
    const plain = await json(await data('open-tickets', alice));
    const filtered = await json(await data('open-tickets', alice, { channel: 'Online' }));
    assert.deepEqual(filtered.rows, plain.rows);
    // both sources have region: it narrows either.
    const emea = await json(await data('open-tickets', alice, { region: ['EMEA'] }));
    assert.ok((emea.rows[0][0] as number) < (plain.rows[0][0] as number));
  });

  test('V3: unknown fields, wrong types and malformed JSON answer 400 invalid_filters', async () => {
    for (const bad of [
      { nope: 'x' },
      { channel: ['Online', 'Retail'] },
      { channel: { from: 'x' } },
      { region: [{ a: 1 }] },
      { order_date: '2026-01-01' },
      { order_date: { from: 'last tuesday' } },
      { order_date: { from: '2026-01-01', until: '2026-02-01' } },
      '[1,2]',
      '{not json',
    ]) {
      const res = await data('revenue', alice, bad);
      assert.equal(res.status, 400, JSON.stringify(bad));
      assert.equal((await json(res)).error.code, 'invalid_filters', JSON.stringify(bad));
    }
  });

  test('O5: unknown query parameters are refused with 400', async () => {
    const res = await server.request('/api/dashboards/sales-overview/widgets/revenue/data?sql=select', {
      token: alice,
    });
    assert.equal(res.status, 400);
  });

  test('V3: definitions with a default apply it until the request sets or clears the field', () => {
    const dashboard = { filters: [{ field: 'region', type: 'select' as const, label: 'Region', default: 'EMEA' }] };
    assert.deepEqual(parseFilterValues(undefined, dashboard), { region: 'EMEA' });
    assert.deepEqual(parseFilterValues('{"region":"APAC"}', dashboard), { region: 'APAC' });
    assert.deepEqual(parseFilterValues('{"region":null}', dashboard), {});
  });
});

describe('locked filters (public links, L-series groundwork)', () => {
  const run = async (
    filters: Record<string, unknown>,
    locked: Record<string, unknown>,
    widgetId = 'revenue-by-region',
  ) => {
    const dashboard = (await server.store.getDashboard('sales-overview'))!;
    const { widget, dataSource } = await loadWidget(server.store, dashboard, widgetId);
    const filterValues = parseFilterValues(JSON.stringify(filters), dashboard);
    return runWidget(server.store, { dashboard, widget, dataSource, filterValues, lockedFilters: locked as never });
  };

  test('a user filter cannot widen a locked filter', async () => {
    const locked = { region: ['EMEA'] };
    assert.deepEqual(
      (await run({}, locked)).rows.map((r) => r[0]),
      ['EMEA'],
    );
    assert.deepEqual(
      (await run({ region: ['EMEA', 'APAC', 'LATAM'] }, locked)).rows.map((r) => r[0]),
      ['EMEA'],
    );
    assert.deepEqual((await run({ region: ['APAC'] }, locked)).rows, [], 'a disjoint choice yields nothing, not APAC');
  });

  test('a wider user date range stays inside a locked date range', async () => {
    const months = (await run({}, {}, 'revenue-by-month')).rows.map((r) => String(r[0]));
    const month = months[1]!; // a whole month of the demo data
    const last = new Date(Date.parse(`${month.slice(0, 7)}-01T00:00:00Z`));
    last.setUTCMonth(last.getUTCMonth() + 1, 0);
    const locked = { order_date: { from: month.slice(0, 10), to: last.toISOString().slice(0, 10) } };
    const { rows } = await run({ order_date: { from: '2000-01-01', to: '2100-12-31' } }, locked, 'revenue-by-month');
    assert.deepEqual(
      rows.map((r) => r[0]),
      [month],
    );
  });

  test('a malformed locked filter is refused, never ignored', async () => {
    await assert.rejects(
      run({}, { order_date: { from: 'soon' } }),
      (err: unknown) => err instanceof AppError && err.code === 'invalid_locked_filters',
    );
  });
});
