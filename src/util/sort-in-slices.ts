import { yieldToEventLoop, type LoopPacer } from './deadline.js';

/**
 * Items sorted per chunk one at a time: a few milliseconds each at most, so the sort of a large list never holds
 * the event loop for a whole slice (one `Array.prototype.sort` of 26,000 ARM ids takes 60–110 ms).
 */
const CHUNK = 2_048;
/** Merged items between two pacer ticks: a tick reads the clock, which costs more than merging one item. */
const MERGE_STEP = 1_024;

async function paced(pacer: LoopPacer): Promise<void> {
  if (!pacer.tick()) return;
  await yieldToEventLoop();
  pacer.resumed();
}

async function merge<T>(a: readonly T[], b: readonly T[], compare: (x: T, y: T) => number, pacer: LoopPacer): Promise<T[]> {
  const out = new Array<T>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    // Ties take from `a`, the earlier run: the sort stays stable, as Array.prototype.sort is.
    out[k++] = compare(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
    if (k % MERGE_STEP === 0) await paced(pacer);
  }
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/**
 * A stable sort that gives the event loop a turn whenever the pacer's slice is spent (and checks its deadline):
 * chunks are sorted one by one, then merged pairwise. The same order as `[...items].sort(compare)`.
 */
export async function sortInSlices<T>(items: readonly T[], compare: (a: T, b: T) => number, pacer: LoopPacer): Promise<T[]> {
  let runs: T[][] = [];
  for (let start = 0; start < items.length; start += CHUNK) {
    runs.push(items.slice(start, start + CHUNK).sort(compare));
    await paced(pacer);
  }
  while (runs.length > 1) {
    const next: T[][] = [];
    for (let r = 0; r < runs.length; r += 2) next.push(r + 1 < runs.length ? await merge(runs[r]!, runs[r + 1]!, compare, pacer) : runs[r]!);
    runs = next;
  }
  return runs[0] ?? [];
}
