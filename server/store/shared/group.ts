/** Groups rows that carry a dashboard id, keeping their order (shared by both stores' batched reads). */
export function groupByDashboard<T extends { dashboardId: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(row.dashboardId);
    if (list) list.push(row);
    else out.set(row.dashboardId, [row]);
  }
  return out;
}
