import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../components/define/atlas-provider.js';
import '../../components/define/atlas-dashboard.js';
import type { AtlasDashboard } from '../../components/dashboard/dashboard.js';
import type { AtlasWidget } from '../../components/widget/widget.js';
import type { DashboardDetail } from '../../components/internal/types.js';
import { AtlasDeleteEvent } from '../../components/events/delete.js';
import { AtlasShareChangeEvent } from '../../components/events/share-change.js';
import { $, renderDashboard } from './dashboard.support.js';
import { demoToken, until, api, captureDownloads } from './support.js';

const buttons = (el: AtlasDashboard) =>
  [...el.shadowRoot!.querySelectorAll('[part="actions"] button')].map((b) =>
    b.textContent!.replace(/\s+/g, ' ').trim(),
  );
const widgets = (el: AtlasDashboard) => [...el.shadowRoot!.querySelectorAll<AtlasWidget>('atlas-widget')];
const widgetText = (w: AtlasWidget) => w.shadowRoot?.textContent ?? '';

/** Counts the page's GET requests for one dashboard's definition, per bearer token. */
function countDefinitionLoads(dashboardId: string): { loads(token: string): number; stop(): void } {
  const seen: { url: string; method: string; authorization: string | null }[] = [];
  const original = window.fetch;
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push({
      url: String(input),
      method: init?.method ?? 'GET',
      authorization: new Headers(init?.headers).get('Authorization'),
    });
    return original.call(window, input, init);
  };
  const path = `/api/dashboards/${dashboardId}`;
  return {
    loads: (token) =>
      seen.filter(
        (r) =>
          r.method === 'GET' &&
          new URL(r.url, location.href).pathname === path &&
          r.authorization === `Bearer ${token}`,
      ).length,
    stop: () => (window.fetch = original),
  };
}

const quiet = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('<atlas-dashboard>', () => {
  let alice: string;
  let bob: string;
  before(async () => {
    alice = await demoToken('alice');
    bob = await demoToken('bob');
    sessionStorage.clear();
  });

  it('C4: shows the title, the global filters and every widget placed on the 12-column grid', async () => {
    const el = await renderDashboard(alice, 'sales-overview');
    expect($(el, 'h2')!.textContent).to.equal('Sales overview');
    expect(widgets(el)).to.have.length(8);
    const revenueByMonth = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.cell')].find(
      (c) => c.querySelector('atlas-widget')!.widget!.id === 'revenue-by-month',
    )!;
    expect(revenueByMonth.style.gridColumn).to.equal('1 / span 8');
    expect(revenueByMonth.style.gridRow).to.equal('3 / span 4');
    expect([...el.shadowRoot!.querySelectorAll('.filter-label')].map((l) => l.textContent!.trim())).to.deep.equal([
      'Region',
      'Channel',
      'Order date',
    ]);
    expect($(el, '.meta')!.textContent).to.contain('Last updated');
    await until(() => widgets(el).every((w) => !widgetText(w).includes('Loading')), 'widgets loaded', 8000);
    await expect(el).to.be.accessible();
  });

  it('P3/U4: a viewer gets Refresh, Export XLSX and Who has access (issue 17: read-only sharing), no Edit', async () => {
    const el = await renderDashboard(bob, 'sales-overview');
    expect(buttons(el)).to.deep.equal(['Refresh', 'Export XLSX', 'Who has access']);
    expect($(el, 'dialog')).to.equal(null);
    const shared = oneEvent(el, 'atlas-share');
    $<HTMLButtonElement>(el, '.share-button')!.click();
    expect((await shared).detail.dashboardId).to.equal('sales-overview');
  });

  it('P3: an author gets Edit and the read-only Who has access; the owner gets Share and Edit', async () => {
    const author = await renderDashboard(await demoToken('carol'), 'sales-overview');
    expect(buttons(author)).to.deep.equal(['Refresh', 'Export XLSX', 'Who has access', 'Edit']);
    const owner = await renderDashboard(alice, 'sales-overview');
    expect(buttons(owner)).to.deep.equal(['Refresh', 'Export XLSX', 'Share', 'Edit']);
    const shared = oneEvent(owner, 'atlas-share');
    $<HTMLButtonElement>(owner, '.share-button')!.click();
    expect((await shared).detail.dashboardId).to.equal('sales-overview');
  });

  it('V4: Refresh reloads the definition and hands every widget a new loader (what the interval timer calls)', async () => {
    const el = await renderDashboard(alice, 'ops-wall');
    expect($(el, '.meta')!.textContent).to.contain('Auto-refresh every 30 seconds');
    const before = widgets(el).map((w) => w.loader);
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="actions"] button')]
      .find((b) => b.textContent!.includes('Refresh'))!
      .click();
    await el.updateComplete;
    const after = widgets(el).map((w) => w.loader);
    expect(after).to.have.length(before.length);
    after.forEach((loader, i) => expect(loader).not.to.equal(before[i]));
    await el.loadComplete;
  });

  it('P4: a widget whose data source the user cannot read says so; the dashboard still renders', async () => {
    // Bob sees Sales overview through a share but is not in the sales project, so he cannot read its sources.
    const el = await renderDashboard(bob, 'sales-overview');
    await until(() => widgets(el).every((w) => widgetText(w).includes("don't have access")), 'forbidden widgets', 8000);
    expect(widgets(el)).to.have.length(8);
    await expect(el).to.be.accessible();
  });

  it('V3/U4: global filters are kept in sessionStorage for the session, reach the widgets, and are not saved', async () => {
    const el = await renderDashboard(alice, 'sales-overview');
    const before = widgets(el).find((w) => w.widget!.id === 'revenue')!.loader;
    const channel = $<HTMLSelectElement>(el, '#filter-channel')!;
    const changed = oneEvent(el, 'atlas-filters-change');
    channel.value = 'Online';
    channel.dispatchEvent(new Event('change'));
    expect((await changed).detail.filters).to.deep.equal({ channel: 'Online' });
    await el.updateComplete;
    expect(widgets(el).find((w) => w.widget!.id === 'revenue')!.loader).not.to.equal(before);
    expect(JSON.parse(sessionStorage.getItem('atlas-filters:sales-overview')!)).to.deep.equal({ channel: 'Online' });

    // A multi filter through its keyboard-operable disclosure.
    const region = $<HTMLButtonElement>(el, '#filter-region')!;
    region.click();
    await el.updateComplete;
    expect(region.getAttribute('aria-expanded')).to.equal('true');
    await expect(el).to.be.accessible();
    const emea = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('.multi-panel input')][1]!;
    emea.click();
    await el.updateComplete;
    emea.focus();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(region.getAttribute('aria-expanded')).to.equal('false');
    expect(el.shadowRoot!.activeElement).to.equal(region);
    expect(JSON.parse(sessionStorage.getItem('atlas-filters:sales-overview')!)).to.deep.equal({
      channel: 'Online',
      region: ['EMEA'],
    });

    // Another element in the same session starts with the same filters; the server copy is untouched.
    const again = await renderDashboard(alice, 'sales-overview');
    expect($<HTMLSelectElement>(again, '#filter-channel')!.value).to.equal('Online');
    const { dashboard } = await api<{ dashboard: DashboardDetail }>(alice, '/dashboards/sales-overview');
    expect(dashboard.filters.every((f) => f.default === undefined)).to.equal(true);
    sessionStorage.clear();
  });

  it("a click on a multi-select option's text toggles it and keeps the panel open; a click outside closes it (issue 17 item 1)", async () => {
    sessionStorage.clear();
    const el = await renderDashboard(alice, 'sales-overview');
    const region = $<HTMLButtonElement>(el, '#filter-region')!;
    // A real pointer click, so focus moves as it does for a user (the button first, then the option's text).
    const clickAt = async (target: Element, at: 'text' | 'centre' = 'centre') => {
      const box = target.getBoundingClientRect();
      const x = at === 'text' ? box.right - 8 : box.left + box.width / 2;
      await sendMouse({ type: 'click', position: [Math.round(x), Math.round(box.top + box.height / 2)] });
      await el.updateComplete;
    };
    await clickAt(region);
    expect(region.getAttribute('aria-expanded')).to.equal('true');
    const emea = [...el.shadowRoot!.querySelectorAll<HTMLLabelElement>('.multi-panel .check')][1]!;
    await clickAt(emea, 'text');
    expect(region.getAttribute('aria-expanded')).to.equal('true');
    expect(emea.querySelector('input')!.checked).to.equal(true);
    expect(JSON.parse(sessionStorage.getItem('atlas-filters:sales-overview')!)).to.deep.equal({ region: ['EMEA'] });
    await clickAt($(el, '.filter-note')!);
    expect(region.getAttribute('aria-expanded')).to.equal('false');
    sessionStorage.clear();
  });

  it('the Add widget dialog opens with a valid chart: a bar chart grouped by the first text field (issue 17 item 7)', async () => {
    const { dashboard } = await api<{ dashboard: { id: string } }>(alice, '/dashboards', {
      method: 'POST',
      json: { projectId: 'sales', title: 'Default widget' },
    });
    try {
      const el = await renderDashboard(alice, dashboard.id);
      $<HTMLButtonElement>(el, '.edit-button')!.click();
      await el.updateComplete;
      await until(() => $<HTMLSelectElement>(el, '.editor-dialog select')!.options.length > 0, 'data sources loaded');
      $<HTMLButtonElement>(el, '.add-button')!.click();
      await el.updateComplete;
      const dialog = $<HTMLDialogElement>(el, '.editor-dialog')!;
      const groupBy = [...dialog.querySelectorAll<HTMLSelectElement>('select')][4]!;
      expect(groupBy.value).not.to.equal('');
      // Only the title is asked for: Add works with everything else as it opened.
      const name = dialog.querySelector<HTMLInputElement>('input[name="title"]')!;
      name.value = 'As it opened';
      name.dispatchEvent(new Event('input'));
      dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      await el.updateComplete;
      expect(dialog.querySelector('[role="alert"]')?.textContent ?? '').to.equal('');
      expect(dialog.open).to.equal(false);
      expect($(el, '.placeholder')!.textContent).to.contain('As it opened');
    } finally {
      await api(alice, `/dashboards/${dashboard.id}`, { method: 'DELETE' });
    }
  });

  it('C4: edit mode edits the title, adds a widget with the query builder, removes one, and saves to the server', async () => {
    const { dashboard } = await api<{ dashboard: { id: string } }>(alice, '/dashboards', {
      method: 'POST',
      json: { projectId: 'sales', title: 'Edit me' },
    });
    try {
      const el = await renderDashboard(alice, dashboard.id);
      expect($(el, '.empty-grid')!.textContent).to.contain('no widgets yet');
      $<HTMLButtonElement>(el, '.edit-button')!.click();
      await el.updateComplete;
      const title = $<HTMLInputElement>(el, '.title-input')!;
      expect(el.shadowRoot!.activeElement).to.equal(title);
      title.value = 'Edited title';
      title.dispatchEvent(new Event('input'));
      await until(() => $<HTMLSelectElement>(el, '.editor-dialog select')!.options.length > 0, 'data sources loaded');
      await expect(el).to.be.accessible();

      $<HTMLButtonElement>(el, '.add-button')!.click();
      const dialog = $<HTMLDialogElement>(el, '.editor-dialog')!;
      expect(dialog.open).to.equal(true);
      await expect(el).to.be.accessible();
      const selects = () => [...dialog.querySelectorAll<HTMLSelectElement>('select')];
      const set = async (select: HTMLSelectElement, value: string) => {
        select.value = value;
        select.dispatchEvent(new Event('change'));
        await el.updateComplete;
      };
      // Submitting without a title explains what is missing.
      dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      await el.updateComplete;
      expect(dialog.querySelector('[role="alert"]')!.textContent).to.contain('title');
      const name = dialog.querySelector<HTMLInputElement>('input[name="title"]')!;
      name.value = 'Units by region';
      name.dispatchEvent(new Event('input'));
      await set(selects()[0]!, 'orders'); // data source
      await set(selects()[1]!, 'bar'); // chart type
      await set(selects()[2]!, 'sum'); // metric
      await set(selects()[3]!, 'quantity'); // of field
      await set(selects()[4]!, 'region'); // group by
      dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      await el.updateComplete;
      expect(dialog.querySelector('[role="alert"]')?.textContent ?? '').to.equal('');
      expect(dialog.open).to.equal(false);
      expect($(el, '.placeholder')!.textContent).to.contain('Units by region');

      const saved = oneEvent(el, 'atlas-dashboard-save');
      [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="actions"] button')]
        .find((b) => b.textContent!.trim() === 'Save')!
        .click();
      expect((await saved).detail.title).to.equal('Edited title');
      await el.updateComplete;
      const { dashboard: after } = await api<{ dashboard: DashboardDetail }>(alice, `/dashboards/${dashboard.id}`);
      expect(after.title).to.equal('Edited title');
      expect(after.widgets).to.have.length(1);
      expect(after.widgets[0]!.query.metrics[0]).to.include({ agg: 'sum', field: 'quantity' });
      expect(after.widgets[0]!.query.dimensions).to.deep.equal(['region']);
      expect(widgets(el)).to.have.length(1);
      await until(
        () =>
          widgetText(widgets(el)[0]!).includes('Units by region') && !widgetText(widgets(el)[0]!).includes('Loading'),
        'new widget data',
      );

      // Remove it again; Cancel first proves nothing is saved without Save.
      $<HTMLButtonElement>(el, '.edit-button')!.click();
      await el.updateComplete;
      $<HTMLButtonElement>(el, '.remove')!.click();
      await el.updateComplete;
      expect(widgets(el)).to.have.length(0);
      [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="actions"] button')]
        .find((b) => b.textContent!.trim() === 'Cancel')!
        .click();
      await el.updateComplete;
      expect(widgets(el)).to.have.length(1);
      $<HTMLButtonElement>(el, '.edit-button')!.click();
      await el.updateComplete;
      $<HTMLButtonElement>(el, '.remove')!.click();
      await el.updateComplete;
      const savedAgain = oneEvent(el, 'atlas-dashboard-save');
      [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="actions"] button')]
        .find((b) => b.textContent!.trim() === 'Save')!
        .click();
      await savedAgain;
      const { dashboard: emptied } = await api<{ dashboard: DashboardDetail }>(alice, `/dashboards/${dashboard.id}`);
      expect(emptied.widgets).to.have.length(0);
    } finally {
      await api(alice, `/dashboards/${dashboard.id}`, { method: 'DELETE' });
    }
  });

  it('reloads when its own sharing changes under its own provider, and only then (issue 15)', async () => {
    const page = await fixture<HTMLElement>(
      html`<div>
        <atlas-provider id="a" .token=${alice}
          ><atlas-dashboard dashboard-id="sales-overview"></atlas-dashboard><atlas-share-dialog></atlas-share-dialog
        ></atlas-provider>
        <atlas-provider id="b" .token=${bob}
          ><atlas-dashboard dashboard-id="sales-overview"></atlas-dashboard
        ></atlas-provider>
      </div>`,
    );
    const [a, b] = [...page.querySelectorAll('atlas-dashboard')];
    await Promise.all([a!.loadComplete, b!.loadComplete]);
    const counter = countDefinitionLoads('sales-overview');
    try {
      const dialog = page.querySelector('#a atlas-share-dialog')!;
      dialog.dispatchEvent(new AtlasShareChangeEvent({ dashboardId: 'ops-wall', kind: 'link-created', linkId: 'x' }));
      await quiet();
      expect(counter.loads(alice), 'another dashboard changed').to.equal(0);

      dialog.dispatchEvent(new AtlasShareChangeEvent({ dashboardId: 'sales-overview', kind: 'organization-access' }));
      await until(() => counter.loads(alice) === 1, 'the dashboard under provider a to reload');
      await a!.loadComplete;
      await quiet();
      expect(counter.loads(alice)).to.equal(1);
      expect(counter.loads(bob), 'the same dashboard under provider b').to.equal(0);
    } finally {
      counter.stop();
    }
  });

  it('after its own Save it reloads once; deleted elsewhere under its provider, it says so (issue 15)', async () => {
    const { dashboard } = await api<{ dashboard: { id: string } }>(alice, '/dashboards', {
      method: 'POST',
      json: { projectId: 'sales', title: 'Reload me' },
    });
    let deleted = false;
    try {
      const el = await renderDashboard(alice, dashboard.id);
      $<HTMLButtonElement>(el, '.edit-button')!.click();
      await el.updateComplete;
      const title = $<HTMLInputElement>(el, '.title-input')!;
      title.value = 'Reloaded';
      title.dispatchEvent(new Event('input'));
      const counter = countDefinitionLoads(dashboard.id);
      try {
        const saved = oneEvent(el, 'atlas-dashboard-save');
        [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="actions"] button')]
          .find((b) => b.textContent!.trim() === 'Save')!
          .click();
        await saved;
        await quiet();
        expect(counter.loads(alice), 'one reload: Save does not hear its own event back').to.equal(1);
        expect($(el, 'h2')!.textContent).to.equal('Reloaded');
      } finally {
        counter.stop();
      }

      // A card's Delete elsewhere under the same provider.
      await api(alice, `/dashboards/${dashboard.id}`, { method: 'DELETE' });
      deleted = true;
      el.parentElement!.append(document.createElement('div'));
      el.parentElement!.lastElementChild!.dispatchEvent(
        new AtlasDeleteEvent({ dashboardId: dashboard.id, title: 'Reloaded' }),
      );
      await until(() => $(el, '[part="error"]')?.textContent?.includes('Dashboard not found') ?? false, 'not found');
    } finally {
      if (!deleted) await api(alice, `/dashboards/${dashboard.id}`, { method: 'DELETE' });
    }
  });

  it('V6: Export XLSX downloads the workbook with the session filters applied', async () => {
    sessionStorage.setItem('atlas-filters:plant-maintenance', JSON.stringify({ machine: ['Press 1'] }));
    const el = await renderDashboard(bob, 'plant-maintenance');
    const { downloads, stop } = captureDownloads();
    try {
      const exportButton = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="actions"] button')].find(
        (b) => b.textContent!.includes('Export'),
      )!;
      exportButton.click();
      await until(() => downloads.length === 1 || $(el, '.banner.error') !== null, 'download');
      expect($(el, '.banner.error')).to.equal(null);
      expect(downloads[0]!.download).to.match(/\.xlsx$/);
      const blob = await (await fetch(downloads[0]!.href)).blob();
      expect(blob.size).to.be.greaterThan(1000);
    } finally {
      stop();
      sessionStorage.clear();
    }
  });

  it('P2: a dashboard the user cannot see shows "Dashboard not found"', async () => {
    const el = await renderDashboard(await demoToken('erin'), 'sales-overview');
    expect($(el, '[part="error"]')!.textContent).to.contain('Dashboard not found');
    await expect(el).to.be.accessible();
  });

  it('C6: without an <atlas-provider> it shows a configuration message', async () => {
    const el = await fixture<AtlasDashboard>(html`<atlas-dashboard dashboard-id="sales-overview"></atlas-dashboard>`);
    expect($(el, '[part="config-error"]')!.textContent).to.contain('No <atlas-provider> found');
    await expect(el).to.be.accessible();
  });
});
