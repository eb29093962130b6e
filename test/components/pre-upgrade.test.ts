import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, type PropertyDeclaration } from 'lit';
// Every element is registered (they render one another); each test upgrades its own copy under a new tag.
import * as atlas from '../../components/atlas.js';
import { AtlasApiClient } from '../../components/api/client.js';
import { apiWidgetLoader } from '../../components/widget/loader.js';
import { formatNumber } from '../../components/widget/format.js';
import type { WidgetData, WidgetLoader } from '../../components/widget/types.js';
import type { DashboardSummary } from '../../components/internal/types.js';
import { api, demoToken, observeFetch, until, type ObservedRequest } from './support.js';

// Issue 12, SPEC C6: a React or Vue page that loads Atlas from a CDN sets properties on an element before its class is
// defined. Each case creates an element under a tag nobody has defined yet, sets every public property, then defines
// the tag with a subclass of the Atlas class: the values must survive the upgrade and take effect.

type Values = Record<string, unknown>;
type Element = LitElement & Record<string, unknown>;

interface Case {
  what: string;
  /** The values set before the upgrade. Together, an element's cases must cover all of its public properties. */
  values: () => Promise<Values>;
  /** Where the element lives: elements that call the API sit in an (already defined) provider. */
  parent?: () => Promise<HTMLElement>;
  /** The values took effect: the element did with them what it would have done had they been set after the upgrade. */
  check: (el: Element, values: Values, requests: ObservedRequest[]) => Promise<void>;
}

let alice = '';
let bob = '';
let viewerTitle = '';
const shadow = (el: Element) => el.shadowRoot!;
const inProvider = () => fixture<HTMLElement>(html`<atlas-provider .token=${alice}></atlas-provider>`);
const pathOf = (r: ObservedRequest) => new URL(r.url, location.href);
const text = (node: Element | null | undefined, selector: string) =>
  node?.shadowRoot?.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function summary(id: string): Promise<DashboardSummary> {
  const { dashboards } = await api<{ dashboards: DashboardSummary[] }>(alice, '/dashboards');
  return dashboards.find((d) => d.id === id)!;
}

async function revenue(): Promise<{ widget: { id: string; title: string; type: 'kpi' }; data: WidgetData }> {
  const { dashboard } = await api<{ dashboard: { widgets: { id: string; title: string; type: 'kpi' }[] } }>(
    alice,
    '/dashboards/sales-overview',
  );
  const data = await api<WidgetData>(alice, '/dashboards/sales-overview/widgets/revenue/data');
  return { widget: dashboard.widgets.find((w) => w.id === 'revenue')!, data };
}

/** A dashboard of its own with one public KPI and a public link to it (no passcode). */
async function publicLink(): Promise<{ token: string; title: string }> {
  const title = `Pre-upgrade ${Math.random().toString(36).slice(2, 8)}`;
  const { dashboard } = await api<{ dashboard: { id: string } }>(alice, '/dashboards', {
    method: 'POST',
    json: { projectId: 'sales', title },
  });
  await api(alice, `/dashboards/${dashboard.id}/widgets`, {
    method: 'POST',
    json: {
      title: 'Orders',
      type: 'kpi',
      dataSourceId: 'orders',
      position: { x: 0, y: 0, w: 6, h: 2 },
      query: { metrics: [{ agg: 'count', as: 'orders', label: 'Orders' }] },
    },
  });
  const { link } = await api<{ link: { token: string } }>(alice, `/dashboards/${dashboard.id}/public-links`, {
    method: 'POST',
    json: { label: 'Pre-upgrade test' },
  });
  return { token: link.token, title };
}

const CASES: Record<string, Case[]> = {
  AtlasProvider: [
    {
      what: 'uses the getToken and api-base set before the upgrade for its very first request',
      values: async () => {
        const calls: boolean[] = [];
        return {
          apiBase: `${location.origin}/api`,
          // Both given: getToken wins, so the list below must come back as Alice's although the token is Bob's.
          token: bob,
          getToken: Object.assign(({ forceRefresh }: { forceRefresh: boolean }) => (calls.push(forceRefresh), alice), {
            calls,
          }),
          // The provider makes its own client for its api-base at the first update, as it does when `client` is set
          // after the upgrade; what matters is that the context then carries the provider's current client.
          client: new AtlasApiClient({ baseUrl: '/set-before-upgrade' }),
        };
      },
      check: async (el, values, requests) => {
        const list = document.createElement('atlas-dashboard-list');
        list.filter = 'mine';
        el.append(list);
        await until(
          () => (list.shadowRoot?.querySelectorAll('atlas-dashboard-card').length ?? 0) > 0,
          'the list inside the provider',
        );
        const listRequests = requests.filter((r) => pathOf(r).pathname === '/api/dashboards');
        expect(listRequests.map((r) => r.url)).to.deep.equal([`${location.origin}/api/dashboards?filter=mine`]);
        expect(listRequests[0]!.authorization).to.equal(`Bearer ${alice}`);
        const mine = await api<{ dashboards: { id: string }[] }>(alice, '/dashboards?filter=mine');
        expect(
          [...list.shadowRoot!.querySelectorAll('atlas-dashboard-card')].map((c) => c.dashboard!.id),
        ).to.have.members(mine.dashboards.map((d) => d.id));
        expect(
          (values.getToken as { calls: boolean[] }).calls,
          'getToken once, and no 401 to recover from',
        ).to.deep.equal([false]);
        const client = el.client as AtlasApiClient;
        expect(client.baseUrl).to.equal(`${location.origin}/api`);
        expect((list as unknown as { api: unknown }).api).to.equal(client);
      },
    },
  ],
  AtlasDashboardList: [
    {
      what: 'loads and shows the filter set before the upgrade',
      values: async () => ({ filter: 'mine' }),
      parent: inProvider,
      check: async (el, _values, requests) => {
        await el.loadComplete;
        await el.updateComplete;
        expect(el.getAttribute('filter')).to.equal('mine');
        expect(text(el, '[role="tab"][aria-selected="true"]')).to.equal('My dashboards');
        const listRequests = requests.filter((r) => pathOf(r).pathname === '/api/dashboards');
        expect(listRequests.map((r) => pathOf(r).searchParams.get('filter'))).to.deep.equal(['mine']);
        const mine = await api<{ dashboards: { id: string }[] }>(alice, '/dashboards?filter=mine');
        const shown = [...shadow(el).querySelectorAll('atlas-dashboard-card')].map((c) => c.dashboard!.id);
        expect(shown).to.have.members(mine.dashboards.map((d) => d.id));
      },
    },
    {
      what: 'gives its cards the card-href and heading-level set before the upgrade (issue 17)',
      values: async () => ({ cardHref: '/dashboards/{id}', headingLevel: 2 }),
      parent: inProvider,
      check: async (el) => {
        await el.loadComplete;
        await el.updateComplete;
        const card = shadow(el).querySelector('atlas-dashboard-card')!;
        await card.updateComplete;
        const link = card.shadowRoot!.querySelector('h2 a.title-link')!;
        expect(link.getAttribute('href')).to.equal(`/dashboards/${encodeURIComponent(card.dashboard!.id)}`);
      },
    },
  ],
  AtlasDashboardCard: [
    {
      what: 'renders the dashboard set before the upgrade',
      values: async () => ({ dashboard: await summary('sales-overview') }),
      parent: inProvider,
      check: async (el, values) => {
        expect(text(el, '[part="title"]')).to.equal((values.dashboard as DashboardSummary).title);
      },
    },
    {
      what: 'links its title to the href, at the heading-level, set before the upgrade (issue 17)',
      values: async () => ({ dashboard: await summary('sales-overview'), href: '/d/sales', headingLevel: 4 }),
      parent: inProvider,
      check: async (el) => {
        expect(shadow(el).querySelector('h4 a.title-link')!.getAttribute('href')).to.equal('/d/sales');
      },
    },
  ],
  AtlasDashboard: [
    {
      what: 'loads the dashboard-id set before the upgrade',
      values: async () => ({ dashboardId: 'sales-overview' }),
      parent: inProvider,
      check: async (el, _values, requests) => {
        await el.loadComplete;
        await el.updateComplete;
        expect(el.getAttribute('dashboard-id')).to.equal('sales-overview');
        expect(text(el, '[part="title"]')).to.equal((await summary('sales-overview')).title);
        expect(requests.some((r) => pathOf(r).pathname === '/api/dashboards/sales-overview')).to.equal(true);
      },
    },
    {
      what: 'titles the dashboard at the heading-level set before the upgrade (issue 17)',
      values: async () => ({ dashboardId: 'sales-overview', headingLevel: 1 }),
      parent: inProvider,
      check: async (el) => {
        await el.loadComplete;
        await el.updateComplete;
        expect(shadow(el).querySelector('h1[part="title"]')!.textContent).to.equal('Sales overview');
      },
    },
  ],
  AtlasShareDialog: [
    {
      what: 'shares the dashboard-id set before the upgrade, and its read-only `open` is its own',
      values: async () => ({ dashboardId: 'sales-overview' }),
      parent: inProvider,
      check: async (el) => {
        const dialog = el as unknown as atlas.AtlasShareDialog;
        expect(dialog.open).to.equal(false);
        await dialog.show();
        await dialog.loadComplete;
        expect(dialog.open).to.equal(true);
        expect(shadow(el).querySelector('#title')!.textContent).to.equal(
          `Share “${(await summary('sales-overview')).title}”`,
        );
        dialog.close();
        expect(dialog.open).to.equal(false);
      },
    },
  ],
  AtlasPublicViewer: [
    {
      what: 'opens the link, api-base, kiosk mode and theme set before the upgrade',
      values: async () => {
        const link = await publicLink();
        viewerTitle = link.title;
        return { token: link.token, apiBase: `${location.origin}/api`, kiosk: true, theme: 'dark', setTitle: true };
      },
      check: async (el, values, requests) => {
        const viewer = el as unknown as atlas.AtlasPublicViewer;
        await until(
          () => viewer.status === 'ready' && !!shadow(el).querySelector('atlas-widget'),
          'the public dashboard',
        );
        expect(requests.some((r) => r.url === `${location.origin}/api/public/${values.token as string}`)).to.equal(
          true,
        );
        expect(el.hasAttribute('kiosk')).to.equal(true);
        expect(shadow(el).querySelector('[part="header"]'), 'no top bar in kiosk mode').to.equal(null);
        expect(el.getAttribute('theme')).to.equal('dark');
        expect(text(el, '.main h1')).to.equal(viewerTitle);
        await until(() => document.title === viewerTitle, 'the page title is the dashboard title (set-title)');
      },
    },
  ],
  AtlasLinkList: [
    {
      what: 'loads the links of the dashboard and limit set before the upgrade',
      values: async () => ({ dashboard: 'sales-overview', limit: 5 }),
      parent: inProvider,
      check: async (el, _values, requests) => {
        const listed = () => requests.filter((r) => pathOf(r).pathname === '/api/public-links');
        await until(() => listed().length > 0, 'the links request');
        const query = pathOf(listed()[0]!).searchParams;
        expect([query.get('dashboard'), query.get('limit')]).to.deep.equal(['sales-overview', '5']);
        expect(el.getAttribute('dashboard')).to.equal(null, 'the attribute is not reflected; the property is kept');
        expect(el.dashboard).to.equal('sales-overview');
      },
    },
  ],
  AtlasWidget: [
    {
      what: 'shows the data, locale and stale mark set before the upgrade',
      values: async () => {
        const { widget, data } = await revenue();
        return { widget, data, stale: true, locale: 'de-DE' };
      },
      check: async (el, values) => {
        const value = (values.data as WidgetData).rows[0]![0] as number;
        const figure = shadow(el).querySelector('data.kpi-value')!;
        expect(Number(figure.getAttribute('value'))).to.equal(value);
        expect(figure.getAttribute('title')).to.equal(formatNumber(value, 'de-DE'));
        expect(formatNumber(value, 'de-DE'), 'a figure that the locale changes').not.to.equal(
          formatNumber(value, 'en-US'),
        );
        expect(text(el, '[part="title"]')).to.equal('Revenue');
        expect(shadow(el).querySelector('[part="stale"]')).to.exist;
      },
    },
    {
      what: 'shows the state and message set before the upgrade, in kiosk mode',
      values: async () => ({
        widget: (await revenue()).widget,
        state: 'error',
        message: 'Set before the upgrade.',
        kiosk: true,
      }),
      check: async (el) => {
        expect(text(el, '[part="error"]')).to.contain('Set before the upgrade.');
        expect(shadow(el).querySelector('[part="retry-button"]'), 'no Retry in kiosk mode').to.equal(null);
        expect(el.hasAttribute('kiosk')).to.equal(true);
      },
    },
    {
      what: 'loads once through the loader set before the upgrade',
      values: async () => {
        const { widget } = await revenue();
        const load = apiWidgetLoader(
          new AtlasApiClient({ baseUrl: '/api', token: () => alice }),
          '/dashboards/sales-overview/widgets/revenue/data',
        );
        const calls: number[] = [];
        const loader: WidgetLoader & { calls?: number[] } = (options) => (calls.push(1), load(options));
        loader.calls = calls;
        return { widget, loader };
      },
      check: async (el, values) => {
        await until(() => !!shadow(el).querySelector('data.kpi-value'), 'the loaded figure');
        const { data } = await revenue();
        expect(Number(shadow(el).querySelector('data.kpi-value')!.getAttribute('value'))).to.equal(data.rows[0]![0]);
        expect((values.loader as { calls: number[] }).calls).to.have.length(1);
      },
    },
  ],
};

/** The element classes the library exports (a new element gets its own entry in CASES or fails below). */
const elementClasses = (Object.entries(atlas) as [string, unknown][]).filter(
  (entry): entry is [string, typeof LitElement] =>
    typeof entry[1] === 'function' && entry[1].prototype instanceof LitElement,
);

/** Reactive properties (not internal state) and the other accessors of a class, down to LitElement. */
function surface(elementClass: typeof LitElement): { reactive: string[]; settable: string[]; readOnly: string[] } {
  const declared = elementClass.elementProperties as Map<PropertyKey, PropertyDeclaration>;
  const reactive = [...declared]
    .filter(([name, options]) => typeof name === 'string' && !options.state)
    .map(([name]) => name as string);
  const settable: string[] = [];
  const readOnly: string[] = [];
  for (
    let proto = elementClass.prototype;
    proto !== LitElement.prototype;
    proto = Object.getPrototypeOf(proto) as LitElement
  ) {
    for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
      if (
        declared.has(name) ||
        settable.includes(name) ||
        readOnly.includes(name) ||
        !(descriptor.get || descriptor.set)
      )
        continue;
      (descriptor.set ? settable : readOnly).push(name);
    }
  }
  return { reactive, settable, readOnly };
}

let tags = 0;

describe('properties set before the elements are defined (issue 12, C6)', () => {
  before(async () => {
    [alice, bob] = await Promise.all([demoToken('alice'), demoToken('bob')]);
  });

  it('every element the library exports is covered, each public property by at least one case', () => {
    expect(elementClasses.map(([name]) => name)).to.have.members(Object.keys(CASES));
    for (const [name, elementClass] of elementClasses) {
      // A class registered under its atlas-* tag, so this list is the list of elements.
      expect(customElements.getName(elementClass), name).to.match(/^atlas-/);
    }
  });

  for (const [name, cases] of Object.entries(CASES)) {
    describe(name, () => {
      it('has a pre-upgrade value for each reactive property and settable accessor', async () => {
        const elementClass = elementClasses.find(([n]) => n === name)![1];
        const { reactive, settable } = surface(elementClass);
        const covered = new Set<string>();
        for (const c of cases) for (const key of Object.keys(await c.values())) covered.add(key);
        const missing = [...reactive, ...settable].filter((p) => !covered.has(p));
        expect(missing, `properties of ${name} without a case in pre-upgrade.test.ts`).to.deep.equal([]);
      });

      for (const c of cases) {
        it(c.what, async () => {
          const elementClass = elementClasses.find(([n]) => n === name)![1];
          const { reactive, settable, readOnly } = surface(elementClass);
          const values = await c.values();
          const parent = c.parent ? await c.parent() : await fixture<HTMLElement>(html`<div></div>`);
          const tag = `x-pre-${++tags}`;
          const el = document.createElement(tag) as unknown as Element;
          const given = Object.entries(values);
          expect(
            given.map(([key]) => key).filter((key) => !reactive.includes(key) && !settable.includes(key)),
            'not properties',
          ).to.deep.equal([]);
          for (const [key, value] of given) el[key] = value;
          // Read-only accessors: a page may assign them too (it cannot tell before the upgrade); they must not hide
          // the class's getter afterwards.
          const sentinels = new Map(readOnly.map((key) => [key, { setBeforeUpgrade: key }]));
          for (const [key, sentinel] of sentinels) el[key] = sentinel;
          parent.append(el);
          expect(el, 'not upgraded yet').not.to.be.instanceOf(elementClass);

          const warnings: string[] = [];
          const warn = console.warn;
          console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
          const seen = observeFetch();
          try {
            customElements.define(tag, class extends elementClass {});
            expect(el).to.be.instanceOf(elementClass);
            await el.updateComplete;
            for (const [key, value] of given) {
              expect(Object.hasOwn(el, key), `${key} is the element's accessor again`).to.equal(false);
              // `client` is replaced at the first update by design (see its case); every reactive value is kept.
              if (reactive.includes(key)) expect(el[key], key).to.equal(value);
            }
            for (const [key, sentinel] of sentinels) {
              expect(Object.hasOwn(el, key), `${key} is the element's accessor again`).to.equal(false);
              expect(el[key], key).not.to.equal(sentinel);
              expect(
                warnings.some((w) => w.includes(`.${key} is read-only`)),
                `a warning names ${key}`,
              ).to.equal(true);
            }
            await c.check(el, values, seen.requests);
          } finally {
            seen.stop();
            console.warn = warn;
          }
        });
      }
    });
  }
});
