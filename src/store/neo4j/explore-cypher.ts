/**
 * Explorer queries compiled to parameterized Cypher for the Neo4j store. Only labels, edge types and property
 * names from the closed model (after validation, backticked) reach the query text; every value a user gives
 * travels as a parameter, so no value can change what the query does.
 *
 * Semantics kept identical to the memory store's evaluator (../memory/explore.ts):
 * - every property test is two-valued. Where a test's result reaches WHERE through AND and OR only, Cypher's
 *   null (a missing property) already counts as false, so the test is written bare and the planner can serve it
 *   from an index; under an odd number of NOTs it is wrapped in `coalesce(…, false)`, so `not` negates exactly
 *   as in JavaScript;
 * - an insight is a label (insight-labels.ts), which Neo4j's token index serves; the `insights` list is what
 *   the rows show;
 * - a connection holds when a node other than the tested one lies at a shortest distance of min..max hops.
 *   Cypher matches trails, not shortest paths: "a trail of min..max hops exists and none of 1..min-1 does"
 *   is the same thing, because a shortest walk between two distinct nodes is a simple path (hence a trail).
 *
 * How it runs: the root is matched by its label with `n.id` constrained (`IS NOT NULL`, or `> $after` on a later
 * page), so the planner can walk the kind's id index in order, test each node, and stop at `LIMIT` without a sort;
 * or start from an index on an anchor condition (an indexed property, an insight label) and sort what it finds.
 * Connections are `EXISTS { … }` subqueries from the bound node, bounded in length, evaluated per candidate and
 * stopped at their first match.
 */
import type { NodeKind, PropertyType } from '../../model/index.js';
import {
  edgePropertyType,
  hopRange,
  isAndCondition,
  isInsightCondition,
  isNotCondition,
  isOrCondition,
  kindsOf,
  nodePropertyType,
  targetKinds,
  validateExplorerQuery,
  type Condition,
  type Connection,
  type ExplorePage,
  type ExplorerQuery,
  type PropertyCondition,
} from '../../query/index.js';
import { checkPage } from '../query-options.js';
import { quoteName as q } from './cypher.js';
import { GENERATION, insightsOf, isAnalysisKind, isDerivedKind } from './generation.js';
import { insightLabel } from './insight-labels.js';

export interface CompiledExplorerQuery {
  readonly cypher: string;
  readonly parameters: Record<string, unknown>;
  /** Rows asked for: the query fetches one more to know whether a next page exists. */
  readonly first: number;
}

type TypeOf = (property: string) => PropertyType;

const INDENT = '  ';
const indent = (text: string) => text.replaceAll('\n', `\n${INDENT}`);
const conjunction = (predicates: readonly string[]) => predicates.map(indent).join(`\n${INDENT}AND `);

class Compiler {
  readonly parameters: Record<string, unknown> = {};
  private parameterCount = 0;
  private connectionCount = 0;

  private parameter(value: unknown): string {
    const name = `p${this.parameterCount++}`;
    this.parameters[name] = value;
    return `$${name}`;
  }

  /** `negated`: the condition sits under an odd number of NOTs, where a null must be turned into false. */
  condition(condition: Condition, variable: string, typeOf: TypeOf, negated = false): string {
    // The label narrows by index (insight-labels.ts); the current slot's list decides, as a label may be one a
    // generation being written or an interrupted one left.
    if (isInsightCondition(condition))
      return `(${variable}:${q(insightLabel(condition.insight))} AND ${this.parameter(condition.insight)} IN coalesce(${insightsOf(variable)}, []))`;
    if (isAndCondition(condition))
      return `(${condition.and.map((c) => this.condition(c, variable, typeOf, negated)).join(' AND ')})`;
    if (isOrCondition(condition))
      return `(${condition.or.map((c) => this.condition(c, variable, typeOf, negated)).join(' OR ')})`;
    if (isNotCondition(condition)) return `(NOT ${this.condition(condition.not, variable, typeOf, !negated)})`;
    const test = this.propertyTest(condition, variable, typeOf(condition.property));
    return negated && condition.op !== 'exists' ? `coalesce(${test}, false)` : test;
  }

  /** One property test, the same rules as `matchesFilter` (src/store/query-options.ts) once null counts as false. */
  private propertyTest(condition: PropertyCondition, variable: string, type: PropertyType): string {
    const ref = `${variable}.${q(condition.property)}`;
    if (condition.op === 'exists') return condition.value === false ? `${ref} IS NULL` : `${ref} IS NOT NULL`;
    const value = this.parameter(condition.value);
    switch (condition.op) {
      case 'eq':
        return `${ref} = ${value}`;
      case 'neq':
        return `${ref} <> ${value}`;
      case 'in':
        return `${ref} IN ${value}`;
      case 'contains':
        return type.endsWith('[]') ? `${value} IN ${ref}` : `${ref} CONTAINS ${value}`;
      case 'startsWith':
        return `${ref} STARTS WITH ${value}`;
      case 'gt':
        return `${ref} > ${value}`;
      case 'lt':
        return `${ref} < ${value}`;
    }
  }

  /** `EXISTS { MATCH (from)-[:EDGE*min..max]->(m:Kind) WHERE … }`, or `NOT EXISTS` when negated. */
  connection(connection: Connection, from: string): string {
    const { match, predicates } = this.connectionPattern(connection, from);
    const body = `${match}\nWHERE ${conjunction(predicates)}`;
    return `${connection.negate ? 'NOT ' : ''}EXISTS {\n${INDENT}${indent(body)}\n}`;
  }

  /** A connection as a MATCH of its walk and the predicates its far end (and every edge) must pass. */
  connectionPattern(connection: Connection, from: string): { readonly match: string; readonly predicates: string[] } {
    const k = ++this.connectionCount;
    const target = `m${k}`;
    const { min, max } = hopRange(connection);
    const walk = (range: string, end: string) => {
      const rel = `[:${q(connection.edge)}${range}]`;
      if (connection.direction === 'out') return `(${from})-${rel}->(${end})`;
      if (connection.direction === 'in') return `(${from})<-${rel}-(${end})`;
      return `(${from})-${rel}-(${end})`;
    };
    const range = (lo: number, hi: number) => (hi === 1 ? '' : `*${lo}..${hi}`);
    // Derived edges of the current analysis only (`$generation`, see generation.ts); their ends are then current too.
    const edgeTests = [
      ...(isDerivedKind(connection.edge) ? [`e${k}.${GENERATION} = $generation`] : []),
      ...(connection.edgeWhere ? [this.condition(connection.edgeWhere, `e${k}`, (p) => typeOfEdge(connection, p))] : []),
    ];
    const edgeTest = edgeTests.length ? edgeTests.join(' AND ') : null;
    const everyEdge = (path: string) => `all(e${k} IN relationships(${path}) WHERE ${edgeTest})`;
    const predicates = [`${target} <> ${from}`];
    if (edgeTest) predicates.push(everyEdge(`p${k}`));
    if (min > 1) {
      // Not closer than minHops: no (qualifying) walk of 1..min-1 hops reaches the same node.
      const closer = `MATCH ${edgeTest ? `q${k} = ` : ''}${walk(range(1, min - 1), target)}`;
      predicates.push(`NOT EXISTS { ${closer}${edgeTest ? ` WHERE ${everyEdge(`q${k}`)}` : ''} }`);
    }
    const kinds = kindsOfTarget(connection);
    if (connection.to.where) predicates.push(this.condition(connection.to.where, target, (p) => typeOfNode(kinds, p)));
    for (const nested of connection.to.connections ?? []) predicates.push(this.connection(nested, target));
    const label = connection.to.kind ? `:${q(connection.to.kind)}` : '';
    return { match: `MATCH ${edgeTest ? `p${k} = ` : ''}${walk(range(min, max), `${target}${label}`)}`, predicates };
  }
}

/** Longest walk a root connection may be matched on rather than tested with EXISTS (see `matchedConnection`). */
const MATCHED_MAX_HOPS = 3;

/**
 * The root connection written as part of the MATCH instead of an EXISTS test, if any: the first that must hold,
 * walked one way, at most MATCHED_MAX_HOPS long. As a pattern it gives the planner a choice an EXISTS does not:
 * start from the far end when that side is the smaller (few VMs behind any API, say, among tens of thousands of
 * endpoints) and walk back, instead of testing every root node in turn. Walks in both directions or longer ones
 * stay EXISTS tests, which stop at their first match, because a pattern enumerates every walk before DISTINCT.
 */
export function matchedConnection(query: ExplorerQuery): Connection | undefined {
  return query.connections?.find((c) => !c.negate && c.direction !== 'both' && hopRange(c).max <= MATCHED_MAX_HOPS);
}

function kindsOfTarget(connection: Connection): readonly NodeKind[] {
  return targetKinds(connection.edge, connection.direction, connection.to.kind);
}

function typeOfNode(kinds: readonly NodeKind[], property: string): PropertyType {
  const lookup = nodePropertyType(kinds, property);
  if (!lookup.found) throw new Error(`Unvalidated property ${property}`);
  return lookup.type;
}

function typeOfEdge(connection: Connection, property: string): PropertyType {
  const lookup = edgePropertyType(connection.edge, property);
  if (!lookup.found) throw new Error(`Unvalidated edge property ${connection.edge}.${property}`);
  return lookup.type;
}

/**
 * The query as Cypher: matches of the root kind in id order, keyset-paged on `n.id` (`$after`), `$first` rows
 * (one more than asked, to tell whether a next page exists), capped at `$limit` rows in all when the query says so.
 */
export function compileExplorerQuery(query: ExplorerQuery, page: ExplorePage): CompiledExplorerQuery {
  const valid = validateExplorerQuery(query);
  const { first, after } = checkPage(page);
  const compiler = new Compiler();
  const kinds = kindsOf(valid.kind);
  const predicates: string[] = [];
  if (kinds.some(isAnalysisKind)) predicates.push(`(n.${GENERATION} IS NULL OR n.${GENERATION} = $generation)`);
  const lines = [`MATCH (n:${q(valid.kind)})`];
  const matched = matchedConnection(valid);
  if (matched) {
    // Compiled first, so its far end is always `m1`.
    const pattern = compiler.connectionPattern(matched, 'n');
    lines.push(pattern.match);
    predicates.push(...pattern.predicates);
  }
  if (valid.where) predicates.push(compiler.condition(valid.where, 'n', (p) => typeOfNode(kinds, p)));
  for (const connection of valid.connections ?? []) {
    if (connection !== matched) predicates.push(compiler.connection(connection, 'n'));
  }
  const parameters: Record<string, unknown> = { ...compiler.parameters, after, first: first + 1 };
  // A range on `n.id` lets the planner read the kind's id index in id order (no sort, stopped by LIMIT). The
  // cursor is written only when there is one: `$after IS NULL OR …` would hide the range from the planner.
  const afterCursor = 'n.id > $after';
  // A node with several matching walks is one row.
  const distinct = matched ? 'DISTINCT ' : '';
  if (valid.limit === undefined) {
    lines.push(`WHERE ${conjunction([after === null ? 'n.id IS NOT NULL' : afterCursor, ...predicates])}`);
    if (matched) lines.push('WITH DISTINCT n');
  } else {
    // The cap applies to the whole result, so it is taken before the page is cut.
    lines.push(`WHERE ${conjunction(['n.id IS NOT NULL', ...predicates])}`);
    lines.push(`WITH ${distinct}n ORDER BY n.id LIMIT toInteger($limit)`);
    if (after !== null) lines.push(`WITH n WHERE ${afterCursor}`);
    parameters['limit'] = valid.limit;
  }
  lines.push('RETURN n', 'ORDER BY n.id', 'LIMIT toInteger($first)');
  return { cypher: lines.join('\n'), parameters, first };
}
