import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/define/atlas-provider.js';
import '../../components/define/atlas-dashboard-card.js';
import type { AtlasDashboardCard } from '../../components/dashboard-card/dashboard-card.js';
import type { AtlasProvider } from '../../components/provider/provider.js';
import type { DashboardSummary } from '../../components/internal/types.js';
import { demoToken, until, api, captureDownloads } from './support.js';

async function summary(token: string, id: string, filter = 'all'): Promise<DashboardSummary> {
  const { dashboards } = await api<{ dashboards: DashboardSummary[] }>(token, `/dashboards?filter=${filter}`);
  const found = dashboards.find((d) => d.id === id);
  if (!found) throw new Error(`${id} not listed`);
  return found;
}

async function renderCard(token: string, dashboard: DashboardSummary): Promise<AtlasDashboardCard> {
  const provider = await fixture<AtlasProvider>(
    html`<atlas-provider .token=${token}
      ><atlas-dashboard-card .dashboard=${dashboard}></atlas-dashboard-card
    ></atlas-provider>`,
  );
  const card = provider.querySelector('atlas-dashboard-card')!;
  await card.updateComplete;
  return card;
}

const $ = <T extends Element = HTMLElement>(card: AtlasDashboardCard, selector: string) =>
  card.shadowRoot!.querySelector<T>(selector);
const menuLabels = (card: AtlasDashboardCard) =>
  [...card.shadowRoot!.querySelectorAll('[role="menuitem"]')].map((i) => i.textContent!.trim());

describe('<atlas-dashboard-card>', () => {
  let alice: string;
  let bob: string;
  before(async () => {
    alice = await demoToken('alice');
    bob = await demoToken('bob');
  });

  it('C2/U4: shows title, description, owner, the "Shared" badge and the viewer icon for a recipient', async () => {
    const card = await renderCard(bob, await summary(bob, 'sales-overview'));
    expect($(card, '#title')!.textContent!.trim()).to.equal('Sales overview');
    expect($(card, '.description')!.textContent).to.contain('Revenue');
    expect($(card, '.footer')!.textContent).to.contain('Alice Andersen');
    expect([...card.shadowRoot!.querySelectorAll('.badge')].map((b) => b.textContent!.trim())).to.deep.equal([
      'Shared',
    ]);
    expect($(card, '.access button')!.dataset.icon).to.equal('eye');
    await expect(card).to.be.accessible();
  });

  it('P6: the permission tooltip is reachable by keyboard and is the button description for screen readers', async () => {
    const dashboard = await summary(alice, 'sales-overview');
    const card = await renderCard(alice, dashboard);
    const button = $<HTMLButtonElement>(card, '.access button')!;
    expect(button.dataset.icon).to.equal('group');
    const tip = card.shadowRoot!.getElementById(button.getAttribute('aria-describedby')!)!;
    expect(tip.getAttribute('role')).to.equal('tooltip');
    expect(tip.textContent).to.equal(dashboard.access.summary);
    expect(getComputedStyle(tip).visibility).to.equal('hidden');
    button.focus();
    await card.updateComplete;
    expect(getComputedStyle(tip).visibility).to.equal('visible');
    await expect(card).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await card.updateComplete;
    expect(getComputedStyle(tip).visibility).to.equal('hidden');
  });

  it('C2: the owner gets Open, Share, Export XLSX and Delete; a viewer gets the read-only Who has access, no Delete', async () => {
    const owned = await renderCard(alice, await summary(alice, 'sales-overview'));
    expect(menuLabels(owned)).to.deep.equal(['Open', 'Share', 'Export XLSX', 'Delete…']);
    const viewed = await renderCard(bob, await summary(bob, 'sales-overview'));
    expect(menuLabels(viewed)).to.deep.equal(['Open', 'Who has access', 'Export XLSX']);
  });

  it('issue 17: a co-owner who did not create the dashboard is not offered Delete (canDelete from the server)', async () => {
    const { dashboard } = await api<{ dashboard: { id: string } }>(alice, '/dashboards', {
      method: 'POST',
      json: { projectId: 'sales', title: 'Co-owned' },
    });
    try {
      await api(alice, `/dashboards/${dashboard.id}/shares`, {
        method: 'POST',
        json: { username: 'bob', role: 'owner' },
      });
      const coOwned = await summary(bob, dashboard.id);
      expect(coOwned.role).to.equal('owner');
      expect(coOwned.canDelete).to.equal(false);
      const card = await renderCard(bob, coOwned);
      expect(menuLabels(card)).to.deep.equal(['Open', 'Share', 'Export XLSX']);
    } finally {
      await api(alice, `/dashboards/${dashboard.id}`, { method: 'DELETE' });
    }
  });

  it('issue 17: a refused delete is an alert box, not a line of grey text', async () => {
    const { dashboard } = await api<{ dashboard: { id: string } }>(alice, '/dashboards', {
      method: 'POST',
      json: { projectId: 'sales', title: 'Refused delete' },
    });
    try {
      await api(alice, `/dashboards/${dashboard.id}/shares`, {
        method: 'POST',
        json: { username: 'bob', role: 'owner' },
      });
      // An older server's summary (no canDelete): the card falls back to the role and the server refuses.
      const { canDelete: _dropped, ...legacy } = await summary(bob, dashboard.id);
      const card = await renderCard(bob, legacy);
      $<HTMLElement>(card, '[data-action="delete"]')!.click();
      await card.updateComplete;
      $<HTMLButtonElement>(card, '.dialog-actions .danger')!.click();
      await until(() => Boolean($(card, '.dialog-error')), 'delete error');
      const alert = $<HTMLElement>(card, '.dialog-error')!;
      expect(alert.getAttribute('role')).to.equal('alert');
      expect(alert.textContent).to.contain('The dashboard was not deleted.');
      expect(alert.textContent).to.contain('Only the person who created this dashboard can delete it.');
      const style = getComputedStyle(alert);
      expect(style.borderInlineStartWidth).to.equal('4px');
      expect(style.backgroundColor).not.to.equal('rgba(0, 0, 0, 0)');
      await expect(card).to.be.accessible();
      $<HTMLButtonElement>(card, '.dialog-actions .button')!.click();
    } finally {
      await api(alice, `/dashboards/${dashboard.id}`, { method: 'DELETE' });
    }
  });

  it('issue 17 (seed 002): the permission icon opens the share dialog, read-only for a viewer', async () => {
    await import('../../components/define/atlas-share-dialog.js');
    const card = await renderCard(bob, await summary(bob, 'sales-overview'));
    const icon = $<HTMLButtonElement>(card, '.access .icon-button')!;
    expect(icon.getAttribute('aria-haspopup')).to.equal('dialog');
    const shared = oneEvent(card, 'atlas-share');
    icon.click();
    expect((await shared).detail.dashboardId).to.equal('sales-overview');
    const dialog = document.querySelector('atlas-share-dialog') as HTMLElement & {
      open: boolean;
      loadComplete: Promise<void>;
      close(): void;
    };
    await until(() => dialog.open, 'share dialog open');
    await dialog.loadComplete;
    const deep = (sel: string) =>
      dialog.shadowRoot!.querySelector('atlas-people-panel')?.shadowRoot?.querySelector<HTMLButtonElement>(sel);
    await until(() => Boolean(deep('#add')), 'people panel');
    expect(deep('#add')!.disabled).to.equal(true);
    dialog.close();
    dialog.remove();
  });

  it('C7: the More menu follows the menu button pattern (arrows, Home/End, Escape returns focus)', async () => {
    const card = await renderCard(alice, await summary(alice, 'sales-overview'));
    const button = $<HTMLButtonElement>(card, '.menu-button')!;
    expect(button.getAttribute('aria-haspopup')).to.equal('menu');
    button.focus();
    await sendKeys({ press: 'ArrowDown' });
    await card.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    const focused = () => card.shadowRoot!.activeElement?.textContent?.trim();
    await until(() => focused() === 'Open', 'first item focused');
    await expect(card).to.be.accessible();
    await sendKeys({ press: 'ArrowDown' });
    expect(focused()).to.equal('Share');
    await sendKeys({ press: 'End' });
    expect(focused()).to.equal('Delete…');
    await sendKeys({ press: 'ArrowDown' });
    expect(focused()).to.equal('Open');
    await sendKeys({ press: 'ArrowUp' });
    expect(focused()).to.equal('Delete…');
    await sendKeys({ press: 'Home' });
    expect(focused()).to.equal('Open');
    await sendKeys({ press: 'Escape' });
    await card.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect($(card, '[role="menu"]')!.hidden).to.equal(true);
    expect(card.shadowRoot!.activeElement).to.equal(button);
    // ArrowUp opens on the last item.
    await sendKeys({ press: 'ArrowUp' });
    await until(() => focused() === 'Delete…', 'last item focused');
  });

  it('C2: Open fires a bubbling, composed atlas-open with the dashboard id (keyboard and click)', async () => {
    const card = await renderCard(bob, await summary(bob, 'sales-overview'));
    $<HTMLButtonElement>(card, '.menu-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => card.shadowRoot!.activeElement?.textContent?.trim() === 'Open');
    const keyboard = oneEvent(document, 'atlas-open');
    await sendKeys({ press: 'Enter' });
    const event = await keyboard;
    expect(event.detail).to.deep.equal({ dashboardId: 'sales-overview', title: 'Sales overview' });
    expect(event.bubbles && event.composed).to.equal(true);
    const click = oneEvent(card, 'atlas-open');
    $<HTMLButtonElement>(card, '#title')!.click();
    expect((await click).detail.dashboardId).to.equal('sales-overview');
  });

  it('C2: Share fires atlas-share for the owner', async () => {
    const card = await renderCard(alice, await summary(alice, 'ops-wall'));
    $<HTMLButtonElement>(card, '.menu-button')!.click();
    await card.updateComplete;
    const shared = oneEvent(card, 'atlas-share');
    $<HTMLElement>(card, '[data-action="share"]')!.click();
    expect((await shared).detail).to.deep.equal({ dashboardId: 'ops-wall', title: 'Operations wall' });
  });

  it('C2/C3: Share opens the <atlas-share-dialog> for the dashboard when it is registered; focus returns on close', async () => {
    await import('../../components/define/atlas-share-dialog.js');
    const card = await renderCard(alice, await summary(alice, 'ops-wall'));
    const menuButton = $<HTMLButtonElement>(card, '.menu-button')!;
    menuButton.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => card.shadowRoot!.activeElement?.textContent?.trim() === 'Open');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    const dialog = document.querySelector('atlas-share-dialog') as HTMLElement & { dashboardId: string; open: boolean };
    expect(dialog).to.exist;
    expect(dialog.dashboardId).to.equal('ops-wall');
    await until(() => dialog.open, 'share dialog open');
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog.open, 'share dialog closed');
    await until(() => card.shadowRoot!.activeElement === menuButton, 'focus back on the menu button');
    dialog.remove();
  });

  it('L1/P6: shows a "Public" badge while the dashboard has an active public link', async () => {
    const { dashboard } = await api<{ dashboard: { id: string } }>(alice, '/dashboards', {
      method: 'POST',
      json: { projectId: 'ops', title: 'Card public badge' },
    });
    try {
      const before = await renderCard(alice, await summary(alice, dashboard.id));
      expect(before.shadowRoot!.querySelector('.badge.public')).to.equal(null);
      await api(alice, `/dashboards/${dashboard.id}/public-links`, { method: 'POST', json: { label: 'Customer A' } });
      const after = await renderCard(alice, await summary(alice, dashboard.id));
      expect($(after, '.badge.public')!.textContent!.trim()).to.equal('Public');
      await expect(after).to.be.accessible();
    } finally {
      await api(alice, `/dashboards/${dashboard.id}`, { method: 'DELETE' });
    }
  });

  it('V6: Export XLSX downloads the workbook from the real server', async () => {
    const card = await renderCard(bob, await summary(bob, 'plant-maintenance'));
    const { downloads, stop } = captureDownloads();
    try {
      $<HTMLButtonElement>(card, '.menu-button')!.click();
      await card.updateComplete;
      $<HTMLElement>(card, '[data-action="export"]')!.click();
      await until(
        () => $(card, '.status')!.textContent !== 'Preparing XLSX export…' && $(card, '.status')!.textContent !== '',
        'export to finish',
      );
      expect($(card, '.status')!.textContent).to.equal('Export downloaded.');
      expect(downloads).to.have.length(1);
      expect(downloads[0]!.download).to.match(/\.xlsx$/);
    } finally {
      stop();
    }
  });

  it('C2: Delete asks for confirmation; Cancel keeps the dashboard, Delete removes it and fires atlas-delete', async () => {
    const { dashboard } = await api<{ dashboard: { id: string } }>(alice, '/dashboards', {
      method: 'POST',
      json: { projectId: 'ops', title: 'Card delete me' },
    });
    const card = await renderCard(alice, await summary(alice, dashboard.id));
    const menuButton = $<HTMLButtonElement>(card, '.menu-button')!;
    menuButton.click();
    await card.updateComplete;
    $<HTMLElement>(card, '[data-action="delete"]')!.click();
    const dialog = $<HTMLDialogElement>(card, 'dialog')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.textContent).to.contain('Delete “Card delete me”?');
    await expect(card).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog.open, 'dialog closed by Escape');
    expect(card.shadowRoot!.activeElement).to.equal(menuButton);
    await summary(alice, dashboard.id); // still there

    menuButton.click();
    await card.updateComplete;
    $<HTMLElement>(card, '[data-action="delete"]')!.click();
    const deleted = oneEvent(card, 'atlas-delete');
    $<HTMLButtonElement>(card, 'dialog .button.danger')!.click();
    expect((await deleted).detail.dashboardId).to.equal(dashboard.id);
    const response = await fetch(`/api/dashboards/${dashboard.id}`, { headers: { Authorization: `Bearer ${alice}` } });
    expect(response.status).to.equal(404);
  });

  it('C6: without an <atlas-provider> it shows a configuration message', async () => {
    const card = await fixture<AtlasDashboardCard>(html`<atlas-dashboard-card></atlas-dashboard-card>`);
    expect(card.shadowRoot!.textContent).to.contain('No <atlas-provider> found');
    await expect(card).to.be.accessible();
  });
});
