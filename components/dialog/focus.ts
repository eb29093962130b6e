/**
 * Focus helpers that see through shadow roots and slots. A dialog's controls live in the light DOM of its host page,
 * in slotted elements and in their own shadow roots; Tab visits them in the flattened tree's order, so these walk the
 * same tree.
 */

const TABBABLE = 'a[href], button, input, select, textarea, [tabindex]';

/** The children of a node as the browser lays them out: a shadow host's shadow root, a slot's assigned elements. */
function flatChildren(node: Element): Element[] {
  if (node instanceof HTMLSlotElement) {
    const assigned = node.assignedElements({ flatten: true });
    return assigned.length ? assigned : [...node.children];
  }
  return [...(node.shadowRoot ?? node).children];
}

/** Every element under `root` in the flattened tree, in document (Tab) order. */
function* flatDescendants(root: Element): Generator<Element> {
  for (const child of flatChildren(root)) {
    yield child;
    yield* flatDescendants(child);
  }
}

/** True when keyboard focus can land on `el` now: enabled, not inert, rendered and visible. */
function focusable(el: Element): el is HTMLElement {
  if (!(el instanceof HTMLElement) || el.tabIndex < 0 || (el as HTMLButtonElement).disabled) return false;
  if (el.closest('[inert]')) return false;
  return typeof el.checkVisibility !== 'function' || el.checkVisibility({ visibilityProperty: true });
}

/** The controls Tab visits inside `root`, in order. */
export function tabbables(root: Element | null | undefined): HTMLElement[] {
  if (!root) return [];
  return [...flatDescendants(root)].filter((el): el is HTMLElement => el.matches(TABBABLE) && focusable(el));
}

/** The first enabled `[autofocus]` control inside `root`, through slots and shadow roots. */
export function autofocusTarget(root: Element | null | undefined): HTMLElement | undefined {
  if (!root) return undefined;
  for (const el of flatDescendants(root)) if (el.hasAttribute('autofocus') && focusable(el)) return el;
  return undefined;
}

/** The focused element, looking through open shadow roots (a card's menu item lives in one). */
export function deepActiveElement(): HTMLElement | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement && active !== document.body ? active : null;
}

/** True when `node` is `root` or inside it in the flattened tree (slotted content counts as inside its slot). */
export function flatContains(root: Element, node: Node | null): boolean {
  for (let current = node; current;) {
    if (current === root) return true;
    current =
      (current instanceof Element && current.assignedSlot) ||
      current.parentNode ||
      (current instanceof ShadowRoot ? current.host : null);
  }
  return false;
}

/**
 * Keeps Tab and Shift+Tab inside a modal container. A native modal `<dialog>` already makes the page behind it inert,
 * but Tab from its last control still leaves for the browser's own UI; this wraps it back to the first control, as
 * the WAI-ARIA dialog pattern asks. Call it from the container's keydown handler.
 */
export function trapTab(event: KeyboardEvent, container: Element | null | undefined): void {
  if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) return;
  const items = tabbables(container);
  if (items.length === 0) {
    event.preventDefault();
    return;
  }
  const active = deepActiveElement();
  const index = active ? items.indexOf(active) : -1;
  if (event.shiftKey && index <= 0) {
    event.preventDefault();
    items.at(-1)!.focus();
  } else if (!event.shiftKey && (index === -1 || index === items.length - 1)) {
    event.preventDefault();
    items[0]!.focus();
  }
}
