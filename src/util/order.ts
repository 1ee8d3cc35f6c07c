/**
 * Code-point order of two strings: the order Neo4j uses for strings, so pages and rankings agree across stores,
 * and unlike `localeCompare` the same on every machine. Ties give 0, which keeps `Array.prototype.sort` stable.
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
