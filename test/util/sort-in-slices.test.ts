import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDeadline, LoopPacer, QueryTimeoutError } from '../../src/util/deadline.js';
import { sortInSlices } from '../../src/util/sort-in-slices.js';

/** A pacer whose slice is always spent: every chance to yield is taken, and counted. */
class EveryTurn extends LoopPacer {
  turns = 0;
  override tick(): boolean {
    super.tick();
    return true;
  }
  override resumed(): void {
    this.turns++;
    super.resumed();
  }
}

const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;

describe('sorting in slices', () => {
  it('gives the order of Array.prototype.sort, ties in their input order, for lists around the chunk size', async () => {
    const items = fc.array(fc.record({ key: fc.integer({ min: 0, max: 50 }), at: fc.nat() }), { maxLength: 6_000 });
    await fc.assert(
      fc.asyncProperty(items, async (list) => {
        const tagged = list.map((item, at) => ({ ...item, at }));
        expect(await sortInSlices(tagged, byKey, new LoopPacer(undefined))).toEqual([...tagged].sort(byKey));
      }),
      { numRuns: 40 },
    );
  });

  it('sorts ids in compareIds order and leaves its input as it was', async () => {
    const ids = Array.from({ length: 9_000 }, (_, i) => `/subscriptions/s/providers/x/${(i * 7919) % 9_000}`);
    const before = [...ids];
    const sorted = await sortInSlices(ids, (a, b) => (a < b ? -1 : a > b ? 1 : 0), new LoopPacer(undefined));
    expect(sorted).toEqual([...ids].sort());
    expect(ids).toEqual(before);
  });

  it('gives the event loop a turn between chunks and during merges when the slice is spent', async () => {
    const pacer = new EveryTurn(undefined);
    const list = Array.from({ length: 10_000 }, (_, i) => ({ key: (i * 31) % 997 }));
    await sortInSlices(list, byKey, pacer);
    // 5 chunks of 2,048, then merges of 4,096 + 4,096, 1,808 + 8,192 and 10,000 items, a turn every 1,024.
    expect(pacer.turns).toBeGreaterThanOrEqual(5 + 8);
  });

  it('stops with QUERY_TIMEOUT once the deadline is spent', async () => {
    let now = 0;
    const deadline = createDeadline(5, () => now);
    now = 10;
    const list = Array.from({ length: 200_000 }, (_, i) => ({ key: i % 13 }));
    await expect(sortInSlices(list, byKey, new EveryTurn(deadline))).rejects.toBeInstanceOf(QueryTimeoutError);
  });

  it('sorts nothing into nothing', async () => {
    expect(await sortInSlices([], byKey, new LoopPacer(undefined))).toEqual([]);
  });
});
