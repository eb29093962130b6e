import { expect, fixture, html } from '@open-wc/testing';
import '../../components/define/atlas-provider.js';
import '../../components/define/atlas-dashboard.js';
import type { AtlasDashboard } from '../../components/dashboard/dashboard.js';
import type { AtlasProvider } from '../../components/provider/provider.js';
import { api, demoToken, until } from './support.js';

// Issue 17 / P4: the server refuses a widget on a data source the author's project role may not read (403
// data_source_forbidden). The widget editor offers such sources disabled and never picks one by default.

const $ = <T extends Element = HTMLElement>(el: AtlasDashboard, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);

describe('widget editor: data sources the author cannot read (issue 17)', () => {
  it('offers them disabled, says why, and picks a readable source', async () => {
    const alice = await demoToken('alice');
    // Carol is an ops viewer: the maintenance log is readable by owners and members only.
    const { dashboard } = await api<{ dashboard: { id: string } }>(alice, '/dashboards', {
      method: 'POST',
      json: { projectId: 'ops', title: 'Sources for an author' },
    });
    try {
      await api(alice, `/dashboards/${dashboard.id}/shares`, {
        method: 'POST',
        json: { username: 'carol', role: 'author' },
      });
      const provider = await fixture<AtlasProvider>(
        html`<atlas-provider .token=${await demoToken('carol')}
          ><atlas-dashboard dashboard-id=${dashboard.id}></atlas-dashboard
        ></atlas-provider>`,
      );
      const el = provider.querySelector('atlas-dashboard')!;
      await el.loadComplete;
      await el.updateComplete;
      $<HTMLButtonElement>(el, '.edit-button')!.click();
      await el.updateComplete;
      await until(() => $<HTMLSelectElement>(el, '.editor-dialog select')!.options.length > 0, 'data sources loaded');
      $<HTMLButtonElement>(el, '.add-button')!.click();
      await el.updateComplete;
      const select = $<HTMLSelectElement>(el, '.editor-dialog select')!;
      const options = [...select.options].map((o) => ({
        id: o.value,
        disabled: o.disabled,
        text: o.textContent!.replace(/\s+/g, ' ').trim(),
      }));
      expect(options.find((o) => o.id === 'maintenance_log')).to.deep.equal({
        id: 'maintenance_log',
        disabled: true,
        text: 'Maintenance log (you cannot read it)',
      });
      expect(options.filter((o) => !o.disabled).length).to.be.greaterThan(0);
      expect(options.find((o) => o.id === select.value)!.disabled).to.equal(false);
    } finally {
      await api(alice, `/dashboards/${dashboard.id}`, { method: 'DELETE' });
    }
  });
});
