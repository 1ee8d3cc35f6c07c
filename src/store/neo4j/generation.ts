/**
 * An analysis in Neo4j is a generation: its nodes, derived edges and insights are written tagged with a new
 * generation number in bounded transactions, then one small transaction points the state node at it, then the
 * previous generation is removed in batches. Readers filter on the generation the state node names, so they see
 * the previous analysis whole until the switch and the new one whole after it; a write that fails part way leaves
 * only data no reader looks at, removed by the next analysis.
 *
 * Analysis-owned nodes and derived edges carry `generation`. Insights live on ingested nodes, so they are kept in
 * two slots (A and B): a new generation writes the slot the current one does not use, each slot remembering the
 * generation it holds. Only names from this closed set of slots reach query text; every value is a parameter.
 */
import { DERIVED_EDGE_KINDS, assertNever, type EdgeKind, type NodeKind } from '../../model/index.js';
import { ANALYSIS_NODE_KINDS, ENTITY_LABEL, quoteName as q } from './names.js';

export type InsightSlot = 'A' | 'B';

export const GENERATION = 'generation';

/** The stored property names of one insight slot. */
export function slotProperties(slot: InsightSlot): { insights: string; evidence: string; generation: string } {
  switch (slot) {
    case 'A':
    case 'B':
      return { insights: `insights${slot}`, evidence: `insightEvidence${slot}`, generation: `insightsGeneration${slot}` };
    default:
      return assertNever(slot);
  }
}

export const INSIGHT_SLOTS: readonly InsightSlot[] = ['A', 'B'];

export const otherSlot = (slot: InsightSlot | null): InsightSlot => (slot === 'A' ? 'B' : 'A');

/** Stored properties that only version the analysis: never handed out under their own names. */
export const VERSIONING_PROPERTIES: ReadonlySet<string> = new Set([
  GENERATION,
  ...INSIGHT_SLOTS.flatMap((slot) => Object.values(slotProperties(slot))),
]);

const ANALYSIS_KINDS: ReadonlySet<NodeKind> = new Set(ANALYSIS_NODE_KINDS);
const DERIVED_KINDS: ReadonlySet<EdgeKind> = new Set(DERIVED_EDGE_KINDS);

export const isAnalysisKind = (kind: NodeKind) => ANALYSIS_KINDS.has(kind);
export const isDerivedKind = (kind: EdgeKind) => DERIVED_KINDS.has(kind);

/** A node or edge of the current analysis, or one ingest wrote (which has no generation). */
export const visible = (variable: string) => `(${variable}.${GENERATION} IS NULL OR ${variable}.${GENERATION} = $generation)`;

/** The current generation's value of an insight property, from whichever slot holds it (null when none does). */
function currentSlotValue(variable: string, pick: 'insights' | 'evidence'): string {
  const [a, b] = INSIGHT_SLOTS.map(slotProperties) as [ReturnType<typeof slotProperties>, ReturnType<typeof slotProperties>];
  return `CASE $generation WHEN ${variable}.${a.generation} THEN ${variable}.${a[pick]} WHEN ${variable}.${b.generation} THEN ${variable}.${b[pick]} END`;
}

/** The node's insights in the current analysis, as a Cypher expression (the explorer and listings filter on it). */
export const insightsOf = (variable: string) => currentSlotValue(variable, 'insights');
export const insightEvidenceOf = (variable: string) => currentSlotValue(variable, 'evidence');

/**
 * New analysis-owned nodes of the generation (CREATE: a generation never merges into another), of the kind whose
 * labels are `$labels` (cypher.ts, `nodeLabels`): one statement for every kind.
 */
export function createGenerationNodesCypher(): string {
  return [
    'UNWIND $rows AS row',
    'CREATE (n:$($labels))',
    `SET n = row.properties, n.id = row.id, n.${GENERATION} = $generation, n.firstSeen = $now, n.lastSeen = $now, n.lastRunId = $runId`,
    'RETURN count(n) AS written',
  ].join('\n');
}

/**
 * Derived edges of the generation, of the type `$type` (cypher.ts, `edgeType`): ends are ingested nodes or
 * analysis-owned nodes of this same generation (an analysis-owned id exists once per generation while two coexist).
 * CREATE, not MERGE: the generation is new, and the writer hands over each edge once (repeated rows merged first,
 * see generation-writer.ts), so no lookup of existing relationships or end locks are needed.
 */
export function createGenerationEdgesCypher(): string {
  return [
    'UNWIND $rows AS row',
    `MATCH (a:${ENTITY_LABEL} {id: row.from}) WHERE ${visible('a')}`,
    `MATCH (b:${ENTITY_LABEL} {id: row.to}) WHERE ${visible('b')}`,
    'CREATE (a)-[r:$($type)]->(b)',
    `SET r = row.properties, r.${GENERATION} = $generation, r.firstSeen = $now, r.lastSeen = $now, r.lastRunId = $runId`,
    'RETURN count(r) AS written',
  ].join('\n');
}

/**
 * Insights of the generation into its slot, on nodes of any kind, found by id: an ingested node, or of an
 * analysis-owned id the generation's own node (the other generation's has another `generation`). `more` are
 * clauses on the same matched node `n` and its `row` (the insight labels, insight-labels.ts), so each node is
 * looked up once for all it gets.
 */
export function setGenerationInsightsCypher(slot: InsightSlot, more: readonly string[] = []): string {
  const p = slotProperties(slot);
  return [
    'UNWIND $rows AS row',
    `MATCH (n:${ENTITY_LABEL} {id: row.id}) WHERE ${visible('n')}`,
    `SET n.${p.insights} = row.insights, n.${p.evidence} = row.evidence, n.${p.generation} = $generation`,
    ...more,
    'RETURN count(n) AS written',
  ].join('\n');
}

/**
 * Statements removing, in bounded batches, every generation but `$keep` (run after a switch, and before a write to
 * clear what a failed one left). Each returns how many it removed; the caller repeats one until it removes fewer
 * than `$batchSize`. Older and newer generations are two statements, each one range predicate with an index-seek
 * hint (the generation indexes, see schema.ts), so every batch is a range seek whatever the planner's statistics
 * say — unhinted, and with the two ranges joined by OR, the planner may read the whole index of the kind per batch;
 * and a plain `USING INDEX` forces the index but not the seek: on some statistics it was planned as a scan of the
 * whole relationship index with a filter.
 */
export function removeOtherGenerationsCypher(): string[] {
  const limit = 'LIMIT toInteger($batchSize)';
  const others = (ref: string) => [`${ref} < $keep`, `${ref} > $keep`];
  return [
    ...DERIVED_EDGE_KINDS.flatMap((kind) =>
      others(`r.${GENERATION}`).map(
        (where) => `MATCH ()-[r:${q(kind)}]->() USING INDEX SEEK r:${q(kind)}(${GENERATION}) WHERE ${where} WITH r ${limit} DELETE r RETURN count(*) AS removed`,
      ),
    ),
    ...ANALYSIS_NODE_KINDS.flatMap((kind) =>
      others(`n.${GENERATION}`).map(
        (where) => `MATCH (n:${q(kind)}) USING INDEX SEEK n:${q(kind)}(${GENERATION}) WHERE ${where} WITH n ${limit} DETACH DELETE n RETURN count(*) AS removed`,
      ),
    ),
    ...INSIGHT_SLOTS.flatMap((slot) => {
      const p = slotProperties(slot);
      return others(`n.${p.generation}`).map(
        (where) =>
          `MATCH (n:${ENTITY_LABEL}) USING INDEX SEEK n:${ENTITY_LABEL}(${p.generation}) WHERE ${where} WITH n ${limit} REMOVE n.${p.insights}, n.${p.evidence}, n.${p.generation} RETURN count(*) AS removed`,
      );
    }),
  ];
}

/**
 * What a store written before analyses were generations holds: analysis nodes and derived edges without a
 * generation, insights outside the slots. Never current again; removed in batches like an old generation.
 */
export function removeUnversionedAnalysisCypher(): string[] {
  const limit = 'LIMIT toInteger($batchSize)';
  return [
    ...DERIVED_EDGE_KINDS.map((kind) => `MATCH ()-[r:${q(kind)}]->() WHERE r.${GENERATION} IS NULL WITH r ${limit} DELETE r RETURN count(*) AS removed`),
    ...ANALYSIS_NODE_KINDS.map((kind) => `MATCH (n:${q(kind)}) WHERE n.${GENERATION} IS NULL WITH n ${limit} DETACH DELETE n RETURN count(*) AS removed`),
    `MATCH (n:${ENTITY_LABEL}) WHERE n.insights IS NOT NULL OR n.insightEvidence IS NOT NULL WITH n ${limit} REMOVE n.insights, n.insightEvidence RETURN count(*) AS removed`,
  ];
}

/** Indexes the batched removals seek on: `generation` of analysis kinds and derived edges, each slot's generation. */
export function generationIndexStatements(snake: (name: string) => string): string[] {
  return [
    ...ANALYSIS_NODE_KINDS.map((kind) => `CREATE INDEX ${snake(kind)}_generation IF NOT EXISTS FOR (n:${q(kind)}) ON (n.${GENERATION})`),
    ...DERIVED_EDGE_KINDS.map((kind) => `CREATE INDEX ${snake(kind)}_generation IF NOT EXISTS FOR ()-[r:${q(kind)}]-() ON (r.${GENERATION})`),
    ...INSIGHT_SLOTS.map((slot) => `CREATE INDEX entity_insights_generation_${slot.toLowerCase()} IF NOT EXISTS FOR (n:${ENTITY_LABEL}) ON (n.${slotProperties(slot).generation})`),
  ];
}
