import { expect, fixture, html } from '@open-wc/testing';
import { consume } from '@lit/context';
import { LitElement } from 'lit';
import '../../components/define/atlas-provider.js';
import '../../components/define/atlas-dashboard-list.js';
import { apiContext } from '../../components/context/api-context.js';
import { AtlasApiError, type AtlasApiClient } from '../../components/api/client.js';
import type { AtlasProvider } from '../../components/provider/provider.js';
import { onDashboardChange, type DashboardChange } from '../../components/context/dashboard-changes.js';
import { AtlasDashboardSaveEvent } from '../../components/events/dashboard-save.js';
import { AtlasDeleteEvent } from '../../components/events/delete.js';
import { AtlasShareChangeEvent } from '../../components/events/share-change.js';
import { demoToken, observeFetch, until } from './support.js';

class ApiProbe extends LitElement {
  @consume({ context: apiContext, subscribe: true }) api?: AtlasApiClient;
}
customElements.define('test-api-probe', ApiProbe);

/** Records what its provider's change channel announces. */
class ChangesProbe extends LitElement {
  readonly heard: DashboardChange[] = [];
  constructor() {
    super();
    onDashboardChange(this, (change) => this.heard.push(change));
  }
}
customElements.define('test-changes-probe', ChangesProbe);

describe('<atlas-provider>', () => {
  it('C6: gives nested elements an API client for its api-base', async () => {
    const el = await fixture<AtlasProvider>(
      html`<atlas-provider api-base="/api"><test-api-probe></test-api-probe></atlas-provider>`,
    );
    const probe = el.querySelector('test-api-probe') as ApiProbe;
    expect(probe.api).to.exist;
    expect(probe.api!.baseUrl).to.equal('/api');
  });

  it('C6: sends the token property as a bearer token to the real server', async () => {
    const token = await demoToken('alice');
    const el = await fixture<AtlasProvider>(
      html`<atlas-provider .token=${token}><test-api-probe></test-api-probe></atlas-provider>`,
    );
    const probe = el.querySelector('test-api-probe') as ApiProbe;
    const me = await probe.api!.request<{ user: { username: string } }>('/me');
    expect(me.user.username).to.equal('alice');
  });

  it('calls getToken again with forceRefresh after a 401 and retries once', async () => {
    const fresh = await demoToken('bob');
    const calls: boolean[] = [];
    const el = await fixture<AtlasProvider>(html`<atlas-provider><test-api-probe></test-api-probe></atlas-provider>`);
    el.getToken = ({ forceRefresh }) => {
      calls.push(forceRefresh);
      return forceRefresh ? fresh : 'expired.token.value';
    };
    await el.updateComplete;
    const probe = el.querySelector('test-api-probe') as ApiProbe;
    const me = await probe.api!.request<{ user: { username: string } }>('/me');
    expect(me.user.username).to.equal('bob');
    expect(calls).to.deep.equal([false, true]);
  });

  it('turns JSON errors into AtlasApiError with code and message', async () => {
    const el = await fixture<AtlasProvider>(
      html`<atlas-provider .token=${'not.a.valid.token'}><test-api-probe></test-api-probe></atlas-provider>`,
    );
    const probe = el.querySelector('test-api-probe') as ApiProbe;
    try {
      await probe.api!.request('/me');
      expect.fail('should have thrown');
    } catch (err) {
      expect(err).to.be.instanceOf(AtlasApiError);
      expect((err as AtlasApiError).status).to.equal(401);
      expect((err as AtlasApiError).code).to.equal('unauthenticated');
    }
  });

  it('C6: a list in a provider without a token yet sends no request; setting getToken loads it with that token', async () => {
    const alice = await demoToken('alice');
    const seen = observeFetch();
    try {
      const el = await fixture<AtlasProvider>(
        html`<atlas-provider><atlas-dashboard-list></atlas-dashboard-list></atlas-provider>`,
      );
      const list = el.querySelector('atlas-dashboard-list')!;
      const listRequests = () =>
        seen.requests.filter((r) => new URL(r.url, location.href).pathname === '/api/dashboards');
      await list.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(listRequests(), 'requests before any token').to.have.length(0);
      // Waiting shows as loading, not as an error.
      expect(list.shadowRoot!.querySelector('[role="tabpanel"]')!.getAttribute('aria-busy')).to.equal('true');
      expect(list.shadowRoot!.querySelector('[part="error"]')).to.equal(null);

      const calls: boolean[] = [];
      el.getToken = ({ forceRefresh }) => {
        calls.push(forceRefresh);
        return alice;
      };
      await until(
        () => list.shadowRoot!.querySelectorAll('atlas-dashboard-card').length > 0,
        'the cards once the token is there',
      );
      expect(listRequests().map((r) => r.authorization)).to.deep.equal([`Bearer ${alice}`]);
      expect(calls, 'one call, no 401 to recover from').to.deep.equal([false]);
    } finally {
      seen.stop();
    }
  });

  it('C6: a request made before the token waits for the `token` property; aborting it ends the wait', async () => {
    const el = await fixture<AtlasProvider>(html`<atlas-provider><test-api-probe></test-api-probe></atlas-provider>`);
    const probe = el.querySelector('test-api-probe') as ApiProbe;
    const abort = new AbortController();
    const abandoned = probe.api!.request('/me', { signal: abort.signal }).then(
      () => 'answered',
      (err: Error) => err.name,
    );
    const me = probe.api!.request<{ user: { username: string } }>('/me');
    abort.abort();
    expect(await abandoned).to.equal('AbortError');
    el.token = await demoToken('carol');
    expect((await me).user.username).to.equal('carol');
  });

  it('L5: signed-in requests send no cookies (only the public viewer lets its link cookie through)', async () => {
    const el = await fixture<AtlasProvider>(
      html`<atlas-provider .token=${await demoToken('alice')}><test-api-probe></test-api-probe></atlas-provider>`,
    );
    const probe = el.querySelector('test-api-probe') as ApiProbe;
    const seen = observeFetch();
    try {
      await probe.api!.request('/me');
    } finally {
      seen.stop();
    }
    expect(seen.requests.map((r) => [r.url, r.credentials])).to.deep.equal([['/api/me', 'omit']]);
  });

  it('issue 15: announces share changes, deletes and saves from its subtree once to its own elements only', async () => {
    const page = await fixture<HTMLElement>(
      html`<div>
        <atlas-provider id="outer"
          ><test-changes-probe id="outer-probe"></test-changes-probe>
          <atlas-provider id="inner"
            ><test-changes-probe id="inner-probe"></test-changes-probe><span id="inner-source"></span
          ></atlas-provider>
          <span id="outer-source"></span>
        </atlas-provider>
        <atlas-provider id="other"><test-changes-probe id="other-probe"></test-changes-probe></atlas-provider>
      </div>`,
    );
    const probe = (id: string) => page.querySelector<ChangesProbe>(`#${id}`)!;
    const source = page.querySelector('#outer-source')!;
    const onPage: string[] = [];
    const listener = (e: Event) => onPage.push(e.type);
    document.addEventListener('atlas-share-change', listener);
    try {
      source.dispatchEvent(new AtlasShareChangeEvent({ dashboardId: 'sales-overview', kind: 'passcode', linkId: 'l' }));
      source.dispatchEvent(new AtlasDeleteEvent({ dashboardId: 'ops-wall', title: 'Operations wall' }));
      source.dispatchEvent(new AtlasDashboardSaveEvent({ dashboardId: 'ops-wall', title: 'Wall' }));
      page
        .querySelector('#inner-source')!
        .dispatchEvent(new AtlasShareChangeEvent({ dashboardId: 'support-backlog', kind: 'user-removed' }));
    } finally {
      document.removeEventListener('atlas-share-change', listener);
    }
    const summary = (id: string) => probe(id).heard.map((c) => [c.kind, c.dashboardId, c.origin]);
    expect(summary('outer-probe')).to.deep.equal([
      ['share', 'sales-overview', source],
      ['delete', 'ops-wall', source],
      ['save', 'ops-wall', source],
    ]);
    expect(summary('inner-probe'), 'a nested provider keeps its changes').to.deep.equal([
      ['share', 'support-backlog', page.querySelector('#inner-source')],
    ]);
    expect(probe('other-probe').heard, 'another provider').to.deep.equal([]);
    expect(onPage, 'the events still reach the page').to.deep.equal(['atlas-share-change', 'atlas-share-change']);

    // Moved to another provider, an element hears that one's changes and no longer the first one's.
    const moved = probe('outer-probe');
    page.querySelector('#other')!.append(moved);
    source.dispatchEvent(new AtlasShareChangeEvent({ dashboardId: 'sales-overview', kind: 'user-added' }));
    page
      .querySelector('#other')!
      .dispatchEvent(new AtlasShareChangeEvent({ dashboardId: 'plant-maintenance', kind: 'user-added' }));
    expect(moved.heard.map((c) => c.dashboardId)).to.deep.equal([
      'sales-overview',
      'ops-wall',
      'ops-wall',
      'plant-maintenance',
    ]);
  });

  it('is accessible (renders only its slot)', async () => {
    const el = await fixture(html`<atlas-provider><p>content</p></atlas-provider>`);
    await expect(el).to.be.accessible();
  });
});
