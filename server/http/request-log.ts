/**
 * The request log: one pino-http line per answered request (`msg: "request"`), with the request id, the method, the
 * path as `logPath` writes it (never a public token, never the query), the matched route's pattern, the status and
 * the time taken. No header is serialized at all; the redaction paths (logger.ts) still cover them should a
 * serializer ever add one.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import { logPath, pinoFor, type Logger } from '../logger.js';
import { requestIdOf } from './request-id.js';

export function requestLog(logger: Logger): RequestHandler {
  const middleware = pinoHttp({
    logger: pinoFor(logger),
    genReqId: (_req: IncomingMessage, res: ServerResponse) => requestIdOf(res as Response) ?? '',
    // 5xx are logged once more, with their error, by the error handler (errors.ts).
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request',
    customProps: (req) => {
      const route = (req as Request).route as { path?: unknown } | undefined;
      // The pattern that matched (`/public/:token`), never the path that matched it.
      return typeof route?.path === 'string' ? { route: route.path } : {};
    },
    serializers: {
      req: (req: { id?: unknown; method?: string; raw?: Request }) => ({
        id: req.id,
        method: req.method,
        path: logPath(req.raw?.originalUrl ?? ''),
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  });
  return middleware as unknown as RequestHandler;
}
