/** Issue 16: <atlas-link-list>, every public link of the signed-in user, against the real server. */
import { expect, fixture, html } from '@open-wc/testing';
import '../../components/define/atlas-provider.js';
import '../../components/define/atlas-link-list.js';
import type { AtlasLinkList } from '../../components/link-list/link-list.js';
import type { AtlasProvider } from '../../components/provider/provider.js';
import type { AtlasOpenEvent } from '../../components/events/open.js';
import { AtlasShareChangeEvent } from '../../components/events/share-change.js';
import { api, demoToken, until } from './support.js';

interface Link {
  id: string;
  url: string;
  label: string;
}

async function renderList(token: string, attrs: { dashboard?: string; width?: string } = {}) {
  const provider = await fixture<AtlasProvider>(
    html`<atlas-provider .token=${token}
      ><atlas-link-list
        dashboard=${attrs.dashboard ?? ''}
        style=${attrs.width ? `inline-size: ${attrs.width}` : ''}
      ></atlas-link-list
    ></atlas-provider>`,
  );
  const list = provider.querySelector('atlas-link-list')!;
  await list.updateComplete;
  await list.loadComplete;
  await list.updateComplete;
  return { provider, list };
}

const rows = (list: AtlasLinkList) => [...list.shadowRoot!.querySelectorAll<HTMLElement>('[part="link"]')];
const rowIds = (list: AtlasLinkList) => rows(list).map((r) => r.dataset.linkId);
const row = (list: AtlasLinkList, id: string) =>
  list.shadowRoot!.querySelector<HTMLElement>(`[part="link"][data-link-id="${id}"]`)!;
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const fact = (r: HTMLElement, term: string) =>
  text([...r.querySelectorAll('dt')].find((dt) => text(dt) === term)?.nextElementSibling);

describe('<atlas-link-list>', () => {
  let alice: string;
  const made: string[] = [];

  const newDashboard = async (title: string) => {
    const { dashboard } = await api<{ dashboard: { id: string } }>(alice, '/dashboards', {
      method: 'POST',
      json: {
        projectId: 'ops',
        title,
        filters: [{ field: 'region', type: 'select', label: 'Region', options: ['EMEA', 'APAC'] }],
      },
    });
    made.push(dashboard.id);
    return dashboard.id;
  };
  const newLink = async (dashboardId: string, body: unknown = {}) =>
    (await api<{ link: Link }>(alice, `/dashboards/${dashboardId}/public-links`, { method: 'POST', json: body })).link;

  before(async () => {
    alice = await demoToken('alice');
  });
  after(async () => {
    for (const id of made) await api(alice, `/dashboards/${id}`, { method: 'DELETE' });
  });

  it('lists the links of every dashboard the user owns, newest first, with their details', async () => {
    const first = await newDashboard('Links A');
    const second = await newDashboard('Links B');
    const a = await newLink(first, { label: 'Customer A', lockedFilters: { region: 'EMEA' } });
    await new Promise((r) => setTimeout(r, 5));
    const b = await newLink(second, { label: 'Wall', passcode: true });
    const { list } = await renderList(alice);
    const ids = rowIds(list);
    expect(ids).to.include.members([a.id, b.id]);
    expect(ids.indexOf(b.id)).to.be.lessThan(ids.indexOf(a.id), 'newest first');

    const ra = row(list, a.id);
    expect(text(ra.querySelector('[part="dashboard-title"]'))).to.equal('Links A');
    expect(text(ra.querySelector('[part="label"]'))).to.equal('Customer A');
    expect(fact(ra, 'Passcode')).to.equal('No');
    expect(fact(ra, 'Uses')).to.equal('0');
    expect(fact(ra, 'Last access')).to.equal('Never');
    expect(fact(ra, 'Locked filters')).to.equal('region: EMEA');
    expect(ra.querySelector('time')!.getAttribute('datetime')).to.be.a('string');
    const rb = row(list, b.id);
    expect(text(rb.querySelector('[part="dashboard-title"]'))).to.equal('Links B');
    expect(fact(rb, 'Passcode')).to.equal('Yes');
    expect(fact(rb, 'Locked filters')).to.equal('None');
    await expect(list).to.be.accessible();
  });

  it('shows only one dashboard\'s links with the dashboard attribute, and a visit in "Uses" and "Last access"', async () => {
    const id = await newDashboard('Links one');
    const link = await newLink(id, { label: '' });
    await fetch(`/api/public/${link.url.split('/public/')[1]}`);
    const { list } = await renderList(alice, { dashboard: id });
    expect(rowIds(list)).to.deep.equal([link.id]);
    const r = row(list, link.id);
    expect(text(r.querySelector('[part="label"]'))).to.equal('Untitled link');
    expect(fact(r, 'Uses')).to.equal('1');
    expect(fact(r, 'Last access')).to.not.equal('Never');
  });

  it('"Open dashboard" fires atlas-open with the dashboard; "Copy link" copies its URL', async () => {
    const id = await newDashboard('Links open');
    const link = await newLink(id, { label: 'Open me' });
    const { list } = await renderList(alice, { dashboard: id });
    const r = row(list, link.id);
    setTimeout(() => r.querySelector<HTMLButtonElement>('[part="open"]')!.click());
    const opened = await new Promise<AtlasOpenEvent>((resolve) =>
      list.addEventListener('atlas-open', (e) => resolve(e), { once: true }),
    );
    expect(opened.detail).to.deep.equal({ dashboardId: id, title: 'Links open' });
    expect(opened.bubbles && opened.composed).to.equal(true);

    let copied = '';
    const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (t: string) => void (copied = t) },
    });
    try {
      r.querySelector<HTMLButtonElement>('[part="copy"]')!.click();
      await until(() => text(r.querySelector('[part="copy"]')).startsWith('Copied'), 'copied state');
      expect(copied).to.equal(link.url);
      expect(text(list.shadowRoot!.querySelector('[role="status"]'))).to.equal('Link copied to the clipboard.');

      // The browser refuses: the URL is shown selected, for a manual copy.
      Object.defineProperty(navigator, 'clipboard', {
        configurable: true,
        value: { writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')) },
      });
      r.querySelector<HTMLButtonElement>('[part="copy"]')!.click();
      await until(() => r.querySelector('input.url') !== null, 'the URL to copy by hand');
      const field = r.querySelector<HTMLInputElement>('input.url')!;
      expect(field.value).to.equal(link.url);
      expect(list.shadowRoot!.activeElement).to.equal(field);
      await expect(list).to.be.accessible();
    } finally {
      delete (navigator as { clipboard?: unknown }).clipboard;
      if (original && !('clipboard' in navigator)) Object.defineProperty(Navigator.prototype, 'clipboard', original);
    }
  });

  it('shows the empty state to someone who has published no link', async () => {
    const { list } = await renderList(await demoToken('erin'));
    expect(rows(list)).to.have.length(0);
    expect(text(list.shadowRoot!.querySelector('[part="empty"]'))).to.contain(
      'You have not published any public links',
    );
    await expect(list).to.be.accessible();
  });

  it('shows loading placeholders, then an error with a retry that recovers', async () => {
    let token = 'not.a.valid.token';
    const provider = await fixture<AtlasProvider>(
      html`<atlas-provider><atlas-link-list></atlas-link-list></atlas-provider>`,
    );
    provider.getToken = () => token;
    const list = provider.querySelector('atlas-link-list')!;
    await list.updateComplete;
    expect(list.shadowRoot!.querySelector('.skeleton-row')).to.exist;
    expect(list.shadowRoot!.querySelector('.content')!.getAttribute('aria-busy')).to.equal('true');
    await expect(list).to.be.accessible();
    await until(() => list.shadowRoot!.querySelector('[part="error"]') !== null, 'error state');
    expect(text(list.shadowRoot!.querySelector('[part="error"]'))).to.contain('Could not load your public links');
    await expect(list).to.be.accessible();
    token = alice;
    list.shadowRoot!.querySelector<HTMLButtonElement>('[part="error"] button')!.click();
    await until(() => rows(list).length > 0, 'links after retry');
  });

  it("reloads on the provider's change channel (a link made or revoked in a share dialog)", async () => {
    const id = await newDashboard('Links reload');
    const { provider, list } = await renderList(alice, { dashboard: id });
    expect(rows(list)).to.have.length(0);
    const link = await newLink(id, { label: 'Fresh' });
    // What <atlas-share-dialog> dispatches after a change (bubbles, composed), from inside the same provider.
    const dialog = document.createElement('div');
    provider.append(dialog);
    dialog.dispatchEvent(new AtlasShareChangeEvent({ dashboardId: id, kind: 'link-created' }));
    await until(() => rowIds(list).includes(link.id), 'the new link');
    await api(alice, `/dashboards/${id}/public-links/${link.id}`, { method: 'DELETE' });
    dialog.dispatchEvent(new AtlasShareChangeEvent({ dashboardId: id, kind: 'link-revoked' }));
    await until(() => rows(list).length === 0, 'the revoked link to leave');
  });

  it('fits 360 px: nothing overflows, the buttons stay on screen', async () => {
    const id = await newDashboard('Links on a phone with a rather long dashboard title that has to wrap somewhere');
    const link = await newLink(id, {
      label: 'A long label for a customer portal link, shown on a narrow screen',
      lockedFilters: { region: 'APAC' },
      passcode: true,
    });
    const { list } = await renderList(alice, { dashboard: id, width: '360px' });
    const r = row(list, link.id);
    const box = list.getBoundingClientRect();
    expect(box.width).to.equal(360);
    expect(list.shadowRoot!.querySelector('.list')!.scrollWidth).to.be.at.most(360);
    for (const el of [r, ...r.querySelectorAll('button, dd, [part="dashboard-title"], [part="label"]')]) {
      const b = el.getBoundingClientRect();
      expect(b.left, `${el.className || el.tagName} left`).to.be.at.least(box.left - 0.5);
      expect(b.right, `${el.className || el.tagName} right`).to.be.at.most(box.right + 0.5);
    }
    const [open, copy] = [r.querySelector('[part="open"]')!, r.querySelector('[part="copy"]')!].map((b) =>
      b.getBoundingClientRect(),
    );
    expect(Math.abs(open!.top - copy!.top), 'both buttons on one line').to.be.below(2);
    await expect(list).to.be.accessible();
  });
});
