/**
 * A connection answered backwards: from the nodes that satisfy its target, walk its edges the other way, and every
 * node met within the hop range is one for which the connection holds. When the targets are few (a few hundred
 * VMs against tens of thousands of endpoints), this touches only the neighbourhood of the targets instead of
 * searching forward from every tested node. The walk is iterative and gives the event loop a turn every slice.
 *
 * The connection's rule (explore.ts): some node other than the tested one, at a shortest distance of min..max,
 * satisfies the target. With minHops 1, one breadth-first walk from all targets at once gives every node its
 * distance to the nearest target, which decides every node that is no target itself; a target must find a target
 * other than itself, which that walk cannot tell, so targets stay `uncertain` and are searched forward (only those of a kind the
 * edge can start from: any other has no such edge, so the connection does not hold for it). With
 * minHops above 1 the nearest target is not enough (a nearer one may sit below the range while another lies in
 * it), so each target gets its own walk, and the answer is exact for every node.
 */
import type { EdgeKind, Properties } from '../../model/index.js';
import type { Connection } from '../../query/index.js';
import { hopRange } from '../../query/index.js';
import { yieldToEventLoop, type LoopPacer } from '../../util/deadline.js';
import type { ExplorerGraph } from './explore.js';

/** Which nodes a connection (read without its `negate`) holds for. */
export interface ConnectionReach {
  /** Nodes for which it holds; exact for every node outside `uncertain`. */
  readonly origins: ReadonlySet<string>;
  /** Nodes the backward walk cannot decide: the forward search answers for them. */
  readonly uncertain: ReadonlySet<string>;
  /** Every node it may hold for (`origins` and `uncertain`), in id order; filled on first use by the planner. */
  sorted?: readonly string[];
}

export interface ReverseWalk {
  readonly graph: ExplorerGraph;
  readonly connection: Connection;
  /** Whether an edge with these properties may be walked (the connection's `edgeWhere`). */
  readonly edgePasses: (properties: Properties) => boolean;
  readonly pacer: LoopPacer;
  /** Edges the walk may look at before it gives up (the forward search is then the cheaper plan). */
  readonly budget: number;
}

const FLIPPED = { out: 'in', in: 'out' } as const;

/**
 * The connection's reach from the ids of the nodes that satisfy its target; undefined when the walk would look at
 * more than `budget` edges.
 */
export async function reverseReach(
  walk: ReverseWalk,
  targets: readonly string[],
  /** The targets that can start a walk over the connection's edge (by kind): only these can be undecided. */
  startingTargets: readonly string[],
): Promise<ConnectionReach | undefined> {
  const { min, max } = hopRange(walk.connection);
  const origins = new Set<string>();
  let steps = 0;
  const { edge, direction } = walk.connection;
  // Walking back over an edge followed `out` means following it `in`; `both` is its own reverse.
  const sides: readonly ('out' | 'in')[] = direction === 'both' ? ['out', 'in'] : [FLIPPED[direction]];

  /** One breadth-first walk from `starts`; nodes first met at a depth within min..max are origins. */
  const walkFrom = async (starts: readonly string[]): Promise<boolean> => {
    const seen = new Set<string>(starts);
    let frontier: string[] = [...starts];
    for (let depth = 1; depth <= max && frontier.length > 0; depth++) {
      const next: string[] = [];
      for (const id of frontier) {
        if (walk.pacer.tick()) {
          await yieldToEventLoop();
          walk.pacer.resumed();
        }
        for (const side of sides) {
          walk.graph.someEdge(id, edge as EdgeKind, side, (other, properties) => {
            steps++;
            if (seen.has(other) || !walk.edgePasses(properties)) return false;
            seen.add(other);
            next.push(other);
            if (depth >= min) origins.add(other);
            return false;
          });
        }
        if (steps > walk.budget) return false;
      }
      frontier = next;
    }
    return true;
  };

  if (min === 1) {
    if (!(await walkFrom(targets))) return undefined;
    return { origins, uncertain: new Set(startingTargets) };
  }
  for (const target of targets) if (!(await walkFrom([target]))) return undefined;
  return { origins, uncertain: new Set() };
}
