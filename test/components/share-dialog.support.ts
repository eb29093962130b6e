/**
 * Helpers for the share dialog's component tests. The dialog renders its frame (`<atlas-dialog>`) and its panels
 * (`<atlas-people-panel>`, `<atlas-general-access>`, `<atlas-links-panel>`, one `<atlas-link-card>` per link) each
 * in its own shadow root, so queries here look through every shadow root under the dialog, as a user's eyes do.
 */
import { fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/define/atlas-provider.js';
import '../../components/define/atlas-share-dialog.js';
import type { AtlasShareChangeEvent } from '../../components/events/share-change.js';
import type { AtlasProvider } from '../../components/provider/provider.js';
import type { AtlasShareDialog } from '../../components/share-dialog/share-dialog.js';
import { api, until } from './support.js';

// Every test works on dashboards it creates, so tests stay independent of each other and of other test files that
// share the same server database.

export interface Link {
  id: string;
  url: string;
  token: string;
  label: string;
  passcode: string | null;
  lockedFilters: Record<string, unknown>;
  frameAncestors: string[] | null;
}
export interface Sharing {
  users: { username: string; role: string }[];
  project: { enabled: boolean; role: string | null };
  organization: { enabled: boolean };
}

const query = (metric: string) => ({
  metrics: [{ agg: 'count', as: metric, label: metric }],
  dimensions: [],
  filters: [],
  sort: [],
});

let counter = 0;
/** A dashboard of alice's in the sales project; with `privateSource`, one widget reads Support tickets (no public access). */
export async function newDashboard(owner: string, options: { privateSource?: boolean } = {}): Promise<string> {
  const { dashboard } = await api<{ dashboard: { id: string } }>(owner, '/dashboards', {
    method: 'POST',
    json: {
      projectId: 'sales',
      title: `Share test ${++counter} ${Date.now()}`,
      filters: [
        { field: 'region', type: 'multi', label: 'Region', options: ['APAC', 'EMEA', 'LATAM', 'North America'] },
        { field: 'channel', type: 'select', label: 'Channel', options: ['Online', 'Partner', 'Retail'] },
      ],
    },
  });
  await api(owner, `/dashboards/${dashboard.id}/widgets`, {
    method: 'POST',
    json: { title: 'Orders', type: 'kpi', dataSourceId: 'orders', query: query('orders') },
  });
  if (options.privateSource) {
    await api(owner, `/dashboards/${dashboard.id}/widgets`, {
      method: 'POST',
      json: { title: 'Open tickets', type: 'kpi', dataSourceId: 'support_tickets', query: query('tickets') },
    });
  }
  return dashboard.id;
}

export interface Mounted {
  provider: AtlasProvider;
  dialog: AtlasShareDialog;
  opener: HTMLButtonElement;
  changes: AtlasShareChangeEvent['detail'][];
}

export async function openDialog(token: string, dashboardId: string): Promise<Mounted> {
  const provider = await fixture<AtlasProvider>(
    html`<atlas-provider .token=${token}
      ><button id="opener">Share</button><atlas-share-dialog dashboard-id=${dashboardId}></atlas-share-dialog
    ></atlas-provider>`,
  );
  const dialog = provider.querySelector('atlas-share-dialog')!;
  const opener = provider.querySelector<HTMLButtonElement>('#opener')!;
  const changes: AtlasShareChangeEvent['detail'][] = [];
  provider.addEventListener('atlas-share-change', (e) => changes.push(e.detail));
  opener.focus();
  await dialog.show(opener);
  await dialog.loadComplete;
  return { provider, dialog, opener, changes };
}

/** Every element matching `selector` under `root`, through nested shadow roots, in document order. */
export function deepQueryAll<T extends Element = HTMLElement>(root: ParentNode, selector: string): T[] {
  const found: T[] = [];
  const visit = (node: ParentNode) => {
    for (const el of node.children) {
      if (el.matches(selector)) found.push(el as T);
      if (el.shadowRoot) visit(el.shadowRoot);
      visit(el);
    }
  };
  visit(root);
  return found;
}

export const $ = <T extends Element = HTMLElement>(dialog: Element, selector: string): T | null =>
  deepQueryAll<T>(dialog.shadowRoot!, selector)[0] ?? null;
export const $$ = <T extends Element = HTMLElement>(dialog: Element, selector: string): T[] =>
  deepQueryAll<T>(dialog.shadowRoot!, selector);

/** The element an IDREF attribute of `from` names: ids are looked up in `from`'s own (shadow) tree, as ARIA does. */
export const byId = (from: Element, id: string) => (from.getRootNode() as Document | ShadowRoot).getElementById(id);

export const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Text as laid out: slotted content counts where its slot is. */
export function flatText(node: Node): string {
  const collect = (n: Node): string => {
    if (n.nodeType === Node.TEXT_NODE) return n.textContent ?? '';
    if (n instanceof HTMLSlotElement) {
      const assigned = n.assignedNodes({ flatten: true });
      return (assigned.length ? assigned : [...n.childNodes]).map(collect).join('');
    }
    const children = n instanceof Element && n.shadowRoot ? n.shadowRoot.childNodes : n.childNodes;
    return [...children].map(collect).join('');
  };
  return collect(node).replace(/\s+/g, ' ').trim();
}

/** The focused element, looking through shadow roots. */
export function active(_dialog?: Element): HTMLElement | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el as HTMLElement | null;
}

export const people = (dialog: Element) => $$(dialog, '.people .person .who .name').map((n) => text(n));

/** Types into the user box with real key presses and waits for the suggestions of what was typed. */
export async function typeUser(dialog: Element, value: string) {
  const input = $<HTMLInputElement>(dialog, '#user-input')!;
  input.focus();
  await sendKeys({ type: value });
  await until(() => input.value === value, 'typed value');
}

export async function waitForSuggestions(dialog: Element) {
  await until(() => $$(dialog, '[role="option"]').length > 0 && !$(dialog, '#user-listbox')!.hidden, 'suggestions');
}

/** Presses Tab until the element matching `selector` has focus (keyboard only, no clicks). */
export async function tabTo(dialog: Element, selector: string, max = 40) {
  for (let i = 0; i < max; i++) {
    if (active(dialog)?.matches(selector)) return;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${selector}`);
}

/**
 * Issue 17 item 9: each link shows as a compact row until its label is clicked. Expands the link `linkId` (or every
 * link) as an owner does, and waits for its full card.
 */
export async function expandLinks(dialog: Element, linkId?: string): Promise<void> {
  const toggles = $$<HTMLButtonElement>(dialog, linkId ? `[data-link-id="${linkId}"] button.expand` : 'button.expand');
  if (linkId && !toggles.length) throw new Error(`no link ${linkId} to expand`);
  for (const toggle of toggles) if (toggle.getAttribute('aria-expanded') !== 'true') toggle.click();
  await until(() => toggles.every((t) => t.getAttribute('aria-expanded') === 'true'), 'the links expanded');
  await Promise.all(
    $$<HTMLElement & { updateComplete: Promise<unknown> }>(dialog, 'atlas-link-card').map((c) => c.updateComplete),
  );
}
