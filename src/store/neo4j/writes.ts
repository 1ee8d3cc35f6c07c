/** The Neo4j store's writes: batched UNWIND statements grouped into few transactions, cleanup, analysis swaps. */
import type { EdgeKind, GraphEdge, GraphNode } from '../../model/index.js';
import type { AnalysisResult, CleanupReport, RunContext, UpsertReport } from '../port.js';
import { ownerOfWrite, TRAFFIC_PROPERTIES, type PropertyOwner } from '../property-owners.js';
import { edgeRows, nodeRows } from './codec.js';
import type { Neo4jConnection } from './connection.js';
import {
  CLEANUP_EDGE_KINDS,
  CLEANUP_NODE_KINDS,
  cleanupEdgesCypher,
  cleanupNodesCypher,
  createNodesCypher,
  existingIdsCypher,
  nodeLabels,
  upsertEdgesCypher,
  upsertNodesCypher,
} from './cypher.js';
import { chunks, groupBy, type Statement } from './batches.js';
import { writeGeneration } from './generation-writer.js';
import { RECORD_INGEST_CYPHER, stampParameters } from './state.js';

export interface WriteSizes {
  /** Rows per UNWIND batch. */
  readonly batchSize: number;
  /** Rows per cleanup DELETE batch. */
  readonly deleteBatchSize: number;
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

/**
 * Rows of a node write. A traffic write names each traffic property it lacks with null, so `SET n += row` removes
 * it: the traffic facts are replaced exactly while the resource's stay (property-owners.ts).
 */
function writeRows(nodes: readonly GraphNode[], owner: PropertyOwner) {
  const rows = nodeRows(nodes);
  if (owner === 'resource') return rows;
  return rows.map((row) => {
    const properties: Record<string, unknown> = Object.fromEntries([...TRAFFIC_PROPERTIES].map((name) => [name, null]));
    return { ...row, properties: Object.assign(properties, row.properties) };
  });
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
    const key = (n: GraphNode) => `${stored.has(n.id) ? 'merge' : 'create'}\u0000${ownerOfWrite(n)}\u0000${n.kind}`;
    for (const group of groupBy(nodes, key).values()) {
      const { kind, id } = group[0]!;
      const owner = ownerOfWrite(group[0]!);
      const merge = upsertNodesCypher(kind, owner);
      const create = stored.has(id) ? null : createNodesCypher();
      const labels = nodeLabels(kind);
      for (const batch of chunks(group, this.sizes.batchSize)) {
        // The MERGE names its kind in its text and ignores `labels`; the CREATE takes them from it.
        const parameters = () => ({ rows: writeRows(batch, owner), labels });
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

  /** The write of an analysis as a new generation (generation-writer.ts) runs its batches through the same groups. */
  replaceAnalysis(result: AnalysisResult, run: RunContext): Promise<void> {
    return writeGeneration(this.connection, this.sizes.batchSize, result, run, {
      write: (statements, parameters) => this.writeStatements(statements, run, parameters),
      remove: (statements, parameters) => this.deleteAllInBatches(statements, parameters),
    });
  }

  /**
   * Runs the statements in as few transactions as the row cap allows (each retried as a whole): one commit per
   * call rather than one per kind and batch, which on a call of many kinds with few rows each was most of the time.
   * The cap keeps a transaction within the server's per-transaction memory. Returns the `written` counts.
   */
  private async writeStatements(statements: readonly Statement[], run: RunContext, extra: Record<string, unknown> = {}): Promise<number> {
    const stamp = { ...stampParameters(run), ...extra };
    const runGroup = (group: readonly Statement[], cypherOf: (s: Statement) => string) =>
      this.connection.transaction('WRITE', async (tx) => {
        // Every statement is sent before the first result is awaited: the server runs one while this process encodes
        // the next, instead of each side waiting on the other once per statement. They still run in order.
        const results = await Promise.all(group.map((statement) => tx.run(cypherOf(statement), { ...statement.parameters(), ...stamp })));
        return results.reduce((count, result) => count + ((result.records[0]?.get('written') as number | undefined) ?? 0), 0);
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

  /**
   * Runs bounded removals (each takes its limit as `$batchSize`) until none has more to remove. One transaction runs
   * them in turn, sharing one batch's quota, so the many removals of an analysis that have little or nothing to
   * remove cost one commit rather than one each; a removal that used its whole limit runs again in the next.
   */
  private async deleteAllInBatches(statements: readonly string[], parameters: Record<string, unknown>): Promise<number> {
    let pending = [...statements];
    let total = 0;
    while (pending.length > 0) {
      const round = await this.connection.transaction('WRITE', async (tx) => {
        let quota = this.sizes.deleteBatchSize;
        let removed = 0;
        const unfinished: string[] = [];
        for (const [i, cypher] of pending.entries()) {
          if (quota === 0) {
            unfinished.push(...pending.slice(i));
            break;
          }
          const result = await tx.run(cypher, { ...parameters, batchSize: quota });
          const count = (result.records[0]?.get('removed') as number | undefined) ?? 0;
          if (count === quota) unfinished.push(cypher);
          removed += count;
          quota -= count;
        }
        return { removed, unfinished };
      });
      total += round.removed;
      pending = round.unfinished;
    }
    return total;
  }

  async completeRun(run: RunContext, subscriptionIds: readonly string[]): Promise<CleanupReport> {
    let removedNodes = 0;
    let removedEdges = 0;
    if (subscriptionIds.length > 0) {
      const parameters = { subscriptionIds: [...subscriptionIds], runId: run.runId };
      removedEdges = await this.deleteAllInBatches(CLEANUP_EDGE_KINDS.map(cleanupEdgesCypher), parameters);
      removedNodes = await this.deleteAllInBatches(CLEANUP_NODE_KINDS.map(cleanupNodesCypher), parameters);
    }
    await this.connection.transaction('WRITE', (tx) => tx.run(RECORD_INGEST_CYPHER, stampParameters(run)));
    return { removedNodes, removedEdges };
  }
}
