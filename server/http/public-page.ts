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
 * The viewer page of a live link. The served title stays generic: the page is served before any passcode is given,
 * so it names nothing of the dashboard; `set-title` lets the viewer, the page's main content, name the page once the
 * layout has loaded. The viewer sits in the page's <main> landmark (issue 17: screen readers jump to it). Under a path
 * prefix the page loads its script and calls the API through it.
 */
export function viewerPage(token: string, kiosk: boolean, basePath: string): string {
  return `${PAGE_HEAD}
<script type="module" src="${escapeHtml(basePath + VIEWER_SCRIPT)}"></script>
</head>
<body>
<main>
<atlas-public-viewer token="${escapeHtml(token)}" api-base="${escapeHtml(basePath)}/api"${kiosk ? ' kiosk' : ''} set-title></atlas-public-viewer>
<noscript>This shared dashboard needs JavaScript.</noscript>
</main>
</body>
</html>
`;
}

/** The viewer's unavailable screen (public-viewer.styles.ts .card, .card-icon) in the viewer's tokens (tokens.ts). */
const STYLE = `
:root{color-scheme:light dark;--bg:#f3f5f8;--card:#fff;--fg:#1b1f24;--muted:#5b6470;--border:#d9dde3;
--danger:#b42318;--danger-subtle:#fdecea}
@media (prefers-color-scheme:dark){:root{--bg:#14171c;--card:#1a1e24;--fg:#e8eaed;--muted:#a3acb6;--border:#2f3640;
--danger:#ff8a80;--danger-subtle:#3a1715}}
*{box-sizing:border-box}
html,body{margin:0;min-height:100%}
body{min-height:100vh;display:grid;place-items:center;padding:1.5rem;background:var(--bg);color:var(--fg);
font:1rem/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}
main{width:min(100%,26rem);display:grid;gap:.75rem;justify-items:start;padding:2rem;background:var(--card);
border:1px solid var(--border);border-radius:10px;box-shadow:0 1px 3px rgb(0 0 0 / 8%)}
.card-icon{display:inline-grid;place-items:center;width:2.75em;height:2.75em;border-radius:50%;
background:var(--danger-subtle);color:var(--danger)}
svg{width:1.4em;height:1.4em}
h1{margin:0;font-size:1.25em;line-height:1.25}
p{margin:0;color:var(--muted)}
@media (forced-colors:active){main{border-color:CanvasText}}
`;

export const UNAVAILABLE_HEADING = 'This link is no longer available';
/** The same words as the viewer's own unavailable screen (viewer-screens.ts renderUnavailable). */
export const UNAVAILABLE_ADVICE = 'It may have been revoked by its owner. Ask the person who shared it for a new link.';

/** Issue 18: what a browser that opened a page past the token-guessing limit reads (429, with Retry-After). */
export const TOO_MANY_ATTEMPTS_HEADING = 'Too many attempts';

/** The full HTML of the "link unavailable" page. */
export function unavailablePage(): string {
  return noticePage('Link unavailable', UNAVAILABLE_HEADING, UNAVAILABLE_ADVICE);
}

/**
 * The page for a browser past the token-guessing limit: the same card as the unavailable page, saying when to try
 * again, instead of a JSON error in a browser tab.
 */
export function tooManyAttemptsPage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return noticePage(
    TOO_MANY_ATTEMPTS_HEADING,
    TOO_MANY_ATTEMPTS_HEADING,
    `Too many links that do not exist were opened from your network. Try again in ${minutes === 1 ? 'a minute' : `${minutes} minutes`}.`,
  );
}

/** One styled card with a heading and a sentence; every text is our own (no user input reaches it). */
function noticePage(title: string, heading: string, advice: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<span class="card-icon" aria-hidden="true"><svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"><path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1"/><path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1"/></svg></span>
<h1>${heading}</h1>
<p>${advice}</p>
</main>
</body>
</html>
`;
}
