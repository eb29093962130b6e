/** Edit mode's Save (issue 15): one request carrying the whole edit and the version it began from. */
import { expect } from '@open-wc/testing';
import '../../components/define/atlas-provider.js';
import '../../components/define/atlas-dashboard.js';
import type { AtlasDashboard } from '../../components/dashboard/dashboard.js';
import { EDIT_CONFLICT_MESSAGE } from '../../components/dashboard/save-draft.js';
import type { DashboardDetail } from '../../components/internal/types.js';
import { $, action, renderDashboard } from './dashboard.support.js';
import { api, demoToken, observeFetch, until } from './support.js';

async function editTitle(el: AtlasDashboard, title: string) {
  $<HTMLButtonElement>(el, '.edit-button')!.click();
  await el.updateComplete;
  const input = $<HTMLInputElement>(el, '.title-input')!;
  input.value = title;
  input.dispatchEvent(new Event('input'));
  await el.updateComplete;
}

const widget = (title: string) => ({
  title,
  type: 'kpi',
  dataSourceId: 'orders',
  query: { metrics: [{ agg: 'count' }] },
  position: { x: 0, y: 0, w: 4, h: 2 },
});

describe('<atlas-dashboard> Save', () => {
  let alice: string;
  let id: string;
  before(async () => {
    alice = await demoToken('alice');
  });
  beforeEach(async () => {
    id = (
      await api<{ dashboard: { id: string } }>(alice, '/dashboards', {
        method: 'POST',
        json: { projectId: 'sales', title: 'Save me' },
      }).then((r) => r.dashboard)
    ).id;
    for (const title of ['Kept', 'Removed'])
      await api(alice, `/dashboards/${id}/widgets`, { method: 'POST', json: widget(title) });
  });
  afterEach(async () => {
    await api(alice, `/dashboards/${id}`, { method: 'DELETE' });
  });

  it('sends the whole edit in one PUT, with the version the edit began from', async () => {
    const el = await renderDashboard(alice, id);
    const { dashboard: loaded } = await api<{ dashboard: DashboardDetail }>(alice, `/dashboards/${id}`);
    await editTitle(el, '  Saved at once ');
    const removed = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.remove')][1]!;
    removed.click();
    await el.updateComplete;

    const { requests: sent, stop } = observeFetch();
    try {
      action(el, 'Save').click();
      await until(() => !$(el, '.title-input'), 'edit mode to end');
    } finally {
      stop();
    }
    const writes = sent.filter((r) => r.method !== 'GET');
    expect(writes.map((r) => `${r.method} ${r.path}`)).to.deep.equal([`PUT /api/dashboards/${id}`]);
    const [kept] = loaded.widgets;
    expect(writes[0]!.body).to.deep.equal({
      title: 'Saved at once',
      widgets: [
        {
          id: kept!.id,
          title: kept!.title,
          type: kept!.type,
          dataSourceId: kept!.dataSourceId,
          query: kept!.query,
          position: kept!.position,
        },
      ],
      baseUpdatedAt: loaded.updatedAt,
    });
    const { dashboard: saved } = await api<{ dashboard: DashboardDetail }>(alice, `/dashboards/${id}`);
    expect(saved.title).to.equal('Saved at once');
    expect(saved.widgets.map((w) => w.title)).to.deep.equal(['Kept']);
    expect($(el, 'h2')!.textContent).to.equal('Saved at once');
  });

  it('shows the conflict and keeps the draft when someone else saved meanwhile; nothing is overwritten', async () => {
    const el = await renderDashboard(alice, id);
    await editTitle(el, 'Mine');
    await api(alice, `/dashboards/${id}`, { method: 'PATCH', json: { title: 'Theirs' } });
    let fired = false;
    el.addEventListener('atlas-dashboard-save', () => (fired = true));

    action(el, 'Save').click();
    await until(() => !!$(el, '[role="alert"]'), 'the save error');
    expect($(el, '[role="alert"]')!.textContent).to.contain(EDIT_CONFLICT_MESSAGE);
    expect($<HTMLInputElement>(el, '.title-input')!.value, 'still editing, the draft kept').to.equal('Mine');
    expect(fired).to.equal(false);
    const { dashboard } = await api<{ dashboard: DashboardDetail }>(alice, `/dashboards/${id}`);
    expect(dashboard.title).to.equal('Theirs');
    expect(dashboard.widgets.map((w) => w.title)).to.deep.equal(['Kept', 'Removed']);
    await expect(el).to.be.accessible();
  });
});
