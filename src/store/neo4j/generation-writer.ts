/** Writes an analysis as a new generation: begin, batched writes, the switch, removal of the others (generation.ts). */
import { edgeKey, type EdgeKind, type GraphEdge, type NodeKind } from '../../model/index.js';
import type { AnalysisResult, RunContext } from '../port.js';
import { edgeRows, nodeRows } from './codec.js';
import type { Neo4jConnection } from './connection.js';
import { edgeType, nodeLabels } from './cypher.js';
import {
  createGenerationNodesCypher,
  createGenerationEdgesCypher,
  otherSlot,
  removeOtherGenerationsCypher,
  removeUnversionedAnalysisCypher,
  setGenerationInsightsCypher,
  type InsightSlot,
} from './generation.js';
import { insightLabelClauses, LABEL_INSIGHTS, staleInsightLabelsCypher } from './insight-labels.js';
import { BEGIN_GENERATION_CYPHER, SWITCH_GENERATION_CYPHER, stampParameters } from './state.js';
import { chunks, groupBy, type Statement } from './batches.js';

/** The writer's two batched operations the generation's write is made of. */
export interface GenerationWrites {
  /** Runs UNWIND statements in bounded transactions (each retried whole); returns the rows written. */
  write(statements: readonly Statement[], parameters: Record<string, unknown>): Promise<number>;
  /** Repeats bounded removals in bounded transactions until none has more to remove; returns how many it removed. */
  remove(statements: readonly string[], parameters: Record<string, unknown>): Promise<number>;
}

interface Begun {
  readonly generation: number;
  readonly current: number | null;
  readonly slot: InsightSlot;
}

async function beginGeneration(connection: Neo4jConnection): Promise<Begun> {
  const record = await connection.transaction('WRITE', async (tx) => (await tx.run(BEGIN_GENERATION_CYPHER)).records[0]!);
  const current = record.get('current') as number | null;
  return { generation: record.get('generation') as number, current, slot: otherSlot(record.get('slot') as InsightSlot | null) };
}

/** One edge per kind and ends, repeated rows' properties merged in order (what MERGE … SET += would store). */
function distinctEdges(edges: readonly GraphEdge[]): GraphEdge[] {
  const byKey = new Map<string, GraphEdge>();
  for (const edge of edges) {
    const key = edgeKey(edge);
    const seen = byKey.get(key);
    byKey.set(key, seen ? { ...seen, properties: { ...seen.properties, ...edge.properties } } : edge);
  }
  return byKey.size === edges.length ? [...edges] : [...byKey.values()];
}

/**
 * The generation's rows as UNWIND statements: analysis-owned nodes first (edges end on them), edges, insights and
 * their labels. Each statement's text is the same for every kind (labels and types are parameters), so the server
 * plans three statements for the whole write; insights of all kinds share batches.
 */
function generationStatements(result: AnalysisResult, slot: InsightSlot, batchSize: number): Statement[] {
  const statements: Statement[] = [];
  const createNodes = createGenerationNodesCypher();
  for (const [kind, group] of groupBy(result.nodes, (n) => n.kind)) {
    const labels = nodeLabels(kind as NodeKind);
    for (const batch of chunks(group, batchSize)) statements.push({ cypher: createNodes, rows: batch.length, parameters: () => ({ rows: nodeRows(batch), labels }) });
  }
  const createEdges = createGenerationEdgesCypher();
  for (const [kind, group] of groupBy(distinctEdges(result.edges), (e) => e.kind)) {
    const type = edgeType(kind as EdgeKind);
    for (const batch of chunks(group, batchSize)) statements.push({ cypher: createEdges, rows: batch.length, parameters: () => ({ rows: edgeRows(batch), type }) });
  }
  const setInsights = setGenerationInsightsCypher(slot, insightLabelClauses());
  for (const batch of chunks(result.insights, batchSize)) {
    const rows = () => batch.map((u) => ({ id: u.id, insights: [...u.insights], evidence: JSON.stringify(u.evidence) }));
    statements.push({ cypher: setInsights, rows: batch.length, parameters: () => ({ rows: rows() }) });
  }
  return statements;
}

/**
 * No transaction holds more than the writer's row cap, so an analysis of any size fits the server's per-transaction
 * memory; readers see the previous analysis until the switch commits. If anything before the switch fails, the
 * previous analysis stays current and what was written is removed by the next analysis before it writes.
 */
export async function writeGeneration(
  connection: Neo4jConnection,
  batchSize: number,
  result: AnalysisResult,
  run: RunContext,
  writes: GenerationWrites,
): Promise<void> {
  const { generation, current, slot } = await beginGeneration(connection);
  // What an earlier failed write left (never current, so no reader sees it), and the slot the new insights go to.
  await writes.remove(removeOtherGenerationsCypher(), { keep: current ?? -1 });
  await writes.write(generationStatements(result, slot, batchSize), { generation, labelInsights: LABEL_INSIGHTS });
  await connection.transaction('WRITE', (tx) => tx.run(SWITCH_GENERATION_CYPHER, { ...stampParameters(run), generation, slot }));
  await writes.remove([...removeOtherGenerationsCypher(), ...removeUnversionedAnalysisCypher()], { keep: generation });
  await writes.remove(staleInsightLabelsCypher(), { generation, labelInsights: LABEL_INSIGHTS });
}
