/**
 * Issue 16: which audit rows a link's usage chart counts, and in which group, written once for both stores (only the
 * expression of a row's UTC day differs). A dashboard opening fires one `dashboard` request and a request per widget,
 * so the chart counts views as the link's use count does: `ok` only for `dashboard` and `export` (never each widget's
 * data). Refusals count wherever they happen (a wrong passcode and its limit happen on `session`), except repeated
 * widget refreshes of an already open screen, which would multiply one refused view by its widgets.
 */
export const USAGE_GROUP_SQL = `CASE
    WHEN outcome = 'ok' AND route IN ('dashboard', 'export') THEN 'ok'
    WHEN outcome = 'wrong_passcode' THEN 'wrong_passcode'
    WHEN outcome = 'rate_limited' THEN 'rate_limited'
    WHEN outcome IN ('unavailable', 'paused', 'expired') AND route <> 'widget_data' THEN 'unavailable'
  END`;

/**
 * The per-day counts of one link since a time, as `day`, `grp`, `n`. `dayExpr` is the dialect's UTC `YYYY-MM-DD` of
 * `at`; `$link` and `$since` are the dialect's placeholders.
 */
export function usageByDaySql(dayExpr: string, $link: string, $since: string): string {
  return `SELECT day, grp, COUNT(*) AS n FROM (
      SELECT ${dayExpr} AS day, ${USAGE_GROUP_SQL} AS grp
      FROM audit_events WHERE link_id = ${$link} AND at >= ${$since}
    ) counted
    WHERE grp IS NOT NULL GROUP BY day, grp ORDER BY day, grp`;
}

/** Distinct client addresses among every request of one link since a time. */
export function distinctClientsSql($link: string, $since: string): string {
  return `SELECT COUNT(DISTINCT client_address) AS n FROM audit_events WHERE link_id = ${$link} AND at >= ${$since}`;
}
