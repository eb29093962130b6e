/**
 * Issue 16: a link's export policy and its usage, the shapes shared by requests and responses (requests.ts and
 * responses.ts import them from here; responses.ts imports requests.ts, so a shape both need cannot live in either).
 */
import { z } from 'zod';
import { described, named } from './registry.js';

/** The most rows a capped export may allow: the export's own ceiling per sheet (Excel's limit, with room). */
export const MAX_EXPORT_ROW_CAP = 1_000_000;

export const exportModes = ['off', 'on', 'capped'] as const;

/**
 * What a link lets visitors download: `off` (the export route answers 403 export_disabled), `on` (the whole
 * dashboard), or `capped` (each sheet cut at `rowCap` rows, with a note in the sheet).
 */
export const exportPolicyBody = named(
  z.discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('off') }),
    z.strictObject({ mode: z.literal('on') }),
    z.strictObject({
      mode: z.literal('capped'),
      rowCap: described(z.number().int().min(1).max(MAX_EXPORT_ROW_CAP), 'Rows per sheet at most (1 to 1,000,000).'),
    }),
  ]),
  'ExportPolicyBody',
  'off, on, or capped with rowCap (rows per sheet).',
);

/** The policy as links and the public layout carry it: `rowCap` is set only for `capped`. */
export const exportPolicySchema = named(
  z.object({ mode: z.enum(exportModes), rowCap: z.number().int().min(1).nullable() }),
  'ExportPolicy',
  'What a link lets visitors download: off, on, or capped at rowCap rows per sheet.',
);

/** Every outcome an audit row can carry (`export_disabled`: an export refused by the link's policy). */
export const auditOutcomes = [
  'ok',
  'wrong_passcode',
  'unavailable',
  'rate_limited',
  'passcode_required',
  'paused',
  'expired',
  'export_disabled',
  /** A token the link's rotation retired, after its grace period. */
  'rotated',
  /** The server paused the link because the dashboard changed (route `exposure_guard`). */
  'auto_paused',
] as const;

/** One UTC day of a link's usage: requests per outcome group. */
export const linkUsageDaySchema = z.object({
  /** `YYYY-MM-DD`, UTC. */
  day: z.string(),
  /** Openings of the dashboard and exports that were let in. */
  ok: z.number().int().min(0),
  wrongPasscode: z.number().int().min(0),
  /** Passcode attempts refused by the limits. */
  rateLimited: z.number().int().min(0),
  /** Requests refused because the link was revoked, paused or expired. */
  unavailable: z.number().int().min(0),
});

export const linkUsageResponse = named(
  z.object({
    usage: z.object({
      /** The first day counted (UTC), 29 days before `to`. */
      from: z.string(),
      /** Today (UTC). */
      to: z.string(),
      /** 30 days, oldest first; days without requests are zeros. */
      days: z.array(linkUsageDaySchema),
      /** Distinct client addresses that sent the link any request in these 30 days. */
      distinctClients: z.number().int().min(0),
      /** The last successful read of data through the link, or null. */
      lastAccessAt: z.string().nullable(),
    }),
  }),
  'LinkUsage',
  'Requests per day over the last 30 days by outcome, distinct clients and the last access.',
);

export type ExportPolicy = z.infer<typeof exportPolicySchema>;
export type ExportPolicyBody = z.input<typeof exportPolicyBody>;
export type LinkUsageDay = z.infer<typeof linkUsageDaySchema>;
export type LinkUsageResponse = z.infer<typeof linkUsageResponse>;
