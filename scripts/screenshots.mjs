// Screenshots of the demo for a visual review (issue 17): the list, a dashboard, the share dialog (owner and
// read-only) and the public viewer at 360 px and 1440 px, the wall (kiosk) at 1920×1080 and 3840×2160, each light
// and dark. Run after a build (`node scripts/build.mjs --quiet`):
//
//   node scripts/screenshots.mjs [output directory]
//
// It starts the built server on a temporary copy of the demo data (as the e2e tests do) and writes PNG files to the
// directory given, else to a new temporary one; nothing is written into the repository.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startApiServer } from '../test/support/api-server.mjs';

const out = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'atlas-screens-'));
mkdirSync(out, { recursive: true });
const atlas = await startApiServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});

async function call(path, { token, method = 'GET', json } = {}) {
  const response = await fetch(`${atlas.url}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(json ? { 'Content-Type': 'application/json' } : {}),
    },
    body: json ? JSON.stringify(json) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}
const token = async (username) => (await call('/api/dev/token', { method: 'POST', json: { username } })).token;

const alice = await token('alice');
const { link } = await call('/api/dashboards/ops-wall/public-links', {
  token: alice,
  method: 'POST',
  json: { label: 'Plant floor TV' },
});
await call('/api/dashboards/sales-overview/public-links', {
  token: alice,
  method: 'POST',
  json: { label: 'Customer A', lockedFilters: { region: ['EMEA'] } },
});

/** A page signed in to the demo portal as `username` (the portal keeps its token in sessionStorage). */
async function portalPage(context, username) {
  const page = await context.newPage();
  const session = JSON.stringify({ username, token: await token(username) });
  await page.addInitScript((value) => sessionStorage.setItem('atlas-demo-token', value), session);
  return page;
}

/** Waits until every widget under the page's elements has left its loading state (or 10 s passed). */
async function settle(page) {
  await page
    .waitForFunction(
      () => {
        const all = [];
        const walk = (root) => {
          for (const el of root.querySelectorAll('*')) {
            if (el.localName === 'atlas-widget') all.push(el);
            if (el.shadowRoot) walk(el.shadowRoot);
          }
        };
        walk(document);
        return all.length > 0 && all.every((w) => !/Loading/.test(w.shadowRoot?.textContent ?? ''));
      },
      undefined,
      { timeout: 10_000 },
    )
    .catch(() => undefined);
  await page.waitForTimeout(600);
}

const shots = [];
async function shoot(page, name) {
  const file = join(out, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  shots.push(file);
}

for (const scheme of ['light', 'dark']) {
  for (const width of [360, 1440]) {
    const context = await browser.newContext({
      viewport: { width, height: width === 360 ? 780 : 900 },
      colorScheme: scheme,
    });
    const tag = `${width}-${scheme}`;
    const page = await portalPage(context, 'alice');
    await page.goto(`${atlas.url}/demo/`);
    await page.waitForSelector('atlas-dashboard-list');
    await page.waitForTimeout(800);
    await shoot(page, `list-${tag}`);

    await page.goto(`${atlas.url}/demo/#/dashboards/sales-overview`);
    await settle(page);
    await shoot(page, `dashboard-${tag}`);
    await page.locator('atlas-dashboard').locator('.share-button').click();
    await page.waitForTimeout(1200);
    await shoot(page, `share-owner-${tag}`);

    const reader = await portalPage(context, 'bob');
    await reader.goto(`${atlas.url}/demo/#/dashboards/sales-overview`);
    await settle(reader);
    await reader.locator('atlas-dashboard').locator('.share-button').click();
    await reader.waitForTimeout(1200);
    await shoot(reader, `share-readonly-${tag}`);

    const visitor = await context.newPage();
    await visitor.goto(link.url);
    await settle(visitor);
    await shoot(visitor, `public-${tag}`);
    await context.close();
  }
  for (const [width, height] of [
    [1920, 1080],
    [3840, 2160],
  ]) {
    const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme });
    const page = await context.newPage();
    await page.goto(`${atlas.url}/demo/wall.html?link=${link.token}&theme=${scheme}`);
    await settle(page);
    await shoot(page, `wall-${width}x${height}-${scheme}`);
    await context.close();
  }
}

await browser.close();
await atlas.close();
console.log(`${shots.length} screenshots in ${out}`);
