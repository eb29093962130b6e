/**
 * The two HTML pages of GET /public/<token> (SPEC V5, L3): the viewer page of a live link, and the page it answers
 * (403) when the link is revoked, expired or never existed.
 *
 * The "unavailable" page says the same in every case, so it tells nothing about whether the token was ever real,
 * and it names no dashboard. It is self-contained: no script, no request for anything else. Its one inline <style>
 * is allowed by the page's CSP (`style-src 'self' 'unsafe-inline'`, see public-headers.ts); adding a hash or nonce
 * there would switch 'unsafe-inline' off for the viewer page too, so the page relies on the existing rule instead.
 */

/** The viewer element's entry, under the app's base path. */
export const VIEWER_SCRIPT = '/assets/define/atlas-public-viewer.js';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const PAGE_HEAD = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>Shared dashboard</title>
<style>html,body{margin:0;min-height:100%;font-family:system-ui,sans-serif}atlas-public-viewer{display:block;min-height:100vh}</style>`;

/**
 * The viewer page of a live link. The title stays generic: the page is served before any passcode is given, so it
 * names nothing of the dashboard. Under a path prefix the page loads its script and calls the API through it.
 */
export function viewerPage(token: string, kiosk: boolean, basePath: string): string {
  return `${PAGE_HEAD}
<script type="module" src="${escapeHtml(basePath + VIEWER_SCRIPT)}"></script>
</head>
<body>
<atlas-public-viewer token="${escapeHtml(token)}" api-base="${escapeHtml(basePath)}/api"${kiosk ? ' kiosk' : ''}></atlas-public-viewer>
<noscript>This shared dashboard needs JavaScript.</noscript>
</body>
</html>
`;
}

const STYLE = `
:root{color-scheme:light dark;--bg:#f3f5f8;--card:#fff;--fg:#1b1f24;--muted:#59636e;--border:#d9dde3;--accent:#2557d6}
@media (prefers-color-scheme:dark){:root{--bg:#111418;--card:#1a1e24;--fg:#e8eaed;--muted:#a3acb6;--border:#2f3640;--accent:#7aa2ff}}
*{box-sizing:border-box}
html,body{margin:0;min-height:100%}
body{min-height:100vh;display:grid;place-items:center;padding:1.5rem;background:var(--bg);color:var(--fg);
font:1rem/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}
main{max-width:30rem;padding:2rem 2.25rem;background:var(--card);border:1px solid var(--border);border-radius:12px;
box-shadow:0 1px 3px rgb(0 0 0 / 8%)}
svg{display:block;width:2.5rem;height:2.5rem;margin-bottom:1rem;color:var(--accent)}
h1{margin:0 0 .5rem;font-size:clamp(1.25rem,1rem + 1vw,1.6rem);line-height:1.25}
p{margin:0;color:var(--muted)}
@media (forced-colors:active){main{border-color:CanvasText}}
`;

export const UNAVAILABLE_HEADING = 'This link is no longer available';
export const UNAVAILABLE_ADVICE = 'Ask the person who shared it for a new link.';

/** The full HTML of the "link unavailable" page. */
export function unavailablePage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>Link unavailable</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M9 17H7A5 5 0 0 1 7 7h2"/><path d="M15 7h2a5 5 0 0 1 4 8"/><path d="M8 12h4"/><path d="m2 2 20 20"/></svg>
<h1>${UNAVAILABLE_HEADING}</h1>
<p>${UNAVAILABLE_ADVICE}</p>
</main>
</body>
</html>
`;
}
