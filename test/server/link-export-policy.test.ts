/**
 * Issue 16: a link's export policy (off, on, capped), enforced by the server on the public export route, the
 * watermark sheet of every workbook exported through a link, and the audit row of each export.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { clientAddressHash } from '../../server/services/client-hash.js';
import { loadLinkSecrets } from '../../server/auth/link-secrets.js';
import { createLink, json, startTestServer, type TestServer } from './helpers.js';

const NOW = Date.parse('2026-05-04T10:20:30.000Z');

/** The rows of a sheet as plain values, first row first. */
function values(sheet: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

describe('public links: export policy, watermark and audit (issue 16)', () => {
  let server: TestServer;
  let alice: string;

  before(async () => {
    server = await startTestServer({ now: () => new Date(NOW) });
    alice = await server.token('alice');
  });
  after(() => server.close());

  const base = '/api/dashboards/sales-overview/public-links';
  const create = (body: unknown = {}) => createLink(server, 'sales-overview', body);
  const patch = (linkId: string, body: unknown, token = alice) =>
    server.request(`${base}/${linkId}`, { method: 'PATCH', token, json: body });
  const download = async (token: string) => {
    const res = await server.request(`/api/public/${token}/export.xlsx`);
    const book = new ExcelJS.Workbook();
    if (res.ok) await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    return { res, book };
  };

  test('default on: links carry { mode: on }, the public layout too, and the export works', async () => {
    const link = await create({ label: 'Default' });
    assert.deepEqual(link.exportPolicy, { mode: 'on', rowCap: null });
    const layout = await json(await server.request(`/api/public/${link.token}`));
    assert.deepEqual(layout.dashboard.exportPolicy, { mode: 'on', rowCap: null });
    assert.equal((await download(link.token)).res.status, 200);
  });

  test('off: 403 export_disabled on the export route, the layout says off, and the refusal is audited', async () => {
    const link = await create({ label: 'No downloads', exportPolicy: { mode: 'off' } });
    assert.deepEqual(link.exportPolicy, { mode: 'off', rowCap: null });
    const res = await server.request(`/api/public/${link.token}/export.xlsx`);
    assert.equal(res.status, 403);
    assert.equal((await json(res)).error.code, 'export_disabled');
    const layout = await json(await server.request(`/api/public/${link.token}`));
    assert.deepEqual(layout.dashboard.exportPolicy, { mode: 'off', rowCap: null });
    // The rest of the link still works.
    assert.equal((await server.request(`/api/public/${link.token}/widgets/revenue/data`)).status, 200);
    const events = (await server.store.listAudit(link.id)).map((e) => [e.route, e.outcome]);
    assert.deepEqual(events[events.length - 1], ['export', 'export_disabled']);
    // Turned on again by PATCH: the same token exports, and the (kept) layout follows at once.
    const on = await patch(link.id, { exportPolicy: { mode: 'on' } });
    assert.deepEqual((await json(on)).link.exportPolicy, { mode: 'on', rowCap: null });
    assert.equal((await download(link.token)).res.status, 200);
    const again = await json(await server.request(`/api/public/${link.token}`));
    assert.deepEqual(again.dashboard.exportPolicy, { mode: 'on', rowCap: null });
  });

  test('capped: each sheet holds at most rowCap rows and says it was cut; shorter sheets are whole', async () => {
    const link = await create({ label: 'Capped', exportPolicy: { mode: 'capped', rowCap: 3 } });
    assert.deepEqual(link.exportPolicy, { mode: 'capped', rowCap: 3 });
    const { res, book } = await download(link.token);
    assert.equal(res.status, 200);
    const monthly = values(book.getWorksheet('Revenue by month')!);
    const header = monthly.findIndex((r) => r[0] === 'Order date (month)');
    assert.ok(header > 0, JSON.stringify(monthly));
    const after = monthly.slice(header + 1);
    const dataRows = after.filter((r) => r.length > 0 && !String(r[0]).startsWith('Cut at'));
    assert.equal(dataRows.length, 3, JSON.stringify(after));
    assert.match(
      String(after[after.length - 1]![0]),
      /^Cut at 3 rows: this link's export policy allows at most 3 rows/,
    );
    // A KPI's single row is not cut and gets no note.
    const revenue = values(book.getWorksheet('Revenue')!);
    assert.ok(!revenue.some((r) => String(r[0]).startsWith('Cut at')));
    // The watermark states the cap.
    const mark = values(book.worksheets[0]!);
    assert.deepEqual(mark[mark.length - 1], ['Rows per sheet at most', '3']);
  });

  test('watermark: the first sheet names the link, its id, the time (UTC) and the client address hash of the audit', async () => {
    const link = await create({ label: 'Partner portal' });
    const { res, book } = await download(link.token);
    assert.equal(res.status, 200);
    const first = book.worksheets[0]!;
    assert.equal(first.name, 'About this export');
    const secrets = loadLinkSecrets(server.config);
    const rows = values(first);
    assert.deepEqual(rows, [
      ['Exported through a public link'],
      ['Link', 'Partner portal'],
      ['Link id', link.id],
      ['Exported at (UTC)', '2026-05-04T10:20:30.000Z'],
      ['Client address hash', clientAddressHash(secrets, '127.0.0.1')],
    ]);
    // The audit route shows the same hash beside the address of the export's row: a workbook traces to its row.
    const audit = await json(await server.request(`${base}/${link.id}/audit`, { token: alice }));
    const exportRow = audit.events.find((e: { route: string }) => e.route === 'export');
    assert.equal(exportRow.outcome, 'ok');
    assert.equal(exportRow.clientHash, rows[4]![1]);
    // Widget sheets follow, in the dashboard's order.
    assert.equal(book.worksheets[1]!.name, 'Revenue');
  });

  test('each export is an audit row of its own (route export), counted as a use of the link', async () => {
    const link = await create({ label: 'Counted' });
    await download(link.token);
    await download(link.token);
    const rows = (await server.store.listAudit(link.id)).filter((e) => e.route === 'export');
    assert.equal(rows.length, 2);
    assert.ok(rows.every((e) => e.outcome === 'ok' && e.linkId === link.id));
    const listed = await json(await server.request(base, { token: alice }));
    assert.equal(listed.links.find((l: { id: string }) => l.id === link.id).accessCount, 2);
  });

  test('validation: unknown modes, a cap without capped, capped without a cap, a cap out of range → 400', async () => {
    const link = await create();
    for (const exportPolicy of [
      { mode: 'sometimes' },
      { mode: 'on', rowCap: 5 },
      { mode: 'capped' },
      { mode: 'capped', rowCap: 0 },
      { mode: 'capped', rowCap: 1.5 },
      { mode: 'capped', rowCap: 1_000_001 },
      'off',
      null,
    ]) {
      const res = await patch(link.id, { exportPolicy });
      assert.equal(res.status, 400, JSON.stringify(exportPolicy));
      assert.equal((await json(res)).error.code, 'invalid_request');
      const created = await server.request(base, { method: 'POST', token: alice, json: { exportPolicy } });
      assert.equal(created.status, 400, JSON.stringify(exportPolicy));
    }
  });

  test('owner only: an author may not change the policy (403 not_owner), a stranger gets 404', async () => {
    const link = await create();
    const carol = await server.token('carol');
    const asAuthor = await patch(link.id, { exportPolicy: { mode: 'off' } }, carol);
    assert.equal(asAuthor.status, 403);
    assert.equal((await json(asAuthor)).error.code, 'not_owner');
    const erin = await server.token('erin');
    assert.equal((await patch(link.id, { exportPolicy: { mode: 'off' } }, erin)).status, 404);
    const listed = await json(await server.request(base, { token: alice }));
    assert.deepEqual(listed.links.find((l: { id: string }) => l.id === link.id).exportPolicy, {
      mode: 'on',
      rowCap: null,
    });
  });
});
