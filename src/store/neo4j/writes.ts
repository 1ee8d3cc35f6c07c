/** The Neo4j store's writes: batched UNWIND statements grouped into few transactions, cleanup, analysis swaps. */
import type { EdgeKind, GraphEdge, GraphNode, NodeKind } from '../../model/index.js';
import type { AnalysisResult, CleanupReport, RunContext, UpsertReport } from '../port.js';
import { edgeRows, nodeRows } from './codec.js';
import type { Neo4jConnection } from './connection.js';
import {
  CLEANUP_EDGE_KINDS,
  CLEANUP_NODE_KINDS,
  clearAnalysisCypher,
  cleanupEdgesCypher,
  cleanupNodesCypher,
  createNodesCypher,
  existingIdsCypher,
  setInsightsCypher,
  upsertEdgesCypher,
  upsertNodesCypher,
} from './cypher.js';
import { clearInsightLabelsCypher, insightLabelStatements } from './insight-labels.js';
import { RECORD_ANALYSIS_CYPHER, RECORD_INGEST_CYPHER, stampParameters } from './state.js';

export interface WriteSizes {
  /** Rows per UNWIND batch. */
  readonly batchSize: number;
  /** Rows per cleanup DELETE batch. */
  readonly deleteBatchSize: number;
}

/** One UNWIND statement of a write: its rows are encoded only when it runs (and again if the transaction is retried). */
interface Statement {
  readonly cypher: string;
  readonly rows: number;
  readonly parameters: () => Record<string, unknown>;
  /** What runs instead when the server refuses `cypher` on a uniqueness constraint (a CREATE raced by another writer). */
  readonly onConflict?: string;
}

const CONSTRAINT_VIOLATION = 'Neo.ClientError.Schema.ConstraintValidationFailed';

/** Concurrent write transactions for node upserts (the test server and a small Neo4j have 2 cores). */
const WRITE_LANES = 2;

/** Rows of one write transaction, in UNWIND batches: 2 × 5,000 by default, the size of the pipeline's write calls. */
const ROWS_PER_TRANSACTION_IN_BATCHES = 2;

/** A uniqueness constraint refused the write (the store error wraps the driver's error as its cause). */
function isConstraintViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === CONSTRAINT_VIOLATION) return true;
  }
  return false;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Consecutive statements grouped into transactions of at most `maxRows` rows (a bigger statement goes alone). */
function transactionGroups(statements: readonly Statement[], maxRows: number): Statement[][] {
  const groups: Statement[][] = [];
  let current: Statement[] = [];
  let rows = 0;
  for (const statement of statements) {
    if (current.length > 0 && rows + statement.rows > maxRows) {
      groups.push(current);
      current = [];
      rows = 0;
    }
    current.push(statement);
    rows += statement.rows;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** Splits statements into `count` lists of about equal rows, keeping each statement whole. */
function lanes(statements: readonly Statement[], count: number): Statement[][] {
  const out: Statement[][] = Array.from({ length: count }, () => []);
  const rows = new Array<number>(count).fill(0);
  for (const statement of [...statements].sort((a, b) => b.rows - a.rows)) {
    const lightest = rows.indexOf(Math.min(...rows));
    out[lightest]!.push(statement);
    rows[lightest]! += statement.rows;
  }
  return out.filter((lane) => lane.length > 0);
}

/** Writes of one store: every transaction runs through the connection's one wrapper. */
export class Neo4jWriter {
  constructor(
    private readonly connection: Neo4jConnection,
    private readonly sizes: WriteSizes,
  ) {}

  async upsertNodes(nodes: readonly GraphNode[], run: RunContext): Promise<UpsertReport> {
    // New nodes (all of them on a first ingest) are created outright; only the ones already stored are merged.
    const stored = await this.existingIds(nodes.map((n) => n.id));
    const statements: Statement[] = [];
    for (const group of groupBy(nodes, (n) => `${stored.has(n.id) ? 'merge' : 'create'}\u0000${n.kind}`).values()) {
      const { kind, id } = group[0]!;
      const merge = upsertNodesCypher(kind);
      const create = stored.has(id) ? null : createNodesCypher(kind);
      for (const batch of chunks(group, this.sizes.batchSize)) {
        const parameters = () => ({ rows: nodeRows(batch) });
        statements.push(create ? { cypher: create, rows: batch.length, parameters, onConflict: merge } : { cypher: merge, rows: batch.length, parameters });
      }
    }
    // Nodes of one call have distinct ids, so two transactions on disjoint halves never wait on each other's locks:
    // the server's second core works on the other half while the first commits.
    await Promise.all(lanes(statements, WRITE_LANES).map((lane) => this.writeStatements(lane, run)));
    return { written: nodes.length, skipped: 0 };
  }

  async upsertEdges(edges: readonly GraphEdge[], run: RunContext): Promise<UpsertReport> {
    const statements: Statement[] = [];
    for (const [kind, group] of groupBy(edges, (e) => e.kind)) {
      const cypher = upsertEdgesCypher(kind as EdgeKind);
      for (const batch of chunks(group, this.sizes.batchSize)) statements.push({ cypher, rows: batch.length, parameters: () => ({ rows: edgeRows(batch) }) });
    }
    // One lane: an edge MERGE locks both its ends, and edges of one call share ends (a subscription CONTAINS
    // thousands of resources), so concurrent transactions would only queue behind each other or deadlock.
    const written = await this.writeStatements(statements, run);
    return { written, skipped: edges.length - written };
  }

  /**
   * Runs the statements in as few transactions as the row cap allows (each retried as a whole): one commit per
   * call rather than one per kind and batch, which on a call of many kinds with few rows each was most of the time.
   * The cap keeps a transaction within the server's per-transaction memory. Returns the `written` counts.
   */
  private async writeStatements(statements: readonly Statement[], run: RunContext): Promise<number> {
    const stamp = stampParameters(run);
    const runGroup = (group: readonly Statement[], cypherOf: (s: Statement) => string) =>
      this.connection.transaction('WRITE', async (tx) => {
        let count = 0;
        for (const statement of group) {
          const result = await tx.run(cypherOf(statement), { ...statement.parameters(), ...stamp });
          count += (result.records[0]?.get('written') as number | undefined) ?? 0;
        }
        return count;
      });
    let written = 0;
    for (const group of transactionGroups(statements, this.sizes.batchSize * ROWS_PER_TRANSACTION_IN_BATCHES)) {
      try {
        written += await runGroup(group, (s) => s.cypher);
      } catch (error) {
        // The transaction was rolled back whole: run it again, merging where it created.
        if (!group.some((s) => s.onConflict) || !isConstraintViolation(error)) throw error;
        written += await runGroup(group, (s) => s.onConflict ?? s.cypher);
      }
    }
    return written;
  }

  /** The ids among these that the store already holds (one read; an index seek per id). */
  private async existingIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const result = await this.connection.transaction('READ', (tx) => tx.run(existingIdsCypher(), { ids }));
    return new Set(result.records.map((r) => r.get('id') as string));
  }

  private async deleteInBatches(cypher: string, parameters: Record<string, unknown>): Promise<number> {
    const { deleteBatchSize } = this.sizes;
    let total = 0;
    for (;;) {
      const result = await this.connection.transaction('WRITE', (tx) => tx.run(cypher, { ...parameters, batchSize: deleteBatchSize }));
      const removed = (result.records[0]?.get('removed') as number | undefined) ?? 0;
      total += removed;
      if (removed < deleteBatchSize) return total;
    }
  }

  async completeRun(run: RunContext, subscriptionIds: readonly string[]): Promise<CleanupReport> {
    let removedNodes = 0;
    let removedEdges = 0;
    for (const subscriptionId of subscriptionIds) {
      const parameters = { subscriptionId, runId: run.runId };
      for (const kind of CLEANUP_EDGE_KINDS) removedEdges += await this.deleteInBatches(cleanupEdgesCypher(kind), parameters);
      for (const kind of CLEANUP_NODE_KINDS) removedNodes += await this.deleteInBatches(cleanupNodesCypher(kind), parameters);
    }
    await this.connection.transaction('WRITE', (tx) => tx.run(RECORD_INGEST_CYPHER, stampParameters(run)));
    return { removedNodes, removedEdges };
  }

  async replaceAnalysis(result: AnalysisResult, run: RunContext): Promise<void> {
    const stamp = stampParameters(run);
    const { batchSize } = this.sizes;
    // One transaction: readers see the previous analysis until it commits, then the new one whole.
    await this.connection.transaction('WRITE', async (tx) => {
      for (const statement of clearAnalysisCypher()) await tx.run(statement);
      // Insight labels (insight-labels.ts): the explorer's index for insight conditions, owned by the analysis.
      for (const statement of clearInsightLabelsCypher()) await tx.run(statement);
      for (const [kind, group] of groupBy(result.nodes, (n) => n.kind)) {
        for (const batch of chunks(group, batchSize)) await tx.run(upsertNodesCypher(kind as NodeKind), { rows: nodeRows(batch), ...stamp });
      }
      for (const [kind, group] of groupBy(result.edges, (e) => e.kind)) {
        for (const batch of chunks(group, batchSize)) {
          await tx.run(upsertEdgesCypher(kind as EdgeKind), { rows: edgeRows(batch), ...stamp });
        }
      }
      for (const [kind, group] of groupBy(result.insights, (u) => u.kind)) {
        for (const batch of chunks(group, batchSize)) {
          const rows = batch.map((u) => ({ id: u.id, insights: [...u.insights], evidence: JSON.stringify(u.evidence) }));
          await tx.run(setInsightsCypher(kind as NodeKind), { rows });
        }
      }
      for (const s of insightLabelStatements(result.insights, batchSize)) await tx.run(s.cypher, s.parameters);
      await tx.run(RECORD_ANALYSIS_CYPHER, stampParameters(run));
    });
  }
}
