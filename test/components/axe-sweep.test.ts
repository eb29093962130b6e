/**
 * Issue 17, "what it must do": axe-core on every exported element in its main states, light and dark, against the
 * real test server. The color scheme is emulated (`prefers-color-scheme`), and the public viewer also gets its
 * `theme` attribute. Any violation fails the test.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../components/atlas.js';
import type { AtlasDashboard } from '../../components/dashboard/dashboard.js';
import type { AtlasDashboardList } from '../../components/dashboard-list/dashboard-list.js';
import type { DashboardSummary } from '../../components/internal/types.js';
import type { AtlasLinkList } from '../../components/link-list/link-list.js';
import type { AtlasProvider } from '../../components/provider/provider.js';
import type { AtlasPublicViewer } from '../../components/public-viewer/public-viewer.js';
import type { AtlasWidget } from '../../components/widget/widget.js';
import { expandLinks, newDashboard, openDialog, type Link } from './share-dialog.support.js';
import { api, demoToken, until } from './support.js';

let alice = '';
let bob = '';

const inProvider = async <T extends Element>(token: string, inner: ReturnType<typeof html>, tag: string) => {
  const provider = await fixture<AtlasProvider>(html`<atlas-provider .token=${token}>${inner}</atlas-provider>`);
  return provider.querySelector(tag) as unknown as T;
};

async function link(id: string, body: Record<string, unknown> = {}): Promise<Link> {
  const { link } = await api<{ link: Link }>(alice, `/dashboards/${id}/public-links`, {
    method: 'POST',
    json: { label: 'Sweep', ...body },
  });
  return link;
}

const viewer = (token: string, theme: string) =>
  fixture<AtlasPublicViewer>(
    html`<atlas-public-viewer token=${token} api-base="/api" theme=${theme}></atlas-public-viewer>`,
  );

describe('axe-core on every element, light and dark (issue 17)', () => {
  before(async () => {
    [alice, bob] = await Promise.all([demoToken('alice'), demoToken('bob')]);
  });
  after(async () => {
    await emulateMedia({ colorScheme: 'light' });
  });

  for (const scheme of ['light', 'dark'] as const) {
    describe(scheme, () => {
      before(async () => {
        await emulateMedia({ colorScheme: scheme });
        // Elements without a surface of their own (the list, the dashboard) sit on the host page: a page in dark mode
        // is dark, as the demo's is.
        document.body.style.background = scheme === 'dark' ? '#14171c' : '';
      });
      after(() => {
        document.body.style.background = '';
      });

      it('atlas-provider with atlas-dashboard-list', async () => {
        const list = await inProvider<AtlasDashboardList>(
          alice,
          html`<atlas-dashboard-list></atlas-dashboard-list>`,
          'atlas-dashboard-list',
        );
        await list.loadComplete;
        await list.updateComplete;
        await expect(list.closest('atlas-provider')!).to.be.accessible();
      });

      it('atlas-dashboard-card', async () => {
        const { dashboards } = await api<{ dashboards: DashboardSummary[] }>(alice, '/dashboards');
        const card = await inProvider<HTMLElement>(
          alice,
          html`<atlas-dashboard-card .dashboard=${dashboards[0]}></atlas-dashboard-card>`,
          'atlas-dashboard-card',
        );
        await (card as unknown as { updateComplete: Promise<unknown> }).updateComplete;
        await expect(card).to.be.accessible();
      });

      it('atlas-dashboard, view and edit mode', async () => {
        const el = await inProvider<AtlasDashboard>(
          alice,
          html`<atlas-dashboard dashboard-id="sales-overview"></atlas-dashboard>`,
          'atlas-dashboard',
        );
        await el.loadComplete;
        await el.updateComplete;
        await expect(el).to.be.accessible();
        el.shadowRoot!.querySelector<HTMLButtonElement>('.edit-button')!.click();
        await el.updateComplete;
        await until(() => !el.shadowRoot!.querySelector('.edit-button'), 'edit mode');
        await expect(el).to.be.accessible();
      });

      it('atlas-share-dialog, owner (links collapsed and expanded) and read-only', async () => {
        const id = await newDashboard(alice, { privateSource: true });
        await api(alice, `/dashboards/${id}/shares`, { method: 'POST', json: { username: 'bob' } });
        await link(id, { passcode: true });
        const owner = await openDialog(alice, id);
        await expect(owner.dialog).to.be.accessible();
        await expandLinks(owner.dialog);
        await expect(owner.dialog).to.be.accessible();
        owner.dialog.close();
        const reader = await openDialog(bob, id);
        await expect(reader.dialog).to.be.accessible();
        reader.dialog.close();
      });

      it('atlas-link-list', async () => {
        const id = await newDashboard(alice);
        await link(id);
        const list = await inProvider<AtlasLinkList>(
          alice,
          html`<atlas-link-list></atlas-link-list>`,
          'atlas-link-list',
        );
        await list.loadComplete;
        await list.updateComplete;
        await expect(list).to.be.accessible();
      });

      it('atlas-public-viewer: dashboard, passcode screen, unavailable screen', async () => {
        const id = await newDashboard(alice);
        const open = await link(id);
        const shown = await viewer(open.token, scheme);
        await until(() => shown.status === 'ready', 'the dashboard');
        await expect(shown).to.be.accessible();

        const locked = await link(id, { passcode: true });
        const asking = await viewer(locked.token, scheme);
        await until(() => asking.status === 'passcode', 'the passcode screen');
        await expect(asking).to.be.accessible();

        await api(alice, `/dashboards/${id}/public-links/${open.id}`, { method: 'DELETE' });
        const gone = await viewer(open.token, scheme);
        await until(() => gone.status === 'unavailable', 'the unavailable screen');
        await expect(gone).to.be.accessible();
      });

      it('atlas-widget', async () => {
        const { dashboard } = await api<{ dashboard: { widgets: { id: string }[] } }>(
          alice,
          '/dashboards/sales-overview',
        );
        for (const w of dashboard.widgets.slice(0, 3)) {
          const data = await api(alice, `/dashboards/sales-overview/widgets/${w.id}/data`);
          const el = await fixture<AtlasWidget>(
            html`<atlas-widget style="inline-size: 640px" .widget=${w} .data=${data}></atlas-widget>`,
          );
          await el.updateComplete;
          await expect(el).to.be.accessible();
        }
      });
    });
  }
});
