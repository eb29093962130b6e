import { expect, fixture, html } from '@open-wc/testing';
import '../../components/define/atlas-public-viewer.js';
import type { AtlasPublicViewer } from '../../components/public-viewer/public-viewer.js';
import { demoToken, until, api } from './support.js';

// The public viewer as a page's main content: where focus goes on the passcode prompt's lockout (issue 17 item 10),
// and the page title it sets only when asked to (set-title, issue 17 item 13).
// Against the real server, on a dashboard and link each test makes for itself.

let alice = '';

async function createLink(passcode: boolean): Promise<{ token: string; title: string }> {
  const title = `Viewer page test ${Math.random().toString(36).slice(2, 8)}`;
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
    json: { label: 'Viewer page test', passcode },
  });
  return { token: link.token, title };
}

const shadow = (el: AtlasPublicViewer) => el.shadowRoot!;
const errorText = (el: AtlasPublicViewer) => shadow(el).querySelector('#passcode-error')?.textContent?.trim() ?? '';

describe('<atlas-public-viewer> as a page', () => {
  before(async () => {
    alice = await demoToken('alice');
  });

  it('with set-title, the page title becomes the dashboard title once the layout has loaded (issue 17 item 13)', async () => {
    const { token, title } = await createLink(false);
    const original = document.title;
    try {
      const el = await fixture<AtlasPublicViewer>(
        html`<atlas-public-viewer token=${token} api-base="/api" set-title></atlas-public-viewer>`,
      );
      await until(() => el.status === 'ready', 'the dashboard');
      expect(document.title).to.equal(title);
    } finally {
      document.title = original;
    }
  });

  it('without set-title (embedded in another page), the host page keeps its title (issue 17 item 13)', async () => {
    const { token } = await createLink(false);
    document.title = 'Host page';
    const el = await fixture<AtlasPublicViewer>(
      html`<atlas-public-viewer token=${token} api-base="/api"></atlas-public-viewer>`,
    );
    await until(() => el.status === 'ready', 'the dashboard');
    expect(document.title).to.equal('Host page');
  });

  it('on a passcode lockout, focus stays on the prompt (its message), which says when to try again (issue 17 item 10)', async () => {
    const { token } = await createLink(true);
    const el = await fixture<AtlasPublicViewer>(
      html`<atlas-public-viewer token=${token} api-base="/api"></atlas-public-viewer>`,
    );
    await until(() => el.status === 'passcode', 'the passcode prompt');
    for (let i = 0; i < 8 && !errorText(el).startsWith('Too many attempts'); i++) {
      // As a visitor does: type, then press the button (which is disabled while the server checks).
      shadow(el).querySelector<HTMLInputElement>('#passcode')!.value = `WRONG${i}XXXXX`;
      const submit = shadow(el).querySelector<HTMLButtonElement>('button[type="submit"]')!;
      submit.focus();
      submit.click();
      await el.updateComplete;
      await until(() => errorText(el) !== '', 'an answer');
    }
    expect(errorText(el)).to.match(/^Too many attempts\. Try again in \d+ (seconds|minutes) \(at .+\)\.$/);
    await until(() => document.activeElement === el, 'focus in the viewer, not on <body>');
    expect(shadow(el).activeElement?.id).to.equal('passcode-error');
    await expect(el).to.be.accessible();
  });
});
