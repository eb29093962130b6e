import { expect, fixture, html } from '@open-wc/testing';
import { consume } from '@lit/context';
import { LitElement } from 'lit';
import '../../components/define/atlas-provider.js';
import '../../components/define/atlas-dashboard-list.js';
import { apiContext } from '../../components/context/api-context.js';
import { AtlasApiError, type AtlasApiClient } from '../../components/api/client.js';
import type { AtlasProvider } from '../../components/provider/provider.js';
import { demoToken, observeFetch, until } from './support.js';

class ApiProbe extends LitElement {
  @consume({ context: apiContext, subscribe: true }) api?: AtlasApiClient;
}
customElements.define('test-api-probe', ApiProbe);

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

  it('is accessible (renders only its slot)', async () => {
    const el = await fixture(html`<atlas-provider><p>content</p></atlas-provider>`);
    await expect(el).to.be.accessible();
  });
});
