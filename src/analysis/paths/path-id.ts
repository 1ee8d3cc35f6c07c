import { createHash } from 'node:crypto';

/** Hex digits of the sha256 kept in a path id: 64 bits, ample for the paths of one estate. */
const ID_HEX_DIGITS = 16;

/** A stable path id: the hash of the ordered step ids, so the same path has the same id in every scan. */
export function pathId(stepIds: readonly string[]): string {
  return `path:${createHash('sha256').update(stepIds.join('\n')).digest('hex').slice(0, ID_HEX_DIGITS)}`;
}
