import type { EdgeKind, Family, NodeKind } from './kinds.js';

/**
 * Property types a node or edge may carry. `json` values are nested structures (tags, evidence): the memory
 * store keeps them as they are, Neo4j stores them as JSON text and the adapter decodes them on the way out, so
 * both stores return identical values.
 */
export type PropertyType = 'string' | 'number' | 'boolean' | 'string[]' | 'number[]' | 'json';

export interface PropertyDeclaration {
  readonly type: PropertyType;
  readonly description: string;
  /** Creates a Neo4j range index on this property of the kind. */
  readonly indexed?: boolean;
}

export type PropertyDeclarations = Readonly<Record<string, PropertyDeclaration>>;

export interface NodeDeclaration {
  readonly kind: NodeKind;
  readonly family: Family;
  readonly description: string;
  /** How the id is formed. */
  readonly idRule: string;
  /** Properties beyond the common ones every node has. */
  readonly properties: PropertyDeclarations;
  /** Nodes of kinds scoped to a subscription are removed by cleanup when a run of that subscription no longer sees them. */
  readonly subscriptionScoped: boolean;
  // Kinds that are not subscription-scoped (results, classification, the internet, external hosts) are owned by
  // analysis: replaced as a whole by every analysis run.
}

export interface EdgeDeclaration {
  readonly kind: EdgeKind;
  readonly description: string;
  /** Derived edges are computed by analysis and replaced on every analysis; ingested ones come from sources. */
  readonly derived: boolean;
  readonly from: readonly NodeKind[];
  readonly to: readonly NodeKind[];
  readonly properties: PropertyDeclarations;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
