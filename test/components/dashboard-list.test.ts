import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/define/atlas-provider.js';
import '../../components/define/atlas-dashboard-list.js';
import type { AtlasDashboardList } from '../../components/dashboard-list/dashboard-list.js';
import type { AtlasDashboardCard } from '../../components/dashboard-card/dashboard-card.js';
import type { AtlasProvider } from '../../components/provider/provider.js';
import { AtlasShareChangeEvent } from '../../components/events/share-change.js';
import { demoToken, until, api, observeFetch } from './support.js';

async function renderList(token: string, filter = 'all'): Promise<AtlasDashboardList> {
  const provider = await fixture<AtlasProvider>(
    html`<atlas-provider .token=${token}
      ><atlas-dashboard-list filter=${filter}></atlas-dashboard-list
    ></atlas-provider>`,
  );
  const list = provider.querySelector('atlas-dashboard-list')!;
  await list.updateComplete;
  await list.loadComplete;
  await list.updateComplete;
  return list;
}

const cards = (list: AtlasDashboardList) => [
  ...list.shadowRoot!.querySelectorAll<AtlasDashboardCard>('atlas-dashboard-card'),
];
const ids = (list: AtlasDashboardList) => cards(list).map((c) => c.dashboard!.id);
const selectedTab = (list: AtlasDashboardList) =>
  list.shadowRoot!.querySelector('[role="tab"][aria-selected="true"]')!.textContent!.trim();

describe('<atlas-dashboard-list>', () => {
  let alice: string;
  let bob: string;
  before(async () => {
    alice = await demoToken('alice');
    bob = await demoToken('bob');
  });

  it('C1: lists every dashboard the user can see as cards, with the filters as a tab list', async () => {
    const list = await renderList(bob);
    expect(ids(list)).to.include.members(['plant-maintenance', 'support-backlog', 'ops-wall', 'sales-overview']);
    expect([...list.shadowRoot!.querySelectorAll('[role="tab"]')].map((t) => t.textContent!.trim())).to.deep.equal([
      'All',
      'My dashboards',
      'Shared with me',
      'Organization',
    ]);
    expect(selectedTab(list)).to.equal('All');
    await expect(list).to.be.accessible();
  });

  it('at 360 px the filter tabs fit: no overflow of the list, every tab whole or reachable inside the tab list (issue 17 item 3)', async () => {
    const list = await renderList(bob);
    list.style.inlineSize = '360px';
    await list.updateComplete;
    expect(list.scrollWidth).to.be.at.most(list.clientWidth);
    const tablist = list.shadowRoot!.querySelector<HTMLElement>('[role="tablist"]')!;
    expect(tablist.getBoundingClientRect().right).to.be.at.most(list.getBoundingClientRect().right + 0.5);
    for (const tab of tablist.querySelectorAll<HTMLElement>('[role="tab"]')) {
      // The label is never clipped inside its tab, and the tab list can scroll to its far edge.
      expect(tab.scrollWidth, tab.textContent!).to.be.at.most(tab.clientWidth);
      tab.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      const [box, frame] = [tab.getBoundingClientRect(), tablist.getBoundingClientRect()];
      expect(box.left, tab.textContent!).to.be.at.least(frame.left - 0.5);
      expect(box.right, tab.textContent!).to.be.at.most(frame.right + 0.5);
    }
  });

  it('U4: "Shared with me" shows what was shared with the user, each with a "Shared" badge', async () => {
    const list = await renderList(bob, 'shared');
    expect(ids(list)).to.include('sales-overview');
    expect(ids(list)).not.to.include('plant-maintenance');
    for (const card of cards(list)) expect(card.shadowRoot!.querySelector('.badge.shared')).to.exist;
  });

  it('C1/C7: arrow keys move between filters, reflect the filter attribute and reload the list', async () => {
    const list = await renderList(bob);
    list.shadowRoot!.querySelector<HTMLElement>('[aria-selected="true"]')!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await list.updateComplete;
    expect(list.getAttribute('filter')).to.equal('mine');
    expect(list.shadowRoot!.activeElement!.textContent!.trim()).to.equal('My dashboards');
    await list.loadComplete;
    await list.updateComplete;
    expect(ids(list)).to.include('plant-maintenance');
    expect(ids(list)).not.to.include('sales-overview');
    await sendKeys({ press: 'End' });
    await list.updateComplete;
    expect(list.filter).to.equal('org');
    await sendKeys({ press: 'ArrowRight' });
    await list.updateComplete;
    expect(list.filter).to.equal('all');
  });

  it('U5: the Organization filter lists organization-wide dashboards', async () => {
    const list = await renderList(await demoToken('dan'), 'org');
    expect(ids(list)).to.include('support-backlog');
    expect(ids(list)).not.to.include('regional-targets');
    await expect(list).to.be.accessible();
  });

  it('C1: shows an empty state that fits the filter', async () => {
    const list = await renderList(await demoToken('dan'), 'shared');
    expect(cards(list)).to.have.length(0);
    expect(list.shadowRoot!.querySelector('[part="empty"]')!.textContent).to.contain(
      'Nothing has been shared with you',
    );
    await expect(list).to.be.accessible();
  });

  it('C1: shows loading skeletons, then an error with a retry that recovers', async () => {
    let token = 'not.a.valid.token';
    const provider = await fixture<AtlasProvider>(
      html`<atlas-provider><atlas-dashboard-list></atlas-dashboard-list></atlas-provider>`,
    );
    provider.getToken = () => token;
    const list = provider.querySelector('atlas-dashboard-list')!;
    await list.updateComplete;
    expect(list.shadowRoot!.querySelector('.skeleton-card')).to.exist;
    expect(list.shadowRoot!.querySelector('[role="tabpanel"]')!.getAttribute('aria-busy')).to.equal('true');
    await expect(list).to.be.accessible();
    await until(() => list.shadowRoot!.querySelector('[part="error"]') !== null, 'error state');
    expect(list.shadowRoot!.querySelector('[part="error"]')!.textContent).to.contain('Could not load dashboards');
    await expect(list).to.be.accessible();
    token = alice;
    list.shadowRoot!.querySelector<HTMLButtonElement>('[part="error"] button')!.click();
    await until(() => cards(list).length > 0, 'cards after retry');
    expect(ids(list)).to.include('sales-overview');
  });

  it('C1: updates itself after a delete from one of its cards, without a page reload', async () => {
    const { dashboard } = await api<{ dashboard: { id: string } }>(alice, '/dashboards', {
      method: 'POST',
      json: { projectId: 'ops', title: 'List delete me' },
    });
    const list = await renderList(alice, 'mine');
    const card = cards(list).find((c) => c.dashboard!.id === dashboard.id)!;
    expect(card).to.exist;
    card.shadowRoot!.querySelector<HTMLButtonElement>('.menu-button')!.click();
    await card.updateComplete;
    card.shadowRoot!.querySelector<HTMLElement>('[data-action="delete"]')!.click();
    card.shadowRoot!.querySelector<HTMLButtonElement>('dialog .button.danger')!.click();
    await until(() => !ids(list).includes(dashboard.id), 'deleted card to leave the list');
  });

  it('after a delete, focus goes to the next card, not to <body> (issue 17 item 10)', async () => {
    const made: string[] = [];
    for (const title of ['Focus after delete 1', 'Focus after delete 2']) {
      const { dashboard } = await api<{ dashboard: { id: string } }>(alice, '/dashboards', {
        method: 'POST',
        json: { projectId: 'ops', title },
      });
      made.push(dashboard.id);
    }
    try {
      const list = await renderList(alice, 'mine');
      const before = ids(list);
      const index = before.indexOf(made[0]!);
      const expected = before[index + 1] ?? before[index - 1]!;
      const card = cards(list)[index]!;
      card.shadowRoot!.querySelector<HTMLButtonElement>('.menu-button')!.click();
      await card.updateComplete;
      card.shadowRoot!.querySelector<HTMLElement>('[data-action="delete"]')!.click();
      card.shadowRoot!.querySelector<HTMLButtonElement>('dialog .button.danger')!.click();
      await until(() => !ids(list).includes(made[0]!), 'deleted card to leave the list');
      await until(
        () => document.activeElement === list.closest('atlas-provider') || document.activeElement === list,
        'focus in the list',
      );
      const focusedCard = list.shadowRoot!.activeElement as AtlasDashboardCard;
      expect(focusedCard?.dashboard?.id).to.equal(expected);
      expect(focusedCard.shadowRoot!.activeElement?.classList.contains('title-link')).to.equal(true);
    } finally {
      for (const id of made) await api(alice, `/dashboards/${id}`, { method: 'DELETE' }).catch(() => undefined);
    }
  });

  it('U3/C1: reloads when a share change bubbles up (atlas-share-change)', async () => {
    const { dashboard } = await api<{ dashboard: { id: string } }>(alice, '/dashboards', {
      method: 'POST',
      json: { projectId: 'ops', title: 'List share me' },
    });
    try {
      const list = await renderList(bob, 'shared');
      expect(ids(list)).not.to.include(dashboard.id);
      await api(alice, `/dashboards/${dashboard.id}/shares`, {
        method: 'POST',
        json: { username: 'bob', role: 'viewer' },
      });
      // What <atlas-share-dialog> dispatches after a change (bubbles, composed).
      list
        .shadowRoot!.querySelector('[role="tabpanel"]')!
        .dispatchEvent(new Event('atlas-share-change', { bubbles: true, composed: true }));
      await until(() => ids(list).includes(dashboard.id), 'newly shared card');
    } finally {
      await api(alice, `/dashboards/${dashboard.id}`, { method: 'DELETE' });
    }
  });

  it('U3/C1: reloads exactly once per share change, from the share dialog or from inside the list (issue 15)', async () => {
    // The page's share dialog sits in the provider (README); it is left undefined here: only where it fires matters.
    const provider = await fixture<AtlasProvider>(
      html`<atlas-provider .token=${bob}
        ><atlas-dashboard-list></atlas-dashboard-list><atlas-share-dialog></atlas-share-dialog
      ></atlas-provider>`,
    );
    const list = provider.querySelector('atlas-dashboard-list')!;
    await list.loadComplete;
    // Count reloads as well as requests: a second reload right after the first aborts it before its request leaves.
    let reloads = 0;
    const refresh = list.refresh.bind(list);
    list.refresh = () => (reloads++, refresh());
    const seen = observeFetch();
    try {
      const listRequests = () =>
        seen.requests.filter((r) => new URL(r.url, location.href).pathname === '/api/dashboards').length;
      const settled = async (count: number) => {
        await until(() => listRequests() >= count, `list request ${count}`);
        await list.loadComplete;
        await new Promise((resolve) => setTimeout(resolve, 300));
      };

      provider
        .querySelector('atlas-share-dialog')!
        .dispatchEvent(
          new AtlasShareChangeEvent({ dashboardId: 'sales-overview', kind: 'user-added', username: 'bob' }),
        );
      await settled(1);
      expect([reloads, listRequests()], 'after a change from the share dialog').to.deep.equal([1, 1]);

      // Used to reload twice: once from the list's own listener, once from the document's.
      list
        .shadowRoot!.querySelector('[role="tabpanel"]')!
        .dispatchEvent(new AtlasShareChangeEvent({ dashboardId: 'sales-overview', kind: 'project-access' }));
      await settled(2);
      expect([reloads, listRequests()], 'after a change from inside the list').to.deep.equal([2, 2]);
    } finally {
      seen.stop();
    }
  });

  it('does not reload for a change under another provider, nor for one dispatched on the document (issue 15)', async () => {
    const page = await fixture<HTMLElement>(
      html`<div>
        <atlas-provider id="a" .token=${alice}><atlas-dashboard-list></atlas-dashboard-list></atlas-provider>
        <atlas-provider id="b" .token=${bob}
          ><atlas-dashboard-list></atlas-dashboard-list><atlas-share-dialog></atlas-share-dialog
        ></atlas-provider>
      </div>`,
    );
    const [listA, listB] = [...page.querySelectorAll('atlas-dashboard-list')];
    await Promise.all([listA!.loadComplete, listB!.loadComplete]);
    const seen = observeFetch();
    try {
      const requestsAs = (token: string) =>
        seen.requests.filter(
          (r) => new URL(r.url, location.href).pathname === '/api/dashboards' && r.authorization === `Bearer ${token}`,
        ).length;
      page
        .querySelector('#b atlas-share-dialog')!
        .dispatchEvent(new AtlasShareChangeEvent({ dashboardId: 'plant-maintenance', kind: 'organization-access' }));
      document.dispatchEvent(new AtlasShareChangeEvent({ dashboardId: 'sales-overview', kind: 'user-role' }));
      await until(() => requestsAs(bob) === 1, "provider b's list to reload");
      await listB!.loadComplete;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(requestsAs(bob)).to.equal(1);
      expect(requestsAs(alice), "provider a's list").to.equal(0);
    } finally {
      seen.stop();
    }
  });

  it('C6: without an <atlas-provider> it shows a configuration message', async () => {
    const list = await fixture<AtlasDashboardList>(html`<atlas-dashboard-list></atlas-dashboard-list>`);
    expect(list.shadowRoot!.querySelector('[part="config-error"]')!.textContent).to.contain(
      'No <atlas-provider> found',
    );
    await expect(list).to.be.accessible();
  });
});
