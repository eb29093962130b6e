import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unavailablePage, viewerPage } from '../../server/http/public-page.js';

// Issue 17 item 13: the server's 403 page for an unavailable link looks like the viewer's own "unavailable" screen
// (components/public-viewer/viewer-screens.ts renderUnavailable), and the served viewer page names itself.

test('the 403 page says what the viewer screen says: same heading, same sentences', () => {
  const page = unavailablePage();
  assert.match(page, /<h1>This link is no longer available<\/h1>/);
  assert.match(page, /<p>It may have been revoked by its owner\. Ask the person who shared it for a new link\.<\/p>/);
});

test("the 403 page uses the viewer's colours: the link icon in a round badge of the danger colours, a surface card", () => {
  const page = unavailablePage();
  assert.match(page, /--danger:#b42318/);
  assert.match(page, /--danger-subtle:#fdecea/);
  assert.match(page, /--muted:#5b6470/);
  assert.match(page, /class="card-icon"/);
});

test('the served viewer page asks the viewer to set the page title (set-title)', () => {
  assert.match(viewerPage('tok', false, ''), /<atlas-public-viewer token="tok" api-base="\/api" set-title>/);
  // Issue 17: the page has a <main> landmark holding the viewer (and its noscript message).
  assert.match(
    viewerPage('tok', true, ''),
    /<body>\s*<main>\s*<atlas-public-viewer [^>]*kiosk[^>]*><\/atlas-public-viewer>\s*<noscript>[^<]*<\/noscript>\s*<\/main>/,
  );
});
