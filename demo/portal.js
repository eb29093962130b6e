// The demo host portal: a development sign-in that mints tokens, then the Atlas elements configured once
// through <atlas-provider>. A real host would get the token from its own identity system.
const TOKEN_KEY = 'atlas-demo-token';
const $ = (id) => document.getElementById(id);

async function mint(username) {
  const response = await fetch('/api/dev/token', {
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

async function showSignIn() {
  $('sign-in').hidden = false;
  $('app').hidden = true;
  $('sign-out').hidden = true;
  $('who').textContent = '';
  const { identities } = await (await fetch('/api/dev/identities')).json();
  const list = $('identities');
  list.replaceChildren(
    ...identities.map((identity) => {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.username = identity.username;
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = `${identity.name} (${identity.username})`;
      const meta = document.createElement('span');
      meta.className = 'meta';
      const roles = Object.entries(identity.projects).map(([p, r]) => `${p}: ${r}`).join(', ');
      meta.textContent = `${identity.org} · ${roles} — ${identity.about}`;
      button.append(name, meta);
      button.addEventListener('click', async () => {
        await mint(identity.username);
        await showApp();
      });
      li.append(button);
      return li;
    }),
  );
}

async function showApp() {
  const current = session();
  if (!current) return showSignIn();
  $('sign-in').hidden = true;
  $('app').hidden = false;
  $('sign-out').hidden = false;
  const provider = $('provider');
  // Re-mint on 401 so the page survives token expiry.
  provider.getToken = async ({ forceRefresh }) => (forceRefresh ? mint(current.username) : session()?.token);
  const response = await fetch('/api/me', { headers: { Authorization: `Bearer ${current.token}` } });
  if (response.status === 401) {
    await mint(current.username);
    return showApp();
  }
  const me = await response.json();
  $('who').textContent = `Signed in as ${me.user.name} · ${me.organization.name}`;
  window.dispatchEvent(new CustomEvent('demo-signed-in', { detail: me }));
  if (!customElements.get('atlas-dashboard-list')) {
    const pre = document.createElement('pre');
    pre.className = 'me';
    pre.textContent = JSON.stringify(me, null, 2);
    $('app-body').replaceChildren(pre);
  }
}

$('sign-out').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  showSignIn();
});

showApp();
