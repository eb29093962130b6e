/** Classes and types only; no side effects. Register elements through `define/` or `atlas.js`. */
export { AtlasProvider } from './provider/provider.js';
export { AtlasApiClient, AtlasApiError } from './api/client.js';
export type { ApiClientOptions, RequestOptions, TokenSource } from './api/client.js';
export { apiContext } from './context/api-context.js';
