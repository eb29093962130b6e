/**
 * Issue 12 end to end (SPEC C6, L5, V5), in Chromium against the real built server on two origins:
 * - the demo's host portal on another origin loads atlas.js from the Atlas origin, lists dashboards and opens the
 *   share dialog; the same page on an origin that is not allowed shows the list's error state and gets no CORS header;
 * - a page that sets `getToken` before the elements are defined (then injects the script) keeps it;
 * - a passcode link in a cross-site iframe with third-party cookies and storage blocked survives a reload through its
 *   partitioned cookie; a new passcode brings the prompt back; a revoke, the unavailable screen.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import type { BrowserContext, Frame, Page, Request as PlaywrightRequest } from 'playwright-core';
import type { CustomerSite } from '../../server/demo/customer-site.js';
import {
  apiRequest,
  devToken,
  freePort,
  launchWithThirdPartyCookiesBlocked,
  startAtlas,
  startCustomerWebsite,
  startPrefixProxy,
  type ApiServer,
} from './support.js';

let atlas: ApiServer;
let portal: CustomerSite;
let stranger: CustomerSite;
let latePort: number;
let browser: { context: BrowserContext; close(): Promise<void> };

before(async () => {
  const portalPort = await freePort();
  latePort = await freePort();
  atlas = await startAtlas({ ATLAS_ALLOWED_ORIGINS: `http://localhost:${portalPort}, http://localhost:${latePort}` });
  portal = await startCustomerWebsite(atlas, atlas.url, portalPort);
  stranger = await startCustomerWebsite(atlas); // another port: another origin, not on the list
  browser = await launchWithThirdPartyCookiesBlocked();
});

after(async () => {
  await browser?.close();
  await stranger?.close();
  await portal?.close();
  await atlas?.close();
});

async function newPage(): Promise<Page> {
  return browser.context.newPage();
}

test('C6: a host portal on another origin uses the elements from the Atlas origin; an origin not allowed gets nothing', async () => {
  const page = await newPage();
  const corsHeaders: (string | undefined)[] = [];
  page.on('response', (response) => {
    if (response.url().startsWith(`${atlas.url}/api/dashboards`))
      corsHeaders.push(response.headers()['access-control-allow-origin']);
  });
  await page.goto(`${portal.url}portal.html?user=alice`);
  const card = page.locator('atlas-dashboard-card', { hasText: 'Sales overview' });
  await card.waitFor({ state: 'visible' });
  assert.deepEqual([...new Set(corsHeaders)], [new URL(portal.url).origin]);

  await card.getByRole('button', { name: 'More actions for Sales overview' }).click();
  await card.getByRole('menuitem', { name: 'Share' }).click();
  const dialog = page.locator('atlas-share-dialog dialog[open]');
  await dialog.waitFor({ state: 'visible' });
  // carol is an author of Sales overview. The panels are slotted into the dialog's frame, so look in the share dialog.
  await page.locator('atlas-share-dialog').getByText('Carol Chen').first().waitFor();
  await page.close();

  const other = await newPage();
  await other.goto(`${stranger.url}portal.html?user=alice`);
  await other.locator('atlas-dashboard-list [part="error"]').getByText('Could not load dashboards').waitFor();
  // What the browser was told: no CORS header for that origin (so its script may not read the answer).
  const answer = await fetch(`${atlas.url}/api/dashboards`, { headers: { Origin: new URL(stranger.url).origin } });
  assert.equal(answer.headers.get('access-control-allow-origin'), null);
  await other.close();
});

test('C6: properties set before the elements are defined survive (getToken set, then the script injected)', async (t) => {
  const page = await newPage();
  // A page of an allowed origin written as a framework app would: elements first, the library script last. Its own
  // small server (a page fulfilled by the test driver would count as a public address, which may not call loopback).
  const dan = await devToken(atlas, 'dan');
  const html = `<!doctype html><html><body>
    <atlas-provider id="p"><atlas-dashboard-list id="l"></atlas-dashboard-list></atlas-provider>
    <script type="module">
      const p = document.getElementById('p');
      p.apiBase = ${JSON.stringify(`${atlas.url}/api`)};
      p.getToken = async () => ${JSON.stringify(dan)};
      document.getElementById('l').filter = 'mine';
      window.definedBefore = customElements.get('atlas-provider') !== undefined;
      const script = document.createElement('script');
      script.type = 'module';
      script.src = ${JSON.stringify(`${atlas.url}/assets/atlas.js`)};
      document.head.append(script);
    </script></body></html>`;
  const late = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(html));
  await new Promise<void>((resolve) => late.listen(latePort, 'localhost', resolve));
  t.after(() => {
    late.closeAllConnections();
    return new Promise<void>((resolve) => late.close(() => resolve()));
  });
  const unauthorized: string[] = [];
  page.on('response', (response) => {
    if (response.url().startsWith(atlas.url) && response.status() === 401) unauthorized.push(response.url());
  });
  await page.goto(`http://localhost:${latePort}/`);
  assert.equal(await page.evaluate(() => (window as unknown as { definedBefore: boolean }).definedBefore), false);
  // dan's own dashboards only ('mine'): the filter and the token both survived the upgrade.
  await page.locator('atlas-dashboard-card', { hasText: 'Regional targets' }).waitFor();
  assert.equal(await page.locator('atlas-dashboard-card').count(), 1);
  assert.deepEqual(unauthorized, [], 'no request went out before the token existed');
  await page.close();
});

async function viewerFrame(page: Page): Promise<Frame> {
  const handle = await page.locator('iframe#dashboard-frame').elementHandle();
  const frame = await handle!.contentFrame();
  assert.ok(frame);
  await frame.waitForLoadState();
  return frame;
}

test('L5: a passcode link in a cross-site iframe without third-party cookies or storage survives a reload', async () => {
  const alice = await devToken(atlas, 'alice');
  const created = await apiRequest<{ link: { id: string; url: string; passcode: string } }>(
    atlas,
    '/dashboards/sales-overview/public-links',
    {
      token: alice,
      method: 'POST',
      json: { label: 'Iframe reload', passcode: true },
    },
  );
  assert.equal(created.status, 201);
  const { link } = created.body;
  const page = await newPage();
  await page.goto(`${portal.url}?link=${encodeURIComponent(link.url)}`);
  let frame = await viewerFrame(page);
  assert.notEqual(new URL(page.url()).hostname, new URL(frame.url()).hostname, 'the frame is on another site');

  // What the browser allows inside the frame: no unpartitioned cookie, no storage (so no Bearer session survives).
  const probe = await frame.evaluate(async () => {
    document.cookie = 'atlas-probe=1; SameSite=None; Secure; Path=/';
    let storage = 'available';
    try {
      localStorage.setItem('atlas-probe', '1');
    } catch {
      storage = 'blocked';
    }
    return { cookie: document.cookie, storage, hasStorageAccess: await document.hasStorageAccess() };
  });
  assert.deepEqual(probe, { cookie: '', storage: 'blocked', hasStorageAccess: false });

  const input = frame.getByLabel('Passcode', { exact: true });
  await input.fill(link.passcode);
  await frame.getByRole('button', { name: 'View dashboard' }).click();
  await frame.locator('atlas-widget data.kpi-value').first().waitFor({ state: 'visible' });

  // Reload the host page: the dashboard shows without the prompt (the partitioned cookie carried the session).
  await page.reload();
  frame = await viewerFrame(page);
  await frame.locator('atlas-widget data.kpi-value').first().waitFor({ state: 'visible' });
  assert.equal(await frame.getByLabel('Passcode', { exact: true }).count(), 0);

  // The owner generates a new passcode: the next reload asks again.
  const regenerated = await apiRequest(atlas, `/dashboards/sales-overview/public-links/${link.id}/passcode`, {
    token: alice,
    method: 'POST',
  });
  assert.equal(regenerated.status, 200);
  await page.reload();
  frame = await viewerFrame(page);
  await frame.getByLabel('Passcode', { exact: true }).waitFor();

  // The owner revokes it: the unavailable screen.
  const revoked = await apiRequest(atlas, `/dashboards/sales-overview/public-links/${link.id}`, {
    token: alice,
    method: 'DELETE',
  });
  assert.equal(revoked.status, 204);
  await page.reload();
  frame = await viewerFrame(page);
  await frame.getByText('This link is no longer available').waitFor();
  await page.close();
});

for (const strip of [true, false]) {
  test(`V5: the public page under a path prefix renders its dashboard (proxy ${strip ? 'strips' : 'keeps'} the prefix)`, async () => {
    const proxyPort = await freePort();
    const published = await startAtlas({ ATLAS_PUBLIC_URL: `http://127.0.0.1:${proxyPort}/atlas` });
    const proxy = await startPrefixProxy(published.url, '/atlas', { strip, port: proxyPort });
    try {
      const alice = await devToken(published, 'alice');
      const created = await apiRequest<{ link: { url: string } }>(
        published,
        '/dashboards/sales-overview/public-links',
        { token: alice, method: 'POST', json: {} },
      );
      assert.equal(created.status, 201);
      assert.match(created.body.link.url, new RegExp(`^${proxy.url}/public/`));
      const page = await newPage();
      const outside: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith(`${proxy.url}/`)) outside.push(request.url());
      });
      await page.goto(created.body.link.url);
      await page.locator('atlas-widget data.kpi-value').first().waitFor({ state: 'visible' });
      assert.deepEqual(outside, [], 'every request of the page went through the prefix');
      // A reload revalidates the layout and data with their ETags (issue 13): the browser asks with If-None-Match and
      // the server answers 304 (Chromium then hands the kept body to the page as a 200).
      const requests: PlaywrightRequest[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/api/public/')) requests.push(request);
      });
      await page.reload();
      await page.locator('atlas-widget data.kpi-value').first().waitFor({ state: 'visible' });
      const validators = await Promise.all(requests.map((request) => request.headerValue('if-none-match')));
      assert.match(validators[0] ?? '', /^"[A-Za-z0-9_-]+"$/, `the layout is revalidated: ${validators.join(', ')}`);
      await page.close();
    } finally {
      await proxy.close();
      await published.close();
    }
  });
}
