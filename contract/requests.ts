/**
 * Request bodies, path params and queries of every route (API.md). The server validates with exactly these schemas.
 * Every object is strict: an unknown key is a 400, so a typo never silently does nothing.
 */
import { z } from 'zod';
import { filterDefinitionSchema, widgetPositionSchema, widgetQuerySchema, widgetType } from './dashboard.js';
import { linkFrameAncestorsSchema } from './frame-ancestors.js';
import { auditOutcomes, exportPolicyBody } from './link-usage.js';
import { described, named } from './registry.js';

const id = z.string().min(1).max(120);
// Issue 17: the refusals are sentences a share dialog can show ("Role must be …"), not the schema's own text.
export const dashboardRole = named(
  z.enum(['viewer', 'author', 'owner'], { error: 'must be viewer, author or owner.' }),
  'DashboardRole',
);
/** Everyone in a project may be viewer or author; an `owner` for a whole project would hand out sharing rights. */
export const projectAccessRole = named(
  z.enum(['viewer', 'author'], {
    error: 'must be viewer or author: everyone in a project cannot be owner (an owner is a person).',
  }),
  'ProjectAccessRole',
);

// ---- Identity -------------------------------------------------------------------------------------------------

export const usersQuery = z.strictObject({
  q: described(z.string().max(120), 'A prefix of a username or email; empty gives no users.').default(''),
});
export const projectParams = z.strictObject({ projectId: z.string().min(1).max(120) });

// ---- Dashboards, widgets, sharing -----------------------------------------------------------------------------

export const listDashboardsQuery = z.strictObject({
  filter: described(
    z.enum(['all', 'mine', 'shared', 'org']),
    'mine: created by the caller; shared: reached the caller by a share or project access; org: organization-wide.',
  ).default('all'),
});
export type DashboardListFilter = z.infer<typeof listDashboardsQuery>['filter'];

export const dashboardParams = z.strictObject({ id });
export const widgetParams = z.strictObject({ id, widgetId: id });
export const shareParams = z.strictObject({ id, username: z.string().min(1).max(200) });

const title = z.string().trim().min(1).max(200);
const description = z.string().max(2000);
/** Seconds; 0 means "do not refresh". */
const refreshInterval = z.number().int().min(0).max(86_400);

export const createDashboardBody = named(
  z.strictObject({
    projectId: id,
    title,
    description: description.default(''),
    filters: z.array(filterDefinitionSchema).max(20).default([]),
    refreshInterval: refreshInterval.default(300),
  }),
  'CreateDashboardBody',
);

export const patchDashboardBody = named(
  z
    .strictObject({
      title: title.optional(),
      description: description.optional(),
      filters: z.array(filterDefinitionSchema).max(20).optional(),
      refreshInterval: refreshInterval.optional(),
      /** Edit mode saves the layout: new titles and grid positions of existing widgets. */
      widgets: z
        .array(z.strictObject({ id, title: title.optional(), position: widgetPositionSchema.optional() }))
        .max(100)
        .optional(),
    })
    .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' }),
  'PatchDashboardBody',
  'At least one field.',
);

export const createWidgetBody = named(
  z.strictObject({
    title,
    type: widgetType,
    dataSourceId: id,
    query: widgetQuerySchema,
    position: widgetPositionSchema.optional(),
  }),
  'CreateWidgetBody',
);

/** One widget of a saved edit: with the id of a widget on the dashboard it updates it, without an id it is new. */
const savedWidget = z.strictObject({
  id: id.optional(),
  title,
  type: widgetType,
  dataSourceId: id,
  query: widgetQuerySchema,
  position: widgetPositionSchema,
  /** Read-only (issue 17), ignored: a widget as `GET` gives it can be sent back unchanged. */
  filterFields: z.array(z.string().max(64)).max(100).optional(),
});

/** Widgets without an id are new, so only the ids given must differ. */
const noIdTwice = (widgets: { id?: string }[]) => {
  const ids = widgets.flatMap((w) => (w.id === undefined ? [] : [w.id]));
  return new Set(ids).size === ids.length;
};

export const saveDashboardBody = named(
  z.strictObject({
    title,
    /** Kept as it is when absent. */
    description: description.optional(),
    widgets: described(
      z.array(savedWidget).max(100).refine(noIdTwice, { message: 'a widget id appears twice' }),
      'Every widget the dashboard keeps: those with the id of one of its widgets are updated, those without an id are added, and its widgets not listed are removed.',
    ),
    baseUpdatedAt: described(
      z.iso.datetime({ offset: true }).optional(),
      "The dashboard's updatedAt when the edit began: when someone has saved since, nothing is saved and the answer is 409 edit_conflict.",
    ),
  }),
  'SaveDashboardBody',
  'A whole edit of a dashboard, saved in one transaction.',
);

export const createShareBody = named(
  z.strictObject({
    /** A username, or the user's email address (U1 lets the owner type either). */
    username: z.string().trim().min(1).max(200),
    role: dashboardRole.default('viewer'),
  }),
  'CreateShareBody',
);
export const patchShareBody = named(z.strictObject({ role: dashboardRole }), 'PatchShareBody');

export const projectAccessBody = named(
  z.strictObject({
    enabled: z.boolean(),
    role: projectAccessRole.default('viewer'),
  }),
  'ProjectAccessBody',
);
export const organizationAccessBody = named(z.strictObject({ enabled: z.boolean() }), 'OrganizationAccessBody');

// ---- Widget data and exports (signed in) -----------------------------------------------------------------------

/** These two routes have always taken ids of at most 100 characters (the others 120). */
const dataId = z.string().min(1).max(100);
export const widgetDataParams = z.strictObject({ id: dataId, widgetId: dataId });
export const exportParams = z.strictObject({ id: dataId });
/** `filters`: URL-encoded JSON `{ "<field>": value | [values] | { "from", "to" } }`, checked against the dashboard. */
export const dataQuery = z.strictObject({
  filters: described(
    z.string(),
    'The chosen filter values as JSON: { "<field>": value | [values] | { "from", "to" } }; null clears a default. Unknown fields or wrong types: 400 invalid_filters.',
  ).optional(),
});

// ---- Public links (owner) -------------------------------------------------------------------------------------

export const linkParams = z.strictObject({ id, linkId: id });
const linkLabel = z.string().max(120);
/**
 * Issue 16: when the link stops working, an ISO date-time; null: never. The service checks it is in the future and at
 * most a year ahead (400 invalid_request otherwise).
 */
const linkExpiresAt = described(
  z.iso.datetime({ offset: true }).nullable(),
  'When the link stops working (ISO date-time, in the future, at most a year ahead); null: never.',
);
/** Checked against the dashboard's filter definitions by the service (same rules as a viewer's filter choice). */
const lockedFilters = z.record(z.string(), z.unknown());
/**
 * Issue 16: the widgets the link shows; null: all of them, also those added later. The service checks every id is a
 * widget of the dashboard (400 invalid_request otherwise); a widget added later is not shown until it is listed.
 */
const linkWidgetIds = described(
  z.array(id).max(500).nullable(),
  'Only these widgets of the dashboard are shown through the link; null: all of them, also those added later.',
);
/** Issue 16: pause the link by itself when the dashboard starts exposing more, instead of only flagging it. */
const linkPauseOnChange = described(
  z.boolean(),
  'Pause the link automatically when the dashboard starts exposing more (else it is only flagged).',
);

export const createLinkBody = named(
  z.strictObject({
    label: linkLabel.optional(),
    passcode: z.boolean().optional(),
    lockedFilters: lockedFilters.optional(),
    /** V5: origins allowed to frame the link; [] none; null the deployment's policy (the service checks it narrows). */
    frameAncestors: linkFrameAncestorsSchema.optional(),
    expiresAt: linkExpiresAt.optional(),
    widgetIds: linkWidgetIds.optional(),
    pauseOnChange: linkPauseOnChange.optional(),
    /** Issue 16: what visitors may download; absent: `on`. */
    exportPolicy: exportPolicyBody.optional(),
  }),
  'CreateLinkBody',
);
export const patchLinkBody = named(
  z
    .strictObject({
      label: linkLabel.optional(),
      lockedFilters: lockedFilters.optional(),
      frameAncestors: linkFrameAncestorsSchema.optional(),
      expiresAt: linkExpiresAt.optional(),
      widgetIds: linkWidgetIds.optional(),
      pauseOnChange: linkPauseOnChange.optional(),
      exportPolicy: exportPolicyBody.optional(),
    })
    .refine(
      (b) => Object.values(b).some((v) => v !== undefined),
      'give label, lockedFilters, frameAncestors, expiresAt, widgetIds, pauseOnChange or exportPolicy',
    ),
  'PatchLinkBody',
  'At least one of label, lockedFilters, frameAncestors, expiresAt, widgetIds, pauseOnChange and exportPolicy.',
);
export const linkPasscodeBody = named(z.strictObject({ enabled: z.boolean() }), 'LinkPasscodeBody');
/** Issue 18: generate-new takes no settings; an empty object (or no body) only, like every write route's strict body. */
export const regeneratePasscodeBody = named(z.strictObject({}), 'RegeneratePasscodeBody');
/** Issue 16: pause (viewers get the revoked link's 403; token, settings and history kept) or resume. */
export const linkPausedBody = named(z.strictObject({ paused: z.boolean() }), 'LinkPausedBody');
/** Issue 16: a new token (and passcode) for the same link; the old token keeps working `graceSeconds` longer. */
export const rotateLinkBody = named(
  z.strictObject({
    graceSeconds: described(
      z.number().int().min(0).max(86_400),
      'How long the old token keeps working, in seconds (0: it stops at once; at most 24 h). Default 0.',
    ).optional(),
  }),
  'RotateLinkBody',
);
/** Issue 16: one passcode session of a link (its id, never its value). */
export const linkSessionParams = z.strictObject({ id, linkId: id, sessionId: z.string().min(1).max(64) });
/** An ISO date-time bound of the audit log (inclusive). */
const auditBound = (what: string) => described(z.iso.datetime({ offset: true }), what).optional();
export const auditQuery = z
  .strictObject({
    limit: described(z.coerce.number().int().min(1).max(10_000), 'How many events, newest first.').default(1000),
    /** Issue 16: only events at or after `from`, at or before `to`, with this outcome. */
    from: auditBound('Only events at or after this ISO date-time.'),
    to: auditBound('Only events at or before this ISO date-time (not before `from`).'),
    outcome: described(z.enum(auditOutcomes), 'Only events with this outcome.').optional(),
    format: described(
      z.enum(['json', 'csv']),
      'csv: the events as a CSV file (also chosen by Accept: text/csv).',
    ).optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
    message: 'from must not be after to',
    path: ['from'],
  });
/** Issue 16: the caller's links across the dashboards they own (`GET /api/public-links`). */
export const listMyLinksQuery = z.strictObject({
  dashboard: described(id, 'Only the links of this dashboard (one the caller owns; any other gives none).').optional(),
  limit: described(z.coerce.number().int().min(1).max(500), 'How many links, newest first.').default(100),
});

// ---- Public routes (a link token, no sign-in) -----------------------------------------------------------------

/** No length check on the token: an absurd token gets the same 403 as any other unknown one, not a 400. */
export const publicTokenParams = z.strictObject({ token: z.string() });
export const publicWidgetParams = z.strictObject({ token: z.string(), widgetId: z.string().min(1).max(120) });
export const publicSessionBody = named(z.strictObject({ passcode: z.string().min(1).max(100) }), 'PublicSessionBody');
/** `kiosk` (empty, `1` or `true`) hides the viewer's chrome for wall screens. */
export const publicPageQuery = z.strictObject({ kiosk: z.enum(['', '0', '1', 'true', 'false']).optional() });

// ---- Development sign-in (demo mode only) ---------------------------------------------------------------------

export const devTokenBody = named(z.strictObject({ username: z.string().min(1).max(120) }), 'DevTokenBody');

export type CreateDashboardBody = z.input<typeof createDashboardBody>;
export type PatchDashboardBody = z.input<typeof patchDashboardBody>;
export type CreateWidgetBody = z.input<typeof createWidgetBody>;
export type SaveDashboardBody = z.input<typeof saveDashboardBody>;
export type CreateShareBody = z.input<typeof createShareBody>;
export type PatchShareBody = z.input<typeof patchShareBody>;
export type ProjectAccessBody = z.input<typeof projectAccessBody>;
export type OrganizationAccessBody = z.input<typeof organizationAccessBody>;
export type CreateLinkBody = z.input<typeof createLinkBody>;
export type PatchLinkBody = z.input<typeof patchLinkBody>;
export type LinkPasscodeBody = z.input<typeof linkPasscodeBody>;
export type LinkPausedBody = z.input<typeof linkPausedBody>;
export type RotateLinkBody = z.input<typeof rotateLinkBody>;
export type PublicSessionBody = z.input<typeof publicSessionBody>;
export type DevTokenBody = z.input<typeof devTokenBody>;
export type ListDashboardsQuery = z.input<typeof listDashboardsQuery>;
export type UsersQuery = z.input<typeof usersQuery>;
/** `z.input` of a coerced number is `unknown`: what a client sends is a number. */
export type AuditQuery = {
  limit?: number;
  from?: string;
  to?: string;
  outcome?: (typeof auditOutcomes)[number];
  format?: 'json' | 'csv';
};
export type ListMyLinksQuery = { dashboard?: string; limit?: number };
export type DataQuery = z.input<typeof dataQuery>;
