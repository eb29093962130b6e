/** Issue 16: a link's usage, for the link card's chart (see endpoints.ts). */
import type { AtlasApiClient } from './client.js';
import type { LinkUsageResponse } from './contract.js';
import { call, type EndpointOptions } from './endpoint-call.js';

/** `GET …/public-links/{linkId}/usage`: requests per day over 30 days by outcome, distinct clients, last access. */
export function getLinkUsage(
  client: AtlasApiClient,
  params: { id: string; linkId: string },
  options?: EndpointOptions,
): Promise<LinkUsageResponse> {
  return call<'getLinkUsage'>(client, 'GET', '/dashboards/{id}/public-links/{linkId}/usage', params, {}, options);
}
