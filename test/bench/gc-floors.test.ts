import { describe, expect, it } from 'vitest';
import { retainedHeap } from '../../bench/lib/gc-floors.js';

const floor = (at: number, heapUsedMb: number) => ({ at, heapUsedMb });

describe('heap retained under load, from the floors after major collections', () => {
  it('reads a sawtooth whose floors stay level as flat, however high RSS was when the run stopped', () => {
    const result = retainedHeap([floor(5, 900), floor(25, 902), floor(45, 901), floor(58, 900)], 0, 60);
    expect(result).toEqual({ growthMb: -2, fromMb: 902, toMb: 900, floorsMb: [900, 902, 901, 900] });
  });

  it('shows a leak as floors that rise over the last half', () => {
    const result = retainedHeap([floor(10, 900), floor(28, 950), floor(40, 1_000), floor(55, 1_060)], 0, 60);
    expect(result).toMatchObject({ growthMb: 110, fromMb: 950, toMb: 1_060 });
  });

  it('measures from the first floor of the last half when none fell before it', () => {
    expect(retainedHeap([floor(35, 900), floor(50, 940)], 0, 60)).toMatchObject({ growthMb: 40, fromMb: 900 });
  });

  it('leaves out collections before and after the load, and says when too few remain to compare', () => {
    const floors = [floor(-10, 500), floor(20, 900), floor(70, 2_000)];
    expect(retainedHeap(floors, 0, 60)).toEqual({
      unmeasured: '1 major collection(s) during the load: two are needed, the later one in its last half',
      floorsMb: [900],
    });
    expect(retainedHeap([floor(10, 900), floor(20, 905)], 0, 60)).toMatchObject({ floorsMb: [900, 905] });
    expect('unmeasured' in retainedHeap([floor(10, 900), floor(20, 905)], 0, 60)).toBe(true);
  });
});
