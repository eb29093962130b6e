/**
 * Public dashboards are read far more often than edited (a wall screen, a customer site), so the built view is kept
 * briefly, per link. The link and the dashboard row are still read on every request (revocation, passcode and edits
 * show at once, across processes: every widget change moves `updatedAt`, and both are in the key); the cache only
 * spares re-reading widgets and data sources, so a data source's externalAccess flag reaches a kept view within the
 * TTL (the data routes check it on every request regardless).
 *
 * One per app, built by createApp. The response body is serialized (and hashed) once per kept view: a wall screen's
 * refresh then costs the link and dashboard reads, not a JSON.stringify of the whole dashboard.
 */
import { createHash } from 'node:crypto';
import type { Dashboard, PublicLink } from '../store/types.js';

export const VIEW_TTL_MS = 2000;
const VIEW_CACHE_MAX = 1000;

/** A JSON body as bytes, with its strong ETag. */
export interface KeptBody {
  body: Buffer;
  etag: string;
}

interface Entry<V> {
  key: string;
  until: number;
  view: V;
  body: KeptBody | undefined;
}

export class PublicViewCache<V = unknown> {
  readonly #entries = new Map<string, Entry<V>>();
  readonly #ttlMs: number;
  readonly #max: number;

  constructor(options: { ttlMs?: number; max?: number } = {}) {
    this.#ttlMs = options.ttlMs ?? VIEW_TTL_MS;
    this.#max = options.max ?? VIEW_CACHE_MAX;
  }

  /** The response body `{"dashboard": view}` of this link and dashboard version, with its ETag; `build` makes a view. */
  async body(link: PublicLink, dashboard: Dashboard, build: () => Promise<V>): Promise<KeptBody> {
    const entry = await this.#entry(link, dashboard, build);
    if (!entry.body) {
      const body = Buffer.from(JSON.stringify({ dashboard: entry.view }), 'utf8');
      entry.body = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    }
    return entry.body;
  }

  async #entry(link: PublicLink, dashboard: Dashboard, build: () => Promise<V>): Promise<Entry<V>> {
    // The link's widget subset and export policy (issue 16) change the view without moving the dashboard's updatedAt.
    const key = `${dashboard.updatedAt}|${link.passcodeEnabled}|${JSON.stringify(link.lockedFilters)}|${JSON.stringify(link.widgetIds)}|${link.exportMode}:${link.exportRowCap}`;
    const hit = this.#entries.get(link.id);
    const now = performance.now();
    if (hit && hit.key === key && hit.until > now) return hit;
    const entry: Entry<V> = { key, until: now + this.#ttlMs, view: await build(), body: undefined };
    if (this.#entries.size >= this.#max) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(link.id, entry);
    return entry;
  }
}
