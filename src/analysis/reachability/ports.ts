/** Port ranges as NSG and load-balancer rules write them: `*`, `443`, `8000-8999` (inclusive, 0–65535). */
import { intersectIntervals, mergeIntervals, type Interval } from './intervals.js';

export type PortRange = Interval;

export const MAX_PORT = 65535;
export const ALL_PORTS: PortRange = { start: 0, end: MAX_PORT };

/** `*`, `Any`, `443` or `80-90` (a number is accepted too); null when the text is not a port range. */
export function parsePortRange(value: string | number): PortRange | null {
  if (typeof value === 'number')
    return Number.isInteger(value) && value >= 0 && value <= MAX_PORT ? { start: value, end: value } : null;
  const text = value.trim();
  if (text === '*' || text.toLowerCase() === 'any') return ALL_PORTS;
  const match = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/.exec(text);
  if (!match) return null;
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  if (start > MAX_PORT || end > MAX_PORT || end < start) return null;
  return { start, end };
}

export function formatPortRange({ start, end }: PortRange): string {
  return start === end ? String(start) : `${start}-${end}`;
}

export const portInRange = (port: number, range: PortRange): boolean => port >= range.start && port <= range.end;

/** The ports in both lists, merged (the lists may overlap or be unsorted). */
export function intersectPortRanges(a: readonly PortRange[], b: readonly PortRange[]): PortRange[] {
  return intersectIntervals(mergeIntervals(a), mergeIntervals(b));
}

/**
 * Splits 0–65535 at every range boundary, so that every port inside one returned segment is treated alike by every
 * rule that named one of `ranges`. Evaluating one port per segment is then exact.
 */
export function portSegments(ranges: readonly PortRange[]): PortRange[] {
  const cuts = new Set<number>([0, MAX_PORT + 1]);
  for (const { start, end } of ranges) {
    cuts.add(start);
    cuts.add(end + 1);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: PortRange[] = [];
  for (let k = 0; k + 1 < sorted.length; k += 1)
    out.push({ start: sorted[k] as number, end: (sorted[k + 1] as number) - 1 });
  return out;
}
