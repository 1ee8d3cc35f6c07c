import type { GraphEdge, GraphNode } from '../model/index.js';
import type { GraphStore, RunContext } from '../store/index.js';
import { DEFAULT_INACTIVE_DAYS } from '../traffic/activity.js';
import { derivePermissions } from './derive/permissions.js';
import { deriveReachability, internetNode } from './derive/reach.js';
import { deriveCalls } from './derive/calls.js';
import { HostIndex } from './derive/hosts.js';
import { deriveRoutes } from './derive/routes.js';
import { GraphView } from './graph-view.js';
import { InsightSet } from './insights/collector.js';
import { anonymousInsights, encryptionInsights, exposureInsights, gatewayBypassInsights, publicDataInsights } from './insights/configuration.js';
import { weakTlsInsights } from './insights/weak-tls.js';
import { trafficInsights, trafficObservations } from './insights/traffic.js';
import { analysisFactNodes } from './facts/index.js';
import { EffectivePolicies } from './policy/index.js';
import {
  analyzeAttackPaths,
  toAnalysisResult,
  type AnalysisGraph,
  type AnalyzedPath,
  type AttackPathAnalysis,
  type PathSearchStats,
} from './paths/index.js';
import { DEFAULT_RISK_WEIGHTS, type RiskWeights } from './risk/index.js';

/** The stages of one analysis, in order, as timed by `onPhase`. */
export type AnalysisPhase = 'derive' | 'insights' | 'projection' | 'search' | 'scoring';

/** Reports the seconds a phase took, possibly in several parts to be summed (benchmarks read it; analysis never depends on it). */
export type PhaseTimer = (phase: AnalysisPhase, seconds: number) => void;

export interface AnalysisOptions {
  /** Days without calls (before the end of the logs' window) after which an endpoint is Inactive. Default DEFAULT_INACTIVE_DAYS (30). */
  readonly inactiveDays?: number;
  /** Longest attack path, in hops. Default 8. */
  readonly maxHops?: number;
  /** Most paths kept in all (default 10,000) and per (entry, target) pair (default 25); see paths/options.ts. */
  readonly maxPaths?: number;
  readonly maxPathsPerPair?: number;
  readonly weights?: RiskWeights;
  readonly onPhase?: PhaseTimer;
}

export interface AnalysisSummary {
  readonly derivedEdges: Readonly<Record<string, number>>;
  readonly insights: Readonly<Record<string, number>>;
  readonly externalHosts: number;
  readonly paths: Readonly<Record<string, number>>;
  readonly findings: number;
  readonly searchNotes: readonly string[];
  readonly problems: readonly { readonly assetId: string; readonly problem: string }[];
}

export interface AnalysisOutput {
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
  readonly insights: InsightSet;
  readonly paths: readonly AnalyzedPath[];
  readonly findings: AttackPathAnalysis['findings'];
  readonly summary: AnalysisSummary;
}

/** Nodes with this analysis's insights on them: the graph the path engine and findings read. */
function withInsights(view: GraphView, insights: InsightSet): GraphNode[] {
  const updates = new Map(insights.updates().map((u) => [u.id, u]));
  return [...view.nodes.values()].map((node) => {
    const update = updates.get(node.id);
    // Most nodes get no insight and carry none: the view's node as it is, rather than a copy of every property.
    if (!update && !('insights' in node.properties) && !('insightEvidence' in node.properties)) return node;
    const { insights: _old, insightEvidence: _oldEvidence, ...rest } = node.properties;
    return update ? { ...node, properties: { ...rest, insights: [...update.insights], insightEvidence: update.evidence } } : { ...node, properties: rest };
  });
}

function count<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/** What derive and insights make of the ingested graph: the graph the path engine searches, and its parts. */
export interface DerivedGraph {
  /** Ingested nodes with this analysis's insights on them, and the derived nodes; ingested and derived edges. */
  readonly graph: AnalysisGraph;
  readonly derivedNodes: GraphNode[];
  readonly derivedEdges: GraphEdge[];
  readonly insights: InsightSet;
  readonly externalHosts: number;
  readonly problems: AnalysisSummary['problems'];
}

/** Each problem once: a broken global policy or fragment shows under every operation it reaches. */
function uniqueProblems(problems: readonly { readonly assetId: string; readonly problem: string }[]): AnalysisSummary['problems'] {
  const seen = new Map<string, { readonly assetId: string; readonly problem: string }>();
  for (const p of problems) seen.set(`${p.assetId}\u0000${p.problem}`, p);
  return [...seen.values()];
}

const since = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/** Derive edges and find insights: everything the path search needs, from the ingested graph. */
export function deriveAnalysisGraph(view: GraphView, options: Pick<AnalysisOptions, 'inactiveDays' | 'onPhase'> = {}): DerivedGraph {
  let start = process.hrtime.bigint();
  // Routes and the authentication insights both read every APIM operation's effective policy: composed once.
  const policies = new EffectivePolicies();
  const hosts = new HostIndex(view);
  const routes = deriveRoutes(view, policies, hosts);
  const reach = deriveReachability(view, routes.edges);
  const permissions = derivePermissions(view);
  const calls = deriveCalls(view, permissions, policies, hosts);
  const externalHosts = new Map([...routes.externalHosts, ...calls.externalHosts].map((n) => [n.id, n]));
  const problems = uniqueProblems([...routes.problems, ...calls.problems]);
  options.onPhase?.('derive', since(start));
  start = process.hrtime.bigint();
  const insights = new InsightSet();
  exposureInsights(view, reach, insights);
  anonymousInsights(view, insights, policies);
  encryptionInsights(view, insights);
  weakTlsInsights(view, insights);
  gatewayBypassInsights(view, routes.edges, reach, insights);
  publicDataInsights(view, reach, insights);
  const traffic = trafficInsights(view, insights, { inactiveDays: options.inactiveDays ?? DEFAULT_INACTIVE_DAYS });
  trafficObservations(view, insights);

  const derivedNodes = [internetNode(), ...externalHosts.values(), ...traffic.nodes];
  const derivedEdges = [...reach, ...routes.edges, ...calls.edges, ...permissions, ...traffic.edges];
  const graph = { nodes: [...withInsights(view, insights), ...derivedNodes], edges: [...view.edges(), ...derivedEdges] };
  options.onPhase?.('insights', since(start));
  return { graph, derivedNodes, derivedEdges, insights, externalHosts: externalHosts.size, problems };
}

/** The pure part of analysis: derive edges, find insights, attack paths and findings, from the ingested graph. */
export function analyzeView(view: GraphView, options: AnalysisOptions = {}): AnalysisOutput {
  const { graph, derivedNodes, derivedEdges, insights, externalHosts, problems } = deriveAnalysisGraph(view, options);
  const weights = options.weights ?? DEFAULT_RISK_WEIGHTS;
  const analysis = analyzeAttackPaths(graph, {
    ...(options.maxHops !== undefined ? { maxHops: options.maxHops } : {}),
    ...(options.maxPaths !== undefined ? { maxPaths: options.maxPaths } : {}),
    ...(options.maxPathsPerPair !== undefined ? { maxPathsPerPair: options.maxPathsPerPair } : {}),
    ...(options.onPhase ? { onPhase: options.onPhase } : {}),
    weights,
  });
  const start = process.hrtime.bigint();
  const results = toAnalysisResult(
    analysis.paths.map((p) => p.record),
    analysis.findings,
  );
  // Choke points, the plan and the goals' inputs are stored with the paths, so no reader runs the engine again.
  const facts = analysisFactNodes({ graph, paths: analysis.paths, findings: analysis.findings, weights });
  const insightCounts: Record<string, number> = {};
  for (const update of insights.updates()) for (const insight of update.insights) insightCounts[insight] = (insightCounts[insight] ?? 0) + 1;
  const output: AnalysisOutput = {
    nodes: [...derivedNodes, ...results.nodes, ...facts],
    edges: [...derivedEdges, ...results.edges],
    insights,
    paths: analysis.paths,
    findings: analysis.findings,
    summary: {
      derivedEdges: count(derivedEdges, (e) => e.kind),
      insights: insightCounts,
      externalHosts,
      paths: count(analysis.paths, (p) => p.record.riskLevel),
      findings: analysis.findings.length,
      searchNotes: searchNotes(analysis.stats),
      problems,
    },
  };
  options.onPhase?.('scoring', since(start));
  return output;
}

/** Where the path search stopped short, in words (never silently). */
function searchNotes(stats: PathSearchStats): string[] {
  const notes: string[] = [];
  if (stats.cappedPairs > 0) notes.push(`${stats.cappedPairs} (entry, target) pair(s) had more paths than kept; ${stats.droppedPaths} path(s) left out (raise --max-paths-per-pair to keep more)`);
  if (stats.maxPathsReached) notes.push('the overall path limit was reached: raise --max-paths (or maxPaths in the risk model) to see all');
  if (stats.maxExpansionsReached) notes.push('the search step limit was reached: raise maxExpansions to see all');
  return notes;
}

/** analyze: load the graph, derive, find insights and attack paths, and replace the previous analysis atomically. */
export async function analyze(store: GraphStore, run: RunContext, options: AnalysisOptions = {}): Promise<AnalysisSummary> {
  return (await analyzeStored(store, run, options)).summary;
}

/** analyze, handing back the whole output (paths with their facts, findings) for a caller that shows them at once. */
export async function analyzeStored(store: GraphStore, run: RunContext, options: AnalysisOptions = {}): Promise<AnalysisOutput> {
  const view = await GraphView.load(store);
  const output = analyzeView(view, options);
  await store.replaceAnalysis({ nodes: output.nodes, edges: output.edges, insights: output.insights.updates() }, run);
  return output;
}
