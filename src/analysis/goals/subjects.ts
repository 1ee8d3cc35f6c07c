import type { GraphNode, Insight, JsonValue, NodeKind } from '../../model/index.js';
import { nodeInsights } from '../paths/targets.js';
import type { AnalysisGraph } from '../paths/types.js';
import type { AttackPathRecord } from '../paths/record.js';
import { indexGraph, type GraphIndex, type LabelRef } from '../risk/graph-index.js';
import { stepName } from '../risk/facts.js';
import type { GoalScope } from './types.js';

/**
 * An asset as posture goals see it: what scopes it (subscription, tags) and what goals count on it (insights,
 * its most sensitive label). Analysis stores one per asset goals may look at (GoalSubject nodes), so a goals
 * evaluation reads these instead of the whole graph.
 */
export interface GoalSubject {
  readonly id: string;
  readonly kind: NodeKind;
  /** Display name (stepName): an identity as `<owner> (system-assigned)`, a trigger as `<workflow>/<trigger>`. */
  readonly name: string;
  /** Lower case; absent for an asset outside any subscription (the internet, an external host). */
  readonly subscriptionId?: string;
  /** Keys lower-cased; an API's or endpoint's own tags over those of the gateway or app holding it. */
  readonly tags: Readonly<Record<string, string>>;
  readonly insights: readonly Insight[];
  readonly topLabel?: LabelRef;
}

/** What a goals evaluation reads. */
export interface GoalInputs {
  /** Every asset of each kind the policy's goals count, and every asset a path passes; each once. */
  readonly subjects: readonly GoalSubject[];
  /** The SensitivityLabel nodes, for a `minLabel` given by name. */
  readonly labels: readonly GraphNode[];
  /** Attack path records, riskiest first (from analyzeAttackPaths, or AttackPath nodes read back with recordFromNode). */
  readonly paths: readonly AttackPathRecord[];
}

/** Kinds that Azure cannot tag themselves (APIM APIs and operations, functions, triggers): they take their owner's tags. */
const UNTAGGABLE: ReadonlySet<NodeKind> = new Set(['Api', 'ApiEndpoint']);

/** Builds subjects from a graph: tags inherited along CONTAINS, labels along HAS_LABEL. */
export class GoalSubjectBuilder {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly parent = new Map<string, string>();
  private readonly labels: GraphIndex;

  constructor(graph: AnalysisGraph) {
    for (const node of graph.nodes) this.nodes.set(node.id, node);
    for (const edge of graph.edges) {
      if (edge.kind === 'CONTAINS' && UNTAGGABLE.has(edge.toKind) && !this.parent.has(edge.to)) this.parent.set(edge.to, edge.from);
    }
    this.labels = indexGraph(graph, (id) => this.nodes.get(id));
  }

  node(id: string): GraphNode | undefined {
    return this.nodes.get(id);
  }

  subjectOf(node: GraphNode): GoalSubject {
    const subscriptionId = subscriptionOf(node);
    const topLabel = this.labels.labels(node.id)[0];
    return {
      id: node.id,
      kind: node.kind,
      name: stepName(node.id, node.properties['name']),
      ...(subscriptionId !== undefined ? { subscriptionId } : {}),
      tags: this.tagsOf(node),
      insights: nodeInsights(node),
      ...(topLabel ? { topLabel } : {}),
    };
  }

  /** Own tags, and for APIs and endpoints the tags of the gateway or app that holds them (at most 4 levels up). */
  private tagsOf(node: GraphNode): Record<string, string> {
    const chain: GraphNode[] = [];
    for (let at: GraphNode | undefined = node; at && chain.length < 4; at = UNTAGGABLE.has(at.kind) ? this.nodes.get(this.parent.get(at.id) ?? '') : undefined)
      chain.push(at);
    const tags = new Map<string, string>();
    for (const holder of chain.reverse()) {
      const own: JsonValue | undefined = holder.properties['tags'];
      if (own && typeof own === 'object' && !Array.isArray(own))
        for (const [k, v] of Object.entries(own)) if (v !== null) tags.set(k.toLowerCase(), String(v));
    }
    return Object.fromEntries([...tags].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}

function subscriptionOf(node: GraphNode): string | undefined {
  const declared = node.properties['subscriptionId'];
  if (typeof declared === 'string') return declared.toLowerCase();
  return /^\/subscriptions\/([^/]+)/i.exec(node.id)?.[1]?.toLowerCase();
}

/** A subject for an asset read on its own (no graph around it): own tags only, no labels. */
export function subjectOfNode(node: GraphNode): GoalSubject {
  return new GoalSubjectBuilder({ nodes: [node], edges: [] }).subjectOf(node);
}

export function inScope(subject: GoalSubject, scope: GoalScope | undefined): boolean {
  if (!scope) return true;
  if (scope.subscriptions && (subject.subscriptionId === undefined || !scope.subscriptions.includes(subject.subscriptionId))) return false;
  if (scope.tags) {
    for (const [k, v] of Object.entries(scope.tags)) {
      const key = k.toLowerCase();
      if (!Object.hasOwn(subject.tags, key) || subject.tags[key] !== v) return false;
    }
  }
  return true;
}

/** Goal inputs over a whole graph in memory: a subject for every node. */
export function graphGoalInputs(graph: AnalysisGraph, paths: readonly AttackPathRecord[]): GoalInputs {
  const builder = new GoalSubjectBuilder(graph);
  return {
    subjects: graph.nodes.map((n) => builder.subjectOf(n)),
    labels: graph.nodes.filter((n) => n.kind === 'SensitivityLabel'),
    paths,
  };
}
