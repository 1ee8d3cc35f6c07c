/**
 * Cypher text generated from the model's declarations. Only labels, edge types and property names from the
 * closed model are ever written into query text; every value travels as a parameter. Labels and types that travel
 * as parameters (`$labels`, `$type`: one statement for every kind) come from `nodeLabels` and `edgeType`, which
 * refuse anything outside the closed model.
 */
import {
  assertNever,
  EDGE_DECLARATIONS,
  isEdgeKind,
  isNodeKind,
  NODE_DECLARATIONS,
  nodeDeclaration,
  nodeProperties,
  type EdgeKind,
  type NodeKind,
} from '../../model/index.js';
import { ValidationError } from '../../util/errors.js';
import { UNINGESTED_PROPERTIES } from '../port.js';
import { TRAFFIC_PROPERTIES, type PropertyOwner } from '../property-owners.js';
import { GENERATION, VERSIONING_PROPERTIES, insightEvidenceOf, insightsOf, isAnalysisKind, isDerivedKind, visible } from './generation.js';
import { ENTITY_LABEL, quoteName as q } from './names.js';

export { ANALYSIS_NODE_KINDS, ENTITY_LABEL } from './names.js';

/** The labels every node of a kind carries besides its kind: its family's, and Entity. */
export const sharedLabels = (kind: NodeKind) => `${q(nodeDeclaration(kind).family)}:${ENTITY_LABEL}`;

/** The run stamp of a write (`firstSeen` is set on creation only, by each statement its own way). */
const seen = (variable: string) => `${variable}.lastSeen = $now, ${variable}.lastRunId = $runId`;

/**
 * Stored nodes rewritten by a write of `owner` (property-owners.ts): a resource write replaces the properties
 * exactly, keeping only those it does not own (listed by name, from the closed model and the store's own
 * versioning names); a traffic write sets its own properties, its rows carrying null for each traffic property
 * they lack, which removes it.
 */
export function upsertNodesCypher(kind: NodeKind, owner: PropertyOwner = 'resource'): string {
  switch (owner) {
    case 'resource': {
      const kept = [...KEPT_ON_RESOURCE_WRITE].map((name) => `.${q(name)}`).join(', ');
      return [
        'UNWIND $rows AS row',
        `MERGE (n:${q(kind)} {id: row.id})`,
        'ON CREATE SET n.firstSeen = $now',
        `WITH n, row, n{${kept}} AS kept`,
        `SET n = row.properties, n += kept, n.id = row.id, n:${sharedLabels(kind)}, ${seen('n')}`,
      ].join('\n');
    }
    case 'traffic':
      return [
        'UNWIND $rows AS row',
        `MERGE (n:${q(kind)} {id: row.id})`,
        'ON CREATE SET n.firstSeen = $now',
        `SET n += row.properties, n:${sharedLabels(kind)}, ${seen('n')}`,
      ].join('\n');
    default:
      return assertNever(owner);
  }
}

/** What a resource write keeps of a stored node: the first stamp, the analysis's properties, traffic facts. */
const KEPT_ON_RESOURCE_WRITE: ReadonlySet<string> = new Set(['firstSeen', ...UNINGESTED_PROPERTIES, ...VERSIONING_PROPERTIES, ...TRAFFIC_PROPERTIES]);

/**
 * Nodes the store does not hold yet (checked just before, see `existingIdsCypher`): one CREATE with every label and
 * property instead of MERGE's lookup, lock and label changes. The result is the node `upsertNodesCypher` writes.
 * If another writer created one of them in between, the uniqueness constraint refuses the CREATE and the caller
 * runs the MERGE instead. One statement for every kind: the labels are the parameter `$labels` (`nodeLabels`),
 * so the server plans it once, not once per kind.
 */
export function createNodesCypher(): string {
  return [
    'UNWIND $rows AS row',
    'CREATE (n:$($labels))',
    `SET n = row.properties, n.id = row.id, n.firstSeen = $now, ${seen('n')}`,
  ].join('\n');
}

/**
 * The labels of a node of `kind` (its kind, its family, Entity), for a statement that takes them as `$labels`.
 * Only a kind of the closed model gets any: anything else is refused before it could reach the server as a label.
 */
export function nodeLabels(kind: NodeKind): string[] {
  if (!isNodeKind(kind)) throw new ValidationError(`Unknown node kind ${String(kind)}`);
  return [kind, nodeDeclaration(kind).family, ENTITY_LABEL];
}

/** The type of an edge of `kind`, for a statement that takes it as `$type`: only a kind of the closed model. */
export function edgeType(kind: EdgeKind): string {
  if (!isEdgeKind(kind)) throw new ValidationError(`Unknown edge kind ${String(kind)}`);
  return kind;
}

/** Which of these ids the store already holds, under any kind. */
export function existingIdsCypher(): string {
  return `UNWIND $ids AS id MATCH (n:${ENTITY_LABEL} {id: id}) RETURN n.id AS id`;
}

/**
 * Ends are matched on the shared Entity label (unique id index), not on their kinds: an edge written before the
 * kind of one end was known for sure (a private endpoint's target site: web, function or Logic App) still lands,
 * exactly as in the memory store.
 */
export function upsertEdgesCypher(kind: EdgeKind): string {
  return [
    'UNWIND $rows AS row',
    `MATCH (a:${ENTITY_LABEL} {id: row.from})`,
    `MATCH (b:${ENTITY_LABEL} {id: row.to})`,
    `MERGE (a)-[r:${q(kind)}]->(b)`,
    'ON CREATE SET r.firstSeen = $now',
    `SET r += row.properties, ${seen('r')}`,
    'RETURN count(r) AS written',
  ].join('\n');
}

/**
 * Stale nodes of one kind in the subscriptions cleaned (`$subscriptionIds`), removed in bounded batches: one statement
 * per kind for every subscription of the run (the index on subscriptionId seeks each value of the list), not one per
 * kind and subscription.
 */
export function cleanupNodesCypher(kind: NodeKind): string {
  return [
    `MATCH (n:${q(kind)})`,
    'WHERE n.subscriptionId IN $subscriptionIds AND n.lastRunId <> $runId',
    'WITH n LIMIT toInteger($batchSize)',
    'DETACH DELETE n',
    'RETURN count(*) AS removed',
  ].join('\n');
}

export function cleanupEdgesCypher(kind: EdgeKind): string {
  return [
    `MATCH ()-[r:${q(kind)}]->()`,
    'WHERE r.subscriptionId IN $subscriptionIds AND r.lastRunId <> $runId',
    'WITH r LIMIT toInteger($batchSize)',
    'DELETE r',
    'RETURN count(*) AS removed',
  ].join('\n');
}

export const CLEANUP_NODE_KINDS: readonly NodeKind[] = NODE_DECLARATIONS.filter((d) => d.subscriptionScoped).map((d) => d.kind);
export const CLEANUP_EDGE_KINDS: readonly EdgeKind[] = EDGE_DECLARATIONS.filter((d) => !d.derived).map((d) => d.kind);

/** Nodes by id: of an analysis-owned id, the current generation's node (see generation.ts). */
export function getNodesCypher(): string {
  return `UNWIND $ids AS id MATCH (n:${ENTITY_LABEL} {id: id}) WHERE ${visible('n')} RETURN n ORDER BY n.id`;
}


/** A property reference: the name comes from the model's declarations, never from input as is. */
export function propertyRef(variable: string, kind: NodeKind, property: string): string {
  if (!(property in nodeProperties(kind))) throw new Error(`Undeclared property ${kind}.${property}`);
  return `${variable}.${q(property)}`;
}

/** Ingested kinds are counted from the count store; analysis-owned ones in the current generation only. */
export function countNodesCypher(kind: NodeKind): string {
  return isAnalysisKind(kind) ? `MATCH (n:${q(kind)}) WHERE n.${GENERATION} = $generation RETURN count(n) AS count` : `MATCH (n:${q(kind)}) RETURN count(n) AS count`;
}

export function countEdgesCypher(kind: EdgeKind): string {
  return isDerivedKind(kind)
    ? `MATCH ()-[r:${q(kind)}]->() WHERE r.${GENERATION} = $generation RETURN count(r) AS count`
    : `MATCH ()-[r:${q(kind)}]->() RETURN count(r) AS count`;
}

/** What an analysis starts from: the kinds ingest writes (CLEANUP_* are the same sets, named for their use). */
export const INGESTED_NODE_KINDS: readonly NodeKind[] = CLEANUP_NODE_KINDS;
export const INGESTED_EDGE_KINDS: readonly EdgeKind[] = CLEANUP_EDGE_KINDS;

/**
 * Every node of a kind, by element id, its properties as two parallel lists (names, values) in the order
 * `properties(n)` has them: the driver decodes a list far faster than a map (it defines each map entry as an
 * object property), so this is how 100,000 nodes come back in reasonable time. `$skip` names properties left out:
 * the store's versioning properties always, and in scope `ingested` UNINGESTED_PROPERTIES too, so a previous
 * analysis's evidence is not sent only to be discarded. In scope `all` the current generation's insights stand in
 * for the slots they are kept in, and an analysis-owned kind gives the current generation's nodes only.
 * Element ids are only meaningful inside one transaction: the reader runs this and `streamEdgesCypher` in one.
 */
export function streamNodesCypher(kind: NodeKind, scope: 'all' | 'ingested'): string {
  const match = isAnalysisKind(kind) ? `MATCH (n:${q(kind)}) WHERE n.${GENERATION} = $generation` : `MATCH (n:${q(kind)})`;
  const properties = scope === 'all' ? `n{.*, insights: ${insightsOf('n')}, insightEvidence: ${insightEvidenceOf('n')}}` : 'properties(n)';
  return [
    match,
    `WITH elementId(n) AS ref, ${properties} AS p`,
    'WITH ref, p, [k IN keys(p) WHERE NOT k IN $skip AND p[k] IS NOT NULL] AS names',
    'RETURN ref, names, [k IN names | p[k]] AS values',
  ].join('\n');
}

/**
 * Every edge of a kind: its ends by element id (the reader knows each node's id and kind from the nodes it streamed
 * first in the same transaction, so no end's ARM id or labels travel again), its properties as names and values;
 * of a derived kind, the current generation's edges only, without their generation.
 */
export function streamEdgesCypher(kind: EdgeKind): string {
  const match = isDerivedKind(kind) ? `MATCH (a)-[r:${q(kind)}]->(b) WHERE r.${GENERATION} = $generation` : `MATCH (a)-[r:${q(kind)}]->(b)`;
  return [
    match,
    'WITH elementId(a) AS from, elementId(b) AS to, properties(r) AS p',
    `WITH from, to, p, [k IN keys(p) WHERE k <> '${GENERATION}'] AS names`,
    'RETURN from, to, names, [k IN names | p[k]] AS values',
  ].join('\n');
}

/** Ids and labels of nodes by element id, for edge ends the reader has not seen among the streamed nodes. */
export function nodesByRefCypher(): string {
  return 'UNWIND $refs AS ref MATCH (n) WHERE elementId(n) = ref RETURN ref, n.id AS id, labels(n) AS labels';
}

export { q as quoteName };
