/** Issue 16: rotating a link in place and its passcode sessions, as typed functions (see endpoints.ts). */
import type { AtlasApiClient } from './client.js';
import type { LinkResponse, LinkSessionsResponse, RotateLinkBody } from './contract.js';
import { call, type EndpointOptions } from './endpoint-call.js';

/**
 * `POST …/public-links/{linkId}/rotate`: a new token (and passcode, when on) for the same link; the old token works
 * `graceSeconds` longer (0: stops at once); every passcode session ends.
 */
export function rotateLink(
  client: AtlasApiClient,
  params: { id: string; linkId: string },
  body: RotateLinkBody,
  options?: EndpointOptions,
): Promise<LinkResponse> {
  return call<'rotateLink'>(client, 'POST', '/dashboards/{id}/public-links/{linkId}/rotate', params, { body }, options);
}

/** `GET …/public-links/{linkId}/sessions`: the link's live passcode sessions, oldest first. */
export function listLinkSessions(
  client: AtlasApiClient,
  params: { id: string; linkId: string },
  options?: EndpointOptions,
): Promise<LinkSessionsResponse> {
  return call<'listLinkSessions'>(
    client,
    'GET',
    '/dashboards/{id}/public-links/{linkId}/sessions',
    params,
    {},
    options,
  );
}

/** `DELETE …/public-links/{linkId}/sessions/{sessionId}`: ends one session; its viewer enters the passcode again. */
export function endLinkSession(
  client: AtlasApiClient,
  params: { id: string; linkId: string; sessionId: string },
  options?: EndpointOptions,
): Promise<void> {
  return call<'endLinkSession'>(
    client,
    'DELETE',
    '/dashboards/{id}/public-links/{linkId}/sessions/{sessionId}',
    params,
    {},
    options,
  );
}
