/**
 * The audit bookkeeping of public requests (SPEC L8, O4), in one place: every public request opens a record, names
 * its outcome, and commits the record before its answer is sent (success or error), so a client never holds a
 * response whose row could still be lost. A request the client abandons before an answer is still recorded when its
 * connection closes. Rows go through the app's AuditWriter (group commit).
 */
import type { ErrorRequestHandler, Request, Response } from 'express';
import { AppError } from '../errors.js';
import type { AuditWriter } from '../services/audit-writer.js';
import type { AuditOutcome, PublicLink } from '../store/types.js';
import { clientAddress } from './client-address.js';

/** Route names in the audit log (`route` column). The store counts `dashboard` and `export` as uses of a link. */
export type AuditedRoute = 'page' | 'dashboard' | 'session' | 'widget_data' | 'export';

export interface AuditRecord {
  readonly route: AuditedRoute;
  /** The token's link, once looked up (revoked links too: their trail names them). */
  link: PublicLink | undefined;
  /** The link is live (not revoked, its dashboard exists): the request was let in. */
  live: boolean;
  /** Set for refusals; left unset, the outcome is `ok` for a live link and `unavailable` otherwise. */
  outcome: AuditOutcome | undefined;
  /** Issue 18: the passcode session (its id) the request used or opened. */
  sessionId: string | undefined;
  /** Commits this request's row (once); the answer is sent only after it resolves. */
  settle(): Promise<void>;
}

/** The audit outcome of an error code, for refusals that have their own. */
const OUTCOME_BY_CODE: Partial<Record<string, AuditOutcome>> = {
  link_unavailable: 'unavailable',
  passcode_required: 'passcode_required',
  wrong_passcode: 'wrong_passcode',
  too_many_attempts: 'rate_limited',
  export_disabled: 'export_disabled',
};

export interface PublicAudit {
  /** Opens the record of this request and keeps it on the response (see `auditRecordOf`). */
  open(route: AuditedRoute, req: Request, res: Response): AuditRecord;
  /**
   * Error middleware for the public router: names the outcome of a refused request from its error code, commits the
   * row, then lets the app's error handler answer. If the row cannot be written, that failure is the answer.
   */
  readonly settleRefusal: ErrorRequestHandler;
}

const LOCALS_KEY = 'publicAudit';

/** The audit record a public route opened on this response, if any. */
export function auditRecordOf(res: Response): AuditRecord | undefined {
  return res.locals[LOCALS_KEY] as AuditRecord | undefined;
}

export function createPublicAudit(writer: AuditWriter, now: () => Date): PublicAudit {
  return {
    open(route, req, res) {
      const at = now().toISOString();
      let committed: Promise<void> | undefined;
      const record: AuditRecord = {
        route,
        link: undefined,
        live: false,
        outcome: undefined,
        sessionId: undefined,
        settle: () =>
          (committed ??= writer.commit({
            linkId: record.link?.id ?? null,
            dashboardId: record.link?.dashboardId ?? null,
            at,
            clientAddress: clientAddress(req),
            userAgent: req.headers['user-agent'] ?? '',
            route,
            // A request refused for a reason of its own (bad filters, a widget not public) was still let in: 'ok'.
            outcome: record.outcome ?? (record.live ? 'ok' : 'unavailable'),
            sessionId: record.sessionId ?? null,
          })),
      };
      res.locals[LOCALS_KEY] = record;
      res.once('close', () => {
        if (!committed) void record.settle().catch(() => {});
      });
      return record;
    },

    settleRefusal(err, _req, res, next) {
      const record = auditRecordOf(res);
      if (!record || res.headersSent) return next(err);
      if (!record.outcome && err instanceof AppError) record.outcome = OUTCOME_BY_CODE[err.code];
      record.settle().then(
        () => next(err),
        (auditErr: unknown) => next(auditErr),
      );
    },
  };
}
