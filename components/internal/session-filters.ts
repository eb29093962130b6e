import type { FilterDefinition, FilterValue, FilterValues } from './types.js';

/**
 * Global filter values live per browser session (sessionStorage), never on the server (SPEC U4, V3): one viewer's
 * choice must not change what anyone else sees.
 */
const key = (scope: string) => `atlas-filters:${scope}`;

export function loadSessionFilters(scope: string, definitions: FilterDefinition[]): FilterValues {
  let stored: FilterValues;
  try {
    stored = JSON.parse(sessionStorage.getItem(key(scope)) ?? '{}') as FilterValues;
  } catch {
    stored = {};
  }
  const values: FilterValues = {};
  for (const def of definitions) {
    const value = def.field in stored ? stored[def.field] : (def.default as FilterValue | undefined);
    if (value !== undefined && isActive(value)) values[def.field] = value;
  }
  return values;
}

export function saveSessionFilters(scope: string, values: FilterValues): void {
  try {
    sessionStorage.setItem(key(scope), JSON.stringify(values));
  } catch {
    // storage full or blocked (third-party iframe): filters still work for this page view
  }
}

export function isActive(value: FilterValue): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value && typeof value === 'object') return Boolean(value.from || value.to);
  return value !== '' && value !== undefined && value !== null;
}

/** Only the filters with a value, as the `filters` query parameter expects. */
export function activeFilters(values: FilterValues): FilterValues {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => isActive(v)));
}

export function filtersQuery(values: FilterValues): string | undefined {
  const active = activeFilters(values);
  return Object.keys(active).length ? JSON.stringify(active) : undefined;
}
