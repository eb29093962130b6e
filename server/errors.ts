import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { logPath, type Logger } from './logger.js';
import { requestIdOf } from './http/request-id.js';

/** The one error type services throw; the error middleware turns it into `{ error: { code, message } }`. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (message = 'Not found.') => new AppError(404, 'not_found', message);
export const forbidden = (code = 'forbidden', message = 'You are not allowed to do this.') =>
  new AppError(403, code, message);

export function zodToAppError(err: ZodError, where = 'request'): AppError {
  const details = err.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const first = details[0];
  const message = first
    ? `Invalid ${where}: ${first.path ? `'${first.path}' ` : ''}${first.message}`
    : `Invalid ${where}.`;
  return new AppError(400, 'invalid_request', message, details);
}

/**
 * No route matched. The message never repeats the path: a mistyped public URL carries its token (issue 18 item 3),
 * and the request id (error.requestId) is what ties the answer to its log line.
 */
export const unknownRoute: RequestHandler = (req, _res, next) => {
  next(new AppError(404, 'not_found', `No route matches this ${req.method} request.`));
};

/** Mounted last. Maps every thrown thing to a JSON error; never leaks a stack trace. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appError = toAppError(err);
    if (appError.status === 503) {
      // Shed load, a query past its limit, a store going down: expected under load, and retried by clients.
      logger.warn('request refused', {
        requestId: res.locals.requestId,
        method: req.method,
        path: logPath(req.originalUrl),
        code: appError.code,
      });
    } else if (appError.status >= 500) {
      logger.error('request failed', {
        requestId: res.locals.requestId,
        method: req.method,
        path: logPath(req.originalUrl),
        err,
      });
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    for (const [name, value] of Object.entries(appError.headers ?? {})) res.setHeader(name, value);
    const body: { error: { code: string; message: string; details?: unknown; requestId?: string } } = {
      error: { code: appError.code, message: appError.message },
    };
    if (appError.details !== undefined) body.error.details = appError.details;
    const requestId = requestIdOf(res);
    if (requestId) body.error.requestId = requestId;
    res.status(appError.status).json(body);
  };
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return zodToAppError(err);
  const e = err as { type?: string; status?: number; code?: string; message?: string };
  // body-parser errors carry a status and a type
  if (e?.type === 'entity.too.large') return new AppError(413, 'payload_too_large', 'The request body is too large.');
  if (e?.type === 'entity.parse.failed')
    return new AppError(400, 'invalid_json', 'The request body is not valid JSON.');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported')
    return new AppError(415, 'unsupported_encoding', 'The request body encoding is not supported.');
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500)
    return new AppError(e.status, 'bad_request', 'The request could not be processed.');
  if (typeof e?.code === 'string' && e.code.startsWith('SQLITE_CONSTRAINT_UNIQUE'))
    return new AppError(409, 'conflict', 'That already exists.');
  if (e?.code === '23505') return new AppError(409, 'conflict', 'That already exists.');
  return new AppError(500, 'internal_error', 'Something went wrong on our side. Please try again.');
}

/** How long a client should wait before retrying a shed or timed-out request. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

/** Load shedding: the query or export queue is full (SPEC V1 under load). Retryable, so the viewer backs off. */
export const serverBusy = (what = 'queries') =>
  new AppError(503, 'server_busy', `The server is busy with other ${what}. Try again in a moment.`, undefined, {
    'Retry-After': String(BUSY_RETRY_AFTER_SECONDS),
  });

/** A data query ran past its time limit and was stopped. */
export const queryTimeout = () =>
  new AppError(
    503,
    'query_timeout',
    'This query took too long and was stopped. Try again, or narrow the filters.',
    undefined,
    {
      'Retry-After': String(BUSY_RETRY_AFTER_SECONDS * 2),
    },
  );
