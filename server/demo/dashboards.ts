/** The demo's dashboards, widgets and grants (who sees what is described in README "Demo"). */
import type { FilterDefinition, WidgetQuery } from '../schemas/dashboard.js';
import type { DashboardRole, Widget } from '../store/types.js';

export interface DemoDashboard {
  id: string;
  owner: string;
  projectId: string;
  title: string;
  description: string;
  refreshInterval: number;
  filters: FilterDefinition[];
  widgets: Omit<Widget, 'dashboardId'>[];
  shares?: Record<string, DashboardRole>;
  projectAccess?: DashboardRole;
  orgAccess?: boolean;
}

const q = (query: Partial<WidgetQuery>): WidgetQuery => ({
  metrics: [],
  dimensions: [],
  filters: [],
  sort: [],
  ...query,
});
const REGION_OPTIONS = ['APAC', 'EMEA', 'LATAM', 'North America'];

export const DEMO_DASHBOARDS: DemoDashboard[] = [
  {
    id: 'sales-overview',
    owner: 'alice',
    projectId: 'sales',
    title: 'Sales overview',
    description: 'Revenue, orders and channels across regions over the last twelve months.',
    refreshInterval: 300,
    filters: [
      { field: 'region', type: 'multi', label: 'Region', options: REGION_OPTIONS },
      { field: 'channel', type: 'select', label: 'Channel', options: ['Online', 'Partner', 'Retail'] },
      { field: 'order_date', type: 'dateRange', label: 'Order date' },
    ],
    widgets: [
      {
        id: 'revenue',
        title: 'Revenue',
        type: 'kpi',
        dataSourceId: 'orders',
        position: { x: 0, y: 0, w: 3, h: 2 },
        query: q({ metrics: [{ agg: 'sum', field: 'amount', as: 'revenue', label: 'Revenue (USD)' }] }),
      },
      {
        id: 'orders',
        title: 'Orders',
        type: 'kpi',
        dataSourceId: 'orders',
        position: { x: 3, y: 0, w: 3, h: 2 },
        query: q({ metrics: [{ agg: 'count', as: 'orders', label: 'Orders' }] }),
      },
      {
        id: 'avg-order',
        title: 'Average order value',
        type: 'kpi',
        dataSourceId: 'orders',
        position: { x: 6, y: 0, w: 3, h: 2 },
        query: q({ metrics: [{ agg: 'avg', field: 'amount', as: 'avg_amount', label: 'Average order (USD)' }] }),
      },
      {
        id: 'open-tickets',
        title: 'Open support tickets',
        type: 'kpi',
        dataSourceId: 'support_tickets',
        position: { x: 9, y: 0, w: 3, h: 2 },
        query: q({
          metrics: [{ agg: 'count', as: 'open', label: 'Open tickets' }],
          filters: [{ field: 'status', op: 'neq', value: 'Closed' }],
        }),
      },
      {
        id: 'revenue-by-month',
        title: 'Revenue by month',
        type: 'line',
        dataSourceId: 'orders',
        position: { x: 0, y: 2, w: 8, h: 4 },
        query: q({
          metrics: [{ agg: 'sum', field: 'amount', as: 'revenue', label: 'Revenue' }],
          dimensions: [{ field: 'order_date', bucket: 'month', as: 'month' }],
          sort: [{ by: 'month', dir: 'asc' }],
        }),
      },
      {
        id: 'channel-mix',
        title: 'Channel mix',
        type: 'pie',
        dataSourceId: 'orders',
        position: { x: 8, y: 2, w: 4, h: 4 },
        query: q({
          metrics: [{ agg: 'sum', field: 'amount', as: 'revenue', label: 'Revenue' }],
          dimensions: ['channel'],
        }),
      },
      {
        id: 'revenue-by-region',
        title: 'Revenue by region',
        type: 'bar',
        dataSourceId: 'orders',
        position: { x: 0, y: 6, w: 6, h: 4 },
        query: q({
          metrics: [{ agg: 'sum', field: 'amount', as: 'revenue', label: 'Revenue' }],
          dimensions: ['region'],
          sort: [{ by: 'revenue', dir: 'desc' }],
        }),
      },
      {
        id: 'top-products',
        title: 'Top products',
        type: 'table',
        dataSourceId: 'orders',
        position: { x: 6, y: 6, w: 6, h: 4 },
        query: q({
          metrics: [
            { agg: 'sum', field: 'amount', as: 'revenue', label: 'Revenue' },
            { agg: 'sum', field: 'quantity', as: 'units', label: 'Units' },
          ],
          dimensions: ['product', 'category'],
          sort: [{ by: 'revenue', dir: 'desc' }],
          limit: 10,
        }),
      },
    ],
    shares: { carol: 'author', bob: 'viewer' },
  },
  {
    id: 'ops-wall',
    owner: 'alice',
    projectId: 'ops',
    title: 'Operations wall',
    description: 'Live machine health for the plant floor screen, refreshed every 30 seconds.',
    refreshInterval: 30,
    filters: [{ field: 'line', type: 'select', label: 'Line', options: ['Line A', 'Line B'] }],
    widgets: [
      {
        id: 'avg-temp',
        title: 'Average temperature',
        type: 'kpi',
        dataSourceId: 'sensor_readings',
        position: { x: 0, y: 0, w: 4, h: 2 },
        query: q({ metrics: [{ agg: 'avg', field: 'temperature', as: 'temperature', label: '°C' }] }),
      },
      {
        id: 'peak-vibration',
        title: 'Peak vibration',
        type: 'kpi',
        dataSourceId: 'sensor_readings',
        position: { x: 4, y: 0, w: 4, h: 2 },
        query: q({ metrics: [{ agg: 'max', field: 'vibration', as: 'vibration', label: 'mm/s' }] }),
      },
      {
        id: 'units',
        title: 'Units produced',
        type: 'kpi',
        dataSourceId: 'sensor_readings',
        position: { x: 8, y: 0, w: 4, h: 2 },
        query: q({ metrics: [{ agg: 'sum', field: 'throughput', as: 'units', label: 'Units' }] }),
      },
      {
        id: 'temp-by-day',
        title: 'Daily average temperature',
        type: 'line',
        dataSourceId: 'sensor_readings',
        position: { x: 0, y: 2, w: 8, h: 4 },
        query: q({
          metrics: [{ agg: 'avg', field: 'temperature', as: 'temperature', label: 'Avg °C' }],
          dimensions: [{ field: 'recorded_at', bucket: 'day', as: 'day' }, 'machine'],
          sort: [{ by: 'day', dir: 'asc' }],
        }),
      },
      {
        id: 'throughput-by-machine',
        title: 'Throughput by machine',
        type: 'bar',
        dataSourceId: 'sensor_readings',
        position: { x: 8, y: 2, w: 4, h: 4 },
        query: q({
          metrics: [{ agg: 'sum', field: 'throughput', as: 'units', label: 'Units' }],
          dimensions: ['machine'],
          sort: [{ by: 'units', dir: 'desc' }],
        }),
      },
    ],
    projectAccess: 'viewer',
  },
  {
    id: 'support-backlog',
    owner: 'alice',
    projectId: 'sales',
    title: 'Support backlog',
    description: 'Ticket volume and resolution times, visible to the whole organization.',
    refreshInterval: 600,
    filters: [
      { field: 'region', type: 'multi', label: 'Region', options: REGION_OPTIONS },
      { field: 'priority', type: 'select', label: 'Priority', options: ['Low', 'Normal', 'High', 'Urgent'] },
    ],
    widgets: [
      {
        id: 'tickets-by-status',
        title: 'Tickets by status',
        type: 'pie',
        dataSourceId: 'support_tickets',
        position: { x: 0, y: 0, w: 4, h: 4 },
        query: q({ metrics: [{ agg: 'count', as: 'tickets', label: 'Tickets' }], dimensions: ['status'] }),
      },
      {
        id: 'tickets-by-week',
        title: 'Tickets opened per week',
        type: 'line',
        dataSourceId: 'support_tickets',
        position: { x: 4, y: 0, w: 8, h: 4 },
        query: q({
          metrics: [{ agg: 'count', as: 'tickets', label: 'Tickets' }],
          dimensions: [{ field: 'opened_at', bucket: 'week', as: 'week' }],
          sort: [{ by: 'week', dir: 'asc' }],
        }),
      },
      {
        id: 'resolution-by-category',
        title: 'Resolution time by category',
        type: 'table',
        dataSourceId: 'support_tickets',
        position: { x: 0, y: 4, w: 12, h: 3 },
        query: q({
          metrics: [
            { agg: 'avg', field: 'resolution_hours', as: 'hours', label: 'Avg hours' },
            { agg: 'count', as: 'tickets', label: 'Tickets' },
          ],
          dimensions: ['category'],
          sort: [{ by: 'hours', dir: 'desc' }],
        }),
      },
    ],
    orgAccess: true,
  },
  {
    id: 'plant-maintenance',
    owner: 'bob',
    projectId: 'ops',
    title: 'Plant maintenance',
    description: 'Downtime and cost of maintenance work per machine.',
    refreshInterval: 3600,
    filters: [
      { field: 'machine', type: 'multi', label: 'Machine', options: ['Lathe 1', 'Packer 1', 'Press 1', 'Press 2'] },
    ],
    widgets: [
      {
        id: 'cost',
        title: 'Maintenance cost',
        type: 'kpi',
        dataSourceId: 'maintenance_log',
        position: { x: 0, y: 0, w: 4, h: 2 },
        query: q({ metrics: [{ agg: 'sum', field: 'cost', as: 'cost', label: 'USD' }] }),
      },
      {
        id: 'downtime-by-kind',
        title: 'Downtime by kind',
        type: 'bar',
        dataSourceId: 'maintenance_log',
        position: { x: 4, y: 0, w: 8, h: 4 },
        query: q({
          metrics: [{ agg: 'sum', field: 'downtime_minutes', as: 'minutes', label: 'Minutes' }],
          dimensions: ['kind'],
          sort: [{ by: 'minutes', dir: 'desc' }],
        }),
      },
    ],
  },
  {
    id: 'regional-targets',
    owner: 'dan',
    projectId: 'sales',
    title: 'Regional targets',
    description: "Dan's quarter-to-date view of orders per country.",
    refreshInterval: 900,
    filters: [{ field: 'region', type: 'select', label: 'Region', options: REGION_OPTIONS }],
    widgets: [
      {
        id: 'orders-by-country',
        title: 'Orders by country',
        type: 'bar',
        dataSourceId: 'orders',
        position: { x: 0, y: 0, w: 12, h: 4 },
        query: q({
          metrics: [{ agg: 'count', as: 'orders', label: 'Orders' }],
          dimensions: ['country'],
          sort: [{ by: 'orders', dir: 'desc' }],
          limit: 12,
        }),
      },
    ],
    shares: { alice: 'viewer' },
  },
];
