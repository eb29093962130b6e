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

export async function until(check: () => boolean | Promise<boolean>, what = 'condition', timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
