import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import '../../components/define/atlas-public-viewer.js';
import '../../components/define/atlas-widget.js';
import type { AtlasPublicViewer } from '../../components/public-viewer/public-viewer.js';
import type { AtlasWidget } from '../../components/widget/widget.js';
import { api, demoToken, until } from './support.js';

// Issue 17 items 11 and 12: the dark theme's first chart colour against the card (WCAG 1.4.11, 3:1), stale data not
// dimmed below 4.5:1, and a wall screen's status line, ticks and legends sized with the screen.

function luminance(rgb: string): number {
  const [r, g, b] = rgb
    .match(/\d+(\.\d+)?/g)!
    .slice(0, 3)
    .map(Number);
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
}
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
};

const barWidget = {
  id: 'w',
  title: 'Throughput',
  type: 'bar' as const,
  query: { metrics: [{ agg: 'sum' as const, field: 'units' }], dimensions: ['machine'] },
};
const barData = {
  columns: [
    { name: 'machine', label: 'Machine', type: 'string' as const },
    { name: 'sum_units', label: 'Units', type: 'number' as const },
  ],
  rows: [
    ['Press 1', 120],
    ['Press 2', 80],
  ],
};

describe('wall screens and contrast (issue 17)', () => {
  after(async () => {
    await emulateMedia({ colorScheme: 'light' });
    await setViewport({ width: 800, height: 600 });
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`the first chart colour is at least 3:1 against the card (${scheme})`, async () => {
      await emulateMedia({ colorScheme: scheme });
      const el = await fixture<AtlasWidget>(
        html`<atlas-widget
          style="inline-size:480px;block-size:320px"
          .widget=${barWidget}
          .data=${barData}
        ></atlas-widget>`,
      );
      // The chart module (and its styles) arrive lazily: wait until the bar has its series colour.
      const barOf = () => el.shadowRoot!.querySelector<SVGElement>('svg .marks .bar');
      await until(() => Boolean(barOf()) && getComputedStyle(barOf()!).fill !== 'rgb(0, 0, 0)', 'bars drawn', 8000);
      const bar = barOf()!;
      const card = el.shadowRoot!.querySelector<HTMLElement>('[part="base"]')!;
      const ratio = contrast(getComputedStyle(bar).fill, getComputedStyle(card).backgroundColor);
      expect(ratio, `${getComputedStyle(bar).fill} on ${getComputedStyle(card).backgroundColor}`).to.be.at.least(3);
      await expect(el).to.be.accessible();
    });
  }

  it('kiosk at 3840×2160: the status line is as large as a widget title, ticks follow the screen; stale is not dimmed', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    await setViewport({ width: 3840, height: 2160 });
    const alice = await demoToken('alice');
    const { link } = await api<{ link: { token: string } }>(alice, '/dashboards/ops-wall/public-links', {
      method: 'POST',
      json: { label: 'Wall test' },
    });
    const el = await fixture<AtlasPublicViewer>(
      html`<atlas-public-viewer token=${link.token} api-base="/api" kiosk theme="dark"></atlas-public-viewer>`,
    );
    const root = el.shadowRoot!;
    await until(() => /Last updated/.test(root.querySelector('[part="status"]')?.textContent ?? ''), 'status', 8000);
    const px = (node: Element) => parseFloat(getComputedStyle(node).fontSize);
    const status = root.querySelector('[part="status"]')!;
    const widget = root.querySelector<AtlasWidget>('atlas-widget')!;
    const title = widget.shadowRoot!.querySelector('[part="title"]')!;
    // Before: 0.6em of the title's size (about 8 mm on a 55-inch TV).
    expect(px(status)).to.be.at.least(px(title) * 0.95);
    expect(px(status)).to.be.at.least(40);
    const chartWidget = [...root.querySelectorAll<AtlasWidget>('atlas-widget')].find((w) => w.widget?.type !== 'kpi')!;
    await until(() => Boolean(chartWidget.shadowRoot!.querySelector('[part~="chart"]')), 'chart', 8000);
    expect(px(chartWidget.shadowRoot!.querySelector('[part~="chart"]')!)).to.be.at.least(px(title) * 0.85);
    // Stale data is greyed, not faded: text keeps its contrast.
    const grid = root.querySelector('.grid')!;
    grid.classList.add('is-stale');
    expect(getComputedStyle(grid).opacity).to.equal('1');
    grid.classList.remove('is-stale');
    await api(alice, `/dashboards/ops-wall/public-links`, { method: 'GET' });
  });
});
