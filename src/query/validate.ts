/**
 * Validation of explorer queries against the closed model. Input is untrusted JSON/YAML: every kind, edge,
 * property, operator, operand and hop range is checked before a query is compiled or evaluated, and an error
 * names the offending part with a JSON-pointer-like path (`/connections/0/to/where/and/1`) and, for queries
 * read from files, the file.
 */
import {
  isEdgeKind,
  isInsight,
  type EdgeKind,
  type JsonValue,
  type NodeKind,
  type PropertyType,
} from '../model/index.js';
import { ValidationError } from '../util/errors.js';
import {
  edgePropertyType,
  isKindSelector,
  kindsOf,
  nodePropertyType,
  startKinds,
  targetKinds,
  type PropertyLookup,
} from './kinds.js';
import {
  FILTER_OPERATORS,
  MAX_CONDITION_DEPTH,
  MAX_CONNECTION_DEPTH,
  MAX_HOPS,
  MAX_LIMIT,
  MAX_QUERY_PARTS,
  type ExplorerQuery,
  type FilterOperator,
  type KindSelector,
} from './ast.js';
import { isObject } from '../util/json.js';

/** A query that does not fit the model: `path` points at the offending part, `file` names where it came from. */
export class ExplorerValidationError extends ValidationError {
  constructor(
    readonly path: string,
    readonly reason: string,
    readonly file?: string,
  ) {
    super(`${file ? `${file}: ` : ''}${path || '/'}: ${reason}`);
    this.name = 'ExplorerValidationError';
  }
}

type Obj = Record<string, unknown>;

/** Where conditions apply: to nodes of some kinds, or to the edges of one kind. */
type Scope =
  | { readonly on: 'node'; readonly kinds: readonly NodeKind[]; readonly label: string }
  | { readonly on: 'edge'; readonly edge: EdgeKind };

class Checker {
  private parts = 0;
  constructor(private readonly file: string | undefined) {}

  fail(path: string, reason: string): never {
    throw new ExplorerValidationError(path, reason, this.file);
  }

  count(path: string): void {
    this.parts += 1;
    if (this.parts > MAX_QUERY_PARTS)
      this.fail(path, `a query holds at most ${MAX_QUERY_PARTS} conditions and connections`);
  }

  fields(
    value: unknown,
    path: string,
    what: string,
    allowed: readonly string[],
    required: readonly string[] = [],
  ): Obj {
    if (!isObject(value)) this.fail(path, `${what} must be an object`);
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key))
        this.fail(`${path}/${key}`, `unknown field "${key}" in ${what}; expected ${allowed.join(', ')}`);
    }
    for (const key of required) if (value[key] === undefined) this.fail(`${path}/${key}`, `${what} needs "${key}"`);
    return value;
  }

  selector(value: unknown, path: string): KindSelector {
    if (typeof value !== 'string' || !isKindSelector(value)) {
      this.fail(
        path,
        `unknown kind ${JSON.stringify(value)}: expected a node kind (ApiEndpoint, VirtualMachine, …) or a family (DataStore, Compute, …)`,
      );
    }
    return value;
  }

  integer(value: unknown, path: string, min: number, max: number): void {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(path, `must be an integer from ${min} to ${max}, not ${JSON.stringify(value)}`);
    }
  }

  condition(value: unknown, path: string, scope: Scope, depth: number): void {
    this.count(path);
    if (depth > MAX_CONDITION_DEPTH) this.fail(path, `conditions nest at most ${MAX_CONDITION_DEPTH} deep`);
    if (!isObject(value)) this.fail(path, 'a condition must be an object');
    if ('insight' in value) return this.insightCondition(value, path, scope);
    if ('and' in value || 'or' in value) {
      const key = 'and' in value ? 'and' : 'or';
      const list = this.fields(value, path, `an "${key}" condition`, [key])[key];
      if (!Array.isArray(list) || list.length === 0)
        this.fail(`${path}/${key}`, `"${key}" takes a non-empty list of conditions`);
      list.forEach((c, i) => this.condition(c, `${path}/${key}/${i}`, scope, depth + 1));
      return;
    }
    if ('not' in value) {
      this.fields(value, path, 'a "not" condition', ['not']);
      return this.condition(value['not'], `${path}/not`, scope, depth + 1);
    }
    if ('property' in value) return this.propertyCondition(value, path, scope);
    this.fail(path, 'a condition is one of {insight}, {property, op, value}, {and: […]}, {or: […]}, {not: …}');
  }

  private insightCondition(value: Obj, path: string, scope: Scope): void {
    this.fields(value, path, 'an insight condition', ['insight']);
    if (scope.on === 'edge') this.fail(`${path}/insight`, `edges carry no insights (${scope.edge})`);
    const insight = value['insight'];
    if (typeof insight !== 'string' || !isInsight(insight))
      this.fail(`${path}/insight`, `unknown insight ${JSON.stringify(insight)}`);
  }

  private propertyCondition(value: Obj, path: string, scope: Scope): void {
    this.fields(value, path, 'a property condition', ['property', 'op', 'value'], ['property', 'op']);
    const property = value['property'];
    if (typeof property !== 'string') this.fail(`${path}/property`, 'must be a property name');
    const op = value['op'];
    if (typeof op !== 'string' || !(FILTER_OPERATORS as readonly string[]).includes(op)) {
      this.fail(`${path}/op`, `unknown operator ${JSON.stringify(op)}; expected ${FILTER_OPERATORS.join(', ')}`);
    }
    const owner = scope.on === 'edge' ? scope.edge : scope.label;
    const lookup: PropertyLookup =
      scope.on === 'edge' ? edgePropertyType(scope.edge, property) : nodePropertyType(scope.kinds, property);
    if (!lookup.found) {
      const reason =
        lookup.reason === 'conflict'
          ? `property "${property}" has different types across ${owner} kinds (${lookup.types?.join(', ')}); pick one kind`
          : `${owner} has no property "${property}"`;
      this.fail(`${path}/property`, reason);
    }
    const problem = operandProblem(lookup.type, op as FilterOperator, value['value'] as JsonValue | undefined);
    if (problem) this.fail(`${path}/value`, `${op} on ${owner}.${property} (${lookup.type}) ${problem}`);
  }

  connections(
    value: unknown,
    path: string,
    sourceKinds: readonly NodeKind[],
    sourceLabel: string,
    depth: number,
  ): void {
    if (!Array.isArray(value)) this.fail(path, 'connections must be a list');
    if (depth > MAX_CONNECTION_DEPTH) this.fail(path, `connections nest at most ${MAX_CONNECTION_DEPTH} deep`);
    value.forEach((c, i) => this.connection(c, `${path}/${i}`, sourceKinds, sourceLabel, depth));
  }

  private connection(
    value: unknown,
    path: string,
    sourceKinds: readonly NodeKind[],
    sourceLabel: string,
    depth: number,
  ): void {
    this.count(path);
    const c = this.fields(
      value,
      path,
      'a connection',
      ['edge', 'direction', 'minHops', 'maxHops', 'edgeWhere', 'to', 'negate'],
      ['edge', 'direction', 'to'],
    );
    const edge = c['edge'];
    if (typeof edge !== 'string' || !isEdgeKind(edge))
      this.fail(`${path}/edge`, `unknown edge kind ${JSON.stringify(edge)}`);
    const direction = c['direction'];
    if (direction !== 'out' && direction !== 'in' && direction !== 'both') {
      this.fail(`${path}/direction`, `direction must be out, in or both, not ${JSON.stringify(direction)}`);
    }
    if (c['minHops'] !== undefined) this.integer(c['minHops'], `${path}/minHops`, 1, MAX_HOPS);
    if (c['maxHops'] !== undefined) this.integer(c['maxHops'], `${path}/maxHops`, 1, MAX_HOPS);
    const min = (c['minHops'] as number | undefined) ?? 1;
    if (((c['maxHops'] as number | undefined) ?? min) < min)
      this.fail(`${path}/maxHops`, `maxHops must not be below minHops (${min})`);
    if (c['negate'] !== undefined && typeof c['negate'] !== 'boolean')
      this.fail(`${path}/negate`, 'negate must be true or false');
    const starts = new Set(startKinds(edge, direction));
    if (!sourceKinds.some((k) => starts.has(k))) {
      this.fail(`${path}/edge`, `${edge} (${direction}) never starts at ${sourceLabel}`);
    }
    if (c['edgeWhere'] !== undefined) this.condition(c['edgeWhere'], `${path}/edgeWhere`, { on: 'edge', edge }, 0);
    this.target(c['to'], `${path}/to`, edge, direction, depth);
  }

  private target(value: unknown, path: string, edge: EdgeKind, direction: 'out' | 'in' | 'both', depth: number): void {
    const to = this.fields(value, path, 'a connection target', ['kind', 'where', 'connections']);
    const selector = to['kind'] === undefined ? undefined : this.selector(to['kind'], `${path}/kind`);
    const kinds = targetKinds(edge, direction, selector);
    if (kinds.length === 0) this.fail(`${path}/kind`, `${edge} (${direction}) never reaches ${selector}`);
    const label = selector ?? `a node ${edge} (${direction}) reaches`;
    if (to['where'] !== undefined) this.condition(to['where'], `${path}/where`, { on: 'node', kinds, label }, 0);
    if (to['connections'] !== undefined)
      this.connections(to['connections'], `${path}/connections`, kinds, label, depth + 1);
  }
}

const SCALAR_OF: Readonly<Record<Exclude<PropertyType, 'json'>, 'string' | 'number' | 'boolean'>> = {
  string: 'string',
  number: 'number',
  boolean: 'boolean',
  'string[]': 'string',
  'number[]': 'number',
};

function isScalarOf(value: JsonValue | undefined, scalar: 'string' | 'number' | 'boolean'): boolean {
  return scalar === 'number' ? typeof value === 'number' && Number.isFinite(value) : typeof value === scalar;
}

/** Why an operand does not fit an operator on a property of this type; null when it does. */
export function operandProblem(type: PropertyType, op: FilterOperator, value: JsonValue | undefined): string | null {
  if (op === 'exists')
    return value === undefined || typeof value === 'boolean' ? null : 'takes no value, or true/false';
  if (type === 'json') return 'does not apply: json properties can only be tested with exists';
  const scalar = SCALAR_OF[type];
  const isList = type.endsWith('[]');
  switch (op) {
    case 'eq':
    case 'neq':
      if (isList) return 'does not apply to a list; use contains';
      return isScalarOf(value, scalar) ? null : `needs a ${scalar} value`;
    case 'in':
      if (isList) return 'does not apply to a list; use contains';
      return Array.isArray(value) && value.every((v) => isScalarOf(v, scalar))
        ? null
        : `needs a list of ${scalar} values`;
    case 'contains':
      if (!isList && type !== 'string') return 'applies only to strings and lists';
      return isScalarOf(value, scalar) ? null : `needs a ${scalar} value`;
    case 'startsWith':
      return type === 'string' && typeof value === 'string'
        ? null
        : 'applies only to a string property, with a string value';
    case 'gt':
    case 'lt':
      if (type !== 'string' && type !== 'number') return 'applies only to strings and numbers';
      return isScalarOf(value, scalar) ? null : `needs a ${scalar} value`;
  }
}

/**
 * Checks an untrusted value against the model and returns it as a typed query. `file` is named in errors.
 * Unknown fields are rejected rather than ignored, so a misspelt `conections` cannot silently widen a query.
 */
export function validateExplorerQuery(input: unknown, options: { readonly file?: string } = {}): ExplorerQuery {
  const checker = new Checker(options.file);
  const query = checker.fields(input, '', 'an explorer query', ['kind', 'where', 'connections', 'limit'], ['kind']);
  const selector = checker.selector(query['kind'], '/kind');
  const kinds = kindsOf(selector);
  if (query['where'] !== undefined)
    checker.condition(query['where'], '/where', { on: 'node', kinds, label: selector }, 0);
  if (query['connections'] !== undefined) checker.connections(query['connections'], '/connections', kinds, selector, 1);
  if (query['limit'] !== undefined) checker.integer(query['limit'], '/limit', 1, MAX_LIMIT);
  return query as unknown as ExplorerQuery;
}
