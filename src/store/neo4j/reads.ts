/** The Neo4j store's reads: nodes by id, listings, neighbours, explorer queries, counts and the run stamps. */
import type { Node as Neo4jNode, Record as Neo4jRecord } from 'neo4j-driver';
import { StoreError } from '../../util/errors.js';
import { EDGE_KINDS, NODE_KINDS, type EdgeKind, type GraphNode, type NodeKind } from '../../model/index.js';
import type { ExplorePage, ExplorerQuery } from '../../query/index.js';
import type { ListOptions, Neighbour, NeighbourLists, NeighbourOptions, Page, ReadOptions, StoreState } from '../port.js';
import { checkListOptions, checkNeighbourOptions, encodeCursor } from '../query-options.js';
import { edgeFromRow, nodeFromNeo4j } from './codec.js';
import type { Neo4jConnection } from './connection.js';
import { countEdgesCypher, countNodesCypher, getNodesCypher } from './cypher.js';
import { compileExplorerQuery } from './explore-cypher.js';
import { NEIGHBOUR_COLUMNS, compileListQuery, compileNeighboursOfManyQuery } from './list-query.js';
import { readStateNode, withGenerationRow } from './state.js';

/** A page from rows of a keyset query that asked for one more than `first`: the extra row says a next page exists. */
function pageOf(nodes: readonly GraphNode[], first: number): Page<GraphNode> {
  const items = nodes.slice(0, first);
  const last = items.at(-1);
  return { items, endCursor: last ? encodeCursor(last.id) : null, hasNextPage: nodes.length > first };
}

/** Every kind's count in one statement, and the kinds in the order its `kind` column numbers them. */
interface CountStatement<K extends string> {
  readonly kinds: readonly K[];
  readonly cypher: string;
}

/**
 * Every kind's count in one statement, so one round trip: a branch per kind, each its own pure count (an ingested
 * kind's comes from the count store), tagged with the kind's position in `kinds`. Kinds with none are left out.
 * Counts are read on most API requests, so this is on the path of every request under load (a statement per kind
 * was a round trip per kind); the statement is built once.
 */
function countStatement<K extends string>(kinds: readonly K[], cypherOf: (kind: K) => string): CountStatement<K> {
  const cypher = kinds.map((kind, i) => `CALL { ${cypherOf(kind)} } RETURN ${i} AS kind, count`).join('\nUNION ALL\n');
  return { kinds, cypher };
}

const NODE_COUNTS = countStatement([...NODE_KINDS].sort(), countNodesCypher);
const EDGE_COUNTS = countStatement(EDGE_KINDS, countEdgesCypher);

/** Rows of one read statement, and the analysis generation they show. */
interface GenerationRead {
  readonly generation: number | null;
  readonly records: readonly Neo4jRecord[];
}

/** A wrong guess of the generation is read again this many times at most (each time with the one found). */
const GENERATION_READS = 3;

/**
 * Reads of one store: every read is one statement in an auto-commit transaction (connection.ts), its generation
 * read in the same statement (state.ts, `withGenerationRow`).
 */
export class Neo4jReader {
  /** The generation the last read found: the next read's guess. Undefined until a read has run. */
  private generation: number | null | undefined;

  constructor(private readonly connection: Neo4jConnection) {}

  /**
   * `cypher` (which reads with `$generation` and returns `columns`) with the current generation. The guess is the
   * generation the last read found, so after the first read a guess is wrong only once per new analysis; then the
   * statement runs once more with the generation found beside the wrong answer. Every record handed back was read
   * with the generation handed back, which was current during that statement: one answer never mixes two.
   */
  private async read(
    cypher: string,
    columns: readonly [string, ...string[]],
    parameters: Record<string, unknown>,
    deadline: ReadOptions['deadline'],
  ): Promise<GenerationRead> {
    const statement = withGenerationRow(cypher, columns);
    let guess = this.generation ?? null;
    for (let attempt = 1; ; attempt++) {
      const result = await this.connection.read(statement, { ...parameters, generation: guess }, deadline);
      const records = result.records.filter((r) => !Array.isArray(r.get(columns[0])));
      const stateRow = result.records.find((r) => Array.isArray(r.get(columns[0])));
      const found = ((stateRow?.get(columns[0]) as unknown[] | undefined)?.[0] as number | null | undefined) ?? null;
      this.generation = found;
      if (found === guess) return { generation: found, records };
      if (attempt >= GENERATION_READS)
        throw new StoreError(`Neo4j at ${this.connection.uri}: the current analysis changed during each of ${GENERATION_READS} reads`);
      guess = found;
    }
  }

  private async nodes(cypher: string, parameters: Record<string, unknown>, options: ReadOptions = {}): Promise<GraphNode[]> {
    const { generation, records } = await this.read(cypher, ['n'], parameters, options.deadline);
    return records.map((r) => nodeFromNeo4j(r.get('n') as Neo4jNode, generation));
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
    const { generation, records } = await this.read(cypher, NEIGHBOUR_COLUMNS, parameters, undefined);
    for (const r of records) {
      const edge = edgeFromRow(r.get('type') as EdgeKind, r.get('from') as string, r.get('fromLabels') as string[], r.get('to') as string, r.get('toLabels') as string[], r.get('properties') as Record<string, unknown>);
      lists.get(r.get('id') as string)?.push({ edge, node: nodeFromNeo4j(r.get('other') as Neo4jNode, generation) });
    }
    return lists;
  }

  countNodesByKind(): Promise<Partial<Record<NodeKind, number>>> {
    return this.countByKind(NODE_COUNTS);
  }

  countEdgesByKind(): Promise<Partial<Record<EdgeKind, number>>> {
    return this.countByKind(EDGE_COUNTS);
  }

  private async countByKind<K extends string>({ kinds, cypher }: CountStatement<K>): Promise<Partial<Record<K, number>>> {
    const { records } = await this.read(cypher, ['kind', 'count'], {}, undefined);
    const counts: Partial<Record<K, number>> = {};
    for (const record of records) {
      const count = record.get('count') as number;
      if (count) counts[kinds[record.get('kind') as number]!] = count;
    }
    // The same key order as a statement per kind gave: the kinds' own order.
    return Object.fromEntries(kinds.filter((k) => counts[k] !== undefined).map((k) => [k, counts[k]])) as Partial<Record<K, number>>;
  }

  readState(): Promise<StoreState> {
    return readStateNode((cypher) => this.connection.read(cypher, {}));
  }
}
