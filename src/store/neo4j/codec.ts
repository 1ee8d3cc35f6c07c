/** Graph nodes and edges to and from what Neo4j stores: nested values (tags, evidence) travel as JSON text. */
import type { Node as Neo4jNode } from 'neo4j-driver';
import {
  edgeProperties,
  isNodeKind,
  nodeProperties,
  type EdgeKind,
  type GraphEdge,
  type GraphNode,
  type JsonValue,
  type NodeKind,
  type Properties,
  type PropertyDeclarations,
} from '../../model/index.js';
import { StoreError } from '../../util/errors.js';
import { INSIGHT_SLOTS, VERSIONING_PROPERTIES, slotProperties } from './generation.js';

/** Properties for a write: `json`-declared values as JSON text, the rest as they are. */
export function encodeProperties(properties: Properties, declarations: PropertyDeclarations): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(properties)) {
    out[name] = declarations[name]?.type === 'json' ? JSON.stringify(value) : value;
  }
  return out;
}

/**
 * Properties read back, given as parallel name and value lists (see streamNodesCypher): `id` lives beside the
 * properties, the store's versioning properties are its own, and Neo4j never stores null, so a null here is a
 * property a query blanked out on purpose.
 */
export function decodeEntries(
  names: readonly string[],
  values: readonly unknown[],
  declarations: PropertyDeclarations,
): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const value = values[i];
    if (name === 'id' || value === null || value === undefined || VERSIONING_PROPERTIES.has(name)) continue;
    out[name] = declarations[name]?.type === 'json' && typeof value === 'string' ? (JSON.parse(value) as JsonValue) : (value as JsonValue);
  }
  return out;
}

/** Properties read back as a map, decoded as `decodeEntries` does. */
export function decodeProperties(raw: Record<string, unknown>, declarations: PropertyDeclarations): Record<string, JsonValue> {
  const names = Object.keys(raw);
  return decodeEntries(names, names.map((name) => raw[name]), declarations);
}

export function kindFromLabels(labels: readonly string[]): NodeKind {
  const kind = labels.find(isNodeKind);
  if (!kind) throw new StoreError(`Node with labels ${labels.join(':')} has no known kind`);
  return kind;
}

/**
 * A node as readers see it at analysis generation `generation`: the insights of the slot holding that generation
 * stand as `insights` and `insightEvidence` (none when no slot does), see generation.ts.
 */
export function nodeFromNeo4j(node: Neo4jNode, generation: number | null): GraphNode {
  const kind = kindFromLabels(node.labels);
  const raw: Record<string, unknown> = { ...node.properties, insights: null, insightEvidence: null };
  for (const slot of INSIGHT_SLOTS) {
    const p = slotProperties(slot);
    if (generation !== null && node.properties[p.generation] === generation) {
      raw['insights'] = node.properties[p.insights];
      raw['insightEvidence'] = node.properties[p.evidence];
    }
  }
  return { id: node.properties['id'] as string, kind, properties: decodeProperties(raw, nodeProperties(kind)) };
}

export function edgeFromRow(
  kind: EdgeKind,
  from: string,
  fromLabels: string[],
  to: string,
  toLabels: string[],
  raw: Record<string, unknown>,
): GraphEdge {
  return {
    kind,
    from,
    fromKind: kindFromLabels(fromLabels),
    to,
    toKind: kindFromLabels(toLabels),
    properties: decodeProperties(raw, edgeProperties(kind)),
  };
}

/** UNWIND rows of a node write. */
export const nodeRows = (nodes: readonly GraphNode[]) =>
  nodes.map((n) => ({ id: n.id, properties: encodeProperties(n.properties, nodeProperties(n.kind)) }));

/** UNWIND rows of an edge write. */
export const edgeRows = (edges: readonly GraphEdge[]) =>
  edges.map((e) => ({ from: e.from, to: e.to, properties: encodeProperties(e.properties, edgeProperties(e.kind)) }));
