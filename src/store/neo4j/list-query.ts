import { nodeProperties, type JsonValue } from '../../model/index.js';
import type { ListOptions, NeighbourOptions, PropertyFilter } from '../port.js';
import { ENTITY_LABEL, propertyRef, quoteName as q } from './cypher.js';
import { GENERATION, insightsOf, isAnalysisKind, visible } from './generation.js';

export interface CompiledQuery {
  readonly cypher: string;
  readonly parameters: Record<string, unknown>;
}

/** One filter as a Cypher predicate; the same semantics as `matchesFilter` in the memory store. */
function compileFilter(options: ListOptions, filter: PropertyFilter, parameter: string): string {
  const ref = propertyRef('n', options.kind, filter.property);
  const type = nodeProperties(options.kind)[filter.property]!.type;
  switch (filter.op) {
    case 'exists':
      return filter.value === false ? `${ref} IS NULL` : `${ref} IS NOT NULL`;
    case 'eq':
      return `${ref} = $${parameter}`;
    case 'neq':
      return `${ref} <> $${parameter}`;
    case 'in':
      return `${ref} IN $${parameter}`;
    case 'contains':
      return type.endsWith('[]') ? `$${parameter} IN ${ref}` : `${ref} CONTAINS $${parameter}`;
    case 'startsWith':
      return `${ref} STARTS WITH $${parameter}`;
    case 'gt':
      return `${ref} > $${parameter}`;
    case 'lt':
      return `${ref} < $${parameter}`;
  }
}

/**
 * A range (`gt`/`lt`) on an indexed property is read from that index: the API's rank windows over attack paths
 * are a few ranks of thousands of paths, but compiled with parameters the planner cannot see the window's width
 * and would rather read every current path through the generation index and filter them
 * (test/store/neo4j-list-plans.test.ts). The hint asks for a seek, not only the index: a plain `USING INDEX` may be
 * planned as a scan of the whole index with a filter (as the removal of other generations was, generation.ts).
 */
function rangeHint(options: ListOptions): string[] {
  const ranged = (options.where ?? []).find(
    (filter) => (filter.op === 'gt' || filter.op === 'lt') && nodeProperties(options.kind)[filter.property]?.indexed === true,
  );
  return ranged ? [`USING INDEX SEEK n:${q(options.kind)}(${q(ranged.property)})`] : [];
}

/** A page of one kind: filters compiled with every value a parameter, ordered by id, keyset-paged. */
export function compileListQuery(options: ListOptions, after: string | null, limit: number): CompiledQuery {
  const parameters: Record<string, unknown> = { after, limit };
  // The cursor is written only when there is one, as the explorer's root is (explore-cypher.ts): `$after IS NULL
  // OR n.id > $after` hides the range from the planner, where `n.id IS NOT NULL` or `n.id > $after` lets it read the
  // kind's id index in order and stop at the page (test/store/neo4j-list-plans.test.ts).
  const predicates = [after === null ? 'n.id IS NOT NULL' : 'n.id > $after'];
  // `$generation` comes with every read (reads.ts): an analysis-owned kind lists the current analysis's nodes.
  if (isAnalysisKind(options.kind)) predicates.push(`n.${GENERATION} = $generation`);
  (options.where ?? []).forEach((filter, i) => {
    const name = `p${i}`;
    predicates.push(compileFilter(options, filter, name));
    if (filter.op !== 'exists') parameters[name] = filter.value as JsonValue;
  });
  if (options.insights?.length) {
    predicates.push(`all(insight IN $insights WHERE insight IN coalesce(${insightsOf('n')}, []))`);
    parameters['insights'] = [...options.insights];
  }
  const cypher = [`MATCH (n:${q(options.kind)})`, ...rangeHint(options), `WHERE ${predicates.join(' AND ')}`, 'RETURN n', 'ORDER BY n.id', 'LIMIT toInteger($limit)'].join('\n');
  return { cypher, parameters };
}

/** The columns of the neighbours query, in order. */
export const NEIGHBOUR_COLUMNS = ['id', 'from', 'fromLabels', 'to', 'toLabels', 'other', 'type', 'properties'] as const;

/**
 * The neighbours of many nodes in one query: the ids travel as one list parameter, each is expanded in its own
 * subquery. Edge kinds, already checked against the closed model, are written into the relationship pattern, so
 * Neo4j follows only those relationship types (a dense node's other edges are never read). Only the far node is
 * returned whole; the near end is named by id and labels. With a limit, each node's list is sorted and cut on the
 * server, on the edge type and the two ids only, before any far node is sent.
 */
export function compileNeighboursOfManyQuery(ids: readonly string[], options: NeighbourOptions): CompiledQuery {
  const types = options.edgeKinds ? `:${options.edgeKinds.map(q).join('|')}` : '';
  const parts: string[] = [];
  // Of an analysis-owned id, the current generation's node; of derived edges, the current generation's (the far
  // end of a current derived edge is itself current or ingested).
  const current = `WHERE ${visible('a')} AND ${visible('b')} AND ${visible('r')}`;
  if (options.direction !== 'in') parts.push(`MATCH (a:${ENTITY_LABEL} {id: id})-[r${types}]->(b) ${current} RETURN a, b, b AS other, r`);
  if (options.direction !== 'out') parts.push(`MATCH (a)-[r${types}]->(b:${ENTITY_LABEL} {id: id}) ${current} RETURN a, b, a AS other, r`);
  const union = parts.join('\nUNION ALL\n');
  const perNode =
    options.limit === undefined
      ? [union]
      : ['CALL (id) {', union, '}', 'WITH a, b, other, r ORDER BY type(r), a.id, b.id LIMIT toInteger($limit)', 'RETURN a, b, other, r'];
  const cypher = [
    'UNWIND $ids AS id',
    'CALL (id) {',
    ...perNode,
    '}',
    'RETURN id, a.id AS from, labels(a) AS fromLabels, b.id AS to, labels(b) AS toLabels, other, type(r) AS type, properties(r) AS properties',
    'ORDER BY id, type, from, to',
  ].join('\n');
  return {
    cypher,
    parameters: { ids: [...new Set(ids)], ...(options.limit === undefined ? {} : { limit: options.limit }) },
  };
}
