import { expect, fixture, html } from '@open-wc/testing';
import '../../components/define/atlas-provider.js';
import '../../components/define/atlas-dashboard.js';
import '../../components/define/atlas-public-viewer.js';
import type { AtlasDashboard } from '../../components/dashboard/dashboard.js';
import { DATE_PRESETS, presetRange } from '../../components/dashboard/date-range.js';
import type { AtlasPublicViewer } from '../../components/public-viewer/public-viewer.js';
import type { AtlasWidget } from '../../components/widget/widget.js';
import { $, renderDashboard } from './dashboard.support.js';
import { api, demoToken, until } from './support.js';

// Issue 17 item 8: filters that do not apply are named on the widget, inverted date ranges are refused, and the date
// filter offers the usual relative presets. Against the real server (Sales overview: orders and support tickets).

const cellOf = (el: AtlasDashboard, widgetId: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('.cell')].find(
    (c) => c.querySelector<AtlasWidget>('atlas-widget')?.widget?.id === widgetId,
  )!;
const scopeNote = (el: AtlasDashboard, widgetId: string) =>
  cellOf(el, widgetId).querySelector('.filter-scope')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<atlas-dashboard> filters (issue 17)', () => {
  let alice: string;
  before(async () => {
    alice = await demoToken('alice');
  });
  // Filters persist per browser session: each test starts without any.
  beforeEach(() => sessionStorage.clear());
  afterEach(() => sessionStorage.clear());

  it("names the active filter a widget's data source lacks, on that widget only", async () => {
    const el = await renderDashboard(alice, 'sales-overview');
    expect(el.shadowRoot!.querySelectorAll('.filter-scope')).to.have.length(0);
    const channel = $<HTMLSelectElement>(el, '#filter-channel')!;
    channel.value = 'Online';
    channel.dispatchEvent(new Event('change'));
    await el.updateComplete;
    // Support tickets have no channel: their widget says so; the orders widgets are filtered and say nothing.
    expect(scopeNote(el, 'open-tickets')).to.match(/^Not filtered by Channel/);
    expect(scopeNote(el, 'revenue')).to.equal('');
    await until(
      () =>
        [...el.shadowRoot!.querySelectorAll<AtlasWidget>('atlas-widget')].every(
          (w) => !w.shadowRoot?.textContent?.includes('Loading'),
        ),
      'widgets loaded',
      8000,
    );
    await expect(el).to.be.accessible();
  });

  it('offers relative presets; choosing one applies its range', async () => {
    const el = await renderDashboard(alice, 'sales-overview');
    const period = $<HTMLSelectElement>(el, 'select[aria-label="Order date: period"]')!;
    expect([...period.options].map((o) => o.textContent!.trim())).to.deep.equal([
      'Any time',
      'Today',
      'Last 7 days',
      'Last 30 days',
      'Last 90 days',
      'This month',
      'This quarter',
      'This year',
    ]);
    period.value = String(DATE_PRESETS.findIndex(([label]) => label === 'Last 30 days'));
    period.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const expected = presetRange(2);
    expect($<HTMLInputElement>(el, 'input[aria-label="Order date from"]')!.value).to.equal(expected.from);
    expect($<HTMLInputElement>(el, 'input[aria-label="Order date to"]')!.value).to.equal(expected.to);
    expect(period.selectedOptions[0]!.textContent!.trim()).to.equal('Last 30 days');
  });

  it('preset ranges: today, the last N days including today, the month, quarter and year so far', () => {
    const today = new Date(Date.UTC(2026, 4, 20)); // 20 May 2026
    const ranges = DATE_PRESETS.map((_, i) => presetRange(i, today));
    expect(ranges.map((r) => r.from)).to.deep.equal([
      '2026-05-20',
      '2026-05-14',
      '2026-04-21',
      '2026-02-20',
      '2026-05-01',
      '2026-04-01',
      '2026-01-01',
    ]);
    expect(ranges.every((r) => r.to === '2026-05-20')).to.equal(true);
  });

  it('refuses an inverted range: not applied, the reason shown, the last valid range kept', async () => {
    const el = await renderDashboard(alice, 'sales-overview');
    const from = $<HTMLInputElement>(el, 'input[aria-label="Order date from"]')!;
    const to = $<HTMLInputElement>(el, 'input[aria-label="Order date to"]')!;
    from.value = '2026-01-01';
    from.dispatchEvent(new Event('change'));
    await el.updateComplete;
    to.value = '2026-03-31';
    to.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(to.min).to.equal('2026-01-01');
    expect(from.max).to.equal('2026-03-31');
    from.value = '2026-05-01';
    from.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const error = $(el, '#filter-order_date-error')!;
    expect(error.textContent).to.contain('The start date is after the end date');
    expect(from.validity.valid).to.equal(false);
    // The filters the widgets use are still the valid range.
    const stored = JSON.parse(sessionStorage.getItem('atlas-filters:sales-overview') ?? '{}');
    expect(JSON.stringify(stored)).to.contain('2026-01-01');
    expect(JSON.stringify(stored)).not.to.contain('2026-05-01');
  });

  it('on a narrow screen the access icon keeps its size beside a summary that wraps', async () => {
    const el = await renderDashboard(alice, 'sales-overview');
    el.style.display = 'block';
    el.style.inlineSize = '300px';
    await el.updateComplete;
    const access = $(el, '.meta .access')!;
    const text = access.querySelector('span')!;
    const lineSize = parseFloat(getComputedStyle(text).fontSize);
    expect(text.getBoundingClientRect().height).to.be.greaterThan(1.8 * lineSize, 'the summary wraps at this width');
    const icon = access.querySelector('svg')!.getBoundingClientRect();
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
    expect(icon.width).to.be.closeTo(rem, 0.5);
    expect(icon.height).to.be.closeTo(rem, 0.5);
  });

  it('on a narrow screen the dash between the dates wraps with the end date, never alone', async () => {
    const el = await renderDashboard(alice, 'sales-overview');
    el.style.display = 'block';
    el.style.inlineSize = '300px';
    await el.updateComplete;
    const from = $<HTMLInputElement>(el, 'input[aria-label="Order date from"]')!;
    const to = $<HTMLInputElement>(el, 'input[aria-label="Order date to"]')!;
    const dash = to.previousElementSibling as HTMLElement;
    expect(dash.textContent).to.equal('–');
    const box = (e: Element) => e.getBoundingClientRect();
    expect(box(to).top).to.be.greaterThan(box(from).top, 'the dates are on two lines at this width');
    const dashMiddle = (box(dash).top + box(dash).bottom) / 2;
    expect(dashMiddle).to.be.within(box(to).top, box(to).bottom, 'the dash is on the end date’s line');
  });

  it('the public viewer offers the same presets and the same refusal (one date control for both)', async () => {
    const { link } = await api<{ link: { token: string } }>(alice, '/dashboards/sales-overview/public-links', {
      method: 'POST',
      json: { label: 'Date presets test' },
    });
    const viewer = await fixture<AtlasPublicViewer>(
      html`<atlas-public-viewer token=${link.token} api-base="/api"></atlas-public-viewer>`,
    );
    const q = <T extends Element>(selector: string) => viewer.shadowRoot!.querySelector<T>(selector);
    await until(() => q('select[aria-label="Order date: period"]') !== null, 'the date control');
    const period = q<HTMLSelectElement>('select[aria-label="Order date: period"]')!;
    expect([...period.options].slice(1).map((o) => o.textContent)).to.deep.equal(DATE_PRESETS.map(([label]) => label));
    period.value = '2';
    period.dispatchEvent(new Event('change'));
    await until(
      () => q<HTMLInputElement>('input[aria-label="Order date from"]')!.value === presetRange(2).from,
      'the last 30 days applied',
    );
    expect(q<HTMLInputElement>('input[aria-label="Order date to"]')!.value).to.equal(presetRange(2).to);
    expect(q('#filter-order_date-error')).to.not.equal(null);
    await expect(viewer).to.be.accessible();
  });
});
