import { isEdgeKind, nodeProperties, type GraphNode } from '../model/index.js';
import { FILTER_OPERATORS, operandProblem, type ExplorePage } from '../query/index.js';
import { ValidationError } from '../util/errors.js';
import type { ListOptions, NeighbourOptions, PropertyFilter } from './port.js';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 10_000;

export function encodeCursor(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): string | null {
  if (cursor === null || cursor === undefined || cursor === '') return null;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (encodeCursor(id) !== cursor) throw new ValidationError(`Malformed cursor "${cursor}"`);
  return id;
}

/** Checks a listing request against the model: declared properties, known operators, operands of the right type. */
export function checkListOptions(options: ListOptions): { first: number; after: string | null } {
  const declarations = nodeProperties(options.kind);
  for (const filter of options.where ?? []) {
    const declaration = declarations[filter.property];
    if (!declaration) throw new ValidationError(`${options.kind} has no property "${filter.property}"`);
    if (!(FILTER_OPERATORS as readonly string[]).includes(filter.op)) {
      throw new ValidationError(`Unknown operator "${String(filter.op)}"`);
    }
    if (operandProblem(declaration.type, filter.op, filter.value) !== null) {
      throw new ValidationError(`Operator ${filter.op} does not apply to ${options.kind}.${filter.property} (${declaration.type}) with that value`);
    }
  }
  return checkPage({ first: options.first ?? DEFAULT_PAGE_SIZE, after: options.after ?? null });
}

/** A page request checked: `first` from 1 to MAX_PAGE_SIZE, `after` a cursor from a previous page (or none). */
export function checkPage(page: ExplorePage): { readonly first: number; readonly after: string | null } {
  const first = page.first;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new ValidationError(`Page size must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  return { first, after: decodeCursor(page.after) };
}

const DIRECTIONS: ReadonlySet<string> = new Set(['out', 'in', 'both']);

/**
 * Checks a neighbour request against the closed model before either store runs it: the Neo4j adapter writes the
 * edge kinds into the relationship pattern, so nothing outside EDGE_KINDS may get that far.
 */
export function checkNeighbourOptions(ids: readonly string[], options: NeighbourOptions): void {
  if (!DIRECTIONS.has(options.direction)) throw new ValidationError(`Unknown direction "${String(options.direction)}"`);
  for (const kind of options.edgeKinds ?? []) {
    if (typeof kind !== 'string' || !isEdgeKind(kind)) throw new ValidationError(`Unknown edge kind "${String(kind)}"`);
  }
  for (const id of ids) {
    if (typeof id !== 'string') throw new ValidationError(`A node id must be a string, not ${typeof id}`);
  }
  if (options.limit !== undefined && !(Number.isInteger(options.limit) && options.limit > 0)) {
    throw new ValidationError(`A neighbour limit must be a positive integer, not ${String(options.limit)}`);
  }
}

/** The filter semantics both stores implement (the Neo4j adapter compiles the same rules to Cypher). */
export function matchesFilter(node: GraphNode, filter: PropertyFilter): boolean {
  // `id` is a declared property of every node (Neo4j stores it as one), but here it lives beside the properties.
  const actual = filter.property === 'id' ? node.id : node.properties[filter.property];
  if (filter.op === 'exists') return (actual !== undefined) === (filter.value ?? true);
  if (actual === undefined) return false;
  const value = filter.value;
  switch (filter.op) {
    case 'eq':
      return actual === value;
    case 'neq':
      return actual !== value;
    case 'in':
      return Array.isArray(value) && value.includes(actual as string);
    case 'contains':
      return Array.isArray(actual) ? actual.includes(value as string) : typeof actual === 'string' && actual.includes(String(value));
    case 'startsWith':
      return typeof actual === 'string' && actual.startsWith(String(value));
    case 'gt':
      return typeof actual === typeof value && (actual as number | string) > (value as number | string);
    case 'lt':
      return typeof actual === typeof value && (actual as number | string) < (value as number | string);
  }
}

export function hasInsights(node: GraphNode, insights: readonly string[] | undefined): boolean {
  if (!insights || insights.length === 0) return true;
  const held = node.properties['insights'];
  return Array.isArray(held) && insights.every((i) => held.includes(i));
}

export { compareIds } from '../util/order.js';
