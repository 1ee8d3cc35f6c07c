/**
 * Bytes a process allocates and promotes over a window, from V8's own record of each collection (v8.GCProfiler).
 * Milliseconds on a loaded machine say little; bytes do not depend on the load: what a request allocates decides
 * how often the young generation is collected, and what it keeps alive past a collection decides how fast the old
 * space fills towards a major collection of the whole (estate-sized) heap.
 */
import { GCProfiler, getHeapStatistics } from 'node:v8';

export interface AllocWindow {
  /** Bytes allocated on the JavaScript heap during the window. */
  readonly allocatedBytes: number;
  /** Bytes the young collections moved to the old space (what survived two of them). */
  readonly promotedBytes: number;
  readonly scavenges: number;
  readonly majorCollections: number;
  /** CPU time of the whole process in the window (user + system), microseconds. */
  readonly cpuMicros: number;
}

type Space = { spaceName: string; spaceUsedSize: number };
type Stats = { heapStatistics: { usedHeapSize: number }; heapSpaceStatistics: Space[] };

const oldUsed = (spaces: readonly Space[]) =>
  spaces.filter((s) => s.spaceName === 'old_space' || s.spaceName === 'large_object_space').reduce((n, s) => n + s.spaceUsedSize, 0);

/** Starts a window now; `stop()` ends it and reads what happened in between. */
export function startAllocWindow(): { stop(): AllocWindow } {
  const profiler = new GCProfiler();
  const startUsed = getHeapStatistics().used_heap_size;
  const cpu = process.cpuUsage();
  profiler.start();
  return {
    stop() {
      const result = profiler.stop();
      const endUsed = getHeapStatistics().used_heap_size;
      const cpuUsed = process.cpuUsage(cpu);
      let allocated = 0;
      let promoted = 0;
      let scavenges = 0;
      let majors = 0;
      let previousAfter = startUsed;
      for (const entry of result.statistics) {
        const before = entry.beforeGC as unknown as Stats;
        const after = entry.afterGC as unknown as Stats;
        allocated += Math.max(0, before.heapStatistics.usedHeapSize - previousAfter);
        previousAfter = after.heapStatistics.usedHeapSize;
        if (entry.gcType === 'Scavenge') {
          scavenges += 1;
          promoted += Math.max(0, oldUsed(after.heapSpaceStatistics) - oldUsed(before.heapSpaceStatistics));
        } else if (entry.gcType === 'MarkSweepCompact') majors += 1;
      }
      allocated += Math.max(0, endUsed - previousAfter);
      return {
        allocatedBytes: allocated,
        promotedBytes: promoted,
        scavenges,
        majorCollections: majors,
        cpuMicros: cpuUsed.user + cpuUsed.system,
      };
    },
  };
}
