// The demo host portal: a development sign-in that mints tokens, then the Atlas elements configured once
// through <atlas-provider>. A real host would get the token from its own identity system.
// Routing is the host's job: the list fires `atlas-open`, the portal shows <atlas-dashboard> at #/dashboards/<id>.
const TOKEN_KEY = 'atlas-demo-token';
const $ = (id) => document.getElementById(id);

async function mint(username) {
  const response = await fetch('../api/dev/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!response.ok) throw new Error('Sign-in failed');
  const { token } = await response.json();
  sessionStorage.setItem(TOKEN_KEY, JSON.stringify({ username, token }));
  return token;
}

function session() {
  try {
    return JSON.parse(sessionStorage.getItem(TOKEN_KEY) ?? 'null');
  } catch {
    return null;
  }
}

function initials(name) {
  return name
    .split(/\s+/)
    .map((p) => p[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();
}

let toastTimer;
function toast(text) {
  const el = $('toast');
  el.textContent = text;
  el.classList.add('visible');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.classList.remove('visible'), 3500);
}

function showOnly(view) {
  for (const id of ['sign-in', 'list-view', 'dashboard-view']) $(id).hidden = id !== view;
}

async function showSignIn() {
  showOnly('sign-in');
  $('account').hidden = true;
  $('portal-nav').hidden = true;
  const { identities } = await (await fetch('../api/dev/identities')).json();
  const list = $('identities');
  list.replaceChildren(
    ...identities.map((identity) => {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.username = identity.username;
      const avatar = document.createElement('span');
      avatar.className = 'avatar';
      avatar.setAttribute('aria-hidden', 'true');
      avatar.textContent = initials(identity.name);
      const text = document.createElement('span');
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = identity.name;
      const meta = document.createElement('span');
      meta.className = 'meta';
      const roles = Object.entries(identity.projects)
        .map(([p, r]) => `${p}: ${r}`)
        .join(', ');
      meta.textContent = `@${identity.username} · ${identity.org} · ${roles}`;
      const about = document.createElement('span');
      about.className = 'about';
      about.textContent = identity.about;
      text.append(name, meta, about);
      button.append(avatar, text);
      button.addEventListener('click', async () => {
        await mint(identity.username);
        await showApp();
      });
      li.append(button);
      return li;
    }),
  );
}

// A dashboard just created from the list's New dashboard opens in edit mode (atlas-open with `edit: true`).
let openInEditMode = '';

function route() {
  if (!session()) return;
  const match = /^#\/dashboards\/([^/]+)$/.exec(location.hash);
  if (match) {
    const id = decodeURIComponent(match[1]);
    $('dashboard').dashboardId = id;
    if (openInEditMode === id) void $('dashboard').edit();
    openInEditMode = '';
    showOnly('dashboard-view');
    document.title = 'Dashboard · Northwind portal';
  } else {
    showOnly('list-view');
    document.title = 'Dashboards · Northwind portal';
  }
}

async function showApp() {
  const current = session();
  if (!current) return showSignIn();
  const provider = $('provider');
  // Re-mint on 401 so the page survives token expiry.
  provider.getToken = async ({ forceRefresh }) => (forceRefresh ? mint(current.username) : session()?.token);
  const response = await fetch('../api/me', { headers: { Authorization: `Bearer ${current.token}` } });
  if (response.status === 401) {
    await mint(current.username);
    return showApp();
  }
  const me = await response.json();
  $('who').textContent = `${me.user.name} · ${me.organization.name}`;
  $('avatar').textContent = initials(me.user.name);
  $('account').hidden = false;
  $('portal-nav').hidden = false;
  $('list').refresh?.();
  route();
}

window.addEventListener('hashchange', route);

document.addEventListener('atlas-open', (event) => {
  if (event.detail.edit) openInEditMode = event.detail.dashboardId;
  location.hash = `#/dashboards/${encodeURIComponent(event.detail.dashboardId)}`;
});
document.addEventListener('atlas-delete', (event) => toast(`Deleted “${event.detail.title}”.`));
document.addEventListener('atlas-dashboard-save', (event) => toast(`Saved “${event.detail.title}”.`));
document.addEventListener('atlas-share', (event) => {
  if (!customElements.get('atlas-share-dialog'))
    toast(`Sharing for “${event.detail.title}” is not available in this build.`);
});

$('sign-out').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  location.hash = '#/';
  showSignIn();
});

showApp();
