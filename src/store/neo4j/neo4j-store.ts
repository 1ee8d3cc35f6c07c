import neo4j from 'neo4j-driver';
import type { GraphEdge, GraphNode, NodeKind, EdgeKind } from '../../model/index.js';
import type { ExplorePage, ExplorerQuery } from '../../query/index.js';
import { NoDataError, StoreError } from '../../util/errors.js';
import type {
  AnalysisResult,
  CleanupReport,
  GraphChunk,
  GraphScope,
  GraphStore,
  ListOptions,
  Neighbour,
  NeighbourLists,
  NeighbourOptions,
  Page,
  ReadOptions,
  RunContext,
  StoreState,
  UpsertReport,
} from '../port.js';
import { Neo4jConnection } from './connection.js';
import { Neo4jReader } from './reads.js';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry.js';
import { constraintStatements, indexStatements, retiredConstraintStatements } from './schema.js';
import { streamGraph } from './stream.js';
import { assertSupportedVersion, UnsupportedNeo4jVersionError } from './version.js';
import { Neo4jWriter } from './writes.js';

export { kindFromLabels, nodeFromNeo4j } from './codec.js';

export interface Neo4jSettings {
  /** bolt://, neo4j:// (routing: clusters, Aura) or their +s/+ssc variants. */
  readonly uri: string;
  readonly user?: string | undefined;
  readonly password?: string | undefined;
  readonly database?: string | undefined;
  /** Rows per UNWIND batch (default 5,000). */
  readonly batchSize?: number;
  /** Rows per cleanup DELETE batch (default 10,000). */
  readonly deleteBatchSize?: number;
  readonly retry?: RetryPolicy;
}

/**
 * The production store: Neo4j through neo4j-driver, batched UNWIND … MERGE writes (writes.ts), reads (reads.ts) and
 * the graph stream for analysis (stream.ts), every transaction through one retried wrapper (connection.ts).
 */
export class Neo4jStore implements GraphStore {
  readonly name = 'neo4j' as const;
  private readonly reader: Neo4jReader;
  private readonly writer: Neo4jWriter;

  private constructor(private readonly connection: Neo4jConnection, settings: Neo4jSettings) {
    this.reader = new Neo4jReader(connection);
    this.writer = new Neo4jWriter(connection, {
      batchSize: settings.batchSize ?? 5_000,
      deleteBatchSize: settings.deleteBatchSize ?? 10_000,
    });
  }

  static async open(settings: Neo4jSettings): Promise<Neo4jStore> {
    const auth = settings.user ? neo4j.auth.basic(settings.user, settings.password ?? '') : undefined;
    const driver = neo4j.driver(settings.uri, auth, {
      disableLosslessIntegers: true,
      userAgent: 'apiposture',
      maxTransactionRetryTime: 0,
    });
    const connection = new Neo4jConnection(driver, settings.uri, settings.database, settings.retry ?? DEFAULT_RETRY);
    try {
      await withRetry(() => driver.verifyConnectivity(settings.database ? { database: settings.database } : {}), connection.retry);
      await connection.withSession('READ', (session) => session.executeRead((tx) => assertSupportedVersion(tx, settings.uri)));
      // Schema statements cannot share a transaction with each other; each runs on its own, idempotently.
      for (const statement of [...retiredConstraintStatements(), ...constraintStatements(), ...indexStatements()]) {
        await connection.withSession('WRITE', (session) => session.run(statement));
      }
    } catch (error) {
      await driver.close();
      if (error instanceof UnsupportedNeo4jVersionError) throw error;
      if ((error as { code?: unknown }).code === 'Neo.ClientError.Database.DatabaseNotFound') {
        throw new NoDataError(
          `Neo4j at ${settings.uri} has no database ${settings.database ?? '(default)'}: nothing has been stored there; ` +
            'create it (or fix NEO4J_DATABASE), then run `apiposture scan <files> --store neo4j`',
        );
      }
      throw new StoreError(`Cannot use Neo4j at ${settings.uri}: ${(error as Error).message}`, { cause: error });
    }
    return new Neo4jStore(connection, settings);
  }

  upsertNodes(nodes: readonly GraphNode[], run: RunContext): Promise<UpsertReport> {
    return this.writer.upsertNodes(nodes, run);
  }

  upsertEdges(edges: readonly GraphEdge[], run: RunContext): Promise<UpsertReport> {
    return this.writer.upsertEdges(edges, run);
  }

  completeRun(run: RunContext, subscriptionIds: readonly string[]): Promise<CleanupReport> {
    return this.writer.completeRun(run, subscriptionIds);
  }

  replaceAnalysis(result: AnalysisResult, run: RunContext): Promise<void> {
    return this.writer.replaceAnalysis(result, run);
  }

  async getNode(id: string): Promise<GraphNode | null> {
    return (await this.reader.getNodes([id]))[0] ?? null;
  }

  getNodes(ids: readonly string[]): Promise<readonly GraphNode[]> {
    return this.reader.getNodes(ids);
  }

  listNodes(options: ListOptions): Promise<Page<GraphNode>> {
    return this.reader.listNodes(options);
  }

  async neighbours(id: string, options: NeighbourOptions): Promise<readonly Neighbour[]> {
    return (await this.reader.neighboursOfMany([id], options)).get(id) ?? [];
  }

  neighboursOfMany(ids: readonly string[], options: NeighbourOptions): Promise<NeighbourLists> {
    return this.reader.neighboursOfMany(ids, options);
  }

  explore(query: ExplorerQuery, page: ExplorePage, options?: ReadOptions): Promise<Page<GraphNode>> {
    return this.reader.explore(query, page, options);
  }

  streamGraph(chunkSize = 10_000, scope: GraphScope = 'all'): AsyncIterable<GraphChunk> {
    return streamGraph(this.connection, chunkSize, scope);
  }

  countNodesByKind(): Promise<Partial<Record<NodeKind, number>>> {
    return this.reader.countNodesByKind();
  }

  readState(): Promise<StoreState> {
    return this.reader.readState();
  }

  countEdgesByKind(): Promise<Partial<Record<EdgeKind, number>>> {
    return this.reader.countEdgesByKind();
  }

  async close(): Promise<void> {
    await this.connection.driver.close();
  }
}
