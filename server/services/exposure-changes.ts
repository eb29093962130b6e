/**
 * The exposure guard's rule (issue 16), pure: given a dashboard before and after a save and one public link, what the
 * link now exposes that it did not when it was shared. A link is concerned only by what it shows: a widget added to
 * the dashboard concerns the links that show all widgets (a subset link does not show it until the owner lists it),
 * a new data source concerns the links that show a widget reading it, a wider filter default concerns the links
 * that do not lock that field (a locked value wins over any default), and a filter that disappears concerns the
 * links that lock its field. Narrowing (a widget removed, a default narrowed) is never a reason.
 *
 * services/exposure-guard.ts runs it in the dashboard save path and stores the reasons on each link.
 */
import { linkShowsWidget } from '../auth/authorization.js';
import type { FilterDefinition } from '../schemas/dashboard.js';
import type { ExposureChange, PublicLink, Widget } from '../store/types.js';

/** What of a dashboard the guard compares. */
export interface ExposureShape {
  filters: FilterDefinition[];
  widgets: Pick<Widget, 'id' | 'title' | 'dataSourceId'>[];
}

export type GuardedLink = Pick<PublicLink, 'widgetIds' | 'lockedFilters'>;

type Default = FilterDefinition['default'];

/**
 * Whether a filter default shows rows the previous one did not. No default (or an empty list) shows everything, so
 * removing one widens and adding one narrows; a list widens when it gains a value; a single value widens when it
 * becomes another; a date range widens when either end moves out or goes away. Anything else that changes (a
 * different kind of value) counts as wider: when unsure, the owner is asked.
 */
export function widensDefault(before: Default, after: Default): boolean {
  const b = normalize(before);
  const a = normalize(after);
  if (b === undefined) return false;
  if (a === undefined) return true;
  if (isRange(b) || isRange(a)) {
    if (!isRange(b) || !isRange(a)) return true;
    const earlier = b.from !== undefined && (a.from === undefined || a.from < b.from);
    const later = b.to !== undefined && (a.to === undefined || a.to > b.to);
    return earlier || later;
  }
  const was = new Set(Array.isArray(b) ? b : [b]);
  return (Array.isArray(a) ? a : [a]).some((v) => !was.has(v));
}

type Range = { from?: string; to?: string };
const isRange = (v: NonNullable<Default>): v is Range => typeof v === 'object' && !Array.isArray(v);

/** No limit at all is `undefined`: an empty list or a range with neither end limits nothing. */
function normalize(value: Default): Default {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.length === 0 ? undefined : value;
  if (isRange(value)) return value.from || value.to ? value : undefined;
  return value;
}

/**
 * The reasons one link is now "changed since shared", in a stable order (widgets, data sources, filters); `sourceName`
 * names a data source for the owner. `at` stamps each reason.
 */
export function exposureChanges(
  before: ExposureShape,
  after: ExposureShape,
  link: GuardedLink,
  sourceName: (id: string) => string,
  at: string,
): ExposureChange[] {
  const out: ExposureChange[] = [];
  const shownBefore = before.widgets.filter((w) => linkShowsWidget(link, w.id));
  const shownAfter = after.widgets.filter((w) => linkShowsWidget(link, w.id));

  const widgetsBefore = new Set(shownBefore.map((w) => w.id));
  for (const w of shownAfter) if (!widgetsBefore.has(w.id)) out.push({ kind: 'widget_added', subject: w.title, at });

  const sourcesBefore = new Set(shownBefore.map((w) => w.dataSourceId));
  const newSources = new Set(shownAfter.map((w) => w.dataSourceId).filter((id) => !sourcesBefore.has(id)));
  for (const id of newSources) out.push({ kind: 'data_source_added', subject: sourceName(id), at });

  const locked = new Set(Object.keys(link.lockedFilters));
  const afterByField = new Map(after.filters.map((f) => [f.field, f]));
  for (const f of before.filters) {
    const now = afterByField.get(f.field);
    if (locked.has(f.field)) {
      if (!now) out.push({ kind: 'locked_field_removed', subject: f.label, at });
    } else if (widensDefault(f.default, now?.default)) {
      out.push({ kind: 'filter_default_widened', subject: (now ?? f).label, at });
    }
  }
  return out;
}

/** The reasons a link keeps: those it had, then the new ones it did not have yet (same kind and subject). */
export function mergeChanges(kept: ExposureChange[], found: ExposureChange[]): ExposureChange[] {
  const seen = new Set(kept.map((c) => `${c.kind}\u0000${c.subject}`));
  const out = [...kept];
  for (const c of found) {
    const key = `${c.kind}\u0000${c.subject}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(c);
    }
  }
  return out;
}
