// Counts the SQL queries a server actually runs: a Store that forwards everything to the real one and counts every
// call of `runQuery` and `iterateQuery` (widget data, exports). Pass `counted.store` to createApp (startTestServer's
// `extraDeps`): whatever caching or coalescing sits above the store, what reaches it is counted.
import type { QueryModel } from '../../server/query/index.js';
import type { Store } from '../../server/store/types.js';

export interface QueryCount {
  runQuery: number;
  iterateQuery: number;
  total: number;
}

export interface CountingStore {
  store: Store;
  /** Queries started since creation (or the last reset). */
  count(): QueryCount;
  reset(): void;
}

export function countQueries(inner: Store): CountingStore {
  let run = 0;
  let iterate = 0;
  const runQuery = (query: QueryModel) => {
    run++;
    return inner.runQuery(query);
  };
  const iterateQuery = (query: QueryModel) => {
    iterate++;
    return inner.iterateQuery(query);
  };
  // A Proxy rather than a spread copy: methods the store gains later are forwarded too, and each is called on the
  // real store (a class-based store with private fields must see itself as `this`).
  const bound = new Map<PropertyKey, unknown>();
  const store = new Proxy(inner, {
    get(target, prop) {
      if (prop === 'runQuery') return runQuery;
      if (prop === 'iterateQuery') return iterateQuery;
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      let fn = bound.get(prop);
      if (!fn) bound.set(prop, (fn = (value as (...args: unknown[]) => unknown).bind(target)));
      return fn;
    },
  });
  return {
    store,
    count: () => ({ runQuery: run, iterateQuery: iterate, total: run + iterate }),
    reset() {
      run = 0;
      iterate = 0;
    },
  };
}
