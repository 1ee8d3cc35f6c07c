import {
  findChokePoints,
  planRemediation,
  type ChokePoint,
  type RemediationPlan,
} from '../analysis/chokepoints/index.js';
import { evaluateGoals, type GoalPolicy, type GoalsEvaluation } from '../analysis/goals/index.js';
import {
  analyzeAttackPaths,
  recordFromNode,
  type AnalysisGraph,
  type AnalyzedPath,
  type AttackPathRecord,
} from '../analysis/paths/index.js';
import type { Finding } from '../analysis/recommendations/types.js';
import type { RiskWeights } from '../analysis/risk/index.js';
import type { GraphEdge, GraphNode } from '../model/index.js';
import type { GraphStore } from '../store/index.js';

/** Result nodes and the edges tying them to assets: left out of the graph the path engine and goals read. */
const RESULT_KINDS = new Set(['AttackPath', 'Finding']);
const RESULT_EDGES = new Set(['TRAVERSES', 'AFFECTS']);

/**
 * The stored graph with its analysis, in memory, for the answers that need the whole of it: choke points, the
 * remediation plan and posture goals. Choke points need each path's facts and risk, which only the engine
 * rebuilds, so the paths are re-derived from the stored graph (deterministic: the same ids as the stored
 * AttackPath nodes) and kept to the stored ones.
 */
export class AnalysisSnapshot {
  private analysed?: { readonly paths: readonly AnalyzedPath[]; readonly findings: readonly Finding[] };
  private sortedRecords?: readonly AttackPathRecord[];

  constructor(
    readonly graph: AnalysisGraph,
    private readonly storedPaths: readonly GraphNode[],
    private readonly weights: RiskWeights,
  ) {}

  /** The stored attack paths, as records, in rank order. */
  get records(): readonly AttackPathRecord[] {
    this.sortedRecords ??= this.storedPaths.map(recordFromNode).sort((a, b) => a.rank - b.rank);
    return this.sortedRecords;
  }

  private analysis() {
    if (!this.analysed) {
      const stored = new Set(this.storedPaths.map((n) => n.id));
      const { paths, findings } = analyzeAttackPaths(this.graph, { weights: this.weights });
      this.analysed = { paths: paths.filter((p) => stored.has(p.found.id)), findings };
    }
    return this.analysed;
  }

  chokePoints(includeAssets: boolean): ChokePoint[] {
    const { paths, findings } = this.analysis();
    return findChokePoints(paths, findings, this.weights, { includeAssets });
  }

  plan(maxFixes: number): RemediationPlan {
    const { paths, findings } = this.analysis();
    return planRemediation(paths, findings, this.weights, { maxFixes });
  }

  goals(policy: GoalPolicy): GoalsEvaluation {
    return evaluateGoals(policy, { graph: this.graph, paths: this.records });
  }
}

/**
 * One snapshot per analysis: it is rebuilt when the stored analysis changes (the `internet` node is rewritten by
 * every analysis run, with the run's id) or the graph's counts do. Concurrent requests share one load.
 */
export class AnalysisCache {
  private current: { readonly key: string; readonly snapshot: Promise<AnalysisSnapshot> } | undefined;
  private readonly memos = new Map<string, { readonly key: string; readonly value: Promise<unknown> }>();

  constructor(
    private readonly store: GraphStore,
    private readonly weights: RiskWeights,
  ) {}

  private async fingerprint(): Promise<string> {
    const [internet, nodes, edges] = await Promise.all([
      this.store.getNode('internet'),
      this.store.countNodesByKind(),
      this.store.countEdgesByKind(),
    ]);
    return JSON.stringify([internet?.properties['lastRunId'] ?? null, nodes, edges]);
  }

  /**
   * A whole-store tally (the inventory's endpoints by source and insight, paths by risk level) computed once per
   * analysis: the same fingerprint as the snapshot decides when it is stale. Concurrent requests share one pass;
   * a failed pass (a request's deadline, a store error) is not kept.
   */
  async remember<T>(name: string, compute: () => Promise<T>): Promise<T> {
    const key = await this.fingerprint();
    const hit = this.memos.get(name);
    if (hit?.key === key) return hit.value as Promise<T>;
    const value = compute();
    this.memos.set(name, { key, value });
    value.catch(() => {
      if (this.memos.get(name)?.value === value) this.memos.delete(name);
    });
    return value;
  }

  async snapshot(): Promise<AnalysisSnapshot> {
    const key = await this.fingerprint();
    if (this.current?.key !== key) {
      const snapshot = this.load();
      this.current = { key, snapshot };
      // A failed load must not stay cached.
      snapshot.catch(() => {
        if (this.current?.snapshot === snapshot) this.current = undefined;
      });
    }
    return this.current.snapshot;
  }

  private async load(): Promise<AnalysisSnapshot> {
    const nodes: GraphNode[] = [];
    const edges: GraphEdge[] = [];
    const paths: GraphNode[] = [];
    for await (const chunk of this.store.streamGraph()) {
      for (const node of chunk.nodes) {
        if (node.kind === 'AttackPath') paths.push(node);
        else if (!RESULT_KINDS.has(node.kind)) nodes.push(node);
      }
      for (const edge of chunk.edges) if (!RESULT_EDGES.has(edge.kind)) edges.push(edge);
    }
    return new AnalysisSnapshot({ nodes, edges }, paths, this.weights);
  }
}
