/**
 * The GraphQL operations the API benchmarks send, in one list that every suite reads (graphql, load, the
 * event-loop measurement), for the memory store and Neo4j alike: what a client of the API asks most, and every
 * shipped explorer template as the web page runs it (`first: 50`).
 */
import { listTemplates } from '../../src/explorer/index.js';

export interface ApiOperation {
  readonly name: string;
  readonly what: string;
  readonly text: string;
  /** The request class it belongs to (one per resolver family the API serves). */
  readonly kind: 'inventory' | 'apiEndpoints' | 'attackPaths' | 'attackPath' | 'explore' | 'asset' | 'template';
}

/** An inline explorer query, as a client would send it: anonymous internet-exposed endpoints routing to compute. */
export const EXPLORE_QUERY = {
  kind: 'ApiEndpoint',
  where: { and: [{ insight: 'InternetExposed' }, { insight: 'AllowsAnonymousAccess' }] },
  connections: [{ edge: 'ROUTES_TO', direction: 'out', to: { kind: 'Compute' } }],
};

/** Variables every operation is sent with (each uses the ones it declares). */
export interface OperationVariables {
  readonly id: string;
  readonly path: string;
  readonly q: unknown;
}

export const CLIENT_OPERATIONS: readonly ApiOperation[] = [
  {
    name: 'inventory',
    kind: 'inventory',
    what: 'counts by kind, endpoints by source and insight',
    text: '{ inventory { nodesByKind { kind count } edgesByKind { kind count } endpoints attackPaths findings endpointsBySource { source count } endpointsByInsight { insight count } } }',
  },
  {
    name: 'endpoints',
    kind: 'apiEndpoints',
    what: '50 API endpoints with their API and ROUTES_TO neighbours',
    text: '{ apiEndpoints(first: 50) { totalCount pageInfo { endCursor hasNextPage } edges { node { id name insights api: neighbours(edge: CONTAINS, direction: IN, first: 1) { node { id name } } neighbours(edge: ROUTES_TO, first: 10) { edge { kind derived } node { id kind name insights } } } } } }',
  },
  {
    name: 'attackPaths',
    kind: 'attackPaths',
    what: 'top 20 attack paths with their steps and step assets',
    text: '{ attackPaths(first: 20) { totalCount edges { node { id rank riskLevel score riskFactors steps { id kind name asset { id insights } } } } } }',
  },
  {
    name: 'attackPath',
    kind: 'attackPath',
    what: 'the top-ranked path by id, whole',
    text: 'query ($path: ID!) { attackPath(id: $path) { id rank name family riskLevel score formula riskFactors factors { factor axis contribution } steps { id kind name insights labels asset { id kind insights } } breakingRecommendations reducingRecommendations } }',
  },
  {
    name: 'explore',
    kind: 'explore',
    what: 'an inline explorer query: anonymous internet-exposed endpoints routing to compute, first 50',
    text: 'query ($q: JSON!) { explore(query: $q, first: 50) { pageInfo { endCursor hasNextPage } edges { node { id kind name insights } } } }',
  },
  {
    name: 'asset',
    kind: 'asset',
    what: 'one API gateway with its first 25 neighbours',
    text: 'query ($id: ID!) { asset(id: $id) { id kind name properties insights neighbours(direction: BOTH, first: 25) { edge { kind } node { id kind } } } }',
  },
];

/** Every shipped explorer template, `first: 50`, as the web page asks for its first page. */
export function templateOperations(): ApiOperation[] {
  return listTemplates().map((t) => ({
    name: `template ${t.name}`,
    kind: 'template' as const,
    what: `explorer template \`${t.name}\`, first 50 rows`,
    text: `{ runTemplate(name: "${t.name}", first: 50) { pageInfo { endCursor hasNextPage } edges { node { id kind name insights } } } }`,
  }));
}

/** What the graphql and load suites send: the client operations, then every template. */
export function apiOperations(): ApiOperation[] {
  return [...CLIENT_OPERATIONS, ...templateOperations()];
}
