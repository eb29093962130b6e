/**
 * Helpers for `<atlas-dashboard>` component tests: the element rendered inside a provider against the real server,
 * loaded, and queries into its shadow root.
 */
import { fixture, html } from '@open-wc/testing';
import '../../components/define/atlas-provider.js';
import '../../components/define/atlas-dashboard.js';
import type { AtlasDashboard } from '../../components/dashboard/dashboard.js';
import type { AtlasProvider } from '../../components/provider/provider.js';

/** `<atlas-dashboard dashboard-id=…>` in a provider signed in with `token`, once its dashboard has loaded. */
export async function renderDashboard(token: string, id: string): Promise<AtlasDashboard> {
  const provider = await fixture<AtlasProvider>(
    html`<atlas-provider .token=${token}><atlas-dashboard dashboard-id=${id}></atlas-dashboard></atlas-provider>`,
  );
  const el = provider.querySelector('atlas-dashboard')!;
  await el.updateComplete;
  await el.loadComplete;
  await el.updateComplete;
  return el;
}

export const $ = <T extends Element = HTMLElement>(el: AtlasDashboard, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);

/** The header action button whose text is `label` (Refresh, Share, Edit, Save, …). */
export const action = (el: AtlasDashboard, label: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="actions"] button')].find(
    (b) => b.textContent!.trim() === label,
  )!;
