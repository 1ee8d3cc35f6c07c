import { describe, expect, it } from 'vitest';
import { SortedIdSet } from '../../src/store/memory/indexes.js';
import { LoopPacer } from '../../src/util/deadline.js';

/** Every chance to yield is taken, so a write can land while the sort waits for its next turn. */
class EveryTurn extends LoopPacer {
  override tick(): boolean {
    super.tick();
    return true;
  }
}

const filled = (n: number) => {
  const set = new SortedIdSet();
  for (let i = 0; i < n; i++) set.add(`id-${(i * 7919) % n}`);
  return set;
};

describe('an index id list sorted in slices', () => {
  it('is the list the synchronous sort gives, kept for the next reader', async () => {
    const set = filled(5_000);
    const sorted = await set.listInSlices(new EveryTurn(undefined));
    expect(sorted).toEqual([...sorted].sort());
    expect(set.list()).toBe(sorted);
    expect(await set.listInSlices(new EveryTurn(undefined))).toBe(sorted);
  });

  it('answers with the current ids when a write lands while it yields, and keeps no stale list', async () => {
    const set = filled(5_000);
    const pending = set.listInSlices(new EveryTurn(undefined));
    set.add('id-late');
    set.delete('id-0');
    const sorted = await pending;
    expect(sorted).toContain('id-late');
    expect(sorted).not.toContain('id-0');
    expect(sorted).toHaveLength(5_000);
    expect(set.list()).toEqual(sorted);
  });
});
