/**
 * Every error the server answers is `{ "error": { "code", "message", "details"? } }` (API.md). `errorCodes` lists
 * every code it can send; the route table (routes.ts) says which statuses and codes each route answers.
 */
import { z } from 'zod';
import { named } from './registry.js';

export const errorCodes = [
  // Identity and permissions
  'unauthenticated',
  'forbidden',
  'not_author',
  'not_owner',
  'not_creator',
  'data_source_forbidden',
  // Not found
  'not_found',
  'dashboard_not_found',
  'project_not_found',
  'widget_not_found',
  'data_source_not_found',
  'user_not_found',
  'share_not_found',
  'link_not_found',
  /** Issue 16: a passcode session of the link that is not live (unknown, ended or expired). */
  'session_not_found',
  // Bad input
  'bad_request',
  'invalid_request',
  'invalid_json',
  'payload_too_large',
  'unsupported_encoding',
  'invalid_query',
  'invalid_data_source',
  'invalid_filters',
  'invalid_locked_filters',
  'invalid_frame_ancestors',
  'cannot_share_with_owner',
  'cannot_change_owner',
  // Conflicts
  'already_shared',
  'conflict',
  /** A save from an older version of the dashboard: someone else saved since (PUT /api/dashboards/{id}). */
  'edit_conflict',
  'passcode_not_enabled',
  'dev_sign_in_unavailable',
  // Public links
  'link_unavailable',
  'passcode_required',
  'wrong_passcode',
  'too_many_attempts',
  'too_many_exports',
  /** Issue 16: the link's export policy is off. */
  'export_disabled',
  /** One client address has too many widget queries running or waiting (issue 18): its own 429, not the server's 503. */
  'too_many_queries',
  'data_source_not_public',
  'widget_not_filterable',
  // The server
  'server_busy',
  'query_timeout',
  'audit_unavailable',
  'store_unavailable',
  'internal_error',
] as const;

export type ErrorCode = (typeof errorCodes)[number];
export const errorCodeSchema = named(z.enum(errorCodes), 'ErrorCode');

/** `invalid_request`: one entry per refused field; `path` is dotted (`widgets.0.position.w`), '' for the whole part. */
export const validationIssueSchema = named(z.object({ path: z.string(), message: z.string() }), 'ValidationIssue');

/**
 * What some codes add: `invalid_request` lists the refused fields; `too_many_attempts` says when to
 * retry (`retryAfter`, seconds, as in its `Retry-After`; `too_many_exports` sends only the header); `invalid_frame_ancestors` names the entry (its `index` in the list, or the
 * deployment's `allowed` sources it falls outside of).
 */
export const errorDetailsSchema = z.union([
  z.array(validationIssueSchema),
  z.looseObject({
    retryAfter: z.number().int().optional(),
    index: z.number().int().optional(),
    entry: z.unknown().optional(),
    allowed: z.string().optional(),
  }),
]);

export const errorBodySchema = named(
  z.object({
    error: z.object({
      code: errorCodeSchema,
      /** A sentence for people; may change, never branch on it. */
      message: z.string(),
      details: errorDetailsSchema.optional(),
      /** The request's X-Request-Id (also a response header): quote it when reporting a problem. */
      requestId: z.string().optional(),
    }),
  }),
  'Error',
);
export type ErrorBody = z.infer<typeof errorBodySchema>;
