import { COMMON_EDGE_PROPERTIES, COMMON_NODE_PROPERTIES, AZURE_RESOURCE_PROPERTIES } from './common.js';
import type { JsonValue, PropertyDeclaration, PropertyDeclarations, PropertyType } from './declare.js';
import { edgeDeclaration } from './edges.js';
import { isEdgeKind, isNodeKind, type EdgeKind, type NodeKind } from './kinds.js';
import { nodeDeclaration } from './nodes.js';
import { ValidationError } from '../util/errors.js';

export type Properties = Readonly<Record<string, JsonValue>>;

export interface GraphNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly properties: Properties;
}

export interface GraphEdge {
  readonly kind: EdgeKind;
  readonly from: string;
  readonly fromKind: NodeKind;
  readonly to: string;
  readonly toKind: NodeKind;
  readonly properties: Properties;
}

/** An edge is identified by its two ends and its kind: at most one edge of a kind joins two nodes. */
export function edgeKey(edge: Pick<GraphEdge, 'from' | 'kind' | 'to'>): string {
  return `${edge.from}\u0000${edge.kind}\u0000${edge.to}`;
}

const nodePropertyCache = new Map<NodeKind, PropertyDeclarations>();

/** All properties a node of this kind may carry: common, Azure (for subscription-scoped kinds) and its own. */
export function nodeProperties(kind: NodeKind): PropertyDeclarations {
  let properties = nodePropertyCache.get(kind);
  if (!properties) {
    const declaration = nodeDeclaration(kind);
    properties = {
      ...COMMON_NODE_PROPERTIES,
      ...(declaration.subscriptionScoped ? AZURE_RESOURCE_PROPERTIES : {}),
      ...declaration.properties,
    };
    nodePropertyCache.set(kind, properties);
  }
  return properties;
}

const edgePropertyCache = new Map<EdgeKind, PropertyDeclarations>();

export function edgeProperties(kind: EdgeKind): PropertyDeclarations {
  let properties = edgePropertyCache.get(kind);
  if (!properties) {
    properties = { ...COMMON_EDGE_PROPERTIES, ...edgeDeclaration(kind).properties };
    edgePropertyCache.set(kind, properties);
  }
  return properties;
}

function matchesType(value: JsonValue, type: PropertyType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'string[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'number[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'number' && Number.isFinite(v));
    case 'json':
      return true;
  }
}

/** Checks properties against declarations; drops null and undefined (a missing optional value is simply absent). */
function normalizeProperties(
  owner: string,
  properties: Readonly<Record<string, JsonValue | undefined>>,
  declarations: PropertyDeclarations,
): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const name of Object.keys(properties)) {
    const value = properties[name];
    if (value === null || value === undefined) continue;
    const declaration: PropertyDeclaration | undefined = declarations[name];
    if (!declaration) throw new ValidationError(`${owner}: undeclared property "${name}"`);
    if (!matchesType(value, declaration.type)) {
      throw new ValidationError(`${owner}: property "${name}" must be ${declaration.type}`);
    }
    out[name] = value;
  }
  return out;
}

export interface NodeInput {
  readonly id: string;
  readonly kind: string;
  readonly properties: Readonly<Record<string, JsonValue | undefined>>;
}

export interface EdgeInput {
  readonly kind: string;
  readonly from: string;
  readonly fromKind: string;
  readonly to: string;
  readonly toKind: string;
  readonly properties?: Readonly<Record<string, JsonValue | undefined>>;
}

export function validateNode(input: NodeInput): GraphNode {
  if (!isNodeKind(input.kind)) throw new ValidationError(`Unknown node kind "${input.kind}"`);
  if (typeof input.id !== 'string' || input.id.length === 0) throw new ValidationError(`${input.kind} without an id`);
  if ('id' in input.properties) throw new ValidationError(`${input.kind} ${input.id}: "id" belongs outside properties`);
  return { id: input.id, kind: input.kind, properties: normalizeProperties(`${input.kind} ${input.id}`, input.properties, nodeProperties(input.kind)) };
}

export function validateEdge(input: EdgeInput): GraphEdge {
  if (!isEdgeKind(input.kind)) throw new ValidationError(`Unknown edge kind "${input.kind}"`);
  const declaration = edgeDeclaration(input.kind);
  const owner = `${input.kind} ${input.from} → ${input.to}`;
  if (!isNodeKind(input.fromKind) || !declaration.from.includes(input.fromKind)) {
    throw new ValidationError(`${owner}: ${input.kind} cannot start at ${input.fromKind}`);
  }
  if (!isNodeKind(input.toKind) || !declaration.to.includes(input.toKind)) {
    throw new ValidationError(`${owner}: ${input.kind} cannot end at ${input.toKind}`);
  }
  if (!input.from || !input.to) throw new ValidationError(`${owner}: both ends need an id`);
  return {
    kind: input.kind,
    from: input.from,
    fromKind: input.fromKind,
    to: input.to,
    toKind: input.toKind,
    properties: normalizeProperties(owner, input.properties ?? {}, edgeProperties(input.kind)),
  };
}
