/** What both stores accept about running widget queries (SPEC V1 under load: a query never runs on for minutes). */
import { availableParallelism } from 'node:os';

export interface StoreOptions {
  /** A widget query or export read past this is stopped and answered 503 `query_timeout`. */
  queryTimeoutMs?: number;
  /** SQLite: worker threads running widget queries (PostgreSQL: connections of the data pool). */
  queryWorkers?: number;
}

export const DEFAULT_QUERY_TIMEOUT_MS = 10_000;

export function resolveStoreOptions(options: StoreOptions): Required<StoreOptions> {
  return {
    queryTimeoutMs: options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS,
    queryWorkers: options.queryWorkers ?? Math.max(1, Math.min(4, availableParallelism())),
  };
}
