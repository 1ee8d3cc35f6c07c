import { UNREACHED, type Distances } from './distances.js';
import { FLAG_API_BACKEND, FLAG_ENDPOINT, FLAG_TARGET, isFrontDoorBypassHop, type PathProjection } from './projection.js';
import type { PathAnchor, ResolvedSearchOptions } from './types.js';

/** A path in projection indices: `nodes[0]` is the internet, `edges[i]` joins `nodes[i]` and `nodes[i + 1]`. */
export interface IndexedPath {
  readonly nodes: Int32Array;
  readonly edges: Int32Array;
  readonly anchor: PathAnchor;
}

/** What a walk saw: the counts of an enumeration, without the paths (the visitor had them). */
export interface Walk {
  readonly paths: number;
  readonly candidates: number;
  readonly expansions: number;
  readonly cappedPairs: number;
  readonly droppedPaths: number;
  readonly maxPathsReached: boolean;
  readonly maxExpansionsReached: boolean;
}

/** A walk's counts with the paths it kept. */
export interface Enumeration extends Omit<Walk, 'paths'> {
  readonly paths: IndexedPath[];
}

/** Nodes on some internet → target walk within the bound: dist_fwd + dist_back ≤ maxHops. */
export function candidateMask(d: Distances, maxHops: number): { mask: Uint8Array; count: number } {
  const n = d.fromInternet.length;
  const mask = new Uint8Array(n);
  let count = 0;
  for (let v = 0; v < n; v++) {
    const f = d.fromInternet[v] as number;
    const b = d.toTarget[v] as number;
    if (f !== UNREACHED && b !== UNREACHED && f + b <= maxHops) {
      mask[v] = 1;
      count++;
    }
  }
  return { mask, count };
}

/** Keeps per-(entry, target) and overall counts against the caps. */
class PathCaps {
  private readonly perPair = new Map<number, number>();
  cappedPairs = 0;
  dropped = 0;
  constructor(
    private readonly n: number,
    private readonly options: ResolvedSearchOptions,
  ) {}

  /** True when a path of this pair may still be kept. */
  admit(entry: number, target: number): boolean {
    // A pair cannot hold more than every path kept: no need to count per pair (a map entry per pair, millions
    // of them when the caps are lifted).
    if (this.options.maxPathsPerPair >= this.options.maxPaths) return true;
    const key = entry * this.n + target;
    const count = this.perPair.get(key) ?? 0;
    if (count >= this.options.maxPathsPerPair) {
      if (count === this.options.maxPathsPerPair) this.cappedPairs++;
      this.perPair.set(key, count + 1);
      this.dropped++;
      return false;
    }
    this.perPair.set(key, count + 1);
    return true;
  }
}

/**
 * A path as the search holds it while it is visited: `nodes[0..length]` and `edges[0..length)` are valid only
 * during the call (the buffers are the search's own stack); copy what must be kept.
 */
export interface PathVisit {
  readonly nodes: Int32Array;
  readonly edges: Int32Array;
  /** Hops: the path has `length + 1` nodes. */
  readonly length: number;
  readonly anchor: PathAnchor;
}

export type PathVisitor = (path: PathVisit) => void;

/** Every path kept, copied out of the search's stack. */
export function enumeratePaths(p: PathProjection, d: Distances, options: ResolvedSearchOptions): Enumeration {
  const paths: IndexedPath[] = [];
  const walk = walkPaths(p, d, options, (v) => {
    paths.push({ nodes: v.nodes.slice(0, v.length + 1), edges: v.edges.slice(0, v.length), anchor: v.anchor });
  });
  return { ...walk, paths };
}

/**
 * Bounded simple paths from the internet to the targets, anchored on an API, by an iterative depth-first
 * search restricted to the candidate nodes. A walk that is not yet anchored is pruned with the distance to a
 * target via an endpoint, an anchored one with the plain distance to a target, so every branch explored can
 * still end in a reportable path (up to the no-repeat rule). Neighbours are taken in id order: the output
 * order is the same on every run.
 */
export function walkPaths(p: PathProjection, d: Distances, options: ResolvedSearchOptions, visit: PathVisitor): Walk {
  const { maxHops } = options;
  const { mask, count: candidates } = candidateMask(d, maxHops);
  let kept = 0;
  const result = (expansions: number, maxExpansionsReached: boolean, caps: PathCaps): Walk => ({
    paths: kept,
    candidates,
    expansions,
    cappedPairs: caps.cappedPairs,
    droppedPaths: caps.dropped,
    maxPathsReached: kept >= options.maxPaths,
    maxExpansionsReached,
  });
  const caps = new PathCaps(p.ids.length, options);
  if (p.internet < 0 || mask[p.internet] !== 1) return result(0, false, caps);

  const { offsets, targets, edgeRefs } = p.forward;
  const nodeAt = new Int32Array(maxHops + 1);
  const edgeAt = new Int32Array(maxHops + 1);
  // edgeAt[i] is the edge into nodeAt[i]; visitors see edges[i] joining nodes[i] and nodes[i + 1].
  const edgeView = edgeAt.subarray(1);
  const cursor = new Int32Array(maxHops + 1);
  const anchored = new Uint8Array(maxHops + 1);
  // bypassed[i]: the walk up to nodeAt[i] is anchored as a gateway bypass (set at depth 1 or 2, then inherited).
  const bypassed = new Uint8Array(maxHops + 1);
  const onPath = new Uint8Array(p.ids.length);
  let depth = 0;
  let expansions = 0;
  nodeAt[0] = p.internet;
  cursor[0] = offsets[p.internet] as number;
  onPath[p.internet] = 1;

  while (depth >= 0) {
    const v = nodeAt[depth] as number;
    const k = cursor[depth] as number;
    if (depth === maxHops || k >= (offsets[v + 1] as number)) {
      onPath[v] = 0;
      depth--;
      continue;
    }
    cursor[depth] = k + 1;
    const w = targets[k] as number;
    if (k > (offsets[v] as number) && targets[k - 1] === w) continue; // a second edge to the same neighbour
    if (++expansions > options.maxExpansions) return result(expansions - 1, true, caps);
    if (onPath[w] === 1 || mask[w] !== 1) continue;
    const flags = p.flags[w] as number;
    // A gateway bypass: the first hop reaches an API's backend, or the first hop is a Front Door whose route
    // takes the second to one (the estate's own Front Door serving the backend around the gateway).
    const bypass =
      (depth === 0 && (flags & FLAG_API_BACKEND) !== 0) || (depth === 1 && isFrontDoorBypassHop(p, v, k));
    const isAnchored = anchored[depth] === 1 || (flags & FLAG_ENDPOINT) !== 0 || bypass;
    const remaining = isAnchored ? (d.toTarget[w] as number) : (d.toTargetViaEndpoint[w] as number);
    if (depth + 1 + remaining > maxHops) continue;

    depth++;
    nodeAt[depth] = w;
    edgeAt[depth] = edgeRefs[k] as number;
    cursor[depth] = offsets[w] as number;
    anchored[depth] = isAnchored ? 1 : 0;
    bypassed[depth] = bypass || bypassed[depth - 1] === 1 ? 1 : 0;
    onPath[w] = 1;
    if (isAnchored && (flags & FLAG_TARGET) !== 0 && caps.admit(nodeAt[1] as number, w)) {
      visit({
        nodes: nodeAt,
        edges: edgeView,
        length: depth,
        anchor: bypassed[depth] === 1 ? 'gatewayBypass' : 'endpoint',
      });
      if (++kept >= options.maxPaths) return result(expansions, false, caps);
    }
  }
  return result(expansions, false, caps);
}
