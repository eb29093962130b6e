import { expect, fixture, html } from '@open-wc/testing';
import { consume } from '@lit/context';
import { LitElement } from 'lit';
import '../../components/define/atlas-provider.js';
import { apiContext } from '../../components/context/api-context.js';
import { AtlasApiError, type AtlasApiClient } from '../../components/api/client.js';
import type { AtlasProvider } from '../../components/provider/provider.js';
import { demoToken } from './support.js';

class ApiProbe extends LitElement {
  @consume({ context: apiContext, subscribe: true }) api?: AtlasApiClient;
}
customElements.define('test-api-probe', ApiProbe);

describe('<atlas-provider>', () => {
  it('C6: gives nested elements an API client for its api-base', async () => {
    const el = await fixture<AtlasProvider>(html`<atlas-provider api-base="/api"><test-api-probe></test-api-probe></atlas-provider>`);
    const probe = el.querySelector('test-api-probe') as ApiProbe;
    expect(probe.api).to.exist;
    expect(probe.api!.baseUrl).to.equal('/api');
  });

  it('C6: sends the token property as a bearer token to the real server', async () => {
    const token = await demoToken('alice');
    const el = await fixture<AtlasProvider>(html`<atlas-provider .token=${token}><test-api-probe></test-api-probe></atlas-provider>`);
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
    const el = await fixture<AtlasProvider>(html`<atlas-provider><test-api-probe></test-api-probe></atlas-provider>`);
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

  it('is accessible (renders only its slot)', async () => {
    const el = await fixture(html`<atlas-provider><p>content</p></atlas-provider>`);
    await expect(el).to.be.accessible();
  });
});
