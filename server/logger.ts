/**
 * Structured logs: pino, one JSON object a line (`time` ISO, `level` by name, `msg`, then the fields). Secrets never
 * reach them: every secret-bearing field is redacted by path (REDACT_PATHS), and a request's path is written only as
 * `logPath` makes it (a public link's token is cut off whatever the spelling of its path).
 */
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** The pino logger behind it (createLogger's); the request log (pino-http) writes through it when present. */
  readonly pino?: PinoLogger;
}

export const REDACTED = '[redacted]';

/**
 * Every field that can carry a secret, wherever a log call or the request log puts it: host tokens (Authorization),
 * cookies (the passcode session), passcodes and their sessions in bodies, link tokens (route params, our own fields).
 * `*.x` covers one level of nesting (`{ link: { token } }`); the request log's own objects are named in full.
 */
export const REDACT_PATHS = [
  ...['authorization', 'cookie', 'token', 'passcode', 'session', 'secret', 'password'].flatMap((key) => [
    key,
    `*.${key}`,
  ]),
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'req.headers["x-atlas-session"]',
  'req.body.passcode',
  'req.params.token',
  'req.query.token',
  'req.query.session',
  'res.headers["set-cookie"]',
];

export function createLogger(
  level: LogLevel | 'silent' = 'info',
  write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
): Logger {
  const destination: DestinationStream = { write: (line: string) => write(line.replace(/\n$/, '')) };
  const logger = pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      serializers: { err: pino.stdSerializers.err },
    },
    destination,
  );
  return wrap(logger);
}

/** Our `(msg, fields)` call shape over pino's `(fields, msg)`. */
function wrap(logger: PinoLogger): Logger {
  return {
    debug: (msg, fields = {}) => logger.debug(fields, msg),
    info: (msg, fields = {}) => logger.info(fields, msg),
    warn: (msg, fields = {}) => logger.warn(fields, msg),
    error: (msg, fields = {}) => logger.error(fields, msg),
    pino: logger,
  };
}

/**
 * A pino logger for the request log when the app was handed a Logger of its own (a library user's): its lines go to
 * that logger's `info`/`warn`/`error`, redacted the same way first.
 */
export function pinoFor(logger: Logger): PinoLogger {
  if (logger.pino) return logger.pino;
  return pino(
    { level: 'info', base: undefined, redact: { paths: REDACT_PATHS, censor: REDACTED } },
    {
      write(line: string) {
        const { msg, level, time: _time, ...fields } = JSON.parse(line) as Record<string, unknown>;
        const method = Number(level) >= 50 ? 'error' : Number(level) >= 40 ? 'warn' : 'info';
        logger[method](String(msg), fields);
      },
    },
  );
}

/**
 * The path of a request as the log writes it. Public-link tokens travel in paths (`/public/<token>`,
 * `/api/public/<token>/…`); Express matches routes case-insensitively, and a proxy or a visitor may spell a path with
 * another case, doubled slashes or percent-escapes. So the cut does not depend on spelling: from the first segment
 * that reads `public` once decoded and lower-cased, everything after it is dropped, matched route or not. The query
 * string is never written.
 */
export function logPath(originalUrl: string): string {
  const path = originalUrl.split(/[?#]/, 1)[0] ?? '';
  const segments = path.split('/');
  const at = segments.findIndex((segment) => decoded(segment).toLowerCase() === 'public');
  if (at < 0) return path;
  return [...segments.slice(0, at + 1), REDACTED].join('/');
}

/** Decoded until it stops changing (a few rounds): `%2570ublic` is `public` to someone who decodes twice. */
function decoded(segment: string): string {
  let current = segment;
  for (let round = 0; round < 4; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      break;
    }
    if (next === current) break;
    current = next;
  }
  return current.trim();
}

/** The old name of `logPath`, kept for callers of the library. */
export const redactPath = logPath;
