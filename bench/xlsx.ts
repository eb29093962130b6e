// Prints the time to export 100k rows to XLSX through writeDashboardXlsx (exceljs streaming WorkbookWriter, rows
// streamed from the store), with the file size and peak heap. Usage: node --import tsx bench/xlsx.ts [rows=100000]
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom, sqlTimestamp } from '../server/demo/random.js';
import { openSqliteStore } from '../server/store/sqlite/index.js';
import type { DataSource, Widget } from '../server/store/types.js';
import { writeDashboardXlsx } from '../server/services/xlsx-export.js';

const ROWS = Number(process.argv[2] ?? 100_000);
const DAY = 86_400_000;

const source: DataSource = {
  id: 'bench_orders', projectId: 'bench', name: 'Bench orders', tableName: 'ds_bench_orders', readableBy: ['member'], externalAccess: false,
  fields: [
    { name: 'order_date', type: 'date', label: 'Order date' },
    { name: 'region', type: 'string', label: 'Region' },
    { name: 'channel', type: 'string', label: 'Channel' },
    { name: 'product', type: 'string', label: 'Product' },
    { name: 'quantity', type: 'number', label: 'Quantity' },
    { name: 'amount', type: 'number', label: 'Amount' },
  ],
};
// A raw table widget (no metrics, no dimensions): every row, every field.
const widget: Widget = {
  id: 'all-orders', dashboardId: 'bench', title: 'All orders', type: 'table', dataSourceId: source.id,
  position: { x: 0, y: 0, w: 12, h: 4 }, query: { metrics: [], dimensions: [], filters: [], sort: [] },
};

const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-xlsx-'));
const store = openSqliteStore(join(dir, 'bench.db'));
try {
  await store.createDataTable(source);
  const r = seededRandom(7);
  const end = Date.UTC(2026, 0, 1);
  const rows: unknown[][] = [];
  for (let i = 0; i < ROWS; i++) {
    rows.push([sqlTimestamp(end - r.next() * 365 * DAY), r.pick(['EMEA', 'APAC', 'LATAM']), r.pick(['Online', 'Retail']), `Product ${r.int(1, 300)}`, r.int(1, 40), Math.round(r.next() * 50_000) / 100]);
  }
  await store.insertRows(source.tableName, source.fields, rows);
  rows.length = 0;

  const file = join(dir, 'export.xlsx');
  let peakHeap = 0;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 50);
  const started = performance.now();
  const out = createWriteStream(file);
  await writeDashboardXlsx(store, out, {
    dashboard: { id: 'bench', title: 'Bench', filters: [] },
    widgets: [{ widget, dataSource: source, access: 'ok' }],
    filterValues: {},
    maxRows: ROWS,
  });
  await finished(out);
  const ms = performance.now() - started;
  clearInterval(sampler);
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  console.log(`XLSX export: ${ROWS.toLocaleString('en')} rows × ${source.fields.length} columns in ${(ms / 1000).toFixed(2)} s (${Math.round(ROWS / (ms / 1000)).toLocaleString('en')} rows/s), file ${mb(statSync(file).size)}, peak heap ${mb(peakHeap)}`);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
