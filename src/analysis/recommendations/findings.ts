import { createHash } from 'node:crypto';
import type { GraphNode, Insight, JsonValue } from '../../model/index.js';
import { stepName } from '../risk/facts.js';
import { nodeInsights } from '../paths/targets.js';
import type { AnalysisGraph, FoundPath } from '../paths/types.js';
import { recommendationById } from './catalogue.js';
import { ApiHoldings } from './holdings.js';
import { recommendationsFor } from './match.js';
import { SEVERITIES, type Finding, type Recommendation } from './types.js';
import { compareIds } from '../../util/order.js';

export function findingId(recommendationId: string, assetId: string): string {
  return `finding:${createHash('sha256').update(`${recommendationId}\n${assetId}`).digest('hex').slice(0, 16)}`;
}

/** The evidence the insight stage recorded for one insight (`insightEvidence[insight]`), or null. */
export function insightEvidenceOf(node: GraphNode, insight: string): JsonValue {
  const all = node.properties['insightEvidence'];
  if (all && typeof all === 'object' && !Array.isArray(all)) return all[insight] ?? null;
  return null;
}

export function makeFinding(
  rec: Recommendation,
  node: GraphNode,
  evidence: JsonValue,
  covers: readonly string[] = [],
): Finding {
  return {
    id: findingId(rec.id, node.id),
    recommendationId: rec.id,
    recommendation: rec.name,
    severity: rec.severity,
    assetId: node.id,
    assetKind: node.kind,
    assetName: stepName(node.id, node.properties['name']),
    insight: rec.insight,
    evidence,
    remediation: rec.remediation,
    covers,
  };
}

/** Least privilege for the identities that attack paths pivot through, with the grants and paths as evidence. */
function identityFindings(paths: readonly FoundPath[], nodeOf: (id: string) => GraphNode | undefined): Finding[] {
  const rec = recommendationById('identity-least-privilege') as Recommendation;
  const grants = new Map<
    string,
    Map<string, { store: string; accessLevel: JsonValue; roles: JsonValue; paths: number }>
  >();
  for (const path of paths) {
    path.edges.forEach((edge, i) => {
      if (edge.kind !== 'HAS_PERMISSION_TO') return;
      const identity = path.nodeIds[i] as string;
      const byStore = grants.get(identity) ?? new Map();
      const grant = byStore.get(edge.to) ?? {
        store: edge.to,
        accessLevel: edge.properties['accessLevel'] ?? null,
        roles: edge.properties['roles'] ?? [],
        paths: 0,
      };
      grant.paths++;
      byStore.set(edge.to, grant);
      grants.set(identity, byStore);
    });
  }
  const findings: Finding[] = [];
  for (const [identity, byStore] of grants) {
    const node = nodeOf(identity);
    if (!node) continue;
    const list = [...byStore.values()].sort((a, b) => compareIds(a.store, b.store));
    findings.push(makeFinding(rec, node, { grants: list }));
  }
  return findings;
}

const SEVERITY_ORDER = new Map(SEVERITIES.map((s, i) => [s, i]));

export function compareFindings(a: Finding, b: Finding): number {
  const bySeverity = (SEVERITY_ORDER.get(a.severity) ?? 9) - (SEVERITY_ORDER.get(b.severity) ?? 9);
  if (bySeverity !== 0) return bySeverity;
  if (a.recommendation !== b.recommendation) return a.recommendation < b.recommendation ? -1 : 1;
  return a.assetId < b.assetId ? -1 : a.assetId > b.assetId ? 1 : 0;
}

export interface BuildFindingsOptions {
  /** Attack paths already found: adds the path-based recommendations (least privilege on the identities they use). */
  readonly paths?: readonly FoundPath[];
  /** Node lookup to reuse (e.g. GraphIndex.node); built from `graph.nodes` when absent. */
  readonly nodeOf?: (id: string) => GraphNode | undefined;
}

/**
 * One finding per (recommendation, asset): from the insights on the nodes, plus, when paths are given, the
 * recommendations that rest on the paths themselves. An API or endpoint that only inherits its holder's insight
 * (same recommendation on the API or app that holds it) gets no finding of its own: the holder's finding covers
 * it. Sorted by severity, recommendation, asset.
 */
export function buildFindings(graph: AnalysisGraph, options: BuildFindingsOptions = {}): Finding[] {
  const candidates: { rec: Recommendation; node: GraphNode; insight: Insight }[] = [];
  const carriers = new Map<Insight, Set<string>>();
  for (const node of graph.nodes) {
    for (const insight of new Set(nodeInsights(node))) {
      const recs = recommendationsFor(node, insight);
      if (recs.length === 0) continue;
      for (const rec of recs) candidates.push({ rec, node, insight });
      const set = carriers.get(insight) ?? new Set<string>();
      set.add(node.id);
      carriers.set(insight, set);
    }
  }
  const holdings = new ApiHoldings(graph.edges);
  const raised = new Set(candidates.map((c) => `${c.rec.id}\u0000${c.node.id}`));
  const findings: Finding[] = [];
  for (const { rec, node, insight } of candidates) {
    if (holdings.ancestors(node.id).some((a) => raised.has(`${rec.id}\u0000${a}`))) continue;
    const covers = holdings.descendants(node.id).filter((d) => carriers.get(insight)?.has(d));
    findings.push(makeFinding(rec, node, insightEvidenceOf(node, insight), covers));
  }
  if (options.paths?.length) {
    let nodeOf = options.nodeOf;
    if (!nodeOf) {
      const byId = new Map(graph.nodes.map((n) => [n.id, n]));
      nodeOf = (id) => byId.get(id);
    }
    findings.push(...identityFindings(options.paths, nodeOf));
  }
  return findings.sort(compareFindings);
}
