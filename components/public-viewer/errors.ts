/** What an API failure means for the public viewer (see also `isRetryable` in backoff.ts). */
import { AtlasApiError } from '../api/client.js';

/** 403 link_unavailable: the link was revoked, or never existed (SPEC L3). */
export const isUnavailable = (err: unknown) =>
  err instanceof AtlasApiError && err.status === 403 && err.code === 'link_unavailable';
/** 401: no passcode session yet, or it has ended (SPEC L5). */
export const isPasscodeRequired = (err: unknown) => err instanceof AtlasApiError && err.status === 401;
export const isAbort = (err: unknown) => (err as Error)?.name === 'AbortError';
export const isInvalidFilters = (err: unknown) => err instanceof AtlasApiError && err.code === 'invalid_filters';
