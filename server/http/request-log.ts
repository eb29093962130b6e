/**
 * The request log: one line per answered request (`msg: "request"`), with the request id, the method, the path as
 * `logPath` writes it (never a public token, never the query), the matched route's pattern, the status and the time
 * taken. No header is serialized at all; the redaction paths (logger.ts) still cover them should a serializer ever
 * add one.
 *
 * Public answers that succeed are the exception by default (ATLAS_PUBLIC_REQUEST_LOG=summary, issue 13): each of them
 * already has its audit row (route, outcome, time, client, session), committed before it was sent, and at wall-screen
 * scale they are nearly every request the server answers. They are counted instead, per route and status, and the
 * counts are logged once a minute (`msg: "public requests"`). A public request that fails (status 400 and up, or
 * abandoned by its client) still gets its own line, so every problem a viewer reports can be found by its request id.
 * `each` logs every public answer too.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import type { Lifecycle } from '../lifecycle.js';
import { logPath, pinoFor, type Logger } from '../logger.js';
import { requestIdOf } from './request-id.js';
import { routeFamily } from './security-headers.js';

export type PublicRequestLog = 'summary' | 'each';

export interface RequestLogOptions {
  /** How successful public answers are logged: counted in a summary line (default) or one line each. */
  publicRequests?: PublicRequestLog;
  /** How often the summary line is written (ms); it is also written when the lifecycle closes. */
  summaryEveryMs?: number;
  lifecycle?: Lifecycle;
}

/** The pattern that matched (`/public/:token`), never the path that matched it. */
function routeOf(req: Request): { route?: string } {
  const route = req.route as { path?: unknown } | undefined;
  return typeof route?.path === 'string' ? { route: route.path } : {};
}

export function requestLog(logger: Logger, options: RequestLogOptions = {}): RequestHandler {
  const pino = pinoFor(logger);
  const everyRequest = pinoHttp({
    logger: pino,
    genReqId: (_req: IncomingMessage, res: ServerResponse) => requestIdOf(res as Response) ?? '',
    // 5xx are logged once more, with their error, by the error handler (errors.ts).
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request',
    customProps: (req) => routeOf(req as Request),
    serializers: {
      req: (req: { id?: unknown; method?: string; raw?: Request }) => ({
        id: req.id,
        method: req.method,
        path: logPath(req.raw?.originalUrl ?? ''),
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  }) as unknown as RequestHandler;
  if (options.publicRequests === 'each') return everyRequest;

  const summary = new PublicRequestCounts();
  const every = options.summaryEveryMs ?? 60_000;
  if (every > 0) {
    const timer = setInterval(() => summary.logTo(logger), every);
    timer.unref();
    options.lifecycle?.onClose(() => {
      clearInterval(timer);
      summary.logTo(logger);
    });
  }

  return (req, res, next) => {
    const family = routeFamily(req.path);
    if (family !== 'public-api' && family !== 'public-page') {
      everyRequest(req, res, next);
      return;
    }
    const started = performance.now();
    const done = () => {
      res.off('finish', done);
      res.off('close', done);
      const responseTime = Math.round(performance.now() - started);
      const { route } = routeOf(req);
      if (res.writableFinished && res.statusCode < 400) {
        summary.count(route ?? 'unmatched', res.statusCode, responseTime);
        return;
      }
      // The same line pino-http writes for every other request.
      const line = {
        req: { id: requestIdOf(res), method: req.method, path: logPath(req.originalUrl) },
        ...(route ? { route } : {}),
        res: { statusCode: res.statusCode },
        responseTime,
      };
      if (res.statusCode >= 500) pino.error(line, 'request');
      else pino.info(line, 'request');
    };
    res.on('finish', done);
    res.on('close', done);
    next();
  };
}

interface RouteCounts {
  /** Answers by status (`200`, `304`). */
  statuses: Record<string, number>;
  slowestMs: number;
}

/** Successful public answers since the last summary line, per matched route pattern. */
class PublicRequestCounts {
  #routes = new Map<string, RouteCounts>();

  count(route: string, status: number, responseTime: number): void {
    let counts = this.#routes.get(route);
    if (!counts) this.#routes.set(route, (counts = { statuses: {}, slowestMs: 0 }));
    counts.statuses[status] = (counts.statuses[status] ?? 0) + 1;
    if (responseTime > counts.slowestMs) counts.slowestMs = responseTime;
  }

  /** Writes the counts gathered so far (nothing when there were none) and starts over. */
  logTo(logger: Logger): void {
    if (this.#routes.size === 0) return;
    const routes = Object.fromEntries(this.#routes);
    const requests = [...this.#routes.values()]
      .flatMap((counts) => Object.values(counts.statuses))
      .reduce((sum, n) => sum + n, 0);
    this.#routes = new Map();
    logger.info('public requests', { requests, routes });
  }
}
