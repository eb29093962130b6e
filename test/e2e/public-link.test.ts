/**
 * A public link from end to end, in Chromium against the real built server:
 * the owner generates a passcode-protected link in the share dialog of the demo portal; an anonymous visitor opens
 * it inside a cross-site iframe of the demo customer website with third-party cookies blocked, enters the passcode
 * and sees data; the owner revokes the link in the dialog; the open viewer shows "This link is no longer available"
 * within one refresh interval and keeps nothing of the dashboard on screen.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Frame, Page } from 'playwright-core';
import type { CustomerSite } from '../../server/demo/customer-site.js';
import { apiRequest, devToken, launchChromium, startAtlas, startCustomerWebsite, type ApiServer } from './support.js';

const REFRESH_SECONDS = 3;
const DASHBOARD = 'sales-overview';

let atlas: ApiServer;
let customer: CustomerSite;
let browser: Browser;

before(async () => {
  atlas = await startAtlas();
  customer = await startCustomerWebsite(atlas);
  // Chromium's switch for the third-party-cookie phase-out: cookies of cross-site frames are blocked.
  browser = await launchChromium(['--test-third-party-cookie-phaseout']);
});

after(async () => {
  await browser?.close();
  await customer?.close();
  await atlas?.close();
});

async function signInAsOwner(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${atlas.url}/demo/`);
  await page.locator('button[data-username="alice"]').click();
  await page.locator('#list-view').waitFor({ state: 'visible' });
  await page.evaluate((id) => (location.hash = `#/dashboards/${id}`), DASHBOARD);
  return page;
}

async function viewerFrame(page: Page): Promise<Frame> {
  const handle = await page.locator('iframe#dashboard-frame').elementHandle();
  const frame = await handle!.contentFrame();
  assert.ok(frame, 'the iframe has a document');
  return frame;
}

test('L1, L3, L5, V5: a passcode link in a cross-site iframe with third-party cookies blocked, then revoked by the owner', async () => {
  const alice = await devToken(atlas, 'alice');
  // A wall-screen interval, so the test can wait for "one refresh interval" (the route is the owner's PATCH).
  const patched = await apiRequest(atlas, `/dashboards/${DASHBOARD}`, {
    token: alice,
    method: 'PATCH',
    json: { refreshInterval: REFRESH_SECONDS },
  });
  assert.equal(patched.status, 200);

  // ── The owner generates a link in the share dialog and protects it with a passcode (L1, L4). ──
  const owner = await signInAsOwner();
  await owner.locator('.share-button').click();
  await owner.locator('#link-label').fill('Customer A');
  await owner.locator('#generate').click();
  // One <atlas-link-card> per link (Playwright's CSS reaches into the open shadow roots).
  const linkItem = owner.locator('atlas-link-card', { has: owner.locator('h5', { hasText: 'Customer A' }) });
  await linkItem.waitFor({ state: 'visible' });
  await linkItem.getByLabel('Protect this link with a passcode').check();
  const passcodeCode = linkItem.locator('code.passcode-value');
  await passcodeCode.filter({ hasText: /^[A-Z0-9]{6,}$/ }).waitFor();
  const passcode = (await passcodeCode.textContent())!.trim();
  const url = await linkItem.locator('input[id^="url-"]').inputValue();
  assert.match(url, new RegExp(`^${atlas.url}/public/[A-Za-z0-9_-]{22,}$`));

  // ── An anonymous visitor on the customer's site (another site: localhost vs 127.0.0.1). ──
  const visitorContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const visitor = await visitorContext.newPage();
  const cdp = await visitorContext.newCDPSession(visitor);
  // Belt and braces: the same restriction through DevTools, as a browser with "Block third-party cookies" set.
  await cdp.send('Network.setCookieControls', { enableThirdPartyCookieRestriction: true });
  await visitor.goto(`${customer.url}?link=${encodeURIComponent(url)}`);
  const frame = await viewerFrame(visitor);
  await frame.waitForLoadState();
  assert.equal(new URL(frame.url()).origin, atlas.url);
  assert.notEqual(new URL(visitor.url()).hostname, new URL(frame.url()).hostname, 'the frame is on another site');

  // The frame really is third-party with cookies blocked: it can neither set a cookie nor reach its storage.
  const probe = await frame.evaluate(async () => {
    document.cookie = 'atlas-probe=1; SameSite=None; Secure; Path=/';
    let storage = 'available';
    try {
      localStorage.getItem('x');
    } catch {
      storage = 'blocked';
    }
    return { cookie: document.cookie, hasStorageAccess: await document.hasStorageAccess(), storage };
  });
  assert.equal(probe.cookie, '', 'third-party cookies are blocked in the frame');
  assert.equal(probe.hasStorageAccess, false);

  // ── The passcode prompt, a wrong passcode, then the right one (L5). ──
  const input = frame.getByLabel('Passcode', { exact: true });
  await input.fill('NOTTHECODE');
  await input.press('Enter');
  await frame.getByText('That passcode is not correct').waitFor();
  await input.fill(passcode);
  await frame.getByRole('button', { name: 'View dashboard' }).click();
  const revenue = frame.locator('atlas-widget data.kpi-value').first();
  await revenue.waitFor({ state: 'visible' });
  const shown = Number(await revenue.getAttribute('value'));
  assert.ok(shown > 0, 'the visitor sees data');
  await frame.getByText("This widget's data source does not allow public access").first().waitFor(); // L7
  // The session travels as a Bearer header (no cookie): the data kept loading after the passcode without one.
  assert.equal(await frame.evaluate(() => document.cookie), '');

  // ── The owner revokes the link in the dialog (L3). ──
  await linkItem.getByRole('button', { name: 'Revoke Customer A' }).click();
  await linkItem.getByRole('button', { name: 'Revoke link' }).click();
  await linkItem.waitFor({ state: 'detached' });

  // Within one refresh interval (plus the time of the request) the open viewer says so, with nothing left behind.
  await frame.getByText('This link is no longer available').waitFor({ timeout: REFRESH_SECONDS * 1000 + 2000 });
  assert.equal(await frame.locator('atlas-widget').count(), 0, 'no stale widget stays on screen');
  assert.equal(await frame.locator('data.kpi-value').count(), 0);

  // A reload of the customer page gets the unavailable page from the server itself.
  const reloaded = await visitor.request.get(url);
  assert.equal(reloaded.status(), 403);

  await visitorContext.close();
  await owner.context().close();
});

test('issue 16: the owner pauses a link while a viewer is open, then resumes it: the viewer goes and comes back by itself', async () => {
  const alice = await devToken(atlas, 'alice');
  const patched = await apiRequest(atlas, `/dashboards/${DASHBOARD}`, {
    token: alice,
    method: 'PATCH',
    json: { refreshInterval: REFRESH_SECONDS },
  });
  assert.equal(patched.status, 200);

  const owner = await signInAsOwner();
  await owner.locator('.share-button').click();
  await owner.locator('#link-label').fill('Wall B');
  await owner.locator('#generate').click();
  const linkItem = owner.locator('atlas-link-card', { has: owner.locator('h5', { hasText: 'Wall B' }) });
  await linkItem.waitFor({ state: 'visible' });
  const url = await linkItem.locator('input[id^="url-"]').inputValue();

  // A wall screen: the viewer page of the link, opened by nobody in particular.
  const visitorContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const visitor = await visitorContext.newPage();
  await visitor.goto(url);
  const revenue = visitor.locator('atlas-widget data.kpi-value').first();
  await revenue.waitFor({ state: 'visible' });

  // Pause in the dialog: within one refresh the viewer says the link is no longer available, with no data left.
  await linkItem.getByRole('button', { name: 'Pause Wall B' }).click();
  await linkItem.locator('.badge.status', { hasText: 'Paused' }).waitFor();
  await visitor.getByText('This link is no longer available').waitFor({ timeout: REFRESH_SECONDS * 1000 + 2000 });
  assert.equal(await visitor.locator('atlas-widget').count(), 0, 'no stale widget stays on screen');
  assert.equal((await visitor.request.get(url)).status(), 403, 'the page itself is the unavailable page');

  // Resume: the same URL works again and the open viewer recovers without a reload.
  await linkItem.getByRole('button', { name: 'Resume Wall B' }).click();
  await linkItem.locator('.badge.status', { hasText: 'Active' }).waitFor(); // issue 17: the row says Active again
  await revenue.waitFor({ state: 'visible', timeout: REFRESH_SECONDS * 1000 + 3000 });
  assert.equal(await visitor.getByText('This link is no longer available').count(), 0);
  assert.equal(url, await linkItem.locator('input[id^="url-"]').inputValue(), 'the same token');

  await visitorContext.close();
  await owner.context().close();
});
