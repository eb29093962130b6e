import { html, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';

/**
 * A keyed list's `<li>` items: one per item, kept (with its element and focus) when the list is reordered or reloaded,
 * because Lit's `repeat` matches items by key rather than by position.
 */
export function listItems<T>(items: readonly T[], key: (item: T) => string, content: (item: T) => TemplateResult) {
  return repeat(items, key, (item) => html`<li>${content(item)}</li>`);
}
