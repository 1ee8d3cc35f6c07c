/** What the closed model says about the kinds an explorer query may meet: selectors, edge ends, property types. */
import {
  FAMILIES,
  NODE_DECLARATIONS,
  edgeDeclaration,
  edgeProperties,
  isNodeKind,
  nodeDeclaration,
  nodeProperties,
  type EdgeKind,
  type Family,
  type NodeKind,
  type PropertyType,
} from '../model/index.js';
import type { ConnectionDirection, KindSelector } from './ast.js';

const ALL_KINDS: readonly NodeKind[] = NODE_DECLARATIONS.map((d) => d.kind);

export function isFamily(value: string): value is Family {
  return (FAMILIES as readonly string[]).includes(value);
}

export function isKindSelector(value: string): value is KindSelector {
  return isNodeKind(value) || isFamily(value);
}

/** The node kinds a selector stands for: itself, or every kind of the family. */
export function kindsOf(selector: KindSelector | undefined): readonly NodeKind[] {
  if (selector === undefined) return ALL_KINDS;
  if (isNodeKind(selector)) return [selector];
  return NODE_DECLARATIONS.filter((d) => d.family === selector).map((d) => d.kind);
}

export function selectorMatches(selector: KindSelector | undefined, kind: NodeKind): boolean {
  return selector === undefined || selector === kind || nodeDeclaration(kind).family === selector;
}

/** Kinds a walk over `edge` in `direction` may start at (its first edge's near end). */
export function startKinds(edge: EdgeKind, direction: ConnectionDirection): readonly NodeKind[] {
  const { from, to } = edgeDeclaration(edge);
  return direction === 'out' ? from : direction === 'in' ? to : [...new Set([...from, ...to])];
}

/** Kinds a walk over `edge` in `direction` may end at (its last edge's far end), whatever the number of hops. */
export function endKinds(edge: EdgeKind, direction: ConnectionDirection): readonly NodeKind[] {
  return startKinds(edge, direction === 'out' ? 'in' : direction === 'in' ? 'out' : 'both');
}

/** The kinds a connection's far end can be: what the edge allows, narrowed by the target's selector. */
export function targetKinds(
  edge: EdgeKind,
  direction: ConnectionDirection,
  selector: KindSelector | undefined,
): readonly NodeKind[] {
  const allowed = new Set(kindsOf(selector));
  return endKinds(edge, direction).filter((k) => allowed.has(k));
}

export type PropertyLookup =
  | { readonly found: true; readonly type: PropertyType }
  | { readonly found: false; readonly reason: 'undeclared' | 'conflict'; readonly types?: readonly PropertyType[] };

/**
 * The type of a property on a set of kinds: declared on at least one of them, with one type wherever declared
 * (a node of a kind without the property simply has no value, and every operator but `exists` is false on it).
 */
export function nodePropertyType(kinds: readonly NodeKind[], property: string): PropertyLookup {
  const types = new Set<PropertyType>();
  for (const kind of kinds) {
    const declaration = Object.hasOwn(nodeProperties(kind), property) ? nodeProperties(kind)[property] : undefined;
    if (declaration) types.add(declaration.type);
  }
  if (types.size === 1) return { found: true, type: [...types][0]! };
  return types.size === 0
    ? { found: false, reason: 'undeclared' }
    : { found: false, reason: 'conflict', types: [...types] };
}

export function edgePropertyType(edge: EdgeKind, property: string): PropertyLookup {
  const declarations = edgeProperties(edge);
  const declaration = Object.hasOwn(declarations, property) ? declarations[property] : undefined;
  return declaration ? { found: true, type: declaration.type } : { found: false, reason: 'undeclared' };
}
