/**
 * The explorer query model: a query is data (JSON or YAML), not text, like Defender's cloud security explorer.
 * Pick a kind, add conditions (insights, properties, and/or/not), add connections to other kinds over an edge
 * with a hop range and their own nested conditions. It sits below the store so that each store adapter can own
 * how it runs a query: the Neo4j adapter compiles it to parameterized Cypher (`store/neo4j/explore-cypher.ts`),
 * the memory adapter evaluates it on its graph (`store/memory/explore.ts`); both give the same rows.
 */
import type { EdgeKind, Family, Insight, JsonValue, NodeKind } from '../model/index.js';

/** Operators of a property condition, in explorer queries and in the store's own listing filters alike. */
export const FILTER_OPERATORS = ['eq', 'neq', 'in', 'contains', 'startsWith', 'gt', 'lt', 'exists'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** A node kind, or a family label (`DataStore`, `Compute`, …) standing for every kind of the family. */
export type KindSelector = NodeKind | Family;

export interface InsightCondition {
  readonly insight: Insight;
}

/**
 * A condition on one declared property, with the semantics of `matchesFilter` (src/store/query-options.ts):
 * every operator but `exists` is false on a missing property; `contains` is substring on strings and membership
 * on lists; `json` properties can only be tested with `exists`.
 */
export interface PropertyCondition {
  readonly property: string;
  readonly op: FilterOperator;
  readonly value?: JsonValue;
}

export interface AndCondition {
  readonly and: readonly Condition[];
}

export interface OrCondition {
  readonly or: readonly Condition[];
}

export interface NotCondition {
  readonly not: Condition;
}

export type Condition = InsightCondition | PropertyCondition | AndCondition | OrCondition | NotCondition;

export type ConnectionDirection = 'out' | 'in' | 'both';

/** What the far end of a connection must be. */
export interface ConnectionTarget {
  readonly kind?: KindSelector;
  readonly where?: Condition;
  readonly connections?: readonly Connection[];
}

/**
 * "Has a connection": some node other than the one tested, at a shortest distance of `minHops`..`maxHops` edges
 * of kind `edge` (walked in `direction`, every edge passing `edgeWhere`), satisfies `to`. `negate` turns it into
 * "has no such connection".
 */
export interface Connection {
  readonly edge: EdgeKind;
  readonly direction: ConnectionDirection;
  /** Default 1. */
  readonly minHops?: number;
  /** Default `minHops`; at most MAX_HOPS. */
  readonly maxHops?: number;
  /** A condition on the properties of every edge walked (e.g. HAS_PERMISSION_TO `accessLevel`); no insights. */
  readonly edgeWhere?: Condition;
  readonly to: ConnectionTarget;
  readonly negate?: boolean;
}

export interface ExplorerQuery {
  readonly kind: KindSelector;
  readonly where?: Condition;
  readonly connections?: readonly Connection[];
  /** At most this many rows in all (the first ones in id order), whatever the paging. */
  readonly limit?: number;
}

/** One page of results, ordered by node id; `after` is the opaque `endCursor` of the previous page. */
export interface ExplorePage {
  readonly first: number;
  readonly after?: string | null;
}

export const MAX_HOPS = 8;
/** Connections nest at most this deep (a connection's target's connections count one more level). */
export const MAX_CONNECTION_DEPTH = 4;
/** and/or/not nest at most this deep. */
export const MAX_CONDITION_DEPTH = 12;
/** At most this many conditions and connections in one query, all levels together. */
export const MAX_QUERY_PARTS = 200;
export const MAX_LIMIT = 1_000_000;

export function isInsightCondition(c: Condition): c is InsightCondition {
  return 'insight' in c;
}
export function isAndCondition(c: Condition): c is AndCondition {
  return 'and' in c;
}
export function isOrCondition(c: Condition): c is OrCondition {
  return 'or' in c;
}
export function isNotCondition(c: Condition): c is NotCondition {
  return 'not' in c;
}

/** The hop range of a connection with its defaults filled in. */
export function hopRange(connection: Connection): { readonly min: number; readonly max: number } {
  const min = connection.minHops ?? 1;
  return { min, max: connection.maxHops ?? min };
}
