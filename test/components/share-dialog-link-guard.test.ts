import { expect } from '@open-wc/testing';
import { $, newDashboard, expandLinks, openDialog, text, type Link } from './share-dialog.support.js';
import { api, demoToken, until } from './support.js';

// Issue 16, the share dialog against the real server: a link flagged "changed since shared" after a widget was added,
// confirmed from its card; its widgets narrowed to a subset (the public layout follows) and its pause-on-change option.

describe('<atlas-share-dialog>: widgets and "changed since shared" (issue 16)', () => {
  let alice: string;
  before(async () => {
    alice = await demoToken('alice');
  });

  it('a widget added flags the link; Only these hides it from the public layout; Confirm clears the flag', async () => {
    const id = await newDashboard(alice);
    const { link } = await api<{ link: Link }>(alice, `/dashboards/${id}/public-links`, {
      method: 'POST',
      json: { label: 'Wall' },
    });
    const { widget } = await api<{ widget: { id: string } }>(alice, `/dashboards/${id}/widgets`, {
      method: 'POST',
      json: { title: 'Added later', type: 'kpi', dataSourceId: 'orders', query: { metrics: [{ agg: 'count' }] } },
    });
    const { dialog, changes } = await openDialog(alice, id);
    await expandLinks(dialog);
    const card = $(dialog, `[data-link-id="${link.id}"]`)!;
    expect(text(card.querySelector('.badge.changed'))).to.equal('Changed since shared');
    expect(text(card.querySelector('.changes'))).to.equal('Widget “Added later” was added.');

    card.querySelector<HTMLInputElement>('.widgets-some')!.click();
    await until(() => card.querySelectorAll('.widget-check').length === 2, 'a checkbox per widget');
    card.querySelector<HTMLInputElement>(`.widget-check[data-widget-id="${widget.id}"]`)!.click();
    const layoutTitles = async () => {
      const { dashboard } = (await (await fetch(`/api/public/${link.token}`)).json()) as {
        dashboard: { widgets: { title: string }[] };
      };
      return dashboard.widgets.map((w) => w.title);
    };
    await until(async () => (await layoutTitles()).join() === 'Orders', 'the public layout without it');

    card.querySelector<HTMLButtonElement>('.confirm-changes')!.click();
    await until(() => !card.querySelector('.changed-notice'), 'notice gone');
    expect(card.querySelector('.badge.changed')).to.equal(null);

    card.querySelector<HTMLInputElement>('.pause-on-change')!.click();
    await until(async () => {
      const { links } = await api<{ links: { pauseOnChange: boolean }[] }>(alice, `/dashboards/${id}/public-links`);
      return links[0]!.pauseOnChange;
    }, 'saved');
    expect(changes.map((c) => c.kind)).to.deep.equal([
      'link-widgets',
      'link-widgets',
      'link-confirmed',
      'link-pause-on-change',
    ]);
    dialog.close();
  });
});
