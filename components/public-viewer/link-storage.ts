/**
 * The passcode session of a public link, kept in localStorage so it outlives the tab for its 5 days (SPEC L5).
 * (Filter choices live in sessionStorage through internal/session-filters, under a key derived the same way.)
 *
 * Keys are derived from a SHA-256 digest of the link token, so the raw token (a bearer secret) is not written to
 * storage where any script of the embedding origin's partition can list keys. Inside a third-party iframe whose
 * browser blocks third-party storage, touching `localStorage` throws: every access is guarded and falls back to
 * memory for the life of the page, so the viewer still works. A reload loses that memory, but the right passcode also
 * set the link's partitioned (CHIPS) HttpOnly cookie, which the viewer's same-origin requests carry: the first layout
 * request goes without a Bearer session, and the passcode is asked again only if the server answers 401
 * passcode_required (the browser refused the cookie too, or the session has ended).
 */
export interface StoredSession {
  session: string;
  /** ISO time after which the server no longer accepts the session. */
  expiresAt: string;
}

const memory = new Map<string, string>();

/** localStorage, or undefined where the browser refuses it (reading the property itself throws there). */
function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

function read(key: string): string | null {
  const store = storage();
  if (store) {
    try {
      return store.getItem(key);
    } catch {
      // refused after all: fall back to memory
    }
  }
  return memory.get(key) ?? null;
}

function write(key: string, value: string | null): void {
  const store = storage();
  try {
    if (!store) throw new Error('no storage');
    if (value === null) store.removeItem(key);
    else store.setItem(key, value);
    memory.delete(key);
  } catch {
    // blocked or full: the in-memory copy keeps the page working until it is reloaded
    if (value === null) memory.delete(key);
    else memory.set(key, value);
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
    const raw = read(this.#sessionKey);
    if (!raw) return undefined;
    try {
      const parsed = JSON.parse(raw) as Partial<StoredSession>;
      if (
        typeof parsed.session === 'string' &&
        typeof parsed.expiresAt === 'string' &&
        Date.parse(parsed.expiresAt) > now
      ) {
        return { session: parsed.session, expiresAt: parsed.expiresAt };
      }
    } catch {
      // malformed: forget it below
    }
    this.clearSession();
    return undefined;
  }

  setSession(session: StoredSession): void {
    write(this.#sessionKey, JSON.stringify(session));
  }

  clearSession(): void {
    write(this.#sessionKey, null);
  }
}
