/** Rounds away float noise (0.1 + 0.2) so scores compare and diff exactly. */
export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round((value + Number.EPSILON) * f) / f;
}
