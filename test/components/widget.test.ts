import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../components/define/atlas-widget.js';
import type { AtlasWidget, WidgetLike } from '../../components/widget/widget.js';
import { apiWidgetLoader } from '../../components/widget/loader.js';
import type { WidgetData } from '../../components/widget/types.js';
import { AtlasApiClient } from '../../components/api/client.js';
import { chartFontSize } from '../../components/widget/chart-font.js';
import { api, demoToken, until } from './support.js';

const DASHBOARD = 'sales-overview';
let alice: string;
let definitions: Map<string, WidgetLike>;

async function real(widgetId: string, filters?: unknown, token = alice): Promise<WidgetData> {
  const qs = filters ? `?filters=${encodeURIComponent(JSON.stringify(filters))}` : '';
  const res = await fetch(`/api/dashboards/${DASHBOARD}/widgets/${widgetId}/data${qs}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(res.status, `data of ${widgetId}`).to.equal(200);
  return (await res.json()) as WidgetData;
}

const client = (token: string, baseUrl = '/api') => new AtlasApiClient({ baseUrl, token: () => token });
const shadow = (el: AtlasWidget) => el.shadowRoot!;
const text = (el: AtlasWidget, selector = '.body') =>
  shadow(el).querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const chartModuleLoaded = () =>
  performance.getEntriesByType('resource').some((e) => /\/widget\/chart\.(ts|js)(\?|$)/.test(e.name));

async function renderReal(widgetId: string, filters?: unknown): Promise<{ el: AtlasWidget; data: WidgetData }> {
  const data = await real(widgetId, filters);
  const el = await fixture<AtlasWidget>(
    html`<atlas-widget style="inline-size: 640px" .widget=${definitions.get(widgetId)} .data=${data}></atlas-widget>`,
  );
  return { el, data };
}

before(async () => {
  alice = await demoToken('alice');
  const res = await fetch(`/api/dashboards/${DASHBOARD}`, { headers: { Authorization: `Bearer ${alice}` } });
  const { dashboard } = (await res.json()) as { dashboard: { widgets: (WidgetLike & { id: string })[] } };
  definitions = new Map(dashboard.widgets.map((w) => [w.id, w]));
});

describe('<atlas-widget>', () => {
  it('renders a KPI from the real response with Intl number formatting, without loading Chart.js', async () => {
    const { el, data } = await renderReal('orders');
    const value = shadow(el).querySelector('[part="kpi-value"]') as HTMLDataElement;
    expect(value.value).to.equal(String(data.rows[0]![0]));
    expect(value.textContent!.trim()).to.equal(
      new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 }).format(
        data.rows[0]![0] as number,
      ),
    );
    expect(text(el, '.kpi-label')).to.equal('Orders');
    expect(chartModuleLoaded(), 'KPI and table are plain Lit').to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('renders a table widget as a real <table> with column headers and formatted numbers', async () => {
    const { el, data } = await renderReal('top-products');
    const table = shadow(el).querySelector('table[part="table"]')!;
    const headers = [...table.querySelectorAll('thead th')].map((th) => [
      th.textContent!.trim(),
      th.getAttribute('scope'),
    ]);
    expect(headers).to.deep.equal(data.columns.map((c) => [c.label, 'col']));
    const rows = table.querySelectorAll('tbody tr');
    expect(rows.length).to.equal(data.rows.length);
    expect(rows.length).to.equal(10);
    const firstRevenue = rows[0]!.querySelectorAll('td')[2]!;
    expect(firstRevenue.classList.contains('num')).to.equal(true);
    expect(firstRevenue.textContent!.trim()).to.equal(
      new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }).format(data.rows[0]![2] as number),
    );
    expect(chartModuleLoaded()).to.equal(false);
    await expect(el).to.be.accessible();
  });

  for (const [widgetId, kind] of [
    ['revenue-by-month', 'Line'],
    ['revenue-by-region', 'Bar'],
    ['channel-mix', 'Pie'],
  ] as const) {
    it(`draws a ${kind.toLowerCase()} chart with Chart.js, loaded on demand, with a text alternative`, async () => {
      const { el, data } = await renderReal(widgetId);
      await until(() => shadow(el).querySelector('canvas')?.dataset.drawn === 'true', 'chart drawn');
      expect(chartModuleLoaded()).to.equal(true);
      const canvas = shadow(el).querySelector('canvas')!;
      expect(canvas.getAttribute('role')).to.equal('img');
      expect(canvas.getAttribute('aria-label'))
        .to.contain(`${kind} chart of Revenue`)
        .and.to.contain(`${data.rows.length} points`);
      expect(canvas.width).to.be.greaterThan(0);
      const hidden = shadow(el).querySelector('figure .visually-hidden table')!;
      expect(hidden.querySelectorAll('tbody tr').length).to.equal(data.rows.length);
      await expect(el).to.be.accessible();
    });
  }

  it('shows month labels for a month-bucketed dimension (UTC, as stored)', async () => {
    const { el, data } = await renderReal('revenue-by-month');
    const first = shadow(el).querySelector('figure tbody td')!.textContent!.trim();
    const expected = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(
      new Date(`${String(data.rows[0]![0]).replace(' ', 'T')}Z`),
    );
    expect(first).to.equal(expected);
  });

  it('loads through a loader from the real API: loading first, then the data', async () => {
    const el = await fixture<AtlasWidget>(html`<atlas-widget .widget=${definitions.get('revenue')}></atlas-widget>`);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const load = apiWidgetLoader(client(alice), `/dashboards/${DASHBOARD}/widgets/revenue/data`, { channel: 'Online' });
    el.loader = async (options) => {
      await gate;
      return load(options);
    };
    await el.updateComplete;
    expect(shadow(el).querySelector('[role="status"]')!.textContent).to.contain('Loading Revenue');
    expect(shadow(el).querySelector('article')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    release();
    const expected = await real('revenue', { channel: 'Online' });
    await until(() => !!shadow(el).querySelector('[part="kpi-value"]'), 'kpi');
    expect((shadow(el).querySelector('[part="kpi-value"]') as HTMLDataElement).value).to.equal(
      String(expected.rows[0]![0]),
    );
  });

  it('P4: shows "You don\'t have access to this widget\'s data source" for a 403 data_source_forbidden', async () => {
    const bob = await demoToken('bob');
    const el = await fixture<AtlasWidget>(
      html`<atlas-widget
        .widget=${definitions.get('revenue')}
        .loader=${apiWidgetLoader(client(bob), `/dashboards/${DASHBOARD}/widgets/revenue/data`)}
      ></atlas-widget>`,
    );
    await until(() => text(el).includes('access'), 'forbidden notice');
    expect(text(el)).to.equal("You don't have access to this widget's data source");
    expect(shadow(el).querySelector('[part="retry-button"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('L7: shows "This widget\'s data source does not allow public access" in the not-public state', async () => {
    const el = await fixture<AtlasWidget>(
      html`<atlas-widget .widget=${definitions.get('open-tickets')} state="not-public"></atlas-widget>`,
    );
    expect(text(el)).to.equal("This widget's data source does not allow public access");
    await expect(el).to.be.accessible();
  });

  it('shows an empty state when the filters leave no rows', async () => {
    const { el, data } = await renderReal('revenue-by-region', { region: ['Atlantis'] });
    expect(data.rows).to.deep.equal([]);
    expect(text(el)).to.equal('No data for the current filters.');
    expect(shadow(el).querySelector('canvas')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows the error with a Retry button that fires atlas-widget-retry and reloads', async () => {
    let calls = 0;
    const api = client(alice);
    // The first request sends a filter this dashboard does not have: the server's real 400 answer.
    const loader = (options: { signal: AbortSignal }) =>
      apiWidgetLoader(
        api,
        `/dashboards/${DASHBOARD}/widgets/orders/data`,
        calls++ === 0 ? { nope: 1 } : undefined,
      )(options);
    const el = await fixture<AtlasWidget>(
      html`<atlas-widget .widget=${definitions.get('orders')} .loader=${loader}></atlas-widget>`,
    );
    await until(() => !!shadow(el).querySelector('[part="error"]'), 'error state');
    expect(text(el))
      .to.contain('This widget could not be loaded.')
      .and.to.contain("This dashboard has no filter 'nope'.");
    await expect(el).to.be.accessible();
    const button = shadow(el).querySelector('[part="retry-button"]') as HTMLButtonElement;
    const event = oneEvent(el, 'atlas-widget-retry');
    button.click();
    expect((await event).detail.widgetId).to.equal('orders');
    await until(() => !!shadow(el).querySelector('[part="kpi-value"]'), 'data after retry');
    expect(calls).to.equal(2);
  });

  it('hides Retry in kiosk mode (the host retries by itself)', async () => {
    const el = await fixture<AtlasWidget>(
      html`<atlas-widget
        kiosk
        state="error"
        message="Server restarting."
        .widget=${definitions.get('orders')}
      ></atlas-widget>`,
    );
    expect(text(el)).to.contain('Server restarting.');
    expect(shadow(el).querySelector('[part="retry-button"]')).to.equal(null);
  });

  it('V4: keeps the last data, marked "Not up to date", when a refresh fails', async () => {
    const good = apiWidgetLoader(client(alice), `/dashboards/${DASHBOARD}/widgets/orders/data`);
    const el = await fixture<AtlasWidget>(
      html`<atlas-widget .widget=${definitions.get('orders')} .loader=${good}></atlas-widget>`,
    );
    await until(() => !!shadow(el).querySelector('[part="kpi-value"]'), 'data');
    const shown = text(el, '[part="kpi-value"]');
    // A server that does not answer: nothing listens on port 9.
    el.loader = apiWidgetLoader(
      client(alice, 'http://127.0.0.1:9/api'),
      `/dashboards/${DASHBOARD}/widgets/orders/data`,
    );
    await until(() => !!shadow(el).querySelector('[part="stale"]'), 'stale marker');
    expect(text(el, '[part="stale"]')).to.equal('Not up to date');
    expect(text(el, '[part="kpi-value"]')).to.equal(shown);
    await expect(el).to.be.accessible();
    el.loader = good;
    await until(() => !shadow(el).querySelector('[part="stale"]'), 'fresh again');
    expect(shadow(el).querySelector('article')!.getAttribute('aria-busy')).to.equal('false');
  });

  describe('V4, S2: a 503 from a server shedding load (public data)', () => {
    // The shared test server cannot be made to shed load on demand, so the client's own `fetch` option answers the
    // planned requests with the body and headers the server sends when it sheds (server/errors.ts), as a proxy in
    // front of it could pass them on; every other request goes to the real server through the real public link.
    let path = '';
    before(async () => {
      const { link } = await api<{ link: { token: string } }>(alice, `/dashboards/${DASHBOARD}/public-links`, {
        method: 'POST',
        json: { label: 'Widget 503 test' },
      });
      path = `/public/${link.token}/widgets/orders/data`;
    });
    function shedding(answers: Response[]) {
      const log: { at: number; status: number }[] = [];
      const fetchVia: typeof fetch = async (input, init) => {
        const response = answers.shift() ?? (await fetch(input, init));
        log.push({ at: performance.now(), status: response.status });
        return response;
      };
      return { log, loader: apiWidgetLoader(new AtlasApiClient({ baseUrl: '/api', fetch: fetchVia }), path) };
    }
    const busy = (retryAfter: number) =>
      new Response(
        JSON.stringify({
          error: { code: 'server_busy', message: 'The server is busy with other queries. Try again in a moment.' },
        }),
        {
          status: 503,
          headers: { 'Content-Type': 'application/json', 'Retry-After': String(retryAfter) },
        },
      );

    it('keeps the data on screen marked "Not up to date", then reloads by itself after Retry-After', async function () {
      this.timeout(15000);
      const answers: Response[] = [];
      const { log, loader } = shedding(answers);
      const el = await fixture<AtlasWidget>(
        html`<atlas-widget kiosk .widget=${definitions.get('orders')} .loader=${loader}></atlas-widget>`,
      );
      await until(() => !!shadow(el).querySelector('[part="kpi-value"]'), 'data');
      const shown = text(el, '[part="kpi-value"]');
      answers.push(busy(3));
      await el.reload();
      await el.updateComplete;
      expect(text(el, '[part="stale"]')).to.equal('Not up to date');
      expect(text(el, '[part="kpi-value"]')).to.equal(shown);
      await expect(el).to.be.accessible();
      // Kiosk: no Retry button, nobody to press it; the element comes back on its own.
      await until(() => !shadow(el).querySelector('[part="stale"]'), 'fresh again', 8000);
      expect(log.map((r) => r.status)).to.deep.equal([200, 503, 200]);
      expect(log[2]!.at - log[1]!.at, 'waited for Retry-After: 3').to.be.at.least(3000);
      expect(text(el, '[part="kpi-value"]')).to.equal(shown);
    });

    it('with nothing on screen yet, shows the error and still retries by itself', async function () {
      this.timeout(15000);
      const { log, loader } = shedding([busy(1)]);
      const el = await fixture<AtlasWidget>(
        html`<atlas-widget .widget=${definitions.get('orders')} .loader=${loader}></atlas-widget>`,
      );
      await until(() => !!shadow(el).querySelector('[part="error"]'), 'error state');
      expect(text(el)).to.contain('The server is busy');
      await until(() => !!shadow(el).querySelector('[part="kpi-value"]'), 'data after the retry', 8000);
      expect(log.map((r) => r.status)).to.deep.equal([503, 200]);
      expect(log[1]!.at - log[0]!.at).to.be.at.least(1000);
    });
  });

  it('keeps the shown data, marked busy, while a new load (e.g. other filters) is on its way', async () => {
    const api = client(alice);
    const el = await fixture<AtlasWidget>(
      html`<atlas-widget
        .widget=${definitions.get('orders')}
        .loader=${apiWidgetLoader(api, `/dashboards/${DASHBOARD}/widgets/orders/data`)}
      ></atlas-widget>`,
    );
    await until(() => !!shadow(el).querySelector('[part="kpi-value"]'), 'data');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const online = apiWidgetLoader(api, `/dashboards/${DASHBOARD}/widgets/orders/data`, { channel: 'Online' });
    el.loader = async (options) => {
      await gate;
      return online(options);
    };
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="kpi-value"]')).to.exist;
    expect(shadow(el).querySelector('article')!.getAttribute('aria-busy')).to.equal('true');
    release();
    const expected = await real('orders', { channel: 'Online' });
    await until(
      () => (shadow(el).querySelector('[part="kpi-value"]') as HTMLDataElement).value === String(expected.rows[0]![0]),
      'new data',
    );
    expect(shadow(el).querySelector('article')!.getAttribute('aria-busy')).to.equal('false');
  });

  it('keeps the screen-reader table of a chart inside the widget: a 1 px box that does not stretch the page', async () => {
    const before = document.documentElement.scrollHeight;
    const { el, data } = await renderReal('revenue-by-month');
    await until(() => shadow(el).querySelector('canvas')?.dataset.drawn === 'true', 'chart drawn');
    const box = shadow(el).querySelector('figure .visually-hidden')!;
    expect(box.querySelectorAll('tbody tr').length).to.equal(data.rows.length);
    const inner = box.getBoundingClientRect();
    const card = shadow(el).querySelector('article')!.getBoundingClientRect();
    expect(inner.width).to.be.at.most(1);
    expect(inner.height).to.be.at.most(1);
    expect(inner.top).to.be.within(card.top - 1, card.bottom);
    expect(inner.left).to.be.within(card.left - 1, card.right);
    expect(document.documentElement.scrollHeight).to.be.at.most(Math.max(before, card.bottom + window.scrollY + 1));
  });

  it('sizes chart ticks and legend labels for the widget: normal on a desktop, larger on a wide wall, following resizes', async () => {
    expect(chartFontSize(16, 640)).to.equal(13);
    expect(chartFontSize(16, 1000)).to.equal(13);
    expect(chartFontSize(16, 1600)).to.equal(18);
    expect(chartFontSize(44, 1250), 'kiosk on a 3840 px screen: the vw type scale wins').to.equal(35);
    expect(chartFontSize(8, 300)).to.equal(11);

    const { Chart } = await import('chart.js');
    const pieData = await real('channel-mix');
    const lineData = await real('revenue-by-month');
    const pie = await fixture<AtlasWidget>(
      html`<atlas-widget
        style="inline-size: 640px"
        .widget=${definitions.get('channel-mix')}
        .data=${pieData}
      ></atlas-widget>`,
    );
    const line = await fixture<AtlasWidget>(
      html`<atlas-widget
        style="inline-size: 1600px"
        .widget=${definitions.get('revenue-by-month')}
        .data=${lineData}
      ></atlas-widget>`,
    );
    const chartOf = (el: AtlasWidget) => Chart.getChart(shadow(el).querySelector('canvas')!)!;
    await until(() => !!chartOf(pie) && !!chartOf(line), 'charts drawn');
    const legendSize = () => chartOf(pie).legend!.options.labels.font as { size: number };
    expect(legendSize().size).to.equal(13);
    const ticks = (axis: 'x' | 'y') =>
      (chartOf(line).scales[axis]!.options as unknown as { ticks: { font: { size: number } } }).ticks.font.size;
    const wide = chartFontSize(parseFloat(getComputedStyle(line).fontSize), chartOf(line).width);
    expect(wide).to.be.at.least(17);
    expect(ticks('x')).to.equal(wide);
    expect(ticks('y')).to.equal(wide);

    pie.style.inlineSize = '1600px';
    await until(() => legendSize().size >= 17, 'legend grows with the widget');
  });

  it('stays readable at 360 px and on a 4K wall (type scales with the widget width)', async () => {
    const data = await real('orders');
    const narrow = await fixture<AtlasWidget>(
      html`<atlas-widget style="inline-size: 360px" .widget=${definitions.get('orders')} .data=${data}></atlas-widget>`,
    );
    const wide = await fixture<AtlasWidget>(
      html`<atlas-widget
        style="inline-size: 3000px"
        .widget=${definitions.get('orders')}
        .data=${data}
      ></atlas-widget>`,
    );
    const size = (el: AtlasWidget) =>
      parseFloat(getComputedStyle(shadow(el).querySelector('[part="kpi-value"]')!).fontSize);
    expect(size(narrow)).to.be.at.least(28);
    expect(size(wide)).to.be.greaterThan(size(narrow) * 1.5);
    const title = (el: AtlasWidget) => parseFloat(getComputedStyle(shadow(el).querySelector('h2')!).fontSize);
    expect(title(wide)).to.be.greaterThan(title(narrow));
    expect(shadow(narrow).querySelector('article')!.scrollWidth).to.be.at.most(360);
  });
});
