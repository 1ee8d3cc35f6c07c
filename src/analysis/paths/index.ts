/**
 * Attack paths: internet → API → data, bounded, anchored on an API, found without enumerating the graph.
 *
 * Entry points (all pure, no store):
 *   analyzeAttackPaths(graph, { maxHops?, maxPathsPerPair?, maxPaths?, maxExpansions?, weights? })
 *       → { paths: AnalyzedPath[] (ranked; `.record` is the JSON shape), findings, stats, weights }
 *       The whole engine: search, score (risk/), findings and break/reduce links (recommendations/), ranking.
 *   toAnalysisResult(records, findings) → AnalysisResult for GraphStore.replaceAnalysis (AttackPath + TRAVERSES,
 *       Finding + AFFECTS); merge with the derive stage's nodes, edges and insights before storing.
 *   recordFromNode(attackPathNode)      → the AttackPathRecord kept in the node's `details`, decoded field by
 *       field (AttackPathRecordError names the path and the field that does not fit)
 *   findAttackPaths(graph, options)     → { paths: FoundPath[], stats }: the search alone
 *   projectGraph(graph) + searchProjection(projection, options): the same in two steps (reuse a projection)
 *   visitAttackPaths(projection, options, visit) → stats: each path handed to `visit` in indices, none kept
 *   classifyPath(path, nodeOf)          → the path's family and display name (PATH_FAMILIES, a closed table)
 *
 * `graph` is `{ nodes, edges }` with ingested and derived edges and `properties.insights` set on nodes.
 * Bad arguments throw InvalidPathArgumentError (a ValidationError); no path is an empty list; every cap that
 * cuts the search short is reported in `stats`.
 */
export type {
  AnalysisGraph,
  FoundPath,
  PathAnchor,
  PathSearchOptions,
  PathSearchResult,
  PathSearchStats,
  ResolvedSearchOptions,
} from './types.js';
export { InvalidPathArgumentError } from './errors.js';
export { DEFAULT_SEARCH_OPTIONS, MAX_HOPS_LIMIT, resolveSearchOptions } from './options.js';
export { projectGraph, type PathProjection, type Adjacency } from './projection.js';
export { findAttackPaths, searchProjection, visitAttackPaths } from './find-paths.js';
export type { PathVisit, PathVisitor } from './enumerate.js';
export { pathId } from './path-id.js';
export { isPathTarget, nodeInsights, hasInsight } from './targets.js';
export {
  classifyPath,
  pathFamily,
  PATH_FAMILIES,
  PATH_FAMILY_IDS,
  type PathFamily,
  type PathFamilyId,
} from './families.js';
export { AttackPathRecordError, recordFromNode } from './decode-record.js';
export {
  buildPathRecord,
  recordToJson,
  type AttackPathRecord,
  type ReachScope,
  type PathStepRecord,
  type PathEdgeRecord,
  type FactorRecord,
} from './record.js';
export {
  analyzeAttackPaths,
  type AnalyzedPath,
  type AttackPathAnalysis,
  type AttackPathAnalysisOptions,
} from './analyze.js';
export { toAnalysisResult } from './to-analysis-result.js';
