// The host portal's own code: who is signed in is the portal's business; Atlas only needs a token per user, which
// the portal's backend mints (here /portal/atlas-token on this same origin). Routing is the host's job too.
const user = new URLSearchParams(location.search).get('user') || 'alice';
for (const link of document.querySelectorAll('#users a')) {
  if (link.dataset.user === user) link.setAttribute('aria-current', 'page');
}

const provider = document.getElementById('provider');
// Called before requests, and with forceRefresh after a 401 (an expired token).
provider.getToken = async () => {
  const response = await fetch(`/portal/atlas-token?user=${encodeURIComponent(user)}`, { cache: 'no-store' });
  if (!response.ok) throw new Error(await response.text());
  return response.text();
};

const list = document.getElementById('list');
const myLinks = document.getElementById('my-links');
const view = document.getElementById('dashboard-view');
const dashboard = document.getElementById('dashboard');
document.addEventListener('atlas-open', (event) => {
  dashboard.dashboardId = event.detail.dashboardId;
  list.hidden = true;
  myLinks.hidden = true;
  view.hidden = false;
});
document.getElementById('back').addEventListener('click', () => {
  view.hidden = true;
  list.hidden = false;
  myLinks.hidden = false;
});
