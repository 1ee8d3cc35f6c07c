import { describe, expect, it } from 'vitest';
import { AnalysisCache } from '../../src/api/analysis-cache.js';
import { MemoryStore, type GraphStore } from '../../src/store/index.js';
import { newRun } from '../support/graph-fixture.js';

const TARGET = { where: 'the test store', flags: '--data-dir test' };

/**
 * The store with its state and count reads held until the test opens the gate, counting how many were started:
 * requests that overlap are made to overlap for certain, without timing.
 */
function gatedStore(store: GraphStore) {
  const started: Record<'readState' | 'countNodesByKind', number> = { readState: 0, countNodesByKind: 0 };
  let open: () => void = () => {};
  let gate = new Promise<void>((resolve) => (open = resolve));
  const held = new Proxy(store, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (key !== 'readState' && key !== 'countNodesByKind') return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      return async () => {
        started[key] += 1;
        await gate;
        return (value as () => Promise<unknown>).call(target);
      };
    },
  });
  return {
    store: held,
    started,
    release: () => {
      open();
      gate = new Promise<void>((resolve) => (open = resolve));
    },
  };
}

describe('AnalysisCache reads shared by concurrent requests', () => {
  it('reads the state and the counts once for requests that ask together, and sees a change made after they settle', async () => {
    const memory = await MemoryStore.open();
    await memory.completeRun(newRun(), []);
    const gated = gatedStore(memory);
    const cache = new AnalysisCache(gated.store, TARGET);
    let computed = 0;
    const tally = () => Promise.resolve(++computed);

    const together = [cache.remember('tally', tally), cache.remember('tally', tally), cache.countNodesByKind()];
    // Each read started once, though three callers wait on it.
    expect(gated.started).toEqual({ readState: 1, countNodesByKind: 1 });
    gated.release();
    const [a, b] = await Promise.all(together);
    expect([a, b]).toEqual([1, 1]);
    expect(computed).toBe(1);

    // A new ingest after those reads settled: the next request reads the state afresh and computes again.
    await memory.completeRun(newRun(), []);
    const after = cache.remember('tally', tally);
    expect(gated.started).toEqual({ readState: 2, countNodesByKind: 2 });
    gated.release();
    expect(await after).toBe(2);
  });
});
