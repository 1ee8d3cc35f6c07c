import type { GraphEdge, GraphNode } from '../model/index.js';
import type { GraphStore, RunContext } from '../store/index.js';
import { derivePermissions } from './derive/permissions.js';
import { deriveReachability, internetNode } from './derive/reach.js';
import { deriveRoutes } from './derive/routes.js';
import { GraphView } from './graph-view.js';
import { InsightSet } from './insights/collector.js';
import { anonymousInsights, encryptionInsights, exposureInsights, gatewayBypassInsights, publicDataInsights } from './insights/configuration.js';

export interface AnalysisSummary {
  readonly derivedEdges: Readonly<Record<string, number>>;
  readonly insights: Readonly<Record<string, number>>;
  readonly externalHosts: number;
  readonly problems: readonly { readonly assetId: string; readonly problem: string }[];
}

export interface AnalysisOutput {
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
  readonly insights: InsightSet;
  readonly summary: AnalysisSummary;
}

/** The pure part of analysis: derive edges and insights from the ingested graph. */
export function analyzeView(view: GraphView): AnalysisOutput {
  const routes = deriveRoutes(view);
  const reach = deriveReachability(view, routes.edges);
  const permissions = derivePermissions(view);
  const insights = new InsightSet();
  exposureInsights(view, reach, insights);
  anonymousInsights(view, insights);
  encryptionInsights(view, insights);
  gatewayBypassInsights(view, routes.edges, reach, insights);
  publicDataInsights(view, reach, insights);
  for (const endpoint of view.ofKind('ApiEndpoint')) {
    if (!insights.has(endpoint.id, 'Inactive')) insights.add(endpoint, 'AwaitingData', { source: 'traffic', reasons: ['no gateway log data covers this endpoint'] });
  }
  const edges = [...reach, ...routes.edges, ...permissions];
  const counts: Record<string, number> = {};
  for (const edge of edges) counts[edge.kind] = (counts[edge.kind] ?? 0) + 1;
  const insightCounts: Record<string, number> = {};
  for (const update of insights.updates()) for (const insight of update.insights) insightCounts[insight] = (insightCounts[insight] ?? 0) + 1;
  return {
    nodes: [internetNode(), ...routes.externalHosts],
    edges,
    insights,
    summary: { derivedEdges: counts, insights: insightCounts, externalHosts: routes.externalHosts.length, problems: routes.problems },
  };
}

/** analyze: load the graph, derive, find insights, and replace the previous analysis atomically. */
export async function analyze(store: GraphStore, run: RunContext): Promise<AnalysisSummary> {
  const view = await GraphView.load(store);
  const output = analyzeView(view);
  await store.replaceAnalysis({ nodes: output.nodes, edges: output.edges, insights: output.insights.updates() }, run);
  return output.summary;
}
