import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../components/define/atlas-provider.js';
import '../../components/define/atlas-dashboard-list.js';
import '../../components/define/atlas-dashboard.js';
import type { AtlasDashboard } from '../../components/dashboard/dashboard.js';
import type { AtlasDashboardCard } from '../../components/dashboard-card/dashboard-card.js';
import type { AtlasDashboardList } from '../../components/dashboard-list/dashboard-list.js';
import type { AtlasProvider } from '../../components/provider/provider.js';
import { demoToken } from './support.js';

// Issue 17 items 11 and 14: heading levels chosen by the host, card titles that are real links, long descriptions
// readable in full.

describe('headings and card links (issue 17)', () => {
  let alice: string;
  before(async () => {
    alice = await demoToken('alice');
  });

  async function list(attrs = true): Promise<AtlasDashboardList> {
    const provider = await fixture<AtlasProvider>(
      attrs
        ? html`<atlas-provider .token=${alice}
            ><atlas-dashboard-list card-href="/dashboards/{id}" heading-level="2"></atlas-dashboard-list
          ></atlas-provider>`
        : html`<atlas-provider .token=${alice}><atlas-dashboard-list></atlas-dashboard-list></atlas-provider>`,
    );
    const el = provider.querySelector('atlas-dashboard-list')!;
    await el.loadComplete;
    await el.updateComplete;
    return el;
  }
  const cardOf = (el: AtlasDashboardList, id: string) =>
    [...el.shadowRoot!.querySelectorAll<AtlasDashboardCard>('atlas-dashboard-card')].find(
      (c) => c.dashboard?.id === id,
    )!;

  it("card-href makes each title a link at the heading level; a plain click opens, a modified click is the browser's", async () => {
    const el = await list();
    const card = cardOf(el, 'sales-overview');
    await card.updateComplete;
    const link = card.shadowRoot!.querySelector<HTMLAnchorElement>('h2 > a.title-link')!;
    expect(link.getAttribute('href')).to.equal('/dashboards/sales-overview');
    expect(link.textContent).to.equal('Sales overview');

    // Afterwards, stop any navigation the test's clicks would start.
    const seen: boolean[] = [];
    const stop = (e: Event) => {
      seen.push(e.defaultPrevented);
      e.preventDefault();
    };
    document.addEventListener('click', stop);
    try {
      const opened = oneEvent(card, 'atlas-open');
      link.click();
      expect((await opened).detail.dashboardId).to.equal('sales-overview');
      let openedAgain = false;
      card.addEventListener('atlas-open', () => (openedAgain = true), { once: true });
      link.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, ctrlKey: true }));
      link.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, button: 1 }));
      // The plain click was taken over; the ctrl and middle clicks were left to the browser (new tab).
      expect(seen).to.deep.equal([true, false, false]);
      expect(openedAgain).to.equal(false);
    } finally {
      document.removeEventListener('click', stop);
    }
    await expect(card).to.be.accessible();
  });

  it('without card-href the title stays a button in an h3', async () => {
    const el = await list(false);
    const card = cardOf(el, 'sales-overview');
    await card.updateComplete;
    expect(card.shadowRoot!.querySelector('h3 > button.title-link')).to.exist;
  });

  it('a long description can be opened in full from the keyboard', async () => {
    const el = await list();
    const card = cardOf(el, 'sales-overview');
    await card.updateComplete;
    const description = card.shadowRoot!.querySelector<HTMLElement>('.description')!;
    const more = card.shadowRoot!.querySelector<HTMLButtonElement>('button.more')!;
    // Cut to two lines until opened (longer than LONG_DESCRIPTION characters, so it may not fit).
    expect(getComputedStyle(description).webkitLineClamp).to.equal('2');
    expect(more.getAttribute('aria-expanded')).to.equal('false');
    expect(more.getAttribute('aria-controls')).to.equal('description');
    more.focus();
    more.click();
    await card.updateComplete;
    expect(more.getAttribute('aria-expanded')).to.equal('true');
    expect(more.textContent).to.contain('Less');
    expect(getComputedStyle(description).webkitLineClamp).to.equal('none');
    expect(description.scrollHeight).to.be.at.most(description.clientHeight + 1);
    await expect(card).to.be.accessible();
  });

  it('the dashboard title takes heading-level', async () => {
    const provider = await fixture<AtlasProvider>(
      html`<atlas-provider .token=${alice}
        ><atlas-dashboard dashboard-id="sales-overview" heading-level="1"></atlas-dashboard
      ></atlas-provider>`,
    );
    const el = provider.querySelector<AtlasDashboard>('atlas-dashboard')!;
    await el.loadComplete;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('h1[part="title"]')!.textContent).to.equal('Sales overview');
    expect(el.shadowRoot!.querySelector('h2[part="title"]')).to.equal(null);
  });
});
