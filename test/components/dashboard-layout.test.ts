/** Edit mode's layout and widget editing (issue 17 item 2): drag, corner resize, keyboard, Edit widget, description. */
import { expect, oneEvent } from '@open-wc/testing';
import { emulateMedia, resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import '../../components/define/atlas-provider.js';
import '../../components/define/atlas-dashboard.js';
import type { AtlasDashboard } from '../../components/dashboard/dashboard.js';
import { isValidLayout } from '../../components/dashboard/layout-model.js';
import type { DashboardDetail } from '../../components/internal/types.js';
import { $, action, renderDashboard } from './dashboard.support.js';
import { api, demoToken, observeFetch, until, type ObservedRequest } from './support.js';

const status = (el: AtlasDashboard) => $(el, '.layout-status')!.textContent!.trim();
/** The cell of the widget titled `title`, by its Move handle's name. */
const cell = (el: AtlasDashboard, title: string) =>
  $(el, `.move-handle[aria-label="Move or resize ${title}"]`)!.closest<HTMLElement>('.cell')!;
const handle = (el: AtlasDashboard, title: string) => cell(el, title).querySelector<HTMLButtonElement>('.move-handle')!;
/** Where a cell sits on the grid, read from its inline style (1-based lines, as CSS has them). */
const area = (el: AtlasDashboard, title: string) => {
  const style = cell(el, title).style;
  return `${style.gridColumn} | ${style.gridRow}`;
};

const kpi = (title: string, x: number, y: number) => ({
  title,
  type: 'kpi',
  dataSourceId: 'orders',
  query: { metrics: [{ agg: 'count' }] },
  position: { x, y, w: 3, h: 2 },
});

async function startEditing(el: AtlasDashboard) {
  $<HTMLButtonElement>(el, '.edit-button')!.click();
  await el.updateComplete;
  await until(() => $<HTMLSelectElement>(el, '.editor-dialog select')!.options.length > 0, 'data sources loaded');
}

async function save(el: AtlasDashboard): Promise<ObservedRequest[]> {
  const { requests: sent, stop } = observeFetch();
  try {
    const saved = oneEvent(el, 'atlas-dashboard-save');
    action(el, 'Save').click();
    await saved;
  } finally {
    stop();
  }
  return sent.filter((r) => r.method !== 'GET');
}

describe('<atlas-dashboard> edit mode: layout, Edit widget, description', () => {
  let alice: string;
  let id: string;
  let saved: () => Promise<DashboardDetail>;
  before(async () => {
    alice = await demoToken('alice');
    saved = async () => (await api<{ dashboard: DashboardDetail }>(alice, `/dashboards/${id}`)).dashboard;
    await setViewport({ width: 1280, height: 900 });
  });
  beforeEach(async () => {
    id = (
      await api<{ dashboard: { id: string } }>(alice, '/dashboards', {
        method: 'POST',
        json: { projectId: 'sales', title: 'Layout', description: 'Before' },
      })
    ).dashboard.id;
    for (const w of [kpi('Revenue', 0, 0), kpi('Orders', 3, 0)])
      await api(alice, `/dashboards/${id}/widgets`, { method: 'POST', json: w });
  });
  afterEach(async () => {
    await resetMouse();
    await emulateMedia({ colorScheme: 'light' });
    document.body.style.background = '';
    await api(alice, `/dashboards/${id}`, { method: 'DELETE' });
  });

  it('keyboard: arrows move, Shift+arrows resize, each step announced; Escape cancels; Save sends the layout once', async () => {
    const el = await renderDashboard(alice, id);
    await startEditing(el);
    handle(el, 'Revenue').focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(status(el)).to.equal('Revenue moved to column 1, row 2');
    expect(area(el, 'Revenue')).to.equal('1 / span 3 | 2 / span 2');
    await sendKeys({ press: 'Shift+ArrowRight' });
    await el.updateComplete;
    expect(status(el)).to.equal('Revenue resized to 4 by 2');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(status(el)).to.equal('Move cancelled. Revenue is back at column 1, row 1, 3 by 2');
    expect(area(el, 'Revenue')).to.equal('1 / span 3 | 1 / span 2');
    expect($(el, '.editor-dialog')!.hasAttribute('open'), 'Escape only cancelled the move').to.equal(false);

    // Onto Orders: Orders is pushed below, never overlapped.
    handle(el, 'Revenue').focus();
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight']) await sendKeys({ press: key });
    await sendKeys({ press: 'Shift+ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(area(el, 'Revenue')).to.equal('4 / span 3 | 1 / span 3');
    expect(area(el, 'Orders')).to.equal('4 / span 3 | 4 / span 2');
    expect(el.shadowRoot!.activeElement === handle(el, 'Revenue'), 'focus stays on the handle').to.equal(true);

    const writes = await save(el);
    expect(writes.map((r) => `${r.method} ${r.path}`)).to.deep.equal([`PUT /api/dashboards/${id}`]);
    const after = await saved();
    const byTitle = Object.fromEntries(after.widgets.map((w) => [w.title, w.position]));
    expect(byTitle).to.deep.equal({ Revenue: { x: 3, y: 0, w: 3, h: 3 }, Orders: { x: 3, y: 3, w: 3, h: 2 } });
    expect(isValidLayout(after.widgets)).to.equal(true);
  });

  it('pointer: dragging the Move handle moves by whole columns; dragging the corner resizes; both announced', async () => {
    const el = await renderDashboard(alice, id);
    await startEditing(el);
    const grid = $(el, '.grid')!;
    const style = getComputedStyle(grid);
    const colPitch = (grid.clientWidth - 11 * parseFloat(style.columnGap)) / 12 + parseFloat(style.columnGap);
    const rowPitch = parseFloat(style.gridAutoRows) + parseFloat(style.rowGap);

    const box = handle(el, 'Orders').getBoundingClientRect();
    const [x, y] = [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)];
    await sendMouse({ type: 'move', position: [x, y] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [x + Math.round(colPitch), y + 5] });
    await sendMouse({ type: 'move', position: [x + Math.round(3.2 * colPitch), y + 5] });
    await el.updateComplete;
    expect(cell(el, 'Orders').classList.contains('moving'), 'drawn raised while dragged').to.equal(true);
    await sendMouse({ type: 'up' });
    await el.updateComplete;
    expect(area(el, 'Orders')).to.equal('7 / span 3 | 1 / span 2');
    expect(status(el)).to.equal('Orders moved to column 7, row 1');

    const grip = cell(el, 'Revenue').querySelector('.resize-grip')!.getBoundingClientRect();
    const [gx, gy] = [Math.round(grip.x + grip.width / 2), Math.round(grip.y + grip.height / 2)];
    await sendMouse({ type: 'move', position: [gx, gy] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [gx + Math.round(colPitch), gy + Math.round(rowPitch)] });
    await sendMouse({ type: 'up' });
    await el.updateComplete;
    expect(area(el, 'Revenue')).to.equal('1 / span 4 | 1 / span 3');
    expect(status(el)).to.equal('Revenue resized to 4 by 3');

    // Escape during a drag puts the widget back; the pointer's release then changes nothing.
    const rb = handle(el, 'Revenue').getBoundingClientRect();
    const [rx, ry] = [Math.round(rb.x + rb.width / 2), Math.round(rb.y + rb.height / 2)];
    await sendMouse({ type: 'move', position: [rx, ry] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [rx + Math.round(2 * colPitch), ry] });
    await el.updateComplete;
    expect(area(el, 'Revenue')).to.equal('3 / span 4 | 1 / span 3');
    await sendKeys({ press: 'Escape' });
    await sendMouse({ type: 'up' });
    await el.updateComplete;
    expect(area(el, 'Revenue')).to.equal('1 / span 4 | 1 / span 3');
    expect(status(el)).to.equal('Move cancelled. Revenue is back at column 1, row 1, 4 by 3');

    const writes = await save(el);
    expect(writes).to.have.length(1);
    const positions = Object.fromEntries((await saved()).widgets.map((w) => [w.title, w.position]));
    expect(positions).to.deep.equal({ Revenue: { x: 0, y: 0, w: 4, h: 3 }, Orders: { x: 6, y: 0, w: 3, h: 2 } });
  });

  it('Edit widget (the Add form) and the description, with a move, are saved in ONE request', async () => {
    const el = await renderDashboard(alice, id);
    const before = await saved();
    await startEditing(el);
    const description = $<HTMLTextAreaElement>(el, '.description-input')!;
    expect(description.value).to.equal('Before');
    description.value = 'Weekly numbers for the sales team';
    description.dispatchEvent(new Event('input'));

    const edit = cell(el, 'Orders').querySelector<HTMLButtonElement>('.edit-widget')!;
    expect(edit.getAttribute('aria-label')).to.equal('Edit widget Orders');
    edit.click();
    await el.updateComplete;
    const dialog = $<HTMLDialogElement>(el, '.editor-dialog')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.querySelector('h2')!.textContent).to.equal('Edit widget');
    const name = dialog.querySelector<HTMLInputElement>('input[name="title"]')!;
    expect(name.value).to.equal('Orders');
    const selects = () => [...dialog.querySelectorAll<HTMLSelectElement>('select')];
    expect(selects()[1]!.value, 'its chart type').to.equal('kpi');
    await expect(el).to.be.accessible();
    // A bad title is refused in the dialog, and nothing else is lost.
    name.value = ' ';
    name.dispatchEvent(new Event('input'));
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await el.updateComplete;
    expect(dialog.querySelector('[role="alert"]')!.textContent).to.contain('title');
    name.value = 'Orders by region';
    name.dispatchEvent(new Event('input'));
    selects()[1]!.value = 'bar';
    selects()[1]!.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const groupBy = selects().at(-1)!; // count of rows: no "Of field", so Group by is the last
    groupBy.value = 'region';
    groupBy.dispatchEvent(new Event('change'));
    await el.updateComplete;
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await el.updateComplete;
    expect(dialog.open).to.equal(false);
    // The dialog's close event (which gives focus back) comes a task later. Elements are compared as booleans: chai
    // would print a whole element graph on a failure.
    await until(() => el.shadowRoot!.activeElement === edit, 'focus back on Edit widget');
    expect(handle(el, 'Orders by region')).to.exist;

    // Revenue's title only: its query is kept as it was.
    const editRevenue = cell(el, 'Revenue').querySelector<HTMLButtonElement>('.edit-widget')!;
    editRevenue.click();
    await el.updateComplete;
    name.value = 'Revenue (all)';
    name.dispatchEvent(new Event('input'));
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await el.updateComplete;
    await until(() => el.shadowRoot!.activeElement === editRevenue, 'the dialog closed, focus back on Edit widget');
    handle(el, 'Revenue (all)').focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;

    const writes = await save(el);
    expect(writes.map((r) => `${r.method} ${r.path}`)).to.deep.equal([`PUT /api/dashboards/${id}`]);
    const body = writes[0]!.body as { description: string; widgets: { title: string }[] };
    expect(body.description).to.equal('Weekly numbers for the sales team');
    const after = await saved();
    expect(after.description).to.equal('Weekly numbers for the sales team');
    const [revenue, orders] = [before.widgets[0]!, before.widgets[1]!];
    const revenueAfter = after.widgets.find((w) => w.id === revenue.id)!;
    expect(revenueAfter).to.deep.include({ title: 'Revenue (all)', type: 'kpi', query: revenue.query });
    expect(revenueAfter.position).to.deep.equal({ x: 0, y: 1, w: 3, h: 2 });
    const ordersAfter = after.widgets.find((w) => w.id === orders.id)!;
    expect(ordersAfter.title).to.equal('Orders by region');
    expect(ordersAfter.type).to.equal('bar');
    expect(ordersAfter.query.dimensions).to.deep.equal(['region']);
    expect($(el, '.description')!.textContent).to.equal('Weekly numbers for the sales team');
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no axe violations in edit mode (${scheme})`, async () => {
      await emulateMedia({ colorScheme: scheme });
      // A host page in dark mode is dark itself: the elements draw on its background.
      document.body.style.background = scheme === 'dark' ? '#14171c' : '';
      const el = await renderDashboard(alice, id);
      await startEditing(el);
      handle(el, 'Revenue').focus();
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      await expect(el).to.be.accessible();
      cell(el, 'Orders').querySelector<HTMLButtonElement>('.edit-widget')!.click();
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });
  }
});
