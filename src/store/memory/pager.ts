import type { GraphNode } from '../../model/index.js';
import { LoopPacer, yieldToEventLoop, type Deadline } from '../../util/deadline.js';
import type { Page } from '../port.js';
import { compareIds, encodeCursor } from '../query-options.js';

/** Which nodes a page holds and where it starts. */
export interface PageScan {
  readonly first: number;
  /** The decoded cursor: the page starts after this id. */
  readonly after: string | null;
  /** At most this many matches in all pages together (the first ones in id order); none when undefined. */
  readonly limit?: number | undefined;
  /** Checked between chunks of the scan; the scan gives the event loop a turn every few milliseconds either way. */
  readonly deadline?: Deadline | undefined;
}

/**
 * One page of the nodes with these ids (sorted by `compareIds`) that pass `test`, after the cursor, in id order.
 * Both memory-store readers page this way (listings and explorer queries), so their pages and cursors agree with
 * each other and with Neo4j's `ORDER BY n.id` keyset pages. The scan stops at the first match past the page.
 */
export async function pageOfSortedIds(
  ids: readonly string[],
  nodeOf: (id: string) => GraphNode | undefined,
  test: (node: GraphNode) => boolean,
  { first, after, limit, deadline }: PageScan,
): Promise<Page<GraphNode>> {
  deadline?.check();
  const pacer = new LoopPacer(deadline);
  // With a cap, the matches before the cursor count towards it, so the scan starts at the beginning.
  const start = limit === undefined && after !== null ? firstAfter(ids, after) : 0;
  const items: GraphNode[] = [];
  let matched = 0;
  let hasNextPage = false;
  for (let i = start; i < ids.length; i++) {
    if (pacer.tick()) {
      await yieldToEventLoop();
      pacer.resumed();
    }
    const node = nodeOf(ids[i]!);
    if (!node || !test(node)) continue;
    matched += 1;
    if (limit !== undefined && matched > limit) break;
    if (after !== null && compareIds(node.id, after) <= 0) continue;
    if (items.length === first) {
      hasNextPage = true;
      break;
    }
    items.push(node);
  }
  const last = items.at(-1);
  return { items, endCursor: last ? encodeCursor(last.id) : null, hasNextPage };
}

/** Index of the first id after `after` in sorted `ids` (binary search). */
function firstAfter(ids: readonly string[], after: string): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareIds(ids[mid]!, after) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
