// The synthetic orders source the query and export benchmarks share: same fields, rows generated in batches.
import { seededRandom, sqlTimestamp } from '../../server/demo/random.js';
import type { DataSource, Store } from '../../server/store/types.js';

const DAY = 86_400_000;

export const benchOrdersSource: DataSource = {
  id: 'bench_orders',
  orgId: 'bench',
  projectId: 'bench',
  name: 'Bench orders',
  tableName: 'ds_bench_orders',
  readableBy: ['member'],
  externalAccess: false,
  fields: [
    { name: 'order_date', type: 'date', label: 'Order date' },
    { name: 'region', type: 'string', label: 'Region' },
    { name: 'channel', type: 'string', label: 'Channel' },
    { name: 'product', type: 'string', label: 'Product' },
    { name: 'quantity', type: 'number', label: 'Quantity' },
    { name: 'amount', type: 'number', label: 'Amount' },
  ],
};

/** Creates the table and writes `rows` deterministic orders over 2025, 100k rows per insert batch. */
export async function fillBenchOrders(store: Store, rows: number, seed: number): Promise<void> {
  await store.createDataTable(benchOrdersSource);
  const r = seededRandom(seed);
  const end = Date.UTC(2026, 0, 1);
  const regions = ['EMEA', 'North America', 'APAC', 'LATAM'];
  const channels = ['Online', 'Retail', 'Partner'];
  for (let done = 0; done < rows;) {
    const batch: unknown[][] = [];
    for (let i = 0; i < 100_000 && done < rows; i++, done++) {
      batch.push([
        sqlTimestamp(end - r.next() * 365 * DAY),
        r.pick(regions),
        r.pick(channels),
        `P${r.int(1, 200)}`,
        r.int(1, 40),
        Math.round(r.next() * 50_000) / 100,
      ]);
    }
    await store.insertRows(benchOrdersSource.tableName, benchOrdersSource.fields, batch);
  }
}
