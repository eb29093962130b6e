import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../components/define/atlas-widget.js';
import type { AtlasWidget, WidgetLike } from '../../components/widget/widget.js';
import { apiWidgetLoader } from '../../components/widget/loader.js';
import type { WidgetData } from '../../components/widget/types.js';
import { AtlasApiClient } from '../../components/api/client.js';
import { toChartModel } from '../../components/widget/chart-data.js';
import {
  fitText,
  nearestIndex,
  placeTooltip,
  shares,
  thinLabels,
  tickFormat,
  tooltipRows,
  valueAxis,
} from '../../components/widget/chart-layout.js';
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

async function renderReal(
  widgetId: string,
  filters?: unknown,
  width = 640,
): Promise<{ el: AtlasWidget; data: WidgetData }> {
  const data = await real(widgetId, filters);
  const el = await fixture<AtlasWidget>(
    html`<atlas-widget
      style="inline-size: ${width}px"
      .widget=${definitions.get(widgetId)}
      .data=${data}
    ></atlas-widget>`,
  );
  return { el, data };
}

/** The chart's SVG once it is drawn (the chart module loaded and the plot measured). */
async function chartOf(el: AtlasWidget): Promise<SVGSVGElement> {
  el.scrollIntoView({ block: 'nearest' }); // charts load once on screen
  await until(() => !!shadow(el).querySelector('svg[role="group"] .marks'), 'chart drawn');
  return shadow(el).querySelector<SVGSVGElement>('svg[role="group"]')!;
}
const tooltip = (el: AtlasWidget) => shadow(el).querySelector<HTMLElement>('[part="chart-tooltip"]')!;
const tooltipText = (el: AtlasWidget) =>
  tooltip(el).hidden ? '' : tooltip(el).textContent!.replace(/\s+/g, ' ').trim();
const live = (el: AtlasWidget) => shadow(el).querySelector('[aria-live]')!.textContent!.replace(/\s+/g, ' ').trim();
const full = (n: number) =>
  new Intl.NumberFormat(undefined, { maximumFractionDigits: Math.abs(n) >= 100 ? 0 : 2 }).format(n);
const center = (e: Element) => {
  const r = e.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)] as [number, number];
};
/** Asserts that no two boxes overlap along `axis` and that all lie within `outer`. */
function expectApart(boxes: DOMRect[], outer: DOMRect, axis: 'x' | 'y', what: string) {
  const [start, end] = axis === 'x' ? (['left', 'right'] as const) : (['top', 'bottom'] as const);
  const sorted = [...boxes].sort((a, b) => a[start] - b[start]);
  sorted.forEach((b, i) => {
    expect(b.left, `${what} ${i} inside the chart`).to.be.at.least(outer.left - 0.5);
    expect(b.right, `${what} ${i} inside the chart`).to.be.at.most(outer.right + 0.5);
    if (i) expect(b[start], `${what} ${i} clear of the one before`).to.be.at.least(sorted[i - 1]![end]);
  });
}

before(async () => {
  alice = await demoToken('alice');
  const res = await fetch(`/api/dashboards/${DASHBOARD}`, { headers: { Authorization: `Bearer ${alice}` } });
  const { dashboard } = (await res.json()) as { dashboard: { widgets: (WidgetLike & { id: string })[] } };
  definitions = new Map(dashboard.widgets.map((w) => [w.id, w]));
});

describe('<atlas-widget>', () => {
  it('renders a KPI from the real response with Intl number formatting, without loading the chart module', async () => {
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
    it(`draws a ${kind.toLowerCase()} chart as SVG, loaded on demand, one mark per value, with a text alternative`, async () => {
      const { el, data } = await renderReal(widgetId);
      const svg = await chartOf(el);
      expect(chartModuleLoaded()).to.equal(true);
      expect(svg.getAttribute('role')).to.equal('group');
      expect(svg.getAttribute('aria-label'))
        .to.contain(`${kind} chart of Revenue`)
        .and.to.contain(`${data.rows.length} points`);
      expect(svg.getAttribute('tabindex')).to.equal('0');
      // Drawn at the plot's real pixel size: no viewBox scaling, so text keeps its CSS size.
      const plot = svg.parentElement!;
      expect(svg.hasAttribute('viewBox')).to.equal(false);
      expect(Number(svg.getAttribute('width'))).to.equal(Math.floor(plot.clientWidth));
      expect(Number(svg.getAttribute('height'))).to.equal(Math.floor(plot.clientHeight));
      expect(plot.clientHeight).to.be.greaterThan(100);
      const values = data.rows.map((r) => r[1] as number | null);
      const marks = { Line: 'circle.point', Bar: 'rect.bar', Pie: 'path.slice' }[kind];
      const expected =
        kind === 'Pie' ? values.filter((v) => v !== null && v > 0).length : values.filter((v) => v !== null).length;
      expect(expected).to.be.greaterThan(1);
      expect(svg.querySelectorAll(`.marks ${marks}`).length).to.equal(expected);
      if (kind === 'Line') expect(svg.querySelectorAll('.marks path.line').length).to.equal(1);
      if (kind !== 'Pie') {
        // Value axis from zero, nice ticks in the widget's number format.
        const ticks = [...svg.querySelectorAll('.grid text')].map((t) => t.textContent!.trim());
        expect(ticks[0]).to.equal('0');
        expect(ticks.length).to.be.within(3, 10);
      }
      // One legend item per slice for a pie; none for a single series.
      const legend = [...shadow(el).querySelectorAll('[part="chart-legend"] li')].map((li) => li.textContent!.trim());
      expect(legend).to.deep.equal(kind === 'Pie' ? data.rows.map((r) => String(r[0])) : []);
      const hidden = shadow(el).querySelector('figure .visually-hidden table')!;
      expect(hidden.querySelectorAll('tbody tr').length).to.equal(data.rows.length);
      await expect(el).to.be.accessible();
    });
  }

  it('keeps KPI and table widgets free of the chart module until a chart is on screen', async () => {
    // The KPI and table tests above ran first: only now, with a chart rendered, is chart.ts fetched (see chartModuleLoaded).
    const { el } = await renderReal('revenue-by-region');
    await chartOf(el);
    expect(chartModuleLoaded()).to.equal(true);
    expect(shadow(el).querySelector('canvas'), 'no canvas any more').to.equal(null);
  });

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
    expect(shadow(el).querySelector('svg[role="group"], [part="chart"]')).to.equal(null);
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
    await chartOf(el);
    const box = shadow(el).querySelector('figure .sr-table')!;
    expect(box.querySelectorAll('tbody tr').length).to.equal(data.rows.length);
    const inner = box.getBoundingClientRect();
    const card = shadow(el).querySelector('article')!.getBoundingClientRect();
    expect(inner.width).to.be.at.most(1);
    expect(inner.height).to.be.at.most(1);
    expect(inner.top).to.be.within(card.top - 1, card.bottom);
    expect(inner.left).to.be.within(card.left - 1, card.right);
    expect(document.documentElement.scrollHeight).to.be.at.most(Math.max(before, card.bottom + window.scrollY + 1));
  });

  describe('SVG charts', () => {
    /** A widget of another demo dashboard (alice can read them all), with its definition and real data. */
    async function other(
      dashboard: string,
      widgetId: string,
      width: number,
    ): Promise<{ el: AtlasWidget; data: WidgetData; widget: WidgetLike }> {
      const { dashboard: d } = await api<{ dashboard: { widgets: (WidgetLike & { id: string })[] } }>(
        alice,
        `/dashboards/${dashboard}`,
      );
      const widget = d.widgets.find((w) => w.id === widgetId)!;
      const data = await api<WidgetData>(alice, `/dashboards/${dashboard}/widgets/${widgetId}/data`);
      const el = await fixture<AtlasWidget>(
        html`<atlas-widget style="inline-size: ${width}px" .widget=${widget} .data=${data}></atlas-widget>`,
      );
      return { el, data, widget };
    }
    const synthetic = (
      type: WidgetLike['type'],
      columns: WidgetData['columns'],
      rows: WidgetData['rows'],
      width = 640,
    ) =>
      fixture<AtlasWidget>(
        html`<atlas-widget
          style="inline-size: ${width}px"
          .widget=${{ title: 'Test', type }}
          .data=${{ columns, rows }}
        ></atlas-widget>`,
      );

    afterEach(async () => {
      await resetMouse();
      await emulateMedia({ reducedMotion: 'no-preference' });
    });

    it('shows the tooltip "Series (label): value" for the bar, point or slice under the pointer, and hides it after', async () => {
      for (const widgetId of ['revenue-by-region', 'revenue-by-month', 'channel-mix']) {
        const { el, data } = await renderReal(widgetId);
        const svg = await chartOf(el);
        el.scrollIntoView({ block: 'center' });
        const i = 2;
        const mark = svg.querySelectorAll('.marks .bar, .marks .point, .marks .slice')[i]!;
        await sendMouse({ type: 'move', position: center(mark) });
        await until(() => !tooltip(el).hidden, `tooltip of ${widgetId}`);
        const label = toChartModel(data, definitions.get(widgetId)!.query).labels[i];
        expect(tooltipText(el)).to.contain(`Revenue (${label}): ${full(data.rows[i]![1] as number)}`);
        // The tooltip stays inside the chart.
        const plot = svg.parentElement!.getBoundingClientRect();
        const tip = tooltip(el).getBoundingClientRect();
        expect(tip.left).to.be.at.least(plot.left - 0.5);
        expect(tip.right).to.be.at.most(plot.right + 0.5);
        expect(tooltip(el).hasAttribute('style') && !tooltip(el).getAttribute('style')!.includes('undefined')).to.equal(
          true,
        );
        await sendMouse({ type: 'move', position: [1, 1] });
        await until(() => tooltip(el).hidden, `tooltip of ${widgetId} hidden`);
        el.remove();
      }
    });

    it("keeps a tapped category's tooltip after the finger lifts, until the chart loses focus", async () => {
      const { el, data } = await renderReal('revenue-by-region');
      const svg = await chartOf(el);
      const bar = svg.querySelectorAll('.marks .bar')[1]!;
      const [x, y] = center(bar);
      svg.focus();
      bar.dispatchEvent(
        new PointerEvent('pointerdown', { pointerType: 'touch', clientX: x, clientY: y, bubbles: true }),
      );
      svg.dispatchEvent(new PointerEvent('pointerleave', { pointerType: 'touch' }));
      await el.updateComplete;
      expect(tooltipText(el)).to.equal(`Revenue (${data.rows[1]![0]}): ${full(data.rows[1]![1] as number)}`);
      svg.blur();
      await until(() => tooltip(el).hidden, 'hidden on blur');
    });

    it('is one tab stop: focus shows the first category, the arrow keys move, Escape hides; a live region reads it', async () => {
      const data = await real('revenue-by-region');
      const wrapper = await fixture<HTMLElement>(
        html`<div>
          <button>before</button
          ><atlas-widget
            style="inline-size: 640px"
            .widget=${definitions.get('revenue-by-region')}
            .data=${data}
          ></atlas-widget>
        </div>`,
      );
      const el = wrapper.querySelector('atlas-widget') as AtlasWidget;
      const svg = await chartOf(el);
      const label = (i: number) => `Revenue (${data.rows[i]![0]}): ${full(data.rows[i]![1] as number)}`;
      wrapper.querySelector('button')!.focus();
      await sendKeys({ press: 'Tab' });
      expect(shadow(el).activeElement).to.equal(svg);
      await until(() => !tooltip(el).hidden, 'tooltip on focus');
      expect(tooltipText(el)).to.equal(label(0));
      expect(live(el)).to.equal(label(0));
      expect(svg.querySelector('.hover-band'), 'the focused category is highlighted').to.exist;
      await sendKeys({ press: 'ArrowRight' });
      await until(() => tooltipText(el) === label(1), 'next category');
      expect(live(el)).to.equal(label(1));
      await sendKeys({ press: 'End' });
      await until(() => tooltipText(el) === label(data.rows.length - 1), 'last category');
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(tooltipText(el), 'stays on the last').to.equal(label(data.rows.length - 1));
      await sendKeys({ press: 'Escape' });
      await until(() => tooltip(el).hidden, 'Escape hides it');
      expect(svg.querySelector('.hover-band')).to.equal(null);
      await sendKeys({ press: 'ArrowLeft' });
      await until(() => tooltipText(el) === label(data.rows.length - 1), 'back after Escape');
      await sendKeys({ press: 'Tab' });
      await until(() => tooltip(el).hidden, 'hidden when focus leaves');
      await expect(el).to.be.accessible();
    });

    it('shows a legend for several series (top on a wide widget, bottom on a narrow one), one line per series', async () => {
      const { el, data } = await other('ops-wall', 'temp-by-day', 640);
      const svg = await chartOf(el);
      const machines = [...new Set(data.rows.map((r) => String(r[1])))];
      expect(machines.length).to.be.greaterThan(1);
      const items = [...shadow(el).querySelectorAll('[part="chart-legend"] li')];
      expect(items.map((li) => li.textContent!.trim())).to.deep.equal(machines);
      expect(svg.querySelectorAll('.marks path.line').length).to.equal(machines.length);
      const legendBox = () => shadow(el).querySelector('[part="chart-legend"]')!.getBoundingClientRect();
      expect(legendBox().bottom).to.be.at.most(svg.getBoundingClientRect().top + 1);
      // Each series has its own colour, the swatch's.
      const fills = items.map((li) => getComputedStyle(li.querySelector('.swatch')!).backgroundColor);
      expect(new Set(fills).size).to.equal(machines.length);
      expect(getComputedStyle(svg.querySelector('.marks path.line')!).stroke).to.equal(fills[0]);
      el.style.inlineSize = '360px';
      await until(() => legendBox().top >= svg.getBoundingClientRect().bottom - 1, 'legend below the chart at 360 px');
      await expect(el).to.be.accessible();
    });

    it("puts a wide pie's legend at its right", async () => {
      const { el } = await renderReal('channel-mix', undefined, 900);
      const svg = await chartOf(el);
      const legend = shadow(el).querySelector('[part="chart-legend"]')!.getBoundingClientRect();
      const slices = [...svg.querySelectorAll('.slice')].map((p) => p.getBoundingClientRect());
      expect(legend.left).to.be.at.least(Math.max(...slices.map((b) => b.right)) - 1);
    });

    it('never lets axis labels overlap at 360 px: skips dates, cuts long names, keeps all inside the chart', async () => {
      const long = await synthetic(
        'bar',
        [
          { name: 'region', type: 'string', label: 'Region' },
          { name: 'revenue', type: 'number', label: 'Revenue' },
        ],
        [
          'North America',
          'Europe, Middle East and Africa',
          'Asia Pacific',
          'Latin America',
          'Oceania',
          'Antarctic research stations',
        ].map((r, i) => [r, 1e6 / (i + 1)]),
        360,
      );
      const cases = [
        { el: long, skips: false },
        { el: (await renderReal('revenue-by-month', undefined, 360)).el, skips: true },
        { el: (await other('support-backlog', 'tickets-by-week', 360)).el, skips: true },
        { el: (await other('ops-wall', 'temp-by-day', 360)).el, skips: true },
      ];
      for (const { el, skips } of cases) {
        const svg = await chartOf(el);
        const outer = svg.getBoundingClientRect();
        const xLabels = [...svg.querySelectorAll('.axis text')];
        const n = Number(svg.getAttribute('aria-label')!.match(/(\d+) points?/)![1]);
        expect(xLabels.length, 'some labels shown').to.be.at.least(Math.min(2, n));
        if (!skips) expect(xLabels.length, 'every bar named').to.equal(n);
        expectApart(
          xLabels.map((t) => t.getBoundingClientRect()),
          outer,
          'x',
          `${svg.getAttribute('aria-label')!.split(':')[0]}: x label`,
        );
        expectApart(
          [...svg.querySelectorAll('.grid text')].map((t) => t.getBoundingClientRect()),
          outer,
          'y',
          'value label',
        );
      }
      // A name cut to fit keeps the whole name as its title (and in the tooltip and the data table).
      const cut = [...long.shadowRoot!.querySelectorAll('.axis text')].filter((t) => t.textContent!.includes('…'));
      expect(cut.map((t) => t.querySelector('title')?.textContent)).to.include('Europe, Middle East and Africa');
      for (const t of cut) {
        const whole = t.querySelector('title')!.textContent!;
        const shown = t.textContent!.replace(whole, '').trim();
        expect(whole.startsWith(shown.slice(0, -1)), `${shown} starts ${whole}`).to.equal(true);
      }
    });

    it("sets its text in the widget's CSS type size: normal on a desktop, larger on a wide wall and in a kiosk", async () => {
      const data = await real('revenue-by-month');
      const at = async (width: number, fontSize = '') => {
        const el = await fixture<AtlasWidget>(
          html`<atlas-widget
            style="inline-size: ${width}px; font-size: ${fontSize || 'inherit'}"
            .widget=${definitions.get('revenue-by-month')}
            .data=${data}
          ></atlas-widget>`,
        );
        const svg = await chartOf(el);
        const figure = parseFloat(getComputedStyle(shadow(el).querySelector('[part="chart"]')!).fontSize);
        const sizes = [...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize));
        expect(new Set(sizes), "every label at the figure's size").to.deep.equal(new Set([figure]));
        // Rendered at that size: the SVG is not scaled.
        const box = svg.querySelector('.axis text')!.getBoundingClientRect();
        expect(box.height).to.be.within(figure * 0.9, figure * 1.6);
        return figure;
      };
      const desktop = await at(640);
      expect(desktop).to.be.within(11, 14);
      const wall = await at(1600);
      expect(wall, 'container query on a wide widget').to.be.at.least(17);
      const kiosk = await at(1250, '44px');
      expect(kiosk, 'a kiosk on a 3840 px screen: its vw type scale reaches the chart').to.be.closeTo(35.2, 0.1);
    });

    it('follows --atlas-chart-N and the theme without a redraw', async () => {
      const { el } = await renderReal('revenue-by-region');
      const svg = await chartOf(el);
      const bar = svg.querySelector('.marks .bar')!;
      expect(getComputedStyle(bar).fill).to.equal('rgb(37, 87, 214)');
      el.style.setProperty('--atlas-chart-1', 'rgb(1, 2, 3)');
      el.style.setProperty('--atlas-border', 'rgb(4, 5, 6)');
      el.style.setProperty('--atlas-text', 'rgb(7, 8, 9)');
      expect(svg.querySelector('.marks .bar'), 'the same element').to.equal(bar);
      expect(getComputedStyle(bar).fill).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle(svg.querySelector('.grid line:not(.zero)')!).stroke).to.equal('rgb(4, 5, 6)');
      expect(getComputedStyle(svg.querySelector('.axis text')!).fill).to.equal('rgb(7, 8, 9)');
    });

    it('draws gaps for missing values, points only up to 60 labels, and follows its box when resized', async () => {
      const columns: WidgetData['columns'] = [
        { name: 'day', type: 'string', label: 'Day' },
        { name: 'a', type: 'number', label: 'A' },
        { name: 'b', type: 'number', label: 'B' },
      ];
      const few = await synthetic('line', columns, [
        ['1', 1, 5],
        ['2', null, 6],
        ['3', 3, null],
        ['4', 4, 8],
      ]);
      const svg = await chartOf(few);
      const [a, b] = [...svg.querySelectorAll('.marks path.line')].map((p) => p.getAttribute('d')!);
      expect(a!.match(/M/g)!.length, 'A breaks at its gap').to.equal(2);
      expect(b!.match(/M/g)!.length).to.equal(2);
      expect(svg.querySelectorAll('.marks .point').length).to.equal(6);

      const many = await synthetic(
        'line',
        columns.slice(0, 2),
        Array.from({ length: 90 }, (_, i) => [`d${i}`, i === 50 ? 7 : i === 49 || i === 51 ? null : i]),
      );
      const dense = await chartOf(many);
      expect(dense.querySelectorAll('.marks .point').length, 'only the isolated value gets a point').to.equal(1);
      const width = () => Number(dense.getAttribute('width'));
      const before = width();
      many.style.inlineSize = '400px';
      await until(() => width() < before - 200, 'redrawn at the new width');
      expect(width()).to.equal(Math.floor(dense.parentElement!.clientWidth));
    });

    it('animates briefly, and not at all with prefers-reduced-motion', async () => {
      const { el } = await renderReal('revenue-by-region');
      const svg = await chartOf(el);
      const bar = svg.querySelector('.marks .bar')!;
      expect(parseFloat(getComputedStyle(bar).transitionDuration)).to.be.within(0.1, 0.5);
      await emulateMedia({ reducedMotion: 'reduce' });
      expect(getComputedStyle(bar).transitionDuration).to.equal('0s');
      expect(getComputedStyle(svg.querySelector('.marks')!).animationName).to.equal('none');
    });

    it('geometry: value axis from zero with nice ticks, labels thinned without overlap, tooltip kept in its box', () => {
      const axis = valueAxis([12, 480, null, 97], 10, 210, 16);
      expect(axis.scale.domain()).to.deep.equal([0, 500]);
      expect(axis.ticks[0]).to.equal(0);
      expect(axis.ticks.at(-1)).to.equal(500);
      expect(axis.scale(0)).to.equal(210);
      expect(valueAxis([-30, 20], 0, 100, 10).scale.domain()[0]).to.be.at.most(-30);
      expect(valueAxis([null, null], 0, 100, 10).scale.domain()).to.deep.equal([0, 1]);
      expect(valueAxis([0, 5000], 0, 100, 16).ticks.length, 'few ticks in a short chart').to.be.at.most(4);
      expect(valueAxis([0, 5000], 0, 800, 16).ticks.length, 'more in a tall one').to.be.at.least(8);

      const centers = Array.from({ length: 12 }, (_, i) => 30 + i * 30);
      const shown = thinLabels(
        centers,
        centers.map(() => 50),
        8,
        0,
        360,
      );
      expect(shown.map((l) => l.index)).to.deep.equal([0, 2, 4, 6, 8, 10]);
      shown.slice(1).forEach((l, i) => expect(l.x - 25).to.be.at.least(shown[i]!.x + 25 + 8));
      const edges = thinLabels([5, 100, 195], [40, 40, 40], 8, 0, 200);
      expect(
        edges.map((l) => l.x),
        'moved inwards to stay inside the box',
      ).to.deep.equal([20, 100, 180]);
      expect(
        thinLabels(
          centers,
          centers.map(() => 20),
          8,
          0,
          380,
        ).length,
        'all fit',
      ).to.equal(12);
      expect(thinLabels([], [], 8, 0, 100)).to.deep.equal([]);

      const measure = (s: string) => s.length * 7;
      expect(fitText('Oceania', 100, measure)).to.equal('Oceania');
      const cut = fitText('Europe, Middle East and Africa', 70, measure);
      expect(cut.endsWith('…')).to.equal(true);
      expect(measure(cut)).to.be.at.most(70);
      expect(nearestIndex([10, 40, 70], 52)).to.equal(1);
      expect(nearestIndex([], 5)).to.equal(-1);

      expect(placeTooltip({ x: 100, y: 150 }, { width: 80, height: 40 }, { width: 300, height: 200 }, 8)).to.deep.equal(
        { left: 60, top: 102 },
      );
      expect(
        placeTooltip({ x: 5, y: 20 }, { width: 80, height: 40 }, { width: 300, height: 200 }, 8),
        'below, moved right',
      ).to.deep.equal({ left: 0, top: 28 });
      expect(placeTooltip({ x: 295, y: 190 }, { width: 80, height: 40 }, { width: 300, height: 200 }, 8).left).to.equal(
        220,
      );
      expect(shares([30, null, 10, -5])).to.deep.equal([0.75, 0, 0.25, 0]);
    });

    it('formats: ticks in one notation, tooltip lines "Series (label): value"', () => {
      const nf = (o?: Intl.NumberFormatOptions) => new Intl.NumberFormat('en-US', o);
      expect(tickFormat([0, 50_000, 100_000, 150_000], 'en-US')).to.deep.equal(['0', '50K', '100K', '150K']);
      expect(tickFormat([0, 2.5, 5], 'en-US')).to.deep.equal(['0', '2.5', '5']);
      expect(tickFormat([0, 20_000], 'de-DE')).to.deep.equal(['0', '20.000']);
      const model = {
        labels: ['Jan', 'Feb'],
        series: [
          { label: 'Revenue', values: [1234.5, null] },
          { label: 'Cost', values: [50, 60] },
        ],
        valueLabel: 'Revenue',
      };
      expect(tooltipRows('line', model, 1, 'en-US').map((r) => `${r.text}${r.value}`)).to.deep.equal([
        'Revenue (Feb): —',
        'Cost (Feb): 60',
      ]);
      expect(tooltipRows('bar', model, 0, 'en-US')[0]!.value).to.equal(nf({ maximumFractionDigits: 0 }).format(1234.5));
      const pie = tooltipRows(
        'pie',
        { labels: ['Web', 'Shop'], series: [{ label: 'Revenue', values: [300, 100] }], valueLabel: 'Revenue' },
        0,
        'en-US',
      );
      expect(pie).to.have.length(1);
      expect(`${pie[0]!.text}${pie[0]!.value}`).to.equal('Revenue (Web): 300');
      expect(pie[0]!.share).to.equal('75%');
    });
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
