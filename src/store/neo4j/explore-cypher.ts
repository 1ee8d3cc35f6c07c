/**
 * Explorer queries compiled to parameterized Cypher for the Neo4j store. Only labels, edge types and property
 * names from the closed model (after validation, backticked) reach the query text; every value a user gives
 * travels as a parameter, so no value can change what the query does.
 *
 * Semantics kept identical to the memory store's evaluator (../memory/explore.ts):
 * - every property test is two-valued: `coalesce(…, false)` turns Cypher's null (missing property) into false,
 *   so `not` negates exactly as in JavaScript;
 * - a connection holds when a node other than the tested one lies at a shortest distance of min..max hops.
 *   Cypher matches trails, not shortest paths: "a trail of min..max hops exists and none of 1..min-1 does"
 *   is the same thing, because a shortest walk between two distinct nodes is a simple path (hence a trail).
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

  condition(condition: Condition, variable: string, typeOf: TypeOf): string {
    if (isInsightCondition(condition))
      return `${this.parameter(condition.insight)} IN coalesce(${insightsOf(variable)}, [])`;
    if (isAndCondition(condition))
      return `(${condition.and.map((c) => this.condition(c, variable, typeOf)).join(' AND ')})`;
    if (isOrCondition(condition))
      return `(${condition.or.map((c) => this.condition(c, variable, typeOf)).join(' OR ')})`;
    if (isNotCondition(condition)) return `(NOT ${this.condition(condition.not, variable, typeOf)})`;
    return this.propertyTest(condition, variable, typeOf(condition.property));
  }

  /** One property test, two-valued; the same rules as `matchesFilter` (src/store/query-options.ts). */
  private propertyTest(condition: PropertyCondition, variable: string, type: PropertyType): string {
    const ref = `${variable}.${q(condition.property)}`;
    if (condition.op === 'exists') return condition.value === false ? `${ref} IS NULL` : `${ref} IS NOT NULL`;
    const value = this.parameter(condition.value);
    switch (condition.op) {
      case 'eq':
        return `coalesce(${ref} = ${value}, false)`;
      case 'neq':
        return `coalesce(${ref} <> ${value}, false)`;
      case 'in':
        return `coalesce(${ref} IN ${value}, false)`;
      case 'contains':
        return type.endsWith('[]')
          ? `coalesce(${value} IN ${ref}, false)`
          : `coalesce(${ref} CONTAINS ${value}, false)`;
      case 'startsWith':
        return `coalesce(${ref} STARTS WITH ${value}, false)`;
      case 'gt':
        return `coalesce(${ref} > ${value}, false)`;
      case 'lt':
        return `coalesce(${ref} < ${value}, false)`;
    }
  }

  /** `EXISTS { MATCH (from)-[:EDGE*min..max]->(m:Kind) WHERE … }`, or `NOT EXISTS` when negated. */
  connection(connection: Connection, from: string): string {
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
    const match = `MATCH ${edgeTest ? `p${k} = ` : ''}${walk(range(min, max), `${target}${label}`)}`;
    const body = `${match}\nWHERE ${conjunction(predicates)}`;
    return `${connection.negate ? 'NOT ' : ''}EXISTS {\n${INDENT}${indent(body)}\n}`;
  }
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
  if (valid.where) predicates.push(compiler.condition(valid.where, 'n', (p) => typeOfNode(kinds, p)));
  for (const connection of valid.connections ?? []) predicates.push(compiler.connection(connection, 'n'));
  const parameters: Record<string, unknown> = { ...compiler.parameters, after, first: first + 1 };
  const lines = [`MATCH (n:${q(valid.kind)})`];
  const afterCursor = '($after IS NULL OR n.id > $after)';
  if (valid.limit === undefined) {
    lines.push(`WHERE ${conjunction([afterCursor, ...predicates])}`);
  } else {
    // The cap applies to the whole result, so it is taken before the page is cut.
    if (predicates.length) lines.push(`WHERE ${conjunction(predicates)}`);
    lines.push('WITH n ORDER BY n.id LIMIT toInteger($limit)', `WITH n WHERE ${afterCursor}`);
    parameters['limit'] = valid.limit;
  }
  lines.push('RETURN n', 'ORDER BY n.id', 'LIMIT toInteger($first)');
  return { cypher: lines.join('\n'), parameters, first };
}
