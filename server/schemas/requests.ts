/**
 * Request bodies, params and queries of the dashboards and sharing routes (API.md "Signed-in routes").
 * Every object is strict: an unknown key is a 400, so a typo never silently does nothing.
 */
import { z } from 'zod';
import { filterDefinitionSchema, widgetPositionSchema, widgetQuerySchema, widgetType } from './dashboard.js';

const id = z.string().min(1).max(120);
export const dashboardRole = z.enum(['viewer', 'author', 'owner']);
/** Everyone in a project may be viewer or author; an `owner` for a whole project would hand out sharing rights. */
export const projectAccessRole = z.enum(['viewer', 'author']);

export const listDashboardsQuery = z.strictObject({
  filter: z.enum(['all', 'mine', 'shared', 'org']).default('all'),
});
export type DashboardListFilter = z.infer<typeof listDashboardsQuery>['filter'];

export const dashboardParams = z.strictObject({ id });
export const widgetParams = z.strictObject({ id, widgetId: id });
export const shareParams = z.strictObject({ id, username: z.string().min(1).max(200) });

const title = z.string().trim().min(1).max(200);
const description = z.string().max(2000);
/** Seconds; 0 means "do not refresh". */
const refreshInterval = z.number().int().min(0).max(86_400);

export const createDashboardBody = z.strictObject({
  projectId: id,
  title,
  description: description.default(''),
  filters: z.array(filterDefinitionSchema).max(20).default([]),
  refreshInterval: refreshInterval.default(300),
});

export const patchDashboardBody = z
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
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });

export const createWidgetBody = z.strictObject({
  title,
  type: widgetType,
  dataSourceId: id,
  query: widgetQuerySchema,
  position: widgetPositionSchema.optional(),
});

export const createShareBody = z.strictObject({
  /** A username, or the user's email address (U1 lets the owner type either). */
  username: z.string().trim().min(1).max(200),
  role: dashboardRole.default('viewer'),
});
export const patchShareBody = z.strictObject({ role: dashboardRole });

export const projectAccessBody = z.strictObject({
  enabled: z.boolean(),
  role: projectAccessRole.default('viewer'),
});
export const organizationAccessBody = z.strictObject({ enabled: z.boolean() });
