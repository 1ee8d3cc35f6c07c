import { nodeProperties, type JsonValue } from '../../model/index.js';
import type { ListOptions, NeighbourOptions, PropertyFilter } from '../port.js';
import { ENTITY_LABEL, propertyRef, quoteName as q } from './cypher.js';

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

/** A page of one kind: filters compiled with every value a parameter, ordered by id, keyset-paged. */
export function compileListQuery(options: ListOptions, after: string | null, limit: number): CompiledQuery {
  const parameters: Record<string, unknown> = { after, limit };
  const predicates = ['($after IS NULL OR n.id > $after)'];
  (options.where ?? []).forEach((filter, i) => {
    const name = `p${i}`;
    predicates.push(compileFilter(options, filter, name));
    if (filter.op !== 'exists') parameters[name] = filter.value as JsonValue;
  });
  if (options.insights?.length) {
    predicates.push('all(insight IN $insights WHERE insight IN coalesce(n.insights, []))');
    parameters['insights'] = [...options.insights];
  }
  const cypher = [`MATCH (n:${q(options.kind)})`, `WHERE ${predicates.join(' AND ')}`, 'RETURN n', 'ORDER BY n.id', 'LIMIT toInteger($limit)'].join('\n');
  return { cypher, parameters };
}

export function compileNeighboursQuery(id: string, options: NeighbourOptions): CompiledQuery {
  const kindFilter = options.edgeKinds ? 'WHERE type(r) IN $edgeKinds' : '';
  const parts: string[] = [];
  if (options.direction !== 'in') {
    parts.push(`MATCH (a:${ENTITY_LABEL} {id: $id})-[r]->(b) ${kindFilter} RETURN a, b, b AS other, type(r) AS type, properties(r) AS properties`);
  }
  if (options.direction !== 'out') {
    parts.push(`MATCH (a)-[r]->(b:${ENTITY_LABEL} {id: $id}) ${kindFilter} RETURN a, b, a AS other, type(r) AS type, properties(r) AS properties`);
  }
  const cypher = `CALL () {\n${parts.join('\nUNION ALL\n')}\n}\nRETURN a, b, other, type, properties ORDER BY type, a.id, b.id`;
  return { cypher, parameters: { id, ...(options.edgeKinds ? { edgeKinds: [...options.edgeKinds] } : {}) } };
}
