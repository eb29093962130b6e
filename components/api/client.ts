/**
 * The HTTP client every element uses. The host supplies the user's token (or a function returning it); a 401 asks
 * the host for a fresh token once and retries, so long-lived pages survive token expiry.
 */
import type { ErrorBody, ErrorCode } from './contract.js';

export type TokenSource = (options: { forceRefresh: boolean }) => string | undefined | Promise<string | undefined>;

/** The body of every error answer (the contract's `Error` schema). */
export type ApiErrorBody = ErrorBody;

/**
 * What went wrong: one of the contract's error codes; `http_<status>` when the answer carried no error body (a proxy's
 * error page); `network_error` when the server could not be reached (status 0).
 */
export type AtlasApiErrorCode = ErrorCode | `http_${number}` | 'network_error';

export class AtlasApiError extends Error {
  override name = 'AtlasApiError';
  constructor(
    readonly status: number,
    readonly code: AtlasApiErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
  /** True for failures worth retrying later (the network, a restarting server). */
  get transient(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | undefined>;
  signal?: AbortSignal;
  /** Overrides the token source for this call (the public viewer sends its passcode session). */
  bearer?: string;
  /**
   * Cookies for this call; defaults to the client's (`omit`). Signed-in calls authenticate by the Bearer header
   * alone. The public viewer uses `same-origin`, so a link's partitioned passcode cookie is stored and sent where
   * the API is the page's own origin (the Atlas page or its iframe), and never cross-origin.
   */
  credentials?: RequestCredentials;
}

export interface ApiClientOptions {
  baseUrl: string;
  token?: TokenSource;
  fetch?: typeof fetch;
  /** Cookies for every call of this client unless a call says otherwise; `omit` by default. */
  credentials?: RequestCredentials;
  /**
   * The browser HTTP cache mode; `no-store` by default (signed-in answers are per user). The public viewer uses
   * `no-cache`: the browser revalidates with the server's ETag every time and gets a 304 when nothing changed.
   */
  cache?: RequestCache;
}

export class AtlasApiClient {
  readonly baseUrl: string;
  #token?: TokenSource;
  #fetch: typeof fetch;
  #credentials: RequestCredentials;
  #cache: RequestCache;

  constructor(options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#token = options.token;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#credentials = options.credentials ?? 'omit';
    this.#cache = options.cache ?? 'no-store';
  }

  url(path: string, query?: Record<string, string | undefined>): string {
    const base = this.baseUrl + (path.startsWith('/') ? path : `/${path}`);
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) params.set(key, value);
    const qs = params.toString();
    return qs ? `${base}?${qs}` : base;
  }

  /**
   * Calls any route by its path under the base URL and answers its JSON body (`undefined` for 204). The elements use
   * the typed functions of `endpoints.ts`, which call this with the contract's types; prefer them.
   */
  async request<T = unknown>(path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.fetchRaw(path, options);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  /** Like `request` but hands back the Response (downloads). Throws AtlasApiError for non-2xx answers. */
  async fetchRaw(path: string, options: RequestOptions = {}): Promise<Response> {
    let response = await this.#send(path, options, false);
    if (response.status === 401 && options.bearer === undefined && this.#token) {
      response = await this.#send(path, options, true);
    }
    if (!response.ok) throw await toApiError(response);
    return response;
  }

  async #send(path: string, options: RequestOptions, forceRefresh: boolean): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const bearer = options.bearer ?? (await unlessAborted(this.#token?.({ forceRefresh }), options.signal));
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    try {
      return await this.#fetch(this.url(path, options.query), {
        method: options.method ?? 'GET',
        headers,
        body,
        signal: options.signal,
        credentials: options.credentials ?? this.#credentials,
        cache: this.#cache,
      });
    } catch (err) {
      if ((err as Error)?.name === 'AbortError') throw err;
      throw new AtlasApiError(0, 'network_error', 'Cannot reach the server. Check your connection.');
    }
  }
}

/**
 * The token may not exist yet (the provider waits for the host's first token): a request aborted meanwhile ends at
 * once instead of staying parked, holding its element, until a token that may never come.
 */
function unlessAborted<T>(value: T | Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return Promise.resolve(value);
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    Promise.resolve(value)
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function toApiError(response: Response): Promise<AtlasApiError> {
  const retryAfter = Number(response.headers.get('Retry-After'));
  let code: AtlasApiErrorCode = `http_${response.status}`;
  let message = response.statusText || 'The request failed.';
  try {
    const body = (await response.json()) as Partial<ApiErrorBody> | null;
    if (body?.error?.code) code = body.error.code;
    if (body?.error?.message) message = body.error.message;
  } catch {
    // not JSON (a proxy error page): keep the status text
  }
  return new AtlasApiError(
    response.status,
    code,
    message,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  );
}
