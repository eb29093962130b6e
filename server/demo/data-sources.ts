/** The demo's data sources with realistic generated rows. */
import type { DataSource, FieldDefinition } from '../store/types.js';
import { seededRandom, sqlTimestamp } from './random.js';

export interface DemoDataSource {
  source: DataSource;
  generate(now: number): unknown[][];
}

const DAY = 86_400_000;
const MINUTE = 60_000;

const ordersFields: FieldDefinition[] = [
  { name: 'order_date', type: 'date', label: 'Order date' },
  { name: 'region', type: 'string', label: 'Region' },
  { name: 'country', type: 'string', label: 'Country' },
  { name: 'product', type: 'string', label: 'Product' },
  { name: 'category', type: 'string', label: 'Category' },
  { name: 'channel', type: 'string', label: 'Channel' },
  { name: 'quantity', type: 'number', label: 'Quantity' },
  { name: 'amount', type: 'number', label: 'Amount (USD)' },
];

type Region = readonly [name: string, countries: readonly string[]];
const REGIONS: readonly Region[] = [
  ['EMEA', ['Germany', 'France', 'United Kingdom', 'Spain', 'Sweden']],
  ['North America', ['United States', 'Canada', 'Mexico']],
  ['APAC', ['Japan', 'Australia', 'Singapore', 'India']],
  ['LATAM', ['Brazil', 'Argentina', 'Chile']],
];
const PRODUCTS = [
  ['Chai', 'Beverages', 18],
  ['Chang', 'Beverages', 19],
  ['Ipoh Coffee', 'Beverages', 46],
  ['Aniseed Syrup', 'Condiments', 10],
  ["Chef Anton's Cajun Seasoning", 'Condiments', 22],
  ["Grandma's Boysenberry Spread", 'Condiments', 25],
  ['Mishi Kobe Niku', 'Meat/Poultry', 97],
  ['Alice Mutton', 'Meat/Poultry', 39],
  ['Ikura', 'Seafood', 31],
  ['Carnarvon Tigers', 'Seafood', 62],
  ['Queso Cabrales', 'Dairy', 21],
  ['Gorgonzola Telino', 'Dairy', 12],
  ['Teatime Chocolate Biscuits', 'Confections', 9],
  ["Sir Rodney's Marmalade", 'Confections', 81],
] as const;

const orders: DemoDataSource = {
  source: {
    id: 'orders',
    orgId: 'northwind',
    projectId: 'sales',
    name: 'Orders',
    tableName: 'ds_orders',
    fields: ordersFields,
    readableBy: ['owner', 'member', 'viewer'],
    externalAccess: true,
  },
  generate(now) {
    const r = seededRandom(1);
    const rows: unknown[][] = [];
    const start = now - 365 * DAY;
    for (let i = 0; i < 120_000; i++) {
      // growth over the year plus a weekly rhythm
      let t = start + r.next() * 365 * DAY;
      if (r.next() < 0.25) t = start + Math.sqrt(r.next()) * 365 * DAY;
      const [region, countries] = r.weighted<Region>([
        [REGIONS[0]!, 4],
        [REGIONS[1]!, 5],
        [REGIONS[2]!, 3],
        [REGIONS[3]!, 1.5],
      ]);
      const [product, category, price] = r.pick(PRODUCTS);
      const channel = r.weighted([
        ['Online', 5],
        ['Retail', 3],
        ['Partner', 2],
      ] as const);
      const quantity = Math.max(1, Math.round(Math.abs(r.normal(12, 8))));
      const discount = channel === 'Partner' ? 0.85 : 1;
      const amount = Math.round(quantity * price * discount * (0.9 + r.next() * 0.2) * 100) / 100;
      rows.push([sqlTimestamp(t), region, r.pick(countries), product, category, channel, quantity, amount]);
    }
    return rows;
  },
};

const TICKET_CATEGORIES = ['Billing', 'Delivery', 'Product quality', 'Account', 'Returns'] as const;
const tickets: DemoDataSource = {
  source: {
    id: 'support_tickets',
    orgId: 'northwind',
    projectId: 'sales',
    name: 'Support tickets',
    tableName: 'ds_support_tickets',
    fields: [
      { name: 'opened_at', type: 'date', label: 'Opened' },
      { name: 'region', type: 'string', label: 'Region' },
      { name: 'category', type: 'string', label: 'Category' },
      { name: 'priority', type: 'string', label: 'Priority' },
      { name: 'status', type: 'string', label: 'Status' },
      { name: 'resolution_hours', type: 'number', label: 'Resolution (hours)' },
    ],
    readableBy: ['owner', 'member'],
    externalAccess: false,
  },
  generate(now) {
    const r = seededRandom(2);
    const rows: unknown[][] = [];
    for (let i = 0; i < 8_000; i++) {
      const ageDays = r.next() * 180;
      const priority = r.weighted([
        ['Low', 4],
        ['Normal', 5],
        ['High', 2],
        ['Urgent', 0.6],
      ] as const);
      const open = ageDays < 10 ? r.next() < 0.6 : r.next() < 0.03;
      const status = open ? r.pick(['Open', 'Waiting on customer', 'In progress'] as const) : 'Closed';
      const hours = open ? null : Math.round(Math.abs(r.normal(priority === 'Urgent' ? 6 : 30, 18)) * 10) / 10;
      rows.push([
        sqlTimestamp(now - ageDays * DAY),
        r.pick(REGIONS)[0],
        r.pick(TICKET_CATEGORIES),
        priority,
        status,
        hours,
      ]);
    }
    return rows;
  },
};

// name, line, base temperature (°C), units per minute at full shift
const MACHINES = [
  ['Press 1', 'Line A', 68, 44],
  ['Press 2', 'Line A', 71, 38],
  ['Lathe 1', 'Line B', 55, 26],
  ['Packer 1', 'Line B', 42, 52],
] as const;
const sensors: DemoDataSource = {
  source: {
    id: 'sensor_readings',
    orgId: 'northwind',
    projectId: 'ops',
    name: 'Machine sensor readings',
    tableName: 'ds_sensor_readings',
    fields: [
      { name: 'recorded_at', type: 'date', label: 'Time' },
      { name: 'machine', type: 'string', label: 'Machine' },
      { name: 'line', type: 'string', label: 'Line' },
      { name: 'temperature', type: 'number', label: 'Temperature (°C)' },
      { name: 'vibration', type: 'number', label: 'Vibration (mm/s)' },
      { name: 'throughput', type: 'number', label: 'Units per minute' },
    ],
    readableBy: ['owner', 'member', 'viewer'],
    externalAccess: true,
  },
  generate(now) {
    const r = seededRandom(3);
    const rows: unknown[][] = [];
    const end = Math.floor(now / MINUTE) * MINUTE;
    const minutes = 30 * 24 * 60;
    for (const [machine, line, base, rate] of MACHINES) {
      let drift = 0;
      for (let m = minutes; m > 0; m--) {
        const t = end - m * MINUTE;
        const hour = new Date(t).getUTCHours();
        const shift = hour >= 6 && hour < 22 ? 1 : 0.35;
        drift = drift * 0.98 + r.normal(0, 0.4);
        const temperature = Math.round((base + 6 * shift + drift + r.normal(0, 0.8)) * 10) / 10;
        const vibration = Math.round(Math.abs(2.2 + shift + r.normal(0, 0.5) + (drift > 3 ? 2 : 0)) * 100) / 100;
        const throughput = Math.max(0, Math.round(r.normal(rate * shift, 4)));
        rows.push([sqlTimestamp(t), machine, line, temperature, vibration, throughput]);
      }
    }
    return rows;
  },
};

const maintenance: DemoDataSource = {
  source: {
    id: 'maintenance_log',
    orgId: 'northwind',
    projectId: 'ops',
    name: 'Maintenance log',
    tableName: 'ds_maintenance_log',
    fields: [
      { name: 'performed_at', type: 'date', label: 'Performed' },
      { name: 'machine', type: 'string', label: 'Machine' },
      { name: 'kind', type: 'string', label: 'Kind' },
      { name: 'downtime_minutes', type: 'number', label: 'Downtime (min)' },
      { name: 'cost', type: 'number', label: 'Cost (USD)' },
    ],
    readableBy: ['owner', 'member'],
    externalAccess: false,
  },
  generate(now) {
    const r = seededRandom(4);
    const rows: unknown[][] = [];
    for (let i = 0; i < 900; i++) {
      const kind = r.weighted([
        ['Inspection', 5],
        ['Preventive', 4],
        ['Repair', 2],
        ['Breakdown', 0.7],
      ] as const);
      const downtime = kind === 'Breakdown' ? r.int(60, 480) : kind === 'Repair' ? r.int(30, 180) : r.int(5, 60);
      const cost = Math.round(downtime * (kind === 'Breakdown' ? 42 : 18) * (0.8 + r.next() * 0.4));
      rows.push([sqlTimestamp(now - r.next() * 180 * DAY), r.pick(MACHINES)[0], kind, downtime, cost]);
    }
    return rows;
  },
};

const contosoCalls: DemoDataSource = {
  source: {
    id: 'cx_calls',
    orgId: 'contoso',
    projectId: 'cx',
    name: 'Contact centre calls',
    tableName: 'ds_cx_calls',
    fields: [
      { name: 'started_at', type: 'date', label: 'Started' },
      { name: 'queue', type: 'string', label: 'Queue' },
      { name: 'wait_seconds', type: 'number', label: 'Wait (s)' },
      { name: 'satisfaction', type: 'number', label: 'CSAT (1–5)' },
    ],
    readableBy: ['owner', 'member', 'viewer'],
    externalAccess: false,
  },
  generate(now) {
    const r = seededRandom(5);
    const rows: unknown[][] = [];
    for (let i = 0; i < 3_000; i++) {
      rows.push([
        sqlTimestamp(now - r.next() * 30 * DAY),
        r.pick(['Billing', 'Technical', 'Sales'] as const),
        r.int(5, 900),
        r.int(1, 5),
      ]);
    }
    return rows;
  },
};

export const DEMO_DATA_SOURCES = [orders, tickets, sensors, maintenance, contosoCalls];
