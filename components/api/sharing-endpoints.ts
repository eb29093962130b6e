/** The owner's sharing and public-link routes as typed functions (see endpoints.ts). */
import type { AtlasApiClient } from './client.js';
import type {
  AuditQuery,
  AuditResponse,
  CreateLinkBody,
  CreateShareBody,
  LinkPasscodeBody,
  LinkPausedBody,
  LinkResponse,
  LinksResponse,
  ListMyLinksQuery,
  MyLinksResponse,
  OrganizationAccessBody,
  OrganizationAccessResponse,
  PatchLinkBody,
  PatchShareBody,
  ProjectAccessBody,
  ProjectAccessResponse,
  ShareResponse,
  SharingResponse,
} from './contract.js';
import { call, type EndpointOptions } from './endpoint-call.js';

// ---- Sharing (owner) -----------------------------------------------------------------------------------------------

/** `GET /api/dashboards/{id}/sharing`: shares, project and organization access, public links and warnings. */
export function getSharing(
  client: AtlasApiClient,
  params: { id: string },
  options?: EndpointOptions,
): Promise<SharingResponse> {
  return call<'getSharing'>(client, 'GET', '/dashboards/{id}/sharing', params, {}, options);
}

/** `POST /api/dashboards/{id}/shares`: shares with a user of the organization, by username or email. */
export function shareDashboard(
  client: AtlasApiClient,
  params: { id: string },
  body: CreateShareBody,
  options?: EndpointOptions,
): Promise<ShareResponse> {
  return call<'shareDashboard'>(client, 'POST', '/dashboards/{id}/shares', params, { body }, options);
}

/** `PATCH /api/dashboards/{id}/shares/{username}`: changes the role of a share. */
export function changeShareRole(
  client: AtlasApiClient,
  params: { id: string; username: string },
  body: PatchShareBody,
  options?: EndpointOptions,
): Promise<ShareResponse> {
  return call<'changeShareRole'>(client, 'PATCH', '/dashboards/{id}/shares/{username}', params, { body }, options);
}

/** `DELETE /api/dashboards/{id}/shares/{username}`: removes a share. */
export function removeShare(
  client: AtlasApiClient,
  params: { id: string; username: string },
  options?: EndpointOptions,
): Promise<void> {
  return call<'removeShare'>(client, 'DELETE', '/dashboards/{id}/shares/{username}', params, {}, options);
}

/** `PUT /api/dashboards/{id}/project-access`: access for everyone in the dashboard's project, on or off. */
export function setProjectAccess(
  client: AtlasApiClient,
  params: { id: string },
  body: ProjectAccessBody,
  options?: EndpointOptions,
): Promise<ProjectAccessResponse> {
  return call<'setProjectAccess'>(client, 'PUT', '/dashboards/{id}/project-access', params, { body }, options);
}

/** `PUT /api/dashboards/{id}/organization-access`: view access for everyone in the organization, on or off. */
export function setOrganizationAccess(
  client: AtlasApiClient,
  params: { id: string },
  body: OrganizationAccessBody,
  options?: EndpointOptions,
): Promise<OrganizationAccessResponse> {
  return call<'setOrganizationAccess'>(
    client,
    'PUT',
    '/dashboards/{id}/organization-access',
    params,
    { body },
    options,
  );
}

// ---- Public links (owner) ------------------------------------------------------------------------------------------

/** `GET /api/public-links?dashboard=&limit=`: the caller's active links across the dashboards they own (issue 16). */
export function listMyLinks(
  client: AtlasApiClient,
  query: ListMyLinksQuery = {},
  options?: EndpointOptions,
): Promise<MyLinksResponse> {
  const limit = query.limit === undefined ? undefined : String(query.limit);
  return call<'listMyLinks'>(
    client,
    'GET',
    '/public-links',
    {},
    { query: { dashboard: query.dashboard, limit } },
    options,
  );
}

/** `GET /api/dashboards/{id}/public-links`: the dashboard's active public links. */
export function listLinks(
  client: AtlasApiClient,
  params: { id: string },
  options?: EndpointOptions,
): Promise<LinksResponse> {
  return call<'listLinks'>(client, 'GET', '/dashboards/{id}/public-links', params, {}, options);
}

/** `POST /api/dashboards/{id}/public-links`: a new link, with an optional label, passcode, locked filters, framers. */
export function createLink(
  client: AtlasApiClient,
  params: { id: string },
  body: CreateLinkBody = {},
  options?: EndpointOptions,
): Promise<LinkResponse> {
  return call<'createLink'>(client, 'POST', '/dashboards/{id}/public-links', params, { body }, options);
}

/** `PATCH /api/dashboards/{id}/public-links/{linkId}`: a link's label, locked filters or framing sites. */
export function updateLink(
  client: AtlasApiClient,
  params: { id: string; linkId: string },
  body: PatchLinkBody,
  options?: EndpointOptions,
): Promise<LinkResponse> {
  return call<'updateLink'>(client, 'PATCH', '/dashboards/{id}/public-links/{linkId}', params, { body }, options);
}

/** `DELETE /api/dashboards/{id}/public-links/{linkId}`: revokes a link; it stops working at once. */
export function revokeLink(
  client: AtlasApiClient,
  params: { id: string; linkId: string },
  options?: EndpointOptions,
): Promise<void> {
  return call<'revokeLink'>(client, 'DELETE', '/dashboards/{id}/public-links/{linkId}', params, {}, options);
}

/** `PUT …/public-links/{linkId}/paused`: pauses a link (viewers get the revoked link's 403) or resumes it (issue 16). */
export function setLinkPaused(
  client: AtlasApiClient,
  params: { id: string; linkId: string },
  body: LinkPausedBody,
  options?: EndpointOptions,
): Promise<LinkResponse> {
  return call<'setLinkPaused'>(
    client,
    'PUT',
    '/dashboards/{id}/public-links/{linkId}/paused',
    params,
    { body },
    options,
  );
}

/** `POST …/public-links/{linkId}/confirm`: accepts what a "changed since shared" link now exposes (issue 16). */
export function confirmLinkChanges(
  client: AtlasApiClient,
  params: { id: string; linkId: string },
  options?: EndpointOptions,
): Promise<LinkResponse> {
  return call<'confirmLinkChanges'>(
    client,
    'POST',
    '/dashboards/{id}/public-links/{linkId}/confirm',
    params,
    {},
    options,
  );
}

/** `PUT …/public-links/{linkId}/passcode`: turns the passcode on (always a new one) or off; ends every session. */
export function setLinkPasscode(
  client: AtlasApiClient,
  params: { id: string; linkId: string },
  body: LinkPasscodeBody,
  options?: EndpointOptions,
): Promise<LinkResponse> {
  return call<'setLinkPasscode'>(
    client,
    'PUT',
    '/dashboards/{id}/public-links/{linkId}/passcode',
    params,
    { body },
    options,
  );
}

/** `POST …/public-links/{linkId}/passcode`: a new passcode, ending every session (409 while the passcode is off). */
export function regenerateLinkPasscode(
  client: AtlasApiClient,
  params: { id: string; linkId: string },
  options?: EndpointOptions,
): Promise<LinkResponse> {
  return call<'regenerateLinkPasscode'>(
    client,
    'POST',
    '/dashboards/{id}/public-links/{linkId}/passcode',
    params,
    {},
    options,
  );
}

/** `GET …/public-links/{linkId}/audit?limit=&from=&to=&outcome=`: the link's access log, newest first (JSON). */
export function getLinkAudit(
  client: AtlasApiClient,
  params: { id: string; linkId: string },
  query: AuditQuery = {},
  options?: EndpointOptions,
): Promise<AuditResponse> {
  const limit = query.limit === undefined ? undefined : String(query.limit);
  return call<'getLinkAudit'>(
    client,
    'GET',
    '/dashboards/{id}/public-links/{linkId}/audit',
    params,
    { query: { limit, from: query.from, to: query.to, outcome: query.outcome } },
    options,
  );
}
