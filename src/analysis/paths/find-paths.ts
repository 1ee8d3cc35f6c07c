import { computeDistances, UNREACHED } from './distances.js';
import { enumeratePaths, type IndexedPath } from './enumerate.js';
import { resolveSearchOptions } from './options.js';
import { pathId } from './path-id.js';
import { FLAG_TARGET, projectGraph, type PathProjection } from './projection.js';
import type { AnalysisGraph, FoundPath, PathSearchOptions, PathSearchResult } from './types.js';

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

/**
 * Attack paths over an existing projection (reuse one projection for several searches). See `findAttackPaths`.
 */
export function searchProjection(p: PathProjection, options?: PathSearchOptions): PathSearchResult {
  const resolved = resolveSearchOptions(options);
  const distances = computeDistances(p, resolved.maxHops);
  const found = enumeratePaths(p, distances, resolved);
  let targets = 0;
  for (let i = 0; i < p.flags.length; i++) if (((p.flags[i] as number) & FLAG_TARGET) !== 0) targets++;
  return {
    paths: found.paths.map((path) => toFoundPath(p, path)),
    stats: {
      nodes: p.ids.length,
      traversableEdges: p.edges.length,
      targets,
      forwardReachable: countBelow(distances.fromInternet, UNREACHED - 1),
      backwardReachable: countBelow(distances.toTarget, UNREACHED - 1),
      candidates: found.candidates,
      expansions: found.expansions,
      paths: found.paths.length,
      cappedPairs: found.cappedPairs,
      droppedPaths: found.droppedPaths,
      maxPathsReached: found.maxPathsReached,
      maxExpansionsReached: found.maxExpansionsReached,
    },
  };
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
