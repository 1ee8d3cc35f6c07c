/**
 * Whether a server retains memory under load, read from the heap after its major collections (GcFloor, reported by
 * bench/suites/graphql-server.ts). RSS between collections is a sawtooth of garbage not yet reclaimed: growth
 * between two RSS samples says where the run stopped in the cycle, not whether anything is kept. The heap after a
 * full collection holds only what is still reachable, so a leak shows as floors that rise and nothing else does.
 */
export interface HeapFloor {
  readonly at: number;
  readonly heapUsedMb: number;
}

export type RetainedHeap =
  | {
      readonly growthMb: number;
      /** The floor the growth is measured from: the last one before the half-way point, or the first after it. */
      readonly fromMb: number;
      readonly toMb: number;
      /** Floors during the load, in MB, in order. */
      readonly floorsMb: readonly number[];
    }
  | { readonly unmeasured: string; readonly floorsMb: readonly number[] };

/**
 * Growth of the heap floor over the last half of a load from `start` to `end` (ms): from the last floor before
 * the half-way point (or, with none, the first floor after it) to the last floor of the run. Two floors are
 * needed, the later one in the last half; otherwise the answer says why it is not measured.
 */
export function retainedHeap(floors: readonly HeapFloor[], start: number, end: number): RetainedHeap {
  const during = floors.filter((f) => f.at >= start && f.at <= end).sort((a, b) => a.at - b.at);
  const floorsMb = during.map((f) => f.heapUsedMb);
  const middle = start + (end - start) / 2;
  const before = during.filter((f) => f.at < middle);
  const after = during.filter((f) => f.at >= middle);
  const from = before.at(-1) ?? after[0];
  const to = after.at(-1);
  if (!from || !to || from === to)
    return {
      unmeasured: `${during.length} major collection(s) during the load: two are needed, the later one in its last half`,
      floorsMb,
    };
  return { growthMb: to.heapUsedMb - from.heapUsedMb, fromMb: from.heapUsedMb, toMb: to.heapUsedMb, floorsMb };
}
