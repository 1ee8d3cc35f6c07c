import type { GraphStore } from '../../src/store/index.js';

/** Milliseconds spent in each store write call while the real ingest pipeline runs. */
export interface StoreTimings {
  upsertNodes: number;
  upsertEdges: number;
  completeRun: number;
  getNodes: number;
}

const TIMED = new Set<string>(['upsertNodes', 'upsertEdges', 'completeRun', 'getNodes']);

/** Wraps a store so the pipeline is measured as it is, with the time of its write phases recorded on the side. */
export function timedStore<S extends GraphStore>(store: S): { store: S; timings: StoreTimings } {
  const timings: StoreTimings = { upsertNodes: 0, upsertEdges: 0, completeRun: 0, getNodes: 0 };
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || !TIMED.has(property) || typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const started = performance.now();
        try {
          return (await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)) as unknown;
        } finally {
          timings[property as keyof StoreTimings] += performance.now() - started;
        }
      };
    },
  });
  return { store: proxy, timings };
}
