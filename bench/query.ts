// Prints p50/p99 of a filtered, time-bucketed widget query over a 1M-row source through runWidget (compiler, filter
// parsing, store, row shaping) next to the same SQL run directly through better-sqlite3, and their ratio (goal ≤ 1.5×).
// Usage: node --import tsx bench/query.ts [rows=1000000] [iterations=200]
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchOrdersSource, fillBenchOrders } from './support/orders.js';
import { openSqliteStore } from '../server/store/sqlite/index.js';
import type { Widget } from '../server/store/types.js';
import { parseFilterValues } from '../server/services/filters.js';
import { compileWidget, runWidget } from '../server/services/widget-data.js';
import type { FilterDefinition } from '../server/schemas/dashboard.js';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const ITERATIONS = Number(process.argv[3] ?? 200);

const source = benchOrdersSource;
const filters: FilterDefinition[] = [
  { field: 'region', type: 'multi', label: 'Region' },
  { field: 'channel', type: 'select', label: 'Channel' },
  { field: 'order_date', type: 'dateRange', label: 'Order date' },
];
const dashboard = { id: 'bench', filters };
const widget: Widget = {
  id: 'revenue-by-day',
  dashboardId: 'bench',
  title: 'Revenue by day',
  type: 'line',
  dataSourceId: source.id,
  position: { x: 0, y: 0, w: 12, h: 4 },
  query: {
    metrics: [
      { agg: 'sum', field: 'amount', as: 'revenue' },
      { agg: 'count', as: 'orders' },
    ],
    dimensions: [{ field: 'order_date', bucket: 'day', as: 'day' }],
    filters: [],
    sort: [{ by: 'day', dir: 'asc' }],
  },
};

const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-query-'));
const file = join(dir, 'bench.db');
const store = openSqliteStore(file);
try {
  let t = performance.now();
  await fillBenchOrders(store, ROWS, 42);
  console.log(
    `generated ${ROWS.toLocaleString('en')} rows (indexed) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  const raw = JSON.stringify({
    region: ['EMEA', 'APAC'],
    channel: 'Online',
    order_date: { from: '2025-07-01', to: '2025-09-30' },
  });
  const input = () => ({ dashboard, widget, dataSource: source, filterValues: parseFilterValues(raw, dashboard) });
  const compiled = compileWidget(store, input());
  const direct = new Database(file, { readonly: true });
  const stmt = direct.prepare(compiled.sql);
  console.log(`SQL: ${compiled.sql}`);
  console.log(
    `plan: ${(direct.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(compiled.params) as { detail: string }[]).map((p) => p.detail).join(' | ')}`,
  );

  const viaService: number[] = [];
  const viaDriver: number[] = [];
  let rows = 0;
  for (let i = 0; i < ITERATIONS + 10; i++) {
    // Interleaved so that cache warmth and machine noise hit both sides alike; the first 10 are warm-up.
    t = performance.now();
    rows = (await runWidget(store, input())).rows.length;
    const a = performance.now() - t;
    t = performance.now();
    stmt.all(compiled.params);
    const b = performance.now() - t;
    if (i >= 10) {
      viaService.push(a);
      viaDriver.push(b);
    }
  }
  direct.close();
  const pct = (xs: number[], p: number) =>
    [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
  const fmt = (n: number) => `${n.toFixed(2)} ms`;
  console.log(`${ITERATIONS} runs, ${rows} result rows`);
  console.log(`runWidget        p50 ${fmt(pct(viaService, 50))}  p99 ${fmt(pct(viaService, 99))}`);
  console.log(`better-sqlite3   p50 ${fmt(pct(viaDriver, 50))}  p99 ${fmt(pct(viaDriver, 99))}`);
  console.log(
    `ratio            p50 ${(pct(viaService, 50) / pct(viaDriver, 50)).toFixed(2)}×  p99 ${(pct(viaService, 99) / pct(viaDriver, 99)).toFixed(2)}×  (goal ≤ 1.5×)`,
  );
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
