import { describe, expect, it } from 'vitest';
import { intersectIntervals, mergeIntervals } from '../../../src/analysis/reachability/intervals.js';

describe('intervals', () => {
  it('merges overlapping and adjacent intervals, in any order, into the canonical form', () => {
    expect(mergeIntervals([{ start: 10, end: 20 }, { start: 0, end: 4 }, { start: 5, end: 6 }, { start: 15, end: 30 }])).toEqual([
      { start: 0, end: 6 },
      { start: 10, end: 30 },
    ]);
    expect(mergeIntervals([])).toEqual([]);
    expect(mergeIntervals([{ start: 1, end: 1 }, { start: 3, end: 3 }])).toEqual([{ start: 1, end: 1 }, { start: 3, end: 3 }]);
  });

  it('intersects two merged sets in one sweep', () => {
    const a = [{ start: 0, end: 10 }, { start: 20, end: 30 }];
    const b = [{ start: 5, end: 25 }];
    expect(intersectIntervals(a, b)).toEqual([{ start: 5, end: 10 }, { start: 20, end: 25 }]);
    expect(intersectIntervals(a, [])).toEqual([]);
    expect(intersectIntervals([{ start: 0, end: 4 }], [{ start: 5, end: 9 }])).toEqual([]);
  });
});
