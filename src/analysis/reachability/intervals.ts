/**
 * Sets of integers as sorted, disjoint, inclusive intervals: IPv4 addresses as 32-bit numbers (address.ts) and ports
 * (ports.ts). Firewall rules are evaluated over such sets, never by sampling single values.
 */

/** An inclusive range of integers. */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

/** Sorts and joins overlapping or adjacent intervals: the canonical form every other function here expects. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const next of sorted) {
    const last = out[out.length - 1];
    if (last && next.start <= last.end + 1) out[out.length - 1] = { start: last.start, end: Math.max(last.end, next.end) };
    else out.push(next);
  }
  return out;
}

/** The intersection of two merged sets, in one sweep over both. */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Interval;
    const y = b[j] as Interval;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (start <= end) out.push({ start, end });
    if (x.end < y.end) i += 1;
    else j += 1;
  }
  return out;
}
