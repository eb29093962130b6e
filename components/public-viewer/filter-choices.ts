import type { ReactiveControllerHost } from 'lit';
import { loadSessionFilters, saveSessionFilters } from '../internal/session-filters.js';
import type { FilterDefinition, FilterValues } from '../internal/types.js';
import type { PublicDashboard } from './types.js';

/** The filters a viewer may change: the dashboard's, minus those the link has locked. */
export function freeFilters(dashboard: PublicDashboard): FilterDefinition[] {
  const locked = dashboard.lockedFilters;
  return dashboard.filters.filter((f) => !Object.hasOwn(locked, f.field));
}

/**
 * A visitor's filter choices for one link: kept in this tab's sessionStorage only, never on the server (SPEC V3), so
 * one visitor's choice changes nothing for anyone else. Changes update the host.
 */
export class FilterChoices {
  #host: ReactiveControllerHost;
  #scope = '';
  #loaded = false;
  #values: FilterValues = {};

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  get values(): FilterValues {
    return this.#values;
  }

  /** Whether the choices come from storage (or the defaults) already, rather than being empty for a new link. */
  get loaded(): boolean {
    return this.#loaded;
  }

  /** Another link: its own choices, read with its first layout. `scope` must not be the raw token (a secret). */
  open(scope: string): void {
    this.#scope = scope;
    this.#loaded = false;
    this.#assign({});
  }

  /**
   * The first layout of a link brings this tab's stored choices (or the defaults); later layouts drop choices for
   * filters that the dashboard no longer has or that the link has locked since.
   */
  sync(dashboard: PublicDashboard): void {
    const definitions = freeFilters(dashboard);
    if (!this.#loaded) {
      this.#assign(loadSessionFilters(this.#scope, definitions));
      this.#loaded = true;
      return;
    }
    const allowed = new Set(definitions.map((d) => d.field));
    if (Object.keys(this.#values).some((field) => !allowed.has(field))) {
      this.change(Object.fromEntries(Object.entries(this.#values).filter(([field]) => allowed.has(field))));
    }
  }

  /** The visitor's change, kept for this tab. */
  change(values: FilterValues): void {
    this.#assign(values);
    saveSessionFilters(this.#scope, values);
  }

  /** Forgets the stored choices: the next layout starts again from the dashboard's defaults. */
  forget(): void {
    this.change({});
    this.#loaded = false;
  }

  #assign(values: FilterValues): void {
    this.#values = values;
    this.#host.requestUpdate();
  }
}
