/** The list's New dashboard (issue 17 item 2): create from the toolbar or the empty state, then open in edit mode. */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../components/define/atlas-provider.js';
import '../../components/define/atlas-dashboard-list.js';
import '../../components/define/atlas-dashboard.js';
import type { AtlasDashboardList } from '../../components/dashboard-list/dashboard-list.js';
import type { AtlasDashboard } from '../../components/dashboard/dashboard.js';
import type { AtlasOpenEvent } from '../../components/events/open.js';
import type { AtlasProvider } from '../../components/provider/provider.js';
import type { DashboardDetail } from '../../components/internal/types.js';
import { api, demoToken, until } from './support.js';

async function renderList(token: string): Promise<AtlasDashboardList> {
  const provider = await fixture<AtlasProvider>(
    html`<atlas-provider .token=${token}><atlas-dashboard-list></atlas-dashboard-list></atlas-provider>`,
  );
  const list = provider.querySelector('atlas-dashboard-list')!;
  await list.updateComplete;
  await list.loadComplete;
  await list.updateComplete;
  return list;
}

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const dialogOf = (list: AtlasDashboardList) => $<HTMLDialogElement>(list, '.new-dashboard-dialog')!;
const field = <T extends HTMLElement>(list: AtlasDashboardList, name: string) =>
  dialogOf(list).querySelector<T>(`[name="${name}"]`)!;
async function type(list: AtlasDashboardList, name: string, value: string) {
  const input = field<HTMLInputElement>(list, name);
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await list.updateComplete;
}
async function submit(list: AtlasDashboardList) {
  dialogOf(list).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  await list.updateComplete;
}
const alertText = (list: AtlasDashboardList) => dialogOf(list).querySelector('[role="alert"]')?.textContent?.trim();
const projectsLoaded = (list: AtlasDashboardList) =>
  until(() => field<HTMLSelectElement>(list, 'project')?.options.length > 0, 'projects loaded');

describe('<atlas-dashboard-list> New dashboard', () => {
  const created: { token: string; id: string }[] = [];
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light' });
    document.body.style.background = '';
    for (const { token, id } of created.splice(0)) await api(token, `/dashboards/${id}`, { method: 'DELETE' });
  });

  it("erin's empty list offers New dashboard: errors are shown, nothing typed is lost, it opens in edit mode", async () => {
    const erin = await demoToken('erin');
    const list = await renderList(erin);
    const empty = $(list, '[part="empty"]')!;
    const button = empty.querySelector<HTMLButtonElement>('.new-dashboard')!;
    expect(button.textContent!.trim()).to.equal('New dashboard');
    button.click();
    await list.updateComplete;
    expect(dialogOf(list).open).to.equal(true);
    await projectsLoaded(list);
    const project = field<HTMLSelectElement>(list, 'project');
    expect([...project.options].map((o) => o.textContent!.trim())).to.deep.equal(['Customer Experience']);
    await expect(list).to.be.accessible();

    await type(list, 'description', 'Tickets and response times');
    await submit(list);
    expect(alertText(list)).to.equal('Give the dashboard a title.');
    expect(dialogOf(list).open).to.equal(true);
    expect(field<HTMLTextAreaElement>(list, 'description').value).to.equal('Tickets and response times');
    await type(list, 'title', 'Support at a glance');
    expect(alertText(list), 'the error goes once the form changes').to.equal(undefined);
    await type(list, 'description', 'x'.repeat(2001)); // past maxlength, as a script could
    await submit(list);
    expect(alertText(list)).to.equal('The description can have at most 2,000 characters.');
    expect(field<HTMLInputElement>(list, 'title').value).to.equal('Support at a glance');
    await type(list, 'description', 'Tickets and response times');

    const opened = oneEvent(list, 'atlas-open') as Promise<AtlasOpenEvent>;
    await submit(list);
    const { detail } = await opened;
    created.push({ token: erin, id: detail.dashboardId });
    expect(detail).to.deep.include({ title: 'Support at a glance', edit: true });
    expect(dialogOf(list).open).to.equal(false);
    const { dashboard } = await api<{ dashboard: DashboardDetail }>(erin, `/dashboards/${detail.dashboardId}`);
    expect(dashboard).to.deep.include({
      title: 'Support at a glance',
      description: 'Tickets and response times',
      projectId: 'cx',
      role: 'owner',
    });
    await until(() => Boolean($(list, 'atlas-dashboard-card')), 'the list shows the new dashboard');
  });

  it('the toolbar button creates in the chosen project; the host opens it in edit mode with edit()', async () => {
    const alice = await demoToken('alice');
    const provider = await fixture<AtlasProvider>(
      html`<atlas-provider .token=${alice}
        ><atlas-dashboard-list></atlas-dashboard-list><atlas-dashboard></atlas-dashboard
      ></atlas-provider>`,
    );
    const list = provider.querySelector('atlas-dashboard-list')!;
    const view = provider.querySelector('atlas-dashboard')!;
    // What a host does (the demo portal does the same through its router).
    provider.addEventListener('atlas-open', (e) => {
      view.dashboardId = e.detail.dashboardId;
      if (e.detail.edit) void view.edit();
    });
    await list.loadComplete;
    await list.updateComplete;
    const button = $(list, '.toolbar .new-dashboard')!;
    button.click();
    await list.updateComplete;
    await projectsLoaded(list);
    const project = field<HTMLSelectElement>(list, 'project');
    expect([...project.options].map((o) => o.value)).to.have.members(['ops', 'sales']);
    project.value = 'sales';
    project.dispatchEvent(new Event('change'));
    await type(list, 'title', 'Quarterly plan');
    const opened = oneEvent(list, 'atlas-open') as Promise<AtlasOpenEvent>;
    await submit(list);
    const { detail } = await opened;
    created.push({ token: alice, id: detail.dashboardId });
    const { dashboard } = await api<{ dashboard: DashboardDetail }>(alice, `/dashboards/${detail.dashboardId}`);
    expect(dashboard.projectId).to.equal('sales');

    await until(() => Boolean($(view as AtlasDashboard, '.title-input')), 'the dashboard in edit mode');
    const title = $<HTMLInputElement>(view, '.title-input')!;
    expect(title.value).to.equal('Quarterly plan');
    expect(view.shadowRoot!.activeElement === title, 'focus on the title field').to.equal(true);
  });

  it('Cancel closes without creating and gives focus back; no axe violations in dark mode', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    document.body.style.background = '#14171c';
    const bob = await demoToken('bob');
    const list = await renderList(bob);
    const before = (await api<{ dashboards: unknown[] }>(bob, '/dashboards?filter=mine')).dashboards.length;
    const button = $<HTMLButtonElement>(list, '.toolbar .new-dashboard')!;
    button.click();
    await list.updateComplete;
    await projectsLoaded(list);
    await type(list, 'title', 'Never made');
    await expect(list).to.be.accessible();
    [...dialogOf(list).querySelectorAll<HTMLButtonElement>('button')]
      .find((b) => b.textContent!.trim() === 'Cancel')!
      .click();
    await until(() => list.shadowRoot!.activeElement === button, 'focus back on New dashboard');
    expect(dialogOf(list).open).to.equal(false);
    expect((await api<{ dashboards: unknown[] }>(bob, '/dashboards?filter=mine')).dashboards.length).to.equal(before);
    await expect(list).to.be.accessible();
  });
});
