/** Helpers for component tests: real tokens from the demo's development sign-in on the real server. */
export async function demoToken(username: string): Promise<string> {
  const response = await fetch('/api/dev/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!response.ok) throw new Error(`could not mint a token for ${username}: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

export async function until(
  check: () => boolean | Promise<boolean>,
  what = 'condition',
  timeoutMs = 5000,
): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Calls the real API as the holder of `token`; a non-2xx answer throws with its status and body. */
export async function api<T>(token: string, path: string, init: { method?: string; json?: unknown } = {}): Promise<T> {
  const response = await fetch(`/api${path}`, {
    method: init.method ?? 'GET',
    headers: {
      Authorization: `Bearer ${token}`,
      ...(init.json !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
  });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** Catches clicks on download links (anywhere, capture phase) so a test can inspect them instead of downloading. */
export function captureDownloads(): { downloads: HTMLAnchorElement[]; stop(): void } {
  const downloads: HTMLAnchorElement[] = [];
  const onClick = (e: Event) => {
    const a = e.target as HTMLAnchorElement;
    if (a.download) {
      downloads.push(a);
      e.preventDefault();
    }
  };
  document.addEventListener('click', onClick, true);
  return { downloads, stop: () => document.removeEventListener('click', onClick, true) };
}

export interface ObservedRequest {
  url: string;
  method: string;
  /** The URL's path, resolved against the page. */
  path: string;
  /** A JSON body sent as a string, parsed; otherwise undefined. */
  body: unknown;
  authorization: string | null;
  credentials: RequestCredentials | undefined;
}

/**
 * Records every fetch the page makes (address, method, JSON body, Authorization header, credentials mode) and passes
 * it on untouched, so the real server still answers: for tests about which requests go out and how, not about what
 * comes back.
 */
export function observeFetch(): { requests: ObservedRequest[]; stop(): void } {
  const requests: ObservedRequest[] = [];
  const original = window.fetch;
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : undefined;
    const url = request ? request.url : String(input);
    requests.push({
      url,
      method: init?.method ?? request?.method ?? 'GET',
      path: new URL(url, location.href).pathname,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      authorization: new Headers(init?.headers ?? request?.headers).get('Authorization'),
      credentials: init?.credentials ?? request?.credentials,
    });
    return original.call(window, input, init);
  };
  return { requests, stop: () => (window.fetch = original) };
}
