/**
 * Widget results, computed once and served many times (SPEC V1, V3 at wall-screen scale). A thousand screens on one
 * link ask for the same few results every refresh: the first request runs the query, requests arriving meanwhile
 * wait for that same query (single flight, lru-cache's fetch), and later ones get the kept bytes until the entry
 * expires. Entries are the serialized JSON response with its ETag, bounded by bytes.
 *
 * What the cache never does is decide access: every caller has already read the link or the user's rights, the
 * widget and its data source on this request. The key is the SQL the store compiles the widget's query model to, in
 * its own dialect, with its bound values (so the widget's query, its data source, the viewer's filters AND a link's
 * locked filters are all in it: two links with different locked filters can never share an entry), plus the
 * dashboard's version. Nothing user-specific is in a result, so
 * the signed-in route may share entries with the public one after its own permission check.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Logger } from '../logger.js';
import type { Store } from '../store/types.js';
import { QueryGate } from './query-gate.js';
import type { QueryModel, ResultColumn } from '../query/index.js';
import { shapeRows, widgetQueryModel, type RunWidgetInput } from './widget-data.js';

export interface WidgetResult {
  /** `{"columns":…,"rows":…}` as UTF-8. */
  body: Buffer;
  /** A strong validator of `body`, quoted as the header wants it. */
  etag: string;
}

export interface WidgetResultsOptions {
  /** Upper bound of how long a result is kept, whatever the dashboard's refresh interval (ATLAS_PUBLIC_CACHE_SECONDS). */
  maxAgeSeconds: number;
  /** Memory the kept results may use. */
  maxBytes: number;
  /** Widget queries running at once, and waiting beyond that, before 503 server_busy. */
  concurrency: number;
  queue: number;
  /** Queries one client may have running or waiting before 429 too_many_queries (issue 18); 0: no cap. */
  perClient?: number;
  logger: Logger;
  /** How often the hit/miss line is logged (ms); 0 turns it off. */
  statsIntervalMs?: number;
}

export interface WidgetResultStats {
  hits: number;
  misses: number;
  /** Requests that waited for a query another request had started. */
  coalesced: number;
  entries: number;
  bytes: number;
  running: number;
  waiting: number;
  shed: number;
  shedPerClient: number;
}

interface FetchContext {
  store: Store;
  model: QueryModel;
  columns: ResultColumn[];
  ttlMs: number;
  /** Who starts the query, for the gate's per-client cap; requests that join a query in flight are not counted. */
  client: string | undefined;
}

export class WidgetResults {
  readonly #cache: LRUCache<string, WidgetResult, FetchContext>;
  readonly #gate: QueryGate;
  readonly #maxAgeMs: number;
  #counts = { hits: 0, misses: 0, coalesced: 0 };
  #timer: NodeJS.Timeout | undefined;

  constructor(options: WidgetResultsOptions) {
    this.#maxAgeMs = options.maxAgeSeconds * 1000;
    this.#gate = new QueryGate(options.concurrency, options.queue, 'queries', options.perClient ?? 0);
    this.#cache = new LRUCache<string, WidgetResult, FetchContext>({
      maxSize: Math.max(1, options.maxBytes),
      sizeCalculation: (value, key) => value.body.length + key.length + 64,
      ttl: Math.max(1, this.#maxAgeMs),
      ttlAutopurge: false,
      fetchMethod: async (_key, _stale, { options: fetchOptions, context }) => {
        const { store, model, columns, ttlMs, client } = context;
        const rows = await this.#gate.run(() => store.runQuery(model), client);
        const body = Buffer.from(JSON.stringify(shapeRows(columns, rows)), 'utf8');
        // A dashboard refreshing every 10 s keeps its results 10 s; no entry outlives the configured cap.
        if (ttlMs > 0) fetchOptions.ttl = ttlMs;
        return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
      },
    });
    const every = options.statsIntervalMs ?? 60_000;
    if (every > 0) {
      let seen = 0;
      this.#timer = setInterval(() => {
        const total = this.#counts.hits + this.#counts.misses + this.#counts.coalesced;
        if (total === seen) return;
        seen = total;
        options.logger.info('widget results', { ...this.stats });
      }, every);
      this.#timer.unref();
    }
  }

  /**
   * The result of one widget for one set of effective filters. `refreshSeconds` is the dashboard's interval (0: none).
   * With `maxAgeSeconds` 0 nothing is kept, but identical concurrent requests still share one query. `client` (the
   * public path's client address) is capped per client when this request has to start a query; a kept result or a
   * query already in flight costs it nothing.
   */
  async get(store: Store, input: RunWidgetInput, refreshSeconds: number, client?: string): Promise<WidgetResult> {
    const model = widgetQueryModel(input);
    // The store's own compile of the model: what the query runs as in its dialect decides the result.
    const compiled = store.compileQuery(model);
    const key = createHash('sha256')
      .update(
        JSON.stringify([
          store.dialect,
          input.dashboard.id,
          input.dashboard.updatedAt ?? '',
          input.dataSource.id,
          compiled.sql,
          compiled.params,
        ]),
      )
      .digest('base64url');
    const refreshMs = refreshSeconds > 0 ? refreshSeconds * 1000 : this.#maxAgeMs;
    const ttlMs = Math.min(refreshMs, this.#maxAgeMs);
    const status: LRUCache.Status<string, WidgetResult, FetchContext> = {};
    const result = await this.#cache.fetch(key, {
      context: { store, model, columns: compiled.columns, ttlMs, client },
      status,
    });
    if (status.fetch === 'hit') this.#counts.hits++;
    else if (status.fetch === 'inflight') this.#counts.coalesced++;
    else this.#counts.misses++;
    if (ttlMs <= 0) this.#cache.delete(key);
    return result!;
  }

  get stats(): WidgetResultStats {
    return { ...this.#counts, entries: this.#cache.size, bytes: this.#cache.calculatedSize, ...this.#gate.stats };
  }

  /** Stops the stats line. Kept entries are left to the garbage collector: clearing would abort queries in flight. */
  close(): void {
    if (this.#timer) clearInterval(this.#timer);
  }
}
