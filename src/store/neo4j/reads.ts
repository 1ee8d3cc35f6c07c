/** The Neo4j store's reads: nodes by id, listings, neighbours, explorer queries, counts and the run stamps. */
import type { Node as Neo4jNode } from 'neo4j-driver';
import { EDGE_KINDS, NODE_KINDS, type EdgeKind, type GraphNode, type NodeKind } from '../../model/index.js';
import type { ExplorePage, ExplorerQuery } from '../../query/index.js';
import type { ListOptions, Neighbour, NeighbourLists, NeighbourOptions, Page, ReadOptions, StoreState } from '../port.js';
import { checkListOptions, checkNeighbourOptions, encodeCursor } from '../query-options.js';
import { edgeFromRow, nodeFromNeo4j } from './codec.js';
import type { Neo4jConnection } from './connection.js';
import { countEdgesCypher, countNodesCypher, getNodesCypher } from './cypher.js';
import { compileExplorerQuery } from './explore-cypher.js';
import { compileListQuery, compileNeighboursOfManyQuery } from './list-query.js';
import { currentGeneration, readStateNode } from './state.js';

/** A page from rows of a keyset query that asked for one more than `first`: the extra row says a next page exists. */
function pageOf(nodes: readonly GraphNode[], first: number): Page<GraphNode> {
  const items = nodes.slice(0, first);
  const last = items.at(-1);
  return { items, endCursor: last ? encodeCursor(last.id) : null, hasNextPage: nodes.length > first };
}

/** Reads of one store: every transaction runs through the connection's one wrapper. */
export class Neo4jReader {
  constructor(private readonly connection: Neo4jConnection) {}

  private async nodes(cypher: string, parameters: Record<string, unknown>, options: ReadOptions = {}): Promise<GraphNode[]> {
    const { generation, result } = await this.connection.transaction(
      'READ',
      async (tx) => {
        const generation = await currentGeneration(tx);
        return { generation, result: await tx.run(cypher, { ...parameters, generation }) };
      },
      options.deadline,
    );
    return result.records.map((r) => nodeFromNeo4j(r.get('n') as Neo4jNode, generation));
  }

  getNodes(ids: readonly string[]): Promise<readonly GraphNode[]> {
    return this.nodes(getNodesCypher(), { ids: [...new Set(ids)] });
  }

  async listNodes(options: ListOptions): Promise<Page<GraphNode>> {
    const { first, after } = checkListOptions(options);
    const { cypher, parameters } = compileListQuery(options, after, first + 1);
    return pageOf(await this.nodes(cypher, parameters, options), first);
  }

  async explore(query: ExplorerQuery, page: ExplorePage, options?: ReadOptions): Promise<Page<GraphNode>> {
    const { cypher, parameters, first } = compileExplorerQuery(query, page);
    return pageOf(await this.nodes(cypher, parameters, options), first);
  }

  async neighboursOfMany(ids: readonly string[], options: NeighbourOptions): Promise<NeighbourLists> {
    checkNeighbourOptions(ids, options);
    const lists = new Map<string, Neighbour[]>(ids.map((id) => [id, []]));
    // No edge kind asked for: nothing can match (an empty relationship-type list would mean "any" in Cypher).
    if (lists.size === 0 || options.edgeKinds?.length === 0) return lists;
    const { cypher, parameters } = compileNeighboursOfManyQuery([...lists.keys()], options);
    const { generation, result } = await this.connection.transaction('READ', async (tx) => {
      const generation = await currentGeneration(tx);
      return { generation, result: await tx.run(cypher, { ...parameters, generation }) };
    });
    for (const r of result.records) {
      const edge = edgeFromRow(r.get('type') as EdgeKind, r.get('from') as string, r.get('fromLabels') as string[], r.get('to') as string, r.get('toLabels') as string[], r.get('properties') as Record<string, unknown>);
      lists.get(r.get('id') as string)?.push({ edge, node: nodeFromNeo4j(r.get('other') as Neo4jNode, generation) });
    }
    return lists;
  }

  countNodesByKind(): Promise<Partial<Record<NodeKind, number>>> {
    return this.countByKind([...NODE_KINDS].sort(), countNodesCypher);
  }

  countEdgesByKind(): Promise<Partial<Record<EdgeKind, number>>> {
    return this.countByKind(EDGE_KINDS, countEdgesCypher);
  }

  /**
   * Every kind's count in one statement, so one round trip after the generation's: a branch per kind, each its own
   * pure count (an ingested kind's comes from the count store), tagged with the kind's position in `kinds`. Kinds
   * with none are left out. Counts are read on most API requests, so this is on the path of every request under
   * load; a statement per kind was a round trip per kind.
   */
  private async countByKind<K extends string>(kinds: readonly K[], cypherOf: (kind: K) => string): Promise<Partial<Record<K, number>>> {
    const cypher = kinds.map((kind, i) => `CALL { ${cypherOf(kind)} } RETURN ${i} AS kind, count`).join('\nUNION ALL\n');
    const result = await this.connection.transaction('READ', async (tx) => {
      const generation = await currentGeneration(tx);
      return tx.run(cypher, { generation });
    });
    const counts: Partial<Record<K, number>> = {};
    for (const record of result.records) {
      const count = record.get('count') as number;
      if (count) counts[kinds[record.get('kind') as number]!] = count;
    }
    // The same key order as a statement per kind gave: the kinds' own order.
    return Object.fromEntries(kinds.filter((k) => counts[k] !== undefined).map((k) => [k, counts[k]])) as Partial<Record<K, number>>;
  }

  readState(): Promise<StoreState> {
    return this.connection.transaction('READ', readStateNode);
  }
}
