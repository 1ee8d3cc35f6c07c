import {
  EDGE_KINDS,
  INSIGHTS,
  type EdgeKind,
  type GraphEdge,
  type GraphNode,
  type Insight,
  type NodeKind,
} from '../../model/index.js';
import type { Direction, ListOptions, PropertyFilter } from '../../store/index.js';
import { pageSize, storeOf, type ApiContext } from '../context.js';
import { connectionFields, insightsOf, nameOf, nodeConnection, text, type Connection } from './connection.js';
import { countPathsByRiskLevel } from './path-counts.js';
import { compareIds } from '../../util/order.js';

interface EndpointFilter {
  readonly source?: string | null;
  readonly insights?: readonly Insight[] | null;
  readonly method?: string | null;
  readonly subscriptionId?: string | null;
  readonly urlContains?: string | null;
  readonly sensitiveInfoType?: string | null;
}

interface PageArgs {
  readonly first: number;
  readonly after?: string | null;
}

function endpointWhere(filter: EndpointFilter | null | undefined): PropertyFilter[] {
  const where: PropertyFilter[] = [];
  if (filter?.source) where.push({ property: 'endpointSource', op: 'eq', value: filter.source });
  if (filter?.method) where.push({ property: 'method', op: 'eq', value: filter.method.toUpperCase() });
  if (filter?.subscriptionId)
    where.push({ property: 'subscriptionId', op: 'eq', value: filter.subscriptionId.toLowerCase() });
  if (filter?.urlContains) where.push({ property: 'url', op: 'contains', value: filter.urlContains });
  // A list property: `contains` is membership here (`$value IN n.sensitiveInfoTypes` on Neo4j).
  if (filter?.sensitiveInfoType)
    where.push({ property: 'sensitiveInfoTypes', op: 'contains', value: filter.sensitiveInfoType });
  return where;
}

async function apiEndpoints(
  _: unknown,
  args: PageArgs & { filter?: EndpointFilter | null },
  context: ApiContext,
): Promise<Connection<GraphNode>> {
  const where = endpointWhere(args.filter);
  const insights = args.filter?.insights ?? [];
  const options: ListOptions = {
    kind: 'ApiEndpoint',
    where,
    insights,
    first: pageSize(args.first, context),
    after: args.after ?? null,
  };
  const page = await storeOf(context).listNodes(options);
  const unfiltered = where.length === 0 && insights.length === 0;
  return nodeConnection(page, async () => (unfiltered ? ((await context.loaders.counts()).ApiEndpoint ?? 0) : null));
}

const ENDPOINT_SCAN_PAGE = 5_000;

type Tally<K> = ReadonlyMap<K, number>;

/** The inventory's two endpoint tallies in the order the API lists them: sources by name, insights as the model orders them. */
function endpointTally(bySource: Tally<string>, byInsight: Tally<string>) {
  return {
    bySource: [...bySource].sort(([a], [b]) => compareIds(a, b)).map(([source, count]) => ({ source, count })),
    byInsight: INSIGHTS.filter((i) => byInsight.has(i)).map((insight) => ({
      insight,
      count: byInsight.get(insight) ?? 0,
    })),
  };
}

const NO_SOURCE = 'unknown';

/** Endpoints by source and by insight: one pass over the endpoints, in pages. */
async function scanEndpoints(context: ApiContext) {
  const bySource = new Map<string, number>();
  const byInsight = new Map<Insight, number>();
  let after: string | null = null;
  for (;;) {
    const page = await storeOf(context).listNodes({ kind: 'ApiEndpoint', first: ENDPOINT_SCAN_PAGE, after });
    for (const node of page.items) {
      const source = text(node.properties['endpointSource']) ?? NO_SOURCE;
      bySource.set(source, (bySource.get(source) ?? 0) + 1);
      for (const insight of insightsOf(node)) byInsight.set(insight, (byInsight.get(insight) ?? 0) + 1);
    }
    if (!page.hasNextPage) break;
    after = page.endCursor;
  }
  return endpointTally(bySource, byInsight);
}

/**
 * The same tallies from counts the store keeps, when it keeps them (the memory store: its indexes), so the first
 * inventory after an analysis reads no endpoint; otherwise one pass over them. An endpoint without a source
 * counts as `unknown`, as in the pass.
 */
async function tallyEndpoints(context: ApiContext) {
  const store = storeOf(context);
  const [sources, insights] = await Promise.all([
    store.countNodesByValue?.('ApiEndpoint', 'endpointSource'),
    store.countNodesByValue?.('ApiEndpoint', 'insights'),
  ]);
  if (!sources || !insights) return scanEndpoints(context);
  const bySource = new Map(Object.entries(sources).map(([source, count]) => [source, count ?? 0]));
  const withSource = [...bySource.values()].reduce((sum, n) => sum + n, 0);
  const without = ((await context.loaders.counts()).ApiEndpoint ?? 0) - withSource;
  if (without > 0) bySource.set(NO_SOURCE, (bySource.get(NO_SOURCE) ?? 0) + without);
  return endpointTally(bySource, new Map(Object.entries(insights).map(([insight, count]) => [insight, count ?? 0])));
}

/** The Inventory type's fields, each counted only when the query selects it. */
export type InventoryCounts = ReturnType<typeof inventory>;

function inventory(_: unknown, __: unknown, context: ApiContext) {
  let tally: ReturnType<typeof tallyEndpoints> | undefined;
  // One pass over every endpoint per analysis, not per request: the dashboard asks for it on every visit.
  const counts = () => context.loaders.counts();
  return {
    nodesByKind: async () => Object.entries(await counts()).map(([kind, count]) => ({ kind: kind as NodeKind, count })),
    edgesByKind: async () => {
      const edges = await storeOf(context).countEdgesByKind();
      return EDGE_KINDS.filter((k) => edges[k]).map((kind) => ({ kind, count: edges[kind] ?? 0 }));
    },
    endpoints: async () => (await counts()).ApiEndpoint ?? 0,
    attackPaths: async () => (await counts()).AttackPath ?? 0,
    attackPathsByRiskLevel: () =>
      context.services.analysis.remember('attackPathsByRiskLevel', () => countPathsByRiskLevel(context)),
    findings: async () => (await counts()).Finding ?? 0,
    endpointsBySource: async () => (await (tally ??= context.services.analysis.remember('endpointTally', () => tallyEndpoints(context)))).bySource,
    endpointsByInsight: async () => (await (tally ??= context.services.analysis.remember('endpointTally', () => tallyEndpoints(context)))).byInsight,
  };
}

type InventoryField = keyof InventoryCounts;
const INVENTORY_FIELDS = [
  'nodesByKind',
  'edgesByKind',
  'endpoints',
  'endpointsBySource',
  'endpointsByInsight',
  'attackPaths',
  'attackPathsByRiskLevel',
  'findings',
] as const satisfies readonly InventoryField[];
// Every field of the inventory is listed: a count added to it without a resolver fails to compile here.
const everyInventoryField: Record<Exclude<InventoryField, (typeof INVENTORY_FIELDS)[number]>, never> = {};
void everyInventoryField;

/**
 * Each Inventory field calls its count, as graphql-js's default resolver would: the compiled executor reads plain
 * properties only, so the lazy counts need resolvers of their own.
 */
const inventoryFields = Object.fromEntries(
  INVENTORY_FIELDS.map((field) => [field, (counts: InventoryCounts) => counts[field]()]),
) as { readonly [F in InventoryField]: (counts: InventoryCounts) => ReturnType<InventoryCounts[F]> };

/** Stored ARM ids are lower-cased; an id pasted from the portal keeps Azure's casing, so a miss is retried lower-cased. */
async function asset(_: unknown, args: { id: string }, context: ApiContext): Promise<GraphNode | null> {
  const node = await context.loaders.nodes.load(args.id);
  const lower = args.id.toLowerCase();
  return node ?? (lower !== args.id ? context.loaders.nodes.load(lower) : null);
}

export const assetQueries = { apiEndpoints, inventory, asset };

export const assetTypes = {
  Inventory: inventoryFields,
  AssetConnection: connectionFields,
  Asset: {
    name: nameOf,
    subscriptionId: (node: GraphNode) => text(node.properties['subscriptionId']),
    properties: (node: GraphNode) => node.properties,
    insights: insightsOf,
    insightEvidence: (node: GraphNode) => node.properties['insightEvidence'] ?? null,
    neighbours: async (
      node: GraphNode,
      args: { edge?: EdgeKind | null; direction: Direction; first: number },
      context: ApiContext,
    ) => {
      return context.loaders.neighbours.load({
        id: node.id,
        direction: args.direction,
        edge: args.edge ?? null,
        limit: pageSize(args.first, context),
      });
    },
  },
  Edge: {
    derived: (edge: GraphEdge) => edge.properties['derived'] === true,
    properties: (edge: GraphEdge) => edge.properties,
  },
  /** GraphQL names the directions in capitals; the port in lower case. */
  Direction: { OUT: 'out', IN: 'in', BOTH: 'both' } as const,
};
