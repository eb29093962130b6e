// Load-generation helpers the public-traffic benchmarks share: keep-alive agents, one timed GET, a bounded worker
// pool, percentiles and a few printing helpers. Loopback only: every base URL goes through assertLoopback first.
import http from 'node:http';

/** A keep-alive agent, as a browser or a wall screen keeps its connections open between requests. */
export function keepAliveAgent(maxSockets: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
}

/** Refuses anything but a loopback address: these benchmarks put load on the local machine only. */
export function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host))
    throw new Error(`benchmarks only talk to loopback addresses, not ${host}`);
}

export interface Answer {
  status: number;
  /** From sending the request to the last byte of the body. */
  ms: number;
  headers: http.IncomingHttpHeaders;
}

export interface GetOptions {
  agent: http.Agent;
  headers?: Record<string, string>;
  /** Called as soon as the status line arrives (the client has "received the response"). */
  onStatus?: (status: number) => void;
  /** Gives up (rejects) after this long without the whole answer. */
  timeoutMs?: number;
  /** Aborts the request (it rejects with an AbortError). */
  signal?: AbortSignal;
}

/**
 * One GET, its body drained unread; rejects on a network error or a body cut short. A request sent on a kept-alive
 * socket that the server closed meanwhile (its keep-alive timeout) is sent again once on a new one, as browsers do:
 * that race is the client's, not a failure of the server.
 */
export async function get(url: string, options: GetOptions): Promise<Answer> {
  try {
    return await getOnce(url, options);
  } catch (err) {
    if (
      (err as { reusedSocket?: boolean }).reusedSocket &&
      (err as NodeJS.ErrnoException).code === 'ECONNRESET' &&
      !options.signal?.aborted
    ) {
      return getOnce(url, options);
    }
    throw err;
  }
}

function getOnce(url: string, { agent, headers, onStatus, timeoutMs = 60_000, signal }: GetOptions): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.get(url, { agent, headers, signal }, (res) => {
      answered = true;
      const status = res.statusCode ?? 0;
      onStatus?.(status);
      res.on('error', reject);
      res.on('close', () => {
        if (!res.complete) reject(new Error(`${url}: the body of a ${status} answer was cut short`));
      });
      res.on('end', () => resolve({ status, ms: performance.now() - started, headers: res.headers }));
      res.resume();
    });
    req.on('error', (err) => {
      // Only a request that got no answer at all may be retried.
      if (!answered && req.reusedSocket) Object.assign(err, { reusedSocket: true });
      reject(err);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`${url}: no answer within ${timeoutMs} ms`)));
  });
}

/** Runs `worker(i)` on `concurrency` lanes until `more()` says stop; each lane awaits its previous call. */
export async function runLanes(
  concurrency: number,
  more: () => boolean,
  worker: (lane: number) => Promise<void>,
): Promise<void> {
  await Promise.all(
    Array.from({ length: concurrency }, async (_, lane) => {
      while (more()) await worker(lane);
    }),
  );
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

export interface Summary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of an ascending array (q in 0..1). */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    p99: percentile(sorted, 0.99),
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
    mean: sorted.length ? sum / sorted.length : NaN,
  };
}

/** Milliseconds for a table: 0.85, 12.3, 1540. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0);
}

export function latencyLine(label: string, s: Summary): string {
  return `${label.padEnd(26)} n ${String(s.count).padStart(6)}   p50 ${ms(s.p50).padStart(7)} ms   p99 ${ms(s.p99).padStart(7)} ms   max ${ms(s.max).padStart(7)} ms`;
}

/** Counts of answers by status class the issue cares about: 200, 304, 503 and everything else. */
export class StatusTally {
  readonly byStatus = new Map<number, number>();
  errors = 0;

  add(status: number): void {
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
  }

  count(status: number): number {
    return this.byStatus.get(status) ?? 0;
  }

  get total(): number {
    let n = this.errors;
    for (const c of this.byStatus.values()) n += c;
    return n;
  }

  get other(): number {
    return this.total - this.errors - this.count(200) - this.count(304) - this.count(503);
  }

  /** "200: 5990, 304: 0, 503: 10, other: 0 (…), network errors: 0" */
  describe(): string {
    const others = [...this.byStatus].filter(([s]) => ![200, 304, 503].includes(s)).map(([s, c]) => `${s}×${c}`);
    return `200: ${this.count(200)}, 304: ${this.count(304)}, 503: ${this.count(503)}, other: ${this.other}${others.length ? ` (${others.join(', ')})` : ''}, network errors: ${this.errors}`;
  }
}

/** Positive integer from the environment, clamped to [min, max] (a typo must not start a runaway benchmark). */
export function envInt(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name}=${raw} is not a number`);
  const clamped = Math.min(max, Math.max(min, Math.round(value)));
  if (clamped !== Math.round(value))
    console.log(`${name}=${raw} is out of bounds; using ${clamped} (allowed ${min}–${max})`);
  return clamped;
}
