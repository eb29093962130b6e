import type { LinkSecrets } from '../auth/link-secrets.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/types.js';
import type { AuditWriter } from './audit-writer.js';
import type { ExportLimits } from './export-limits.js';
import type { FramePolicy } from './frame-ancestors.js';
import type { GuessingLimits } from './guessing-limits.js';
import type { PasscodeSessions } from './passcode-sessions.js';
import type { PublicDashboardView } from './public-dashboard.js';
import type { PublicViewCache } from './public-view-cache.js';
import type { QueryGate } from './query-gate.js';
import type { PasscodeLimits } from './rate-limit.js';
import type { WidgetResults } from './widget-results.js';

/**
 * What the services work with. Everything here that keeps state is built once per app by createApp (the composition
 * root) and handed down, never kept in a module: two apps in one process (tests do that) share nothing. Routes
 * depend on services, never the reverse, so this type lives with the services; a service takes the `Pick` it needs.
 */
export interface ServiceDeps {
  store: Store;
  config: Config;
  logger: Logger;
  now: () => Date;
  /** Kept, coalesced widget results under the query gate. */
  widgetResults: WidgetResults;
  /** XLSX exports under their own gate. */
  exportGate: QueryGate;
  /** Public-link exports per link and per client address. */
  exportLimits: ExportLimits;
  /** Group commit of the public access audit; flushed when the app's lifecycle closes. */
  auditWriter: AuditWriter;
  /** The keys of public link tokens, passcodes and sessions, read (or created) once at start-up. */
  linkSecrets: LinkSecrets;
  /** Passcode sessions: issued and verified under the link secrets' session key. */
  passcodeSessions: PasscodeSessions;
  /** Passcode guessing limits (kept in the database). */
  passcodeLimits: PasscodeLimits;
  /** Token guessing per client address on the public routes (kept in this process). */
  guessingLimits: GuessingLimits;
  /** Who may frame public pages: the deployment's policy and what each link narrows it to. */
  framePolicy: FramePolicy;
  /** Public dashboard views, kept briefly per link. */
  publicViews: PublicViewCache<PublicDashboardView>;
}
