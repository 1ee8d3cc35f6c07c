import { computeDistances, UNREACHED, type Distances } from './distances.js';
import { enumeratePaths, walkPaths, type IndexedPath, type PathVisitor, type Walk } from './enumerate.js';
import { resolveSearchOptions } from './options.js';
import { pathId } from './path-id.js';
import { FLAG_TARGET, projectGraph, type PathProjection } from './projection.js';
import type { AnalysisGraph, FoundPath, PathSearchOptions, PathSearchResult, PathSearchStats } from './types.js';

function countBelow(values: Uint8Array, limit: number): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) if ((values[i] as number) <= limit) count++;
  return count;
}

function toFoundPath(p: PathProjection, path: IndexedPath): FoundPath {
  const nodeIds = Array.from(path.nodes, (i) => p.ids[i] as string);
  const edges = Array.from(path.edges, (e) => p.edges[e]!);
  return { id: pathId(nodeIds), nodeIds, edges, anchor: path.anchor };
}

function searchStats(p: PathProjection, distances: Distances, walk: Walk): PathSearchStats {
  let targets = 0;
  for (let i = 0; i < p.flags.length; i++) if (((p.flags[i] as number) & FLAG_TARGET) !== 0) targets++;
  return {
    nodes: p.ids.length,
    traversableEdges: p.edges.length,
    targets,
    forwardReachable: countBelow(distances.fromInternet, UNREACHED - 1),
    backwardReachable: countBelow(distances.toTarget, UNREACHED - 1),
    candidates: walk.candidates,
    expansions: walk.expansions,
    paths: walk.paths,
    cappedPairs: walk.cappedPairs,
    droppedPaths: walk.droppedPaths,
    maxPathsReached: walk.maxPathsReached,
    maxExpansionsReached: walk.maxExpansionsReached,
  };
}

/**
 * Attack paths over an existing projection (reuse one projection for several searches). See `findAttackPaths`.
 */
export function searchProjection(p: PathProjection, options?: PathSearchOptions): PathSearchResult {
  const resolved = resolveSearchOptions(options);
  const distances = computeDistances(p, resolved.maxHops);
  const found = enumeratePaths(p, distances, resolved);
  return {
    paths: found.paths.map((path) => toFoundPath(p, path)),
    stats: searchStats(p, distances, { ...found, paths: found.paths.length }),
  };
}

/**
 * The same search, handing each path to `visit` in projection indices instead of keeping it: for questions over
 * millions of paths (every path of a family, caps lifted) that need no FoundPath, hash or score per path. The
 * visitor must copy what it keeps (see PathVisit).
 */
export function visitAttackPaths(
  p: PathProjection,
  options: PathSearchOptions | undefined,
  visit: PathVisitor,
): PathSearchStats {
  const resolved = resolveSearchOptions(options);
  const distances = computeDistances(p, resolved.maxHops);
  return searchStats(p, distances, walkPaths(p, distances, resolved, visit));
}

/**
 * Bounded simple attack paths from `internet` to the targets (data stores, Key Vaults, endpoints carrying
 * sensitive data), each anchored on an API. Options are checked before any work; a graph without the internet
 * node, or without any path, gives an empty list.
 */
export function findAttackPaths(graph: AnalysisGraph, options?: PathSearchOptions): PathSearchResult {
  resolveSearchOptions(options); // bad options fail before the projection is built
  return searchProjection(projectGraph(graph), options);
}
