// Prints the time to export 100k rows to XLSX through writeDashboardXlsx (exceljs streaming WorkbookWriter, rows
// streamed from the store), with the file size and peak heap. Usage: node --import tsx bench/xlsx.ts [rows=100000]
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchOrdersSource, fillBenchOrders } from './support/orders.js';
import { openSqliteStore } from '../server/store/sqlite/index.js';
import type { Widget } from '../server/store/types.js';
import { writeDashboardXlsx } from '../server/services/xlsx-export.js';

const ROWS = Number(process.argv[2] ?? 100_000);

const source = benchOrdersSource;
// A raw table widget (no metrics, no dimensions): every row, every field.
const widget: Widget = {
  id: 'all-orders',
  dashboardId: 'bench',
  title: 'All orders',
  type: 'table',
  dataSourceId: source.id,
  position: { x: 0, y: 0, w: 12, h: 4 },
  query: { metrics: [], dimensions: [], filters: [], sort: [] },
};

const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-xlsx-'));
const store = openSqliteStore(join(dir, 'bench.db'));
try {
  await fillBenchOrders(store, ROWS, 7);

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
  console.log(
    `XLSX export: ${ROWS.toLocaleString('en')} rows × ${source.fields.length} columns in ${(ms / 1000).toFixed(2)} s (${Math.round(ROWS / (ms / 1000)).toLocaleString('en')} rows/s), file ${mb(statSync(file).size)}, peak heap ${mb(peakHeap)}`,
  );
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
