/** Hostile values for injection tests, and a way to put one in every value position of a query. */
import type { Condition, Connection, ExplorerQuery } from '../../src/explorer/index.js';
import type { JsonValue } from '../../src/model/index.js';

export const HOSTILE_STRINGS: readonly string[] = [
  "x' }) DETACH DELETE n //",
  '"}) DETACH DELETE n //',
  '`) DETACH DELETE n //',
  '`ApiEndpoint`:`Entity`',
  "'; MATCH (n) DETACH DELETE n; //",
  '}) DETACH DELETE n //',
  '$p0',
  '$after OR true',
  '{first}',
  '\\u0027 OR 1=1',
  'ünïcödé ✓ 🚀 \u202e gnp.exe',
  '\u0000\u0001\n\r\t',
  '',
];

type Replace = (value: string) => string;

function mapValue(value: JsonValue | undefined, replace: Replace): JsonValue | undefined {
  if (typeof value === 'string') return replace(value);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? replace(v) : v));
  return value;
}

function mapCondition(condition: Condition, replace: Replace): Condition {
  if ('insight' in condition) return condition;
  if ('and' in condition) return { and: condition.and.map((c) => mapCondition(c, replace)) };
  if ('or' in condition) return { or: condition.or.map((c) => mapCondition(c, replace)) };
  if ('not' in condition) return { not: mapCondition(condition.not, replace) };
  const value = mapValue(condition.value, replace);
  return value === undefined ? condition : { ...condition, value };
}

function mapConnection(connection: Connection, replace: Replace): Connection {
  const { to } = connection;
  return {
    ...connection,
    ...(connection.edgeWhere ? { edgeWhere: mapCondition(connection.edgeWhere, replace) } : {}),
    to: {
      ...to,
      ...(to.where ? { where: mapCondition(to.where, replace) } : {}),
      ...(to.connections ? { connections: to.connections.map((c) => mapConnection(c, replace)) } : {}),
    },
  };
}

/** The query with every string operand (and string list element) replaced. */
export function withValues(query: ExplorerQuery, replace: Replace): ExplorerQuery {
  return {
    ...query,
    ...(query.where ? { where: mapCondition(query.where, replace) } : {}),
    ...(query.connections ? { connections: query.connections.map((c) => mapConnection(c, replace)) } : {}),
  };
}

/** How many string value positions a query has (so a test can tell it really replaced something). */
export function countValues(query: ExplorerQuery): number {
  let count = 0;
  withValues(query, (v) => {
    count += 1;
    return v;
  });
  return count;
}
