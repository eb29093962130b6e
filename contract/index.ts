/**
 * The HTTP contract of Atlas Sharing, shared by the server (which validates with these schemas) and the elements
 * (which `import type` from here). It imports only zod: never anything from server/ or components/.
 */
export * from './dashboard.js';
export * from './frame-ancestors.js';
export * from './errors.js';
export * from './link-usage.js';
export * from './requests.js';
export * from './responses.js';
export * from './routes.js';
export * from './openapi.js';
export { contractRegistry, described, named, namedSchemas, type ContractMeta } from './registry.js';
