import { html, nothing } from 'lit';
import { isActive } from '../internal/session-filters.js';
import { dateRangeControl } from './date-range.js';
import type { FilterDefinition, FilterValue, FilterValues } from '../internal/types.js';

/** Renders the global filter bar of a dashboard; the dashboard owns the values and the open multi-select. */
export interface FilterBarOptions {
  definitions: FilterDefinition[];
  values: FilterValues;
  openMulti: string | null;
  onChange: (field: string, value: FilterValue | undefined) => void;
  onToggleMulti: (field: string | null) => void;
  onReset: () => void;
}

const id = (field: string) => `filter-${field}`;

function selectControl(def: FilterDefinition, options: FilterBarOptions) {
  const current = options.values[def.field];
  return html`<label class="filter" part="filter">
    <span class="filter-label">${def.label}</span>
    <select
      id=${id(def.field)}
      @change=${(e: Event) => {
        const raw = (e.target as HTMLSelectElement).value;
        const option = def.options?.find((o) => String(o) === raw);
        options.onChange(def.field, raw === '' ? undefined : (option ?? raw));
      }}
    >
      <option value="" ?selected=${current === undefined}>All</option>
      ${(def.options ?? []).map((o) => html`<option value=${String(o)} ?selected=${String(current) === String(o)}>${o}</option>`)}
    </select>
  </label>`;
}

function multiControl(def: FilterDefinition, options: FilterBarOptions) {
  const selected = Array.isArray(options.values[def.field]) ? (options.values[def.field] as (string | number)[]) : [];
  const open = options.openMulti === def.field;
  const summary =
    selected.length === 0 ? 'All' : selected.length === 1 ? String(selected[0]) : `${selected.length} selected`;
  const toggle = (value: string | number, checked: boolean) => {
    const next = checked ? [...selected, value] : selected.filter((v) => v !== value);
    options.onChange(def.field, next.length ? next : undefined);
  };
  return html`<div
    class="filter multi"
    part="filter"
    @keydown=${(e: KeyboardEvent) => {
      if (e.key === 'Escape' && open) {
        e.stopPropagation();
        options.onToggleMulti(null);
        (e.currentTarget as HTMLElement).querySelector<HTMLButtonElement>('button')?.focus();
      }
    }}
    @focusout=${(e: FocusEvent) => {
      const wrap = e.currentTarget as HTMLElement;
      if (open && !wrap.contains(e.relatedTarget as Node)) options.onToggleMulti(null);
    }}
  >
    <span class="filter-label" id=${`${id(def.field)}-label`}>${def.label}</span>
    <button
      type="button"
      class="multi-button"
      id=${id(def.field)}
      aria-expanded=${open ? 'true' : 'false'}
      aria-controls=${`${id(def.field)}-panel`}
      aria-labelledby=${`${id(def.field)}-label ${id(def.field)}`}
      @click=${() => options.onToggleMulti(open ? null : def.field)}
    >
      <span>${summary}</span><span class="chevron" aria-hidden="true">▾</span>
    </button>
    <!-- tabindex="-1": a pointer press on an option's text (not focusable itself) focuses the panel rather than
         the <body>, so focusout sees a target inside the filter and keeps the panel open for the label's click. -->
    <div
      class="multi-panel"
      id=${`${id(def.field)}-panel`}
      role="group"
      aria-label=${def.label}
      tabindex="-1"
      ?hidden=${!open}
    >
      ${(def.options ?? []).map(
        (o) =>
          html`<label class="check"
            ><input
              type="checkbox"
              .checked=${selected.includes(o)}
              @change=${(e: Event) => toggle(o, (e.target as HTMLInputElement).checked)}
            />
            ${o}</label
          >`,
      )}
    </div>
  </div>`;
}

export function renderFilterBar(options: FilterBarOptions) {
  if (!options.definitions.length) return nothing;
  const anyActive = Object.values(options.values).some((v) => isActive(v));
  return html`<div class="filter-bar" part="filter-bar" role="group" aria-label="Dashboard filters">
    ${options.definitions.map((def) =>
      def.type === 'select'
        ? selectControl(def, options)
        : def.type === 'multi'
          ? multiControl(def, options)
          : dateRangeControl(def, options),
    )}
    <span class="filter-note">Filters apply to this browser session only.</span>
    ${anyActive ? html`<button class="button quiet" type="button" @click=${options.onReset}>Reset filters</button>` : nothing}
  </div>`;
}
