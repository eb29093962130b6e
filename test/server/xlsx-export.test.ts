import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { json, startTestServer, tempDir, type TestServer } from './helpers.js';
import { cutText, exportFileName, sheetNamer, writeDashboardXlsx } from '../../server/services/xlsx-export.js';
import { MAX_QUERY_LIMIT } from '../../server/schemas/dashboard.js';
import type { Widget } from '../../server/store/types.js';

let server: TestServer;
let alice: string;
let bobSalesViewer: string;

before(async () => {
  server = await startTestServer();
  alice = await server.token('alice');
  bobSalesViewer = await server.token('bob', { projects: { ops: 'member', sales: 'viewer' } });
});
after(() => server.close());

async function download(path: string, token: string): Promise<{ res: Response; book: ExcelJS.Workbook }> {
  const res = await server.request(path, { token });
  const book = new ExcelJS.Workbook();
  if (res.ok) await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  return { res, book };
}

/** No lone surrogate half (what a cut through an emoji leaves, and XML cannot hold). */
const wellFormed = (text: string) =>
  !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

/** The rows of a sheet as plain values, first row first. */
function values(sheet: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

describe('XLSX export (V6)', () => {
  test('V6: one sheet per widget, named after it, with the filters, a header and typed cells', async () => {
    const filters = encodeURIComponent(JSON.stringify({ region: ['EMEA'], channel: 'Online' }));
    const { res, book } = await download(`/api/dashboards/sales-overview/export.xlsx?filters=${filters}`, alice);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="Sales-overview.xlsx"');
    const widgets = await server.store.listWidgets('sales-overview');
    assert.deepEqual(
      book.worksheets.map((s) => s.name),
      widgets.map((w) => w.title),
    );

    const revenue = values(book.getWorksheet('Revenue')!);
    assert.deepEqual(revenue[0], ['Revenue']);
    assert.deepEqual(revenue[1], ['Filters', 'Region: EMEA; Channel: Online']);
    assert.deepEqual(revenue[3], ['Revenue (USD)']);
    const api = await json(
      await server.request(`/api/dashboards/sales-overview/widgets/revenue/data?filters=${filters}`, { token: alice }),
    );
    assert.equal(typeof revenue[4]![0], 'number');
    assert.ok(Math.abs((revenue[4]![0] as number) - api.rows[0][0]) < 1e-6);

    const byMonth = values(book.getWorksheet('Revenue by month')!);
    assert.deepEqual(byMonth[3], ['Order date (month)', 'Revenue']);
    const firstMonth = byMonth[4]![0];
    assert.ok(firstMonth instanceof Date, 'dates are real date cells');
    const monthly = await json(
      await server.request(`/api/dashboards/sales-overview/widgets/revenue-by-month/data?filters=${filters}`, {
        token: alice,
      }),
    );
    assert.equal(
      (firstMonth as Date).toISOString().replace('T', ' ').slice(0, 19),
      monthly.rows[0][0],
      'the same UTC instant as the API',
    );
    assert.equal(byMonth.length, 4 + monthly.rows.length);

    const top = values(book.getWorksheet('Top products')!);
    assert.deepEqual(top[3], ['Product', 'Category', 'Revenue', 'Units']);
    assert.equal(top.length, 4 + 10, 'the widget limit holds in the export');
    assert.equal(typeof top[4]![0], 'string');
    assert.equal(typeof top[4]![3], 'number');
  });

  test("issue 17: a filter the widget's source lacks is listed as not applied, not as applied", async () => {
    const filters = encodeURIComponent(JSON.stringify({ region: ['EMEA'], channel: 'Online' }));
    const { book } = await download(`/api/dashboards/sales-overview/export.xlsx?filters=${filters}`, alice);
    // Support tickets have a region but no channel.
    const tickets = values(book.getWorksheet('Open support tickets')!);
    assert.deepEqual(tickets[1], ['Filters', 'Region: EMEA']);
    assert.deepEqual(tickets[2], ['Not applied (no such field)', 'Channel: Online']);
    // A widget that has both fields lists both as applied, and no "not applied" row.
    const revenue = values(book.getWorksheet('Revenue')!);
    assert.deepEqual(revenue[1], ['Filters', 'Region: EMEA; Channel: Online']);
    assert.deepEqual(revenue[2], []);
  });

  test('issue 17: month buckets formatted as months, plain dates with a time, numbers as the widget shows them', async () => {
    const { book } = await download('/api/dashboards/sales-overview/export.xlsx', alice);
    const byMonth = book.getWorksheet('Revenue by month')!;
    assert.equal(byMonth.getRow(5).getCell(1).numFmt, 'mmm yyyy');
    assert.equal(byMonth.getRow(5).getCell(2).numFmt, '#,##0');
    const average = book.getWorksheet('Average order value')!.getRow(5).getCell(1);
    assert.equal(typeof average.value, 'number');
    assert.equal(average.numFmt, Math.abs(average.value as number) < 100 ? '#,##0.0#' : '#,##0');
    const top = book.getWorksheet('Top products')!;
    assert.equal(top.getRow(5).getCell(1).numFmt, undefined, 'text keeps the General format');
    assert.equal(top.getRow(5).getCell(4).numFmt, '#,##0', 'whole units');
  });

  test('V6: without filters the header row says None', async () => {
    const { book } = await download('/api/dashboards/sales-overview/export.xlsx', alice);
    assert.deepEqual(values(book.getWorksheet('Orders')!)[1], ['Filters', 'None']);
  });

  test('P4: a widget whose source the user cannot read keeps its sheet, holding only the reason', async () => {
    const { res, book } = await download('/api/dashboards/sales-overview/export.xlsx', bobSalesViewer);
    assert.equal(res.status, 200);
    const sheet = values(book.getWorksheet('Open support tickets')!);
    assert.deepEqual(sheet.at(-1), ["You don't have access to this widget's data source."]);
    assert.equal(sheet.length, 4);
    assert.equal(typeof values(book.getWorksheet('Orders')!)[4]![0], 'number');
  });

  test('P2, V3: no role answers 404 and bad filters 400 invalid_filters, as JSON', async () => {
    const dan = await server.token('dan');
    const missing = await server.request('/api/dashboards/sales-overview/export.xlsx', { token: dan });
    assert.equal(missing.status, 404);
    assert.equal((await json(missing)).error.code, 'dashboard_not_found');
    const bad = await server.request(
      `/api/dashboards/sales-overview/export.xlsx?filters=${encodeURIComponent('{"x":1}')}`,
      { token: alice },
    );
    assert.equal(bad.status, 400);
    assert.equal((await json(bad)).error.code, 'invalid_filters');
    // Issue 17: an inverted date range is refused (it used to match nothing, silently), here and for widget data.
    const inverted = encodeURIComponent(JSON.stringify({ order_date: { from: '2026-03-01', to: '2026-01-31' } }));
    for (const path of ['export.xlsx', 'widgets/revenue/data']) {
      const res = await server.request(`/api/dashboards/sales-overview/${path}?filters=${inverted}`, { token: alice });
      assert.equal(res.status, 400, path);
      const { error } = await json(res);
      assert.equal(error.code, 'invalid_filters');
      assert.equal(
        error.message,
        "Filter 'order_date' (Order date): the start (2026-03-01) is after the end (2026-01-31).",
      );
    }
    const sameDay = encodeURIComponent(JSON.stringify({ order_date: { from: '2026-01-31', to: '2026-01-31' } }));
    const ok = await server.request(`/api/dashboards/sales-overview/widgets/revenue/data?filters=${sameDay}`, {
      token: alice,
    });
    assert.equal(ok.status, 200);
  });

  test('V6: large results stream past the widget row cap and re-read intact', async () => {
    const dashboard = (await server.store.getDashboard('sales-overview'))!;
    const dataSource = (await server.store.getDataSource('northwind', 'orders'))!;
    // A raw table widget: every order row of one region, more than a widget query may return.
    const widget: Widget = {
      id: 'raw',
      dashboardId: dashboard.id,
      title: 'All orders: EMEA',
      type: 'table',
      dataSourceId: 'orders',
      position: { x: 0, y: 0, w: 12, h: 4 },
      query: { metrics: [], dimensions: [], filters: [], sort: [] },
    };
    const [{ n }] = (await server.store.runSql({
      sql: "SELECT COUNT(*) AS n FROM ds_orders WHERE region = 'EMEA'",
      params: [],
    })) as [{ n: number }];
    assert.ok(n > MAX_QUERY_LIMIT);
    const tmp = tempDir();
    try {
      const file = join(tmp.dir, 'big.xlsx');
      const out = createWriteStream(file);
      await writeDashboardXlsx(server.store, out, {
        dashboard,
        widgets: [{ widget, dataSource, access: 'ok' }],
        filterValues: { region: ['EMEA'] },
      });
      await finished(out);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      const sheet = book.getWorksheet('All orders EMEA')!;
      assert.equal(sheet.rowCount, 4 + n);
      assert.deepEqual(
        (sheet.getRow(4).values as unknown[]).slice(1),
        dataSource.fields.map((f) => f.label),
      );
      const row = (sheet.getRow(5).values as unknown[]).slice(1);
      assert.ok(row[0] instanceof Date);
      assert.equal(row[1], 'EMEA');
      assert.equal(typeof row[7], 'number');
    } finally {
      tmp.cleanup();
    }
  });

  test('V6: sheet names follow Excel rules (≤ 31 characters, no []:*?/\\, unique) and file names are header-safe', () => {
    const name = sheetNamer();
    assert.equal(name('Revenue: Q1/Q2 [draft]?', 0), 'Revenue Q1 Q2 draft');
    assert.equal(name('A very long widget title that goes on and on', 1).length, 31);
    assert.equal(name('revenue: q1/q2 [draft]?', 2), 'revenue q1 q2 draft (2)');
    assert.equal(name('', 3), 'Widget 4');
    // Issue 17: cut at 31 UTF-16 units without splitting an emoji's surrogate pair (a lone half is invalid XML).
    const emoji = name(`${'x'.repeat(30)}📈 trend`, 4);
    assert.equal(emoji, 'x'.repeat(30));
    assert.ok(wellFormed(emoji));
    const repeat = name(`${'x'.repeat(30)}📈 other`, 5);
    assert.ok(wellFormed(repeat) && repeat.length <= 31 && repeat.endsWith(' (2)'), repeat);
    assert.equal(cutText('ab📈', 3), 'ab');
    assert.equal(cutText('ab📈', 4), 'ab📈');
    assert.equal(exportFileName('Ventes "été" / 2026\r\n'), 'Ventes-ete-2026.xlsx');
  });
});
