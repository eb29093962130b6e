/**
 * The passcode session of a public link, kept in localStorage so it outlives the tab for its 5 days (SPEC L5).
 * (Filter choices live in sessionStorage through internal/session-filters, under a key derived the same way.)
 *
 * Keys are derived from a SHA-256 digest of the link token, so the raw token (a bearer secret) is not written to
 * storage where any script of the embedding origin's partition can list keys. Inside a third-party iframe whose
 * browser blocks third-party storage, touching `localStorage` throws: every access is guarded and falls back to
 * memory for the life of the page, so the viewer still works (the passcode is simply asked again after a reload).
 */
export interface StoredSession {
  session: string;
  /** ISO time after which the server no longer accepts the session. */
  expiresAt: string;
}

const memory = new Map<string, string>();

function area(kind: 'localStorage'): Storage | undefined {
  try {
    const storage = globalThis[kind];
    // Reading a property can also throw (blocked third-party storage); probe once per access.
    storage.length;
    return storage;
  } catch {
    return undefined;
  }
}

function read(kind: 'localStorage', key: string): string | null {
  try {
    const value = area(kind)?.getItem(key);
    if (value !== null && value !== undefined) return value;
  } catch {
    // blocked or unavailable: use the in-memory copy below
  }
  return memory.get(`${kind}:${key}`) ?? null;
}

function write(kind: 'localStorage', key: string, value: string | null): void {
  const memoryKey = `${kind}:${key}`;
  if (value === null) memory.delete(memoryKey);
  else memory.set(memoryKey, value);
  try {
    const storage = area(kind);
    if (value === null) storage?.removeItem(key);
    else storage?.setItem(key, value);
  } catch {
    // quota exceeded or blocked: the in-memory copy keeps the page working
  }
}

/** A short, stable, non-reversible name for a link token. */
export async function linkKey(token: string): Promise<string> {
  const bytes = new TextEncoder().encode(token);
  if (globalThis.crypto?.subtle) {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    return Array.from(digest.slice(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
  }
  // Insecure contexts (plain http on a non-local host) have no SubtleCrypto: FNV-1a, still not the raw token.
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const b of bytes) {
    h1 = Math.imul(h1 ^ b, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ b, 0x811c9dc5) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

export class LinkStorage {
  readonly #sessionKey: string;

  constructor(key: string) {
    this.#sessionKey = `atlas-public-session:${key}`;
  }

  /** The stored passcode session, unless it is missing, malformed or past its expiry. */
  getSession(now = Date.now()): StoredSession | undefined {
    const raw = read('localStorage', this.#sessionKey);
    if (!raw) return undefined;
    try {
      const parsed = JSON.parse(raw) as Partial<StoredSession>;
      if (typeof parsed.session === 'string' && typeof parsed.expiresAt === 'string' && Date.parse(parsed.expiresAt) > now) {
        return { session: parsed.session, expiresAt: parsed.expiresAt };
      }
    } catch {
      // malformed: forget it below
    }
    this.clearSession();
    return undefined;
  }

  setSession(session: StoredSession): void {
    write('localStorage', this.#sessionKey, JSON.stringify(session));
  }

  clearSession(): void {
    write('localStorage', this.#sessionKey, null);
  }

}
